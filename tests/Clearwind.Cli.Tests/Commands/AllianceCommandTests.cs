using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearwind.Alliance;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Clearwind.Events;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Cli.Tests.Commands;

/// <summary>
/// The alliance end to end: a simulated marketplace scanned with the alliance key, its confirmed actors exported as a
/// signed file, and that file imported by a partner — with no raw identifier anywhere in the file.
/// </summary>
[Collection(CliTests.Name)]
public sealed partial class AllianceCommandTests : IDisposable
{
    private const string AllianceKey = "the alliance's shared key, 2016";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static Task<int> Alliance(params string[] args) => AllianceCommand.Create().Parse(args).InvokeAsync();

    [GeneratedRegex("^a1:[0-9a-f]{64}$")]
    private static partial Regex AllianceHash();

    private async Task<(string Store, string Events)> ScannedMarketAsync()
    {
        Assert.Equal(0, SimulateCommand.Run(seed: 3, scale: 0.1, days: 2, _cli.PathOf("sim"), quiet: true, CancellationToken.None));
        var events = _cli.PathOf("sim", "events.ndjson");
        var store = _cli.PathOf("a.db");
        Assert.Equal(0, await _cli.ScanAsync(new ScanSettings([events], _cli.PathOf("out"), Store: store, Quiet: true, AllianceKey: AllianceKey)));
        return (store, events);
    }

