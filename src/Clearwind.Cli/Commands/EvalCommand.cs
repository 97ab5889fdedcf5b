using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Clearwind.Cli.Presentation;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Signals;
using Clearwind.Simulation.Evaluation;
using Clearwind.Simulation.Labels;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind eval</c>: scores a scan's outputs (<c>findings.ndjson</c>, <c>decisions.ndjson</c> in the scan's
/// folder) against a simulation's <c>labels.json</c>, prints the table and writes <c>eval.json</c> beside them. With the
/// events (<c>--events</c>, by default the <c>events.ndjson</c> beside the labels) it also checks
/// <c>listing_signals.csv</c>: clean sales = paid orders less the labelled fake paid ones, per listing.
/// </summary>
internal static class EvalCommand
{
    public const string ReportFile = "eval.json";

    public static Command Create()
    {
        var labels = new Option<string>("--labels", "-l") { Description = "labels.json written by `clearwind simulate`", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "The scan's output folder: findings.ndjson and decisions.ndjson are read there, eval.json is written there", Required = true };
        var events = new Option<string?>("--events", "-e") { Description = "The simulation's events.ndjson, for the clean-sales check (default: events.ndjson beside the labels, when it exists)" };
        var command = new Command("eval", "Score a scan's findings and decisions against a simulation's labels") { labels, output, events };
        command.SetAction((parse, ct) => Task.FromResult(Run(parse.GetValue(labels)!, parse.GetValue(output)!, parse.GetValue(events))));
        return command;
    }

