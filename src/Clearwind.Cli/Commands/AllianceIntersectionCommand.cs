using System.CommandLine;
using System.Text.Json;
using Clearwind.Alliance;
using Clearwind.Cli.Presentation;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind alliance psi request|respond|finish</c>: two platforms learn which entries of their alliance files both
/// hold, and nothing about the others (<see cref="PrivateIntersection"/>). Each side works on its own exported file,
/// checked with its own key from <c>--store</c>.
/// </summary>
internal static class AllianceIntersectionCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(Func<Option<string>> storeOption)
    {
        return new Command("psi", "Private set intersection with a partner: learn the entries both platforms list, and nothing else")
        {
            Request(storeOption()), Respond(storeOption()), Finish(storeOption()),
        };
    }

    /// <summary>The items an alliance file's entries stand for: kind and hash (the same on every platform).</summary>
    private static async Task<(AlliancePayload Payload, string[] Items)> OwnEntriesAsync(string file, Storage.IClearwindStore store, CancellationToken ct)
    {
        using var key = await AllianceExchange.SigningKeyAsync(store.Metadata, null, ct);
        var payload = AllianceFile.Read(await File.ReadAllBytesAsync(file, ct), key);
        return (payload, [.. payload.Entries.Select(e => e.Kind + ":" + e.Hash)]);
    }

    private static Command Request(Option<string> store)
    {
        var file = new Argument<string>("file") { Description = "This platform's own alliance file (from alliance export)" };
        var output = new Option<string>("--out", "-o") { Description = "The request to send to the partner", Required = true };
        var secret = new Option<string>("--secret") { Description = "Where to keep this side's secret until the answer comes (never send it)", Required = true };
        var command = new Command("request", "Blind this platform's entries into a request for a partner") { file, store, output, secret };
        command.SetAction((parse, ct) => AllianceCommand.WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            var (_, items) = await OwnEntriesAsync(parse.GetValue(file)!, s, ct);
            using var party = PrivateIntersection.Create();
            var request = party.Blind(items, out _);
            await using (var stream = File.Create(parse.GetValue(output)!))
            {
                IntersectionFile.WriteRequest(stream, request);
            }

            await WriteSecretAsync(parse.GetValue(secret)!, party.ExportSecret(), ct);
            Consoles.Out.MarkupLineInterpolated($"request of {request.Length} blinded entries written to {parse.GetValue(output)}; keep {parse.GetValue(secret)} until the answer comes");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Respond(Option<string> store)
    {
        var request = new Argument<string>("request") { Description = "The partner's request" };
        var file = new Argument<string>("file") { Description = "This platform's own alliance file" };
        var output = new Option<string>("--out", "-o") { Description = "The answer to send back", Required = true };
        var command = new Command("respond", "Answer a partner's request (this side learns only how many entries it held)") { request, file, store, output };
        command.SetAction((parse, ct) => AllianceCommand.WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            var (_, items) = await OwnEntriesAsync(parse.GetValue(file)!, s, ct);
            byte[][] theirs;
            await using (var input = File.OpenRead(parse.GetValue(request)!))
            {
                theirs = IntersectionFile.ReadRequest(input);
            }

            using var party = PrivateIntersection.Create(); // a secret used once and forgotten
            var (twice, once) = party.Respond(theirs, items);
            await using (var stream = File.Create(parse.GetValue(output)!))
            {
                IntersectionFile.WriteResponse(stream, twice, once);
            }

            Consoles.Out.MarkupLineInterpolated($"answered {theirs.Length} entries with {once.Length} of ours, blinded, in {parse.GetValue(output)}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Finish(Option<string> store)
    {
        var response = new Argument<string>("response") { Description = "The partner's answer" };
        var file = new Argument<string>("file") { Description = "This platform's own alliance file (the one the request was made from)" };
        var request = new Option<string>("--request") { Description = "The request this side sent", Required = true };
        var secret = new Option<string>("--secret") { Description = "The secret kept when the request was made", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "The common entries (this platform's own, as in its file), JSON", Required = true };
        var command = new Command("finish", "Find the entries both platforms list") { response, file, store, request, secret, output };
        command.SetAction((parse, ct) => AllianceCommand.WithStoreAsync(parse.GetValue(store)!, async s =>
        {
            var (payload, items) = await OwnEntriesAsync(parse.GetValue(file)!, s, ct);
            using var party = PrivateIntersection.FromSecret(Convert.FromHexString((await File.ReadAllTextAsync(parse.GetValue(secret)!, ct)).Trim()));
            var mine = party.Blind(items, out var itemOf);
            byte[][] sent;
            await using (var input = File.OpenRead(parse.GetValue(request)!))
            {
                sent = IntersectionFile.ReadRequest(input);
            }

            if (mine.Length != sent.Length || !mine.Zip(sent).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
            {
                Consoles.Error.MarkupLine("[red]error:[/] the request was not made from this file with this secret");
                return ExitCodes.Usage;
            }

            (byte[][] TheirsTwice, byte[][] MineOnce) answer;
            await using (var input = File.OpenRead(parse.GetValue(response)!))
            {
                answer = IntersectionFile.ReadResponse(input);
            }

            var common = party.Finish(sent, itemOf, answer.TheirsTwice, answer.MineOnce).ToHashSet(StringComparer.Ordinal);
            var entries = payload.Entries.Where(e => common.Contains(e.Kind + ":" + e.Hash)).ToList();
            await File.WriteAllTextAsync(parse.GetValue(output)!, JsonSerializer.Serialize(entries, Json), ct);
            Consoles.Out.MarkupLineInterpolated($"{entries.Count} of our {items.Length} entries are on the partner's list too ({answer.MineOnce.Length} entries there); written to {parse.GetValue(output)}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task WriteSecretAsync(string path, byte[] secret, CancellationToken ct)
    {
        await File.WriteAllTextAsync(path, Convert.ToHexStringLower(secret) + "\n", ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
