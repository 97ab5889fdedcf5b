using System.CommandLine;
using System.Text.Json;
using Clearwind.Cli.Presentation;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Storage;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind verify [--store FILE|URI] [--out DIR]</c>: re-computes the decision log's hash chain
/// (<see cref="DecisionChain"/>) of a store (a SQLite file or a PostgreSQL database) and/or of a scan's <c>decisions.ndjson</c>. Prints OK with the
/// count and head hash, or the first broken record (its position and id) and exits with
/// <see cref="ExitCodes.ChainBroken"/>.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Store whose decision log to check: a SQLite file, or postgres://user:password@host:port/db?schema=NAME" };
        var output = new Option<string?>("--out", "-o") { Description = "A scan's output folder: its decisions.ndjson is checked" };
        var expectHead = new Option<string[]>("--expect-head")
        {
            Description = "A head hash an earlier verify printed, kept outside the store: the log must still hold it (catches a log, seal and head rewritten together). Repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("verify", "Check that the decision log is intact: re-compute its hash chain and compare its end with its seal") { store, output, expectHead };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(store), parse.GetValue(output), ct, parse.GetValue(expectHead) ?? []));
        return command;
    }

    public static async Task<int> RunAsync(string? storePath, string? outDirectory, CancellationToken cancellationToken, IReadOnlyCollection<string>? expectedHeads = null)
    {
        expectedHeads ??= [];
        var error = Consoles.Error;
        if (storePath is null && outDirectory is null)
        {
            error.MarkupLine("[red]error:[/] give --store FILE, --out DIR or both");
            return ExitCodes.Usage;
        }

        var results = new List<(string What, ChainCheck Check)>();
        if (storePath is not null)
        {
            if (!StoreLocation.IsPostgres(storePath) && !File.Exists(storePath))
            {
                error.MarkupLineInterpolated($"[red]error:[/] no store file at {storePath}");
                return ExitCodes.Usage;
            }

            var shown = StoreLocation.Describe(storePath);
            try
            {
                results.Add(($"store {shown}", await CheckStoreAsync(storePath, expectedHeads, cancellationToken)));
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException or TimeoutException or System.Data.Common.DbException)
            {
                error.MarkupLineInterpolated($"[red]error:[/] store {shown}: {ex.Message}");
                return ExitCodes.Usage;
            }
        }

        if (outDirectory is not null)
        {
            var path = Path.Combine(outDirectory, OutputWriter.DecisionsFile);
            if (!File.Exists(path))
            {
                error.MarkupLineInterpolated($"[red]error:[/] no {OutputWriter.DecisionsFile} in {outDirectory}");
                return ExitCodes.Usage;
            }

            results.Add((path, CheckFile(path, expectedHeads, cancellationToken)));
        }

        var exit = ExitCodes.Ok;
        foreach (var (what, check) in results)
        {
            if (check.Break is { } broken)
            {
                exit = ExitCodes.ChainBroken;
                error.MarkupLineInterpolated(
                    $"[red]BROKEN[/] {what}: record {broken.Position} (id {broken.Id ?? "unreadable"}): {broken.Reason}. The {check.Verified} record(s) before it check out (head {check.Head}).");
            }
            else
            {
                Consoles.Out.MarkupLineInterpolated($"[green]OK[/] {what}: {check.Verified} decision(s), chain intact, head {check.Head}");
            }
        }

        return exit;
    }

    /// <summary>
    /// Checks a store's log in log order, and its end against the store's seal (read before and after the walk, so a
    /// service appending meanwhile is no break); a row that cannot be read is the break.
    /// </summary>
    public static async Task<ChainCheck> CheckStoreAsync(string path, IReadOnlyCollection<string> expectedHeads, CancellationToken cancellationToken)
    {
        await using var store = await StoreLocation.OpenExistingAsync(path, cancellationToken);
        var audit = new DecisionLogAudit(await store.Decisions.ReadSealAsync(cancellationToken), expectedHeads);
        var head = DecisionChain.Genesis;
        long position = 0;
        await using (var log = store.Decisions.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                Decision d;
                try
                {
                    if (!await log.MoveNextAsync())
                    {
                        break;
                    }

                    d = log.Current;
                }
                catch (Exception ex) when (ex is JsonException or InvalidDataException)
                {
                    return new ChainCheck(position, head, new ChainBreak(position + 1, null, $"the row is not a decision record ({ex.Message})"));
                }

                position++;
                if (DecisionChain.Check(d, head) is { } problem)
                {
                    return new ChainCheck(position - 1, head, new ChainBreak(position, d.Id, problem));
                }

                audit.Observe(position, d);
                head = d.Hash!;
            }
        }

        var chain = new ChainCheck(position, head, null);
        return chain with { Break = audit.Finish(chain, await store.Decisions.ReadSealAsync(cancellationToken)) };
    }

    /// <summary>
    /// Checks <c>decisions.ndjson</c>: record N is line N; a blank or unreadable line is the break. Its seal is the
    /// <c>decisions</c> total and head in the <c>summary.json</c> beside it.
    /// </summary>
    public static ChainCheck CheckFile(string path, IReadOnlyCollection<string> expectedHeads, CancellationToken cancellationToken)
    {
        var seal = ReadSummarySeal(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, OutputWriter.SummaryFile));
        var audit = new DecisionLogAudit(seal, expectedHeads);
        var head = DecisionChain.Genesis;
        long position = 0;
        foreach (var line in File.ReadLines(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            position++;
            Decision d;
            try
            {
                d = OutputJson.ReadDecision(line);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException)
            {
                return new ChainCheck(position - 1, head, new ChainBreak(position, null, $"the line is not a decision record ({ex.Message})"));
            }

            if (DecisionChain.Check(d, head) is { } problem)
            {
                return new ChainCheck(position - 1, head, new ChainBreak(position, d.Id, problem));
            }

            audit.Observe(position, d);
            head = d.Hash!;
        }

        var chain = new ChainCheck(position, head, null);
        return chain with { Break = audit.Finish(chain, seal) };
    }

    /// <summary>The <c>decisions</c> total and head a scan wrote in <c>summary.json</c>; null when either is missing or unreadable.</summary>
    private static DecisionLogSeal? ReadSummarySeal(string summaryPath)
    {
        try
        {
            using var summary = JsonDocument.Parse(File.ReadAllBytes(summaryPath));
            return summary.RootElement.TryGetProperty("decisions", out var decisions)
                && decisions.TryGetProperty("total", out var total) && total.TryGetInt64(out var records)
                && decisions.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.String
                ? new DecisionLogSeal(records, head.GetString()!)
                : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
