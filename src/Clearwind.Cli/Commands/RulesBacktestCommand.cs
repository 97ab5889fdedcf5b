using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clearwind.Cli.Presentation;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Scanning;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind rules backtest POLICY --history EVENTS… [--baseline POLICY] [--out DIR] [--json]</c>: what a changed
/// policy would have decided on history, side by side with the current one. Everything runs in memory.
/// </summary>
internal static class RulesBacktestCommand
{
    /// <summary>The machine-readable comparison written into <c>--out</c>.</summary>
    public const string ReportFile = "backtest.json";

    /// <summary>How the built-in default policy is named in the output.</summary>
    public const string BuiltInName = "built-in default";

    private const int RowsShown = 25;

    public static Command Create()
    {
        var policy = new Argument<string>("policy") { Description = "The candidate policy file" };
        var history = new Option<string[]>("--history")
        {
            Description = "NDJSON event files (.gz too) to replay",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var baseline = new Option<string?>("--baseline") { Description = "The policy to compare with (default: the built-in default)" };
        var output = new Option<string?>("--out", "-o") { Description = $"Folder to write {ReportFile} into" };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON instead of tables" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };
        var threads = new Option<int?>("--threads") { Description = "Detectors running side by side (default: the processor count)" };
        var command = new Command("backtest", "What a changed policy would have decided on history, side by side with the current one")
        {
            policy, history, baseline, output, json, quiet, threads,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(policy)!, parse.GetValue(history)!, parse.GetValue(baseline), parse.GetValue(output),
            parse.GetValue(json), parse.GetValue(quiet), parse.GetValue(threads) ?? Environment.ProcessorCount, ct));
        return command;
    }

    public static async Task<int> RunAsync(string candidatePath, IReadOnlyList<string> history, string? baselinePath, string? outDirectory,
        bool json, bool quiet, int threads, CancellationToken cancellationToken)
    {
        var error = Consoles.Error;
        EnforcementPolicy candidate;
        EnforcementPolicy baseline;
        try
        {
            candidate = Load(candidatePath, "candidate policy");
            baseline = baselinePath is null ? DetectorCatalog.DefaultPolicy() : Load(baselinePath, "baseline policy");
        }
        catch (PolicyException ex)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }

        var missing = history.Where(p => !File.Exists(p)).ToList();
        foreach (var path in missing)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {path}: no such file");
        }

        if (missing.Count > 0)
        {
            return ExitCodes.Usage;
        }

        BacktestResult result;
        try
        {
            result = await Backtest.RunAsync(
                baseline, candidate, DetectorCatalog.BuiltIn,
                () => [.. history.Select(p => new NdjsonInput(p))],
                (job, inputs, ct) => ScanProgressDisplay.RunAsync(job, inputs, quiet || json, ct),
                Math.Max(1, threads), cancellationToken);
        }
        catch (PolicyException ex)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }

        if (!result.Scan.ReadAnything)
        {
            error.MarkupLineInterpolated($"[red]error:[/] no usable event in the history ({result.Scan.BadLines} malformed lines)");
            return ExitCodes.Usage;
        }

        foreach (var problem in result.Scan.Problems.Take(5))
        {
            error.MarkupLineInterpolated($"[yellow]skipped[/] {problem.ToString()}");
        }

        var report = result.ToJson(baselinePath ?? BuiltInName, candidatePath);
        if (outDirectory is not null)
        {
            Directory.CreateDirectory(outDirectory);
            File.WriteAllText(Path.Combine(outDirectory, ReportFile), Text(report));
        }

        if (json)
        {
            Console.Out.Write(Text(report));
        }
        else
        {
            Render(Consoles.Out, result, baselinePath ?? BuiltInName, candidatePath, outDirectory);
        }

        return ExitCodes.Ok;
    }

    private static EnforcementPolicy Load(string path, string what)
    {
        try
        {
            var policy = EnforcementPolicy.Load(path);
            _ = policy.BuildPipeline(DetectorCatalog.BuiltIn); // Options are checked when bound: refuse a bad one before reading anything.
            return policy;
        }
        catch (PolicyException ex)
        {
            throw new PolicyException($"{what} {path}: {ex.Message}", ex);
        }
    }

    private static void Render(IAnsiConsole console, BacktestResult result, string baselineName, string candidateName, string? outDirectory)
    {
        console.MarkupLineInterpolated($"[bold]Backtest[/] of [bold]{candidateName}[/] against [bold]{baselineName}[/] on {N(result.Scan.EventsRead)} events");
        console.MarkupLine(result.DetectionRuns == 1
            ? "Detection ran [green]once[/]: the policies run the same detectors with the same options, so the candidate only re-decided the same findings."
            : "Detection ran twice: the policies differ in which detectors run or in their options.");

        var counts = new Table().Border(TableBorder.Rounded).Title("[bold]Side by side[/]");
        counts.AddColumns("", "baseline", "candidate", "difference");
        Section(counts, "findings by pattern", result.FindingsByPattern);
        Section(counts, "decisions by action", result.DecisionsByAction);
        Section(counts, "entities", result.Entities);
        console.Write(counts);

        Entities(console, "Newly penalised", "baseline gives", result.NewlyPenalised);
        Entities(console, "Newly cleared", "candidate gives", result.NewlyCleared);
        console.MarkupLineInterpolated($"Findings only under the candidate: {result.NewlyFlagged.Count}; only under the baseline: {result.NoLongerFlagged.Count}.");
        if (outDirectory is not null)
        {
            console.MarkupLineInterpolated($"Everything, every entity listed: {Path.Combine(outDirectory, ReportFile)}");
        }
    }

    private static void Section(Table table, string title, IReadOnlyList<BacktestCount> rows)
    {
        table.AddRow($"[bold]{Markup.Escape(title)}[/]", "", "", "");
        if (rows.Count == 0)
        {
            table.AddRow("  [grey](none)[/]", "", "", "");
        }

        foreach (var row in rows)
        {
            var diff = row.Difference switch
            {
                > 0 => $"[red]+{N(row.Difference)}[/]",
                < 0 => $"[green]{N(row.Difference)}[/]",
                _ => "[grey]0[/]",
            };
            table.AddRow("  " + Markup.Escape(row.Key), N(row.Baseline), N(row.Candidate), diff);
        }
    }

    private static void Entities(IAnsiConsole console, string title, string otherHeader, IReadOnlyList<BacktestEntity> rows)
    {
        if (rows.Count == 0)
        {
            console.MarkupLineInterpolated($"{title}: none.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{title}[/] ({N(rows.Count)})");
        table.AddColumns("entity", "action", "rule", "score", otherHeader);
        foreach (var row in rows.Take(RowsShown))
        {
            table.AddRow(
                Markup.Escape($"{row.Entity.Type} {row.Entity.Id}"),
                row.Action,
                Markup.Escape(row.Rule),
                row.Score.ToString("0.###", CultureInfo.InvariantCulture),
                row.Other.Count == 0 ? "[grey]nothing[/]" : string.Join(", ", row.Other));
        }

        if (rows.Count > RowsShown)
        {
            table.Caption($"… and {N(rows.Count - RowsShown)} more (all in --json / --out)");
        }

        console.Write(table);
    }

    private static string Text(JsonObject node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