    [Fact]
    public async Task Export_ListsConfirmedActorsOnly_AsAllianceHashes_WithNoRawIdentifier()
    {
        var (store, events) = await ScannedMarketAsync();
        var file = _cli.PathOf("a.alliance.json");

        Assert.Equal(0, await Alliance("export", "--store", store, "--out", file, "--source", "platform-a", "--alliance-key", AllianceKey));

        var text = File.ReadAllText(file);
        var entries = JsonDocument.Parse(text).RootElement.GetProperty("payload").GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Matches(AllianceHash(), e.GetProperty("hash").GetString()!));
        Assert.All(entries, e => Assert.Equal("platform-a", e.GetProperty("source").GetString()));
        foreach (var raw in RawIdentifiers(events))
        {
            Assert.DoesNotContain(raw, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("h1:", text, StringComparison.Ordinal); // nor the platform's own keyed values

        // The account entries are exactly the accounts a standing throttle, closure or search block names: not the
        // accounts only sent to review, never a victim. Hashes are HMAC-SHA-256 under the alliance key of "account:" + id.
        var decisions = File.ReadLines(_cli.PathOf("out", "decisions.ndjson")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var confirming = new[] { "throttle", "close", "block_search", "delist", "demote" };
        var confirmed = decisions
            .Where(d => d.GetProperty("entity").GetProperty("type").GetString() == "account" && confirming.Contains(d.GetProperty("action").GetString()))
            .Select(d => d.GetProperty("entity").GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(confirmed);
        var reviewedOnly = decisions
            .Where(d => d.GetProperty("entity").GetProperty("type").GetString() == "account" && d.GetProperty("action").GetString() == "review")
            .Select(d => d.GetProperty("entity").GetProperty("id").GetString()!).Where(a => !confirmed.Contains(a)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(reviewedOnly);
        var listedAccounts = entries.Where(e => e.GetProperty("kind").GetString() == "account").Select(e => e.GetProperty("hash").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(confirmed.Select(AccountHash).Order(StringComparer.Ordinal), listedAccounts.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(reviewedOnly.Select(AccountHash), listedAccounts.Contains);
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() is "phone" or "device");
    }

    [Fact]
    public async Task Import_SignedFile_IsTakenIn_ATamperedOneIsRefused_AndWithdrawnEntriesStopMatching()
    {
        var (store, _) = await ScannedMarketAsync();
        var (file, key, partner) = (_cli.PathOf("a.alliance.json"), _cli.PathOf("a.pub"), _cli.PathOf("b.db"));
        Assert.Equal(0, await Alliance("export", "--store", store, "--out", file, "--source", "platform-a", "--alliance-key", AllianceKey));
        Assert.Equal(0, await Alliance("key", "--store", store, "--out", key));

        // One changed digit in one entry breaks the signature: nothing is imported.
        var bytes = File.ReadAllBytes(file);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("\"confidence\":", StringComparison.Ordinal) + "\"confidence\":".Length + 2;
        var tampered = (byte[])bytes.Clone();
        tampered[at] = (byte)(tampered[at] == (byte)'5' ? '6' : '5');
        Assert.Equal(1, await Alliance("import", _cli.WriteBytes("tampered.json", tampered), "--from-key", key, "--store", partner));
        Assert.Empty(await ImportedAsync(partner));

        // Signed by someone else: refused too.
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            Assert.Equal(1, await Alliance("import", file, "--from-key", _cli.WriteText("other.pub", other.ExportSubjectPublicKeyInfoPem()), "--store", partner));
        }

        Assert.Equal(0, await Alliance("import", file, "--from-key", key, "--store", partner));
        var imported = await ImportedAsync(partner);
        Assert.Equal(JsonDocument.Parse(bytes).RootElement.GetProperty("payload").GetProperty("entries").GetArrayLength(), imported.Count);

        // The same file again is not newer: refused.
        Assert.Equal(1, await Alliance("import", file, "--from-key", key, "--store", partner));

        var withdrawn = imported[0].Key;
        Assert.Equal(0, await Alliance("withdraw", withdrawn, "--by", "platform-a", "--reason", "decision lifted on appeal", "--store", partner));
        await using var partnerStore = await SqliteStore.OpenAsync(partner);
        var book = await AllianceBook.ReadAsync(partnerStore.Journal);
        Assert.DoesNotContain(book.Active(DateTimeOffset.UtcNow), e => e.Key == withdrawn);
        Assert.Equal(imported.Count - 1, book.Active(DateTimeOffset.UtcNow).Count);
    }

    [Fact]
    public async Task NoExportLogOutputOrStore_HoldsARawPhoneEmailIdCardOrImei()
    {
        // The simulated market with its identifiers rewritten the way real ones look: 11-digit phones, IMEIs, e-mail
        // payment accounts, and an 18-digit ID-card number in a field the engine does not know.
        Assert.Equal(0, SimulateCommand.Run(seed: 3, scale: 0.1, days: 2, _cli.PathOf("sim"), quiet: true, CancellationToken.None));
        var raw = new HashSet<string>(StringComparer.Ordinal);
        string Real(string kind, string value)
        {
            var n = (uint)value.GetHashCode(StringComparison.Ordinal) % 1_000_000_000u;
            var real = kind switch
            {
                "phone" => $"13{n:D9}",
                "device" => $"35{n:D9}1234",
                "payment_account" => $"buyer{n}@example.com",
                _ => $"11010519{n % 100_000_000:D8}{n % 100:D2}",
            };
            raw.Add(real);
            return real;
        }

        var lines = File.ReadLines(_cli.PathOf("sim", "events.ndjson")).Select(line =>
        {
            var e = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            foreach (var field in new[] { "phone", "device", "payment_account" })
            {
                if (e[field]?.GetValue<string>() is { Length: > 0 } value)
                {
                    e[field] = Real(field, value);
                }
            }

            if ((string?)e["type"] == "order.placed")
            {
                e["id_card"] = Real("id_card", (string)e["buyer"]!);
            }

            return e.ToJsonString();
        });
        var input = _cli.WriteLines("real.ndjson", lines);
        var store = _cli.PathOf("a.db");
        Assert.Equal(0, await _cli.ScanAsync(new ScanSettings([input], _cli.PathOf("out"), Store: store, Quiet: false, AllianceKey: AllianceKey)));
        Assert.Equal(0, await Alliance("export", "--store", store, "--out", _cli.PathOf("out", "a.alliance.json"), "--source", "platform-a", "--alliance-key", AllianceKey));
        Assert.Equal(0, await Alliance("list", "--store", store));
        File.Delete(input);
        Directory.Delete(_cli.PathOf("sim"), recursive: true);

        Assert.Contains(raw, r => r.Contains('@', StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(_cli.Root, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(raw, r => text.Contains(r, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(raw, r => _cli.Output.Contains(r, StringComparison.Ordinal) || _cli.Errors.Contains(r, StringComparison.Ordinal));
    }

    private static async Task<List<AllianceEntry>> ImportedAsync(string store)
    {
        await using var opened = await SqliteStore.OpenAsync(store);
        return [.. (await AllianceBook.ReadAsync(opened.Journal)).Imported];
    }

    private static string AccountHash(string account)
        => "a1:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AllianceKey), Encoding.UTF8.GetBytes("Other:account:" + account)));

    private static HashSet<string> RawIdentifiers(string events)
    {
        var raw = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(events))
        {
            string?[] values = EventParser.FromJson(Encoding.UTF8.GetBytes(line)) switch
            {
                AccountRegistered a => [a.Phone, a.Device],
                AccountLogin a => [a.Device],
                OrderPlaced o => [o.Phone, o.Address, o.Device],
                OrderPaid p => [p.PaymentAccount],
                ListingLiked l => [l.Device],
                AdClicked c => [c.Device],
                _ => [],
            };
            raw.UnionWith(values.Where(v => v is { Length: >= 6 })!);
        }

        Assert.NotEmpty(raw);
        return raw;
    }
}