    public static int Run(string labelsPath, string outDirectory, string? eventsPath = null)
    {
        var error = Consoles.Error;
        MarketLabels labels;
        try
        {
            using var file = File.OpenRead(labelsPath);
            labels = MarketLabels.Read(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] cannot read the labels: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (JsonException ex)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {labelsPath} is not a labels file written by `clearwind simulate` ({ex.Message})");
            return ExitCodes.Usage;
        }

        var findings = ReadLines(Path.Combine(outDirectory, OutputWriter.FindingsFile), OutputJson.ReadFinding);
        var decisions = ReadLines(Path.Combine(outDirectory, OutputWriter.DecisionsFile), OutputJson.ReadDecision);
        if (findings is null || decisions is null)
        {
            return ExitCodes.Usage;
        }

        var report = MarketEvaluation.Score(labels, findings, decisions);
        var explicitEvents = eventsPath is not null;
        eventsPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labelsPath)) ?? ".", "events.ndjson");
        var signalsPath = Path.Combine(outDirectory, OutputWriter.ListingSignalsFile);
        if (explicitEvents && !File.Exists(eventsPath))
        {
            error.MarkupLineInterpolated($"[red]error:[/] {eventsPath} does not exist");
            return ExitCodes.Usage;
        }

        if (File.Exists(eventsPath) && File.Exists(signalsPath))
        {
            List<ListingSignal> rows;
            try
            {
                using var reader = File.OpenText(signalsPath);
                rows = SignalsCsv.ReadListings(reader);
            }
            catch (FormatException ex)
            {
                error.MarkupLineInterpolated($"[red]error:[/] {signalsPath}: {ex.Message}");
                return ExitCodes.Usage;
            }

            var sales = CleanSalesCheck.Score(labels.Items.FakeOrders, ReadEvents(eventsPath), rows);
            report = report with { CleanSales = sales, CleanSalesError = sales.MeanAbsoluteError };
        }
        using (var file = File.Create(Path.Combine(outDirectory, ReportFile)))
        {
            report.Write(file);
        }

        Show(Consoles.Out, report);
        Consoles.Out.MarkupLineInterpolated($"Wrote {Path.Combine(outDirectory, ReportFile)}.");
        return ExitCodes.Ok;
    }

    /// <summary>The events of an NDJSON file that parse; the rest are skipped (the scan reported them).</summary>
    private static IEnumerable<MarketEvent> ReadEvents(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            // Only listings, placed and paid orders matter here: skip the other lines unparsed.
            if (line.Contains("\"order.p", StringComparison.Ordinal) || line.Contains("\"listing.", StringComparison.Ordinal))
            {
                if (EventParser.Parse(Encoding.UTF8.GetBytes(line)) is { Status: ParseStatus.Ok, Event: { } e })
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>Reads one output file; a line that is not a record is reported with its number and skipped.</summary>
    private static List<T>? ReadLines<T>(string path, Func<string, T> read)
    {
        if (!File.Exists(path))
        {
            Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {path} does not exist: run `clearwind scan … --out` into that folder first");
            return null;
        }

        var records = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                records.Add(read(line));
            }
            catch (JsonException)
            {
                Consoles.Error.MarkupLineInterpolated($"[yellow]warning:[/] {path}:{number}: not a valid record; skipped");
            }
        }

        return records;
    }

    /// <summary>Prints the evaluation: families with their patterns, look-alikes, victims and items.</summary>
    public static void Show(IAnsiConsole console, EvaluationReport report)
    {
        // "true": labelled in labels.json; "found": named by a finding; "hit": both.
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]detection against the labels[/]");
        table.AddColumn(new TableColumn("family / pattern").NoWrap());
        table.AddColumns("true", "found", "hit", "prec.", "recall", "F1");
        foreach (var family in report.Families)
        {
            AddRow(table, $"[bold]{Markup.Escape(family.Name)}[/]", family.Score);
            foreach (var pattern in report.Patterns.Where(p => MarketEvaluation.Family(p.Name) == family.Name))
            {
                // Under its family a pattern shows only its own name (".ring"): long ids would squeeze the figures.
                AddRow(table, "  " + Markup.Escape(pattern.Name[family.Name.Length..]), pattern.Score);
            }
        }

        AddRow(table, "[bold]all[/]", report.Overall);
        console.Write(table);

        var negatives = new Table().Border(TableBorder.Rounded).Title("[bold]honest look-alikes flagged (should be 0)[/]");
        negatives.AddColumn(new TableColumn("scenario").NoWrap());
        negatives.AddColumns("entities", "flagged");
        foreach (var h in report.HardNegatives)
        {
            negatives.AddRow(Markup.Escape(h.Scenario), $"{h.Total:N0}", h.Flagged == 0 ? "0" : $"[red]{h.Flagged:N0}[/]");
        }

        negatives.AddRow("[dim]victims penalised[/]", $"{report.Victims.Total:N0}", report.Victims.Punished == 0 ? "0" : $"[red]{report.Victims.Punished:N0}[/]");
        console.Write(negatives);

        var items = new Table().Border(TableBorder.Rounded).Title("[bold]fake items[/]");
        items.AddColumns("items", "true", "found", "hit", "prec.", "recall");
        foreach (var item in report.Items)
        {
            items.AddRow(item.Kind, $"{item.Score.Truth:N0}", $"{item.Score.Predicted:N0}", $"{item.Score.TruePositives:N0}", Ratio(item.Score.Precision), Ratio(item.Score.Recall));
        }

        console.Write(items);
        if (report.CleanSales is { } sales)
        {
            var colour = sales.Share >= 0.99 ? "green" : "red";
            console.MarkupLineInterpolated($"clean sales = raw − labelled fake paid orders for [{colour}]{sales.Share:P1}[/] of {sales.Listings:N0} listings ({sales.Matching:N0} match; issue 8 asks ≥ 99%), mean error {sales.MeanAbsoluteError:0.###}");
        }
    }

    private static void AddRow(Table table, string name, Score score)
        => table.AddRow(name, $"{score.Truth:N0}", $"{score.Predicted:N0}", $"{score.TruePositives:N0}", Ratio(score.Precision), Ratio(score.Recall), Ratio(score.F1));

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "[dim]—[/]";
}
