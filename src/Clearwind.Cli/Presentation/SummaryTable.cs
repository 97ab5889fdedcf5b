using System.Globalization;
using Clearwind.Output;
using Clearwind.Scanning;
using Spectre.Console;

namespace Clearwind.Cli.Presentation;

/// <summary>The readable table that ends a scan.</summary>
internal static class SummaryTable
{
    public static void Render(IAnsiConsole console, ScanResult result, string outDirectory)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Clearwind scan[/]");
        table.AddColumn("");
        table.AddColumn(new TableColumn("count").RightAligned());

        Section(table, "Events read by type", result.EventsByType);
        table.AddRow("[grey]events read[/]", N(result.EventsRead));
        table.AddRow("[grey]new / already known (repeated id)[/]", $"{N(result.NewEvents)} / {N(result.Duplicates)}");
        table.AddRow("[grey]bad lines (skipped)[/]", result.BadLines > 0 ? $"[yellow]{N(result.BadLines)}[/]" : "0");
        table.AddRow("[grey]unknown types (skipped)[/]", N(result.UnknownTypes.Values.Sum()));
        table.AddRow("[grey]events in store / replayed[/]", $"{N(result.StoredEvents)} / {N(result.ProcessedEvents)}");
        Section(table, "Findings by pattern", OutputWriter.Count(result.Findings.Select(f => f.Pattern)));
        table.AddRow("[grey]findings[/]", N(result.Findings.Count));
        Section(table, "Decisions by action", OutputWriter.Count(result.Decisions.Select(d => d.Action)));
        table.AddRow("[grey]decisions (new this scan)[/]", $"{N(result.Decisions.Count)} ({N(result.NewDecisions)})");
        if (result.DetectorFaults.Count > 0)
        {
            Section(table, "[red]Detector failures[/]", result.DetectorFaults.ToDictionary(p => p.Key, p => p.Value.Count));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]time taken[/]", result.Elapsed.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture));
        table.AddRow("[bold]events/s[/]", N((long)OutputWriter.EventsPerSecond(result)));
        console.Write(table);
        console.MarkupLineInterpolated($"Outputs in [bold]{outDirectory}[/]: {OutputWriter.FindingsFile}, {OutputWriter.DecisionsFile}, {OutputWriter.SummaryFile}, {OutputWriter.ListingSignalsFile}, {OutputWriter.ShopHealthFile}, {OutputWriter.ReportFile}");
    }

    private static void Section(Table table, string title, IEnumerable<KeyValuePair<string, long>> counts)
    {
        table.AddRow($"[bold]{title}[/]", "");
        var any = false;
        foreach (var (name, count) in counts)
        {
            table.AddRow("  " + Markup.Escape(name), N(count));
            any = true;
        }

        if (!any)
        {
            table.AddRow("  [grey](none)[/]", "");
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
