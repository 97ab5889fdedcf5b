using System.CommandLine;
using System.Data.Common;
using System.Security.Cryptography;
using Clearwind.Alliance;
using Clearwind.Cli.Presentation;
using Clearwind.Storage;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind alliance key|export|import|withdraw|dispute|list</c>: hashed blacklists shared with partner platforms
/// (SPEC §5). Every verb works on a store (<c>--store</c>, default <c>./clearwind.db</c> like <c>serve</c>) and journals
/// what it did.
/// </summary>
internal static class AllianceCommand
{
    private const string DefaultStore = "clearwind.db";

    public static Command Create()
    {
        return new Command("alliance", "Share hashed blacklists with partner platforms: export, import, withdraw, dispute")
        {
            Key(), Export(), Import(), Withdraw(), Dispute(), List(), AllianceIntersectionCommand.Create(StoreOption),
        };
    }

    private static Option<string> StoreOption() => new("--store")
    {
        Description = "Store: a SQLite file or postgres://user:password@host:port/db?schema=NAME",
        DefaultValueFactory = _ => DefaultStore,
    };

    private static Command Key()
    {
        var store = StoreOption();
        var output = new Option<string?>("--out", "-o") { Description = "Write the public key here (default: print it)" };
        var signingKey = new Option<string?>("--signing-key") { Description = "This platform's private signing key (PEM); default: the store's, generated once" };
        var command = new Command("key", "Print this platform's public key (PEM), which partners need to import its files") { store, output, signingKey };
        command.SetAction((parse, ct) => WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            using var key = await AllianceExchange.SigningKeyAsync(s.Metadata, parse.GetValue(signingKey), ct);
            var pem = key.ExportSubjectPublicKeyInfoPem() + "\n";
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, pem, ct);
                Consoles.Out.MarkupLineInterpolated($"public key {AllianceFile.KeyId(key)} written to {path}");
            }
            else
            {
                Console.Out.Write(pem);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Export()
    {
        var store = StoreOption();
        var output = new Option<string>("--out", "-o") { Description = "File to write", Required = true };
        var source = new Option<string>("--source") { Description = "This platform's name in the alliance", Required = true };
        var allianceKey = new Option<string?>("--alliance-key") { Description = $"The alliance's shared key (default: ${AllianceHasher.KeyVariable})" };
        var signingKey = new Option<string?>("--signing-key") { Description = "Private signing key (PEM); default: the store's" };
        var expiryDays = new Option<int>("--expiry-days") { Description = "Days an entry stays valid after last seen", DefaultValueFactory = _ => 180 };
        var maxAccounts = new Option<int>("--max-accounts") { Description = "Leave out identifiers seen with more accounts than this (shared devices, family addresses)", DefaultValueFactory = _ => 3 };
        var command = new Command("export", "Write a signed file of the identifiers of actors the store's decisions confirmed")
        {
            store, output, source, allianceKey, signingKey, expiryDays, maxAccounts,
        };
        command.SetAction((parse, ct) => WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            if (AllianceHasher.FromOptionOrEnvironment(parse.GetValue(allianceKey)) is not { } hasher)
            {
                Consoles.Error.MarkupLine($"[red]error:[/] the alliance key is needed: --alliance-key or ${AllianceHasher.KeyVariable}");
                return ExitCodes.Usage;
            }

            using var key = await AllianceExchange.SigningKeyAsync(s.Metadata, parse.GetValue(signingKey), ct);
            var options = new AllianceExportOptions { Source = parse.GetValue(source)!, ExpiryDays = parse.GetValue(expiryDays), MaxAccountsPerIdentifier = parse.GetValue(maxAccounts) };
            var result = await AllianceExport.ExportAsync(s, hasher, key, options, TimeProvider.System.GetUtcNow(), ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!, result.File, ct);
            Consoles.Out.MarkupLineInterpolated(
                $"{result.Entries} entries from {result.Accounts} confirmed accounts, {result.Withdrawn} withdrawn, written to {parse.GetValue(output)} (signed by key {AllianceFile.KeyId(key)})");
            if (result.SharedLeftOut + result.UnlinkedLeftOut > 0)
            {
                Consoles.Out.MarkupLineInterpolated(
                    $"left out: {result.SharedLeftOut} identifiers shared by more than {options.MaxAccountsPerIdentifier} accounts, {result.UnlinkedLeftOut} keyed before the alliance key was given to scan");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Import()
    {
        var store = StoreOption();
        var file = new Argument<string>("file") { Description = "A partner's alliance file" };
        var fromKey = new Option<string>("--from-key") { Description = "The partner's public key (PEM file)", Required = true };
        var command = new Command("import", "Import a partner's signed file: its entries become risk signals here, never bans") { file, store, fromKey };
        command.SetAction((parse, ct) => WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            using var key = AllianceExchange.PublicKeyFromPem(await File.ReadAllTextAsync(parse.GetValue(fromKey)!, ct));
            try
            {
                var result = await AllianceExchange.ImportAsync(s, await File.ReadAllBytesAsync(parse.GetValue(file)!, ct), key, TimeProvider.System.GetUtcNow(), ct);
                Consoles.Out.MarkupLineInterpolated(
                    $"imported {result.Entries} entries from {result.Source} ({result.Matchable} can match here, {result.Expired} already expired), {result.Withdrawn} withdrawals");
                return ExitCodes.Ok;
            }
            catch (AllianceFileException ex)
            {
                Consoles.Error.MarkupLineInterpolated($"[red]refused:[/] {parse.GetValue(file)}: {ex.Message}. Nothing was imported.");
                return ExitCodes.Failure;
            }
        }, ct));
        return command;
    }

    private static Command Withdraw()
    {
        var store = StoreOption();
        var keys = new Argument<string[]>("keys") { Description = "Entry keys (source/kind/hash)", Arity = ArgumentArity.OneOrMore };
        var by = new Option<string>("--by") { Description = "Who withdraws", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var command = new Command("withdraw", "Withdraw entries: they stop matching, and this platform's next export lists its own as withdrawn") { keys, store, by, reason };
        command.SetAction((parse, ct) => WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            await AllianceExchange.WithdrawAsync(s, parse.GetValue(keys)!, parse.GetValue(by)!, parse.GetValue(reason)!, TimeProvider.System.GetUtcNow(), ct);
            Consoles.Out.MarkupLineInterpolated($"{parse.GetValue(keys)!.Length} entries withdrawn");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Dispute()
    {
        var store = StoreOption();
        var entry = new Argument<string>("key") { Description = "Entry key (source/kind/hash)" };
        var by = new Option<string>("--by") { Description = "Who disputes (or who settles)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var status = new Option<DisputeStatus>("--status") { Description = "open (a new dispute), upheld (the entry stops matching here) or rejected", DefaultValueFactory = _ => DisputeStatus.Open };
        var command = new Command("dispute", "Dispute an entry, or settle a dispute") { entry, store, by, reason, status };
        command.SetAction((parse, ct) => WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            var dispute = new DisputeRecord(parse.GetValue(entry)!, parse.GetValue(by)!, parse.GetValue(reason)!, parse.GetValue(status));
            try
            {
                await AllianceExchange.DisputeAsync(s, dispute, TimeProvider.System.GetUtcNow(), ct);
            }
            catch (ArgumentException ex)
            {
                Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return ExitCodes.Usage;
            }

            Consoles.Out.MarkupLineInterpolated($"dispute of {dispute.Key}: {dispute.Status.ToString().ToLowerInvariant()}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var store = StoreOption();
        var command = new Command("list", "Imported entries by source and kind: how many match now, and how many were withdrawn, disputed or expired") { store };
        command.SetAction((parse, ct) => WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            var book = await AllianceBook.ReadAsync(s.Journal, ct);
            var now = TimeProvider.System.GetUtcNow();
            var active = book.Active(now).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var table = new Table().AddColumns("source", "kind", "entries", "active", "withdrawn", "disputed", "expired");
            foreach (var group in book.Imported.GroupBy(e => (e.Source, e.Kind)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
            {
                table.AddRow(
                    Markup.Escape(group.Key.Source), group.Key.Kind, $"{group.Count()}", $"{group.Count(e => active.Contains(e.Key))}",
                    $"{group.Count(e => book.Withdrawn.Contains(e.Key))}", $"{group.Count(e => book.Disputes.ContainsKey(e.Key))}", $"{group.Count(e => e.ExpiresAt <= now)}");
            }

            Consoles.Out.Write(table);
            Consoles.Out.MarkupLineInterpolated($"{book.Links.Count} identifiers linked to alliance hashes; {book.Exports.Count} exports");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static async Task<int> WithStoreAsync(string location, Func<IClearwindStore, Task<int>> action, CancellationToken cancellationToken)
    {
        IClearwindStore store;
        try
        {
            store = await Engine.OpenStoreAsync(location, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException or TimeoutException)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]error:[/] store {StoreLocation.Describe(location)}: {ex.Message}");
            return ExitCodes.Usage;
        }

        await using (store)
        {
            try
            {
                return await action(store);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or AllianceFileException)
            {
                Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return ExitCodes.Usage;
            }
        }
    }
}
