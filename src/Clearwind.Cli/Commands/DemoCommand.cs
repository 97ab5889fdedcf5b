using System.CommandLine;
using Clearwind.Cli.Presentation;
using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.Simulation;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind demo</c>: simulate a marketplace (honest shops, flash sales, brushing shops), scan it on the
/// embedded SQLite store, and compare what was found with what was injected.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for the simulated events, the store and the outputs", DefaultValueFactory = _ => "demo-out" };
        var seed = new Option<int>("--seed") { Description = "Simulation seed (the same seed gives the same marketplace)", DefaultValueFactory = _ => 1 };
        var events = new Option<long>("--events") { Description = "Approximate number of events to simulate", DefaultValueFactory = _ => 200_000 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };
        var command = new Command("demo", "Simulate a marketplace and scan it on the embedded default store") { output, seed, events, quiet };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(events), parse.GetValue(quiet), ct));
        return command;
    }

    public static async Task<int> RunAsync(string outDirectory, int seed, long events, bool quiet, CancellationToken cancellationToken)
    {
        var console = Consoles.Out;
        Directory.CreateDirectory(outDirectory);
        var options = new SyntheticMarketOptions
        {
            Seed = seed,
            EventsTarget = events,
            Shops = (int)Math.Clamp(events / 1000, 50, 5000),
            Buyers = (int)Math.Clamp(events / 20, 1000, 200_000),
        };
        var eventsPath = Path.Combine(outDirectory, "events.ndjson");
        long written;
        using (var file = File.Create(eventsPath))
        {
            written = SyntheticMarket.WriteNdjson(SyntheticMarket.Generate(options), file);
        }

        console.MarkupLineInterpolated($"Simulated [bold]{written:N0}[/] events ({options.Shops:N0} shops, {options.Buyers:N0} buyers, {options.Days} days, seed {seed}) → {eventsPath}");

        // A demo starts from an empty store so that it shows the same result every time.
        var storePath = Path.Combine(outDirectory, "clearwind.db");
        foreach (var stale in new[] { storePath, storePath + "-wal", storePath + "-shm" })
        {
            File.Delete(stale);
        }

        var code = await ScanCommand.RunAsync(new ScanSettings([eventsPath], outDirectory, storePath, Quiet: quiet), cancellationToken);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        ShowAgainstTruth(console, options, outDirectory);
        return ExitCodes.Ok;
    }

    private static void ShowAgainstTruth(IAnsiConsole console, SyntheticMarketOptions options, string outDirectory)
    {
        var injected = SyntheticMarket.Truth(options).BrushingShops.ToHashSet(StringComparer.Ordinal);
        var flagged = File.ReadLines(Path.Combine(outDirectory, OutputWriter.FindingsFile))
            .Select(OutputJson.ReadFinding)
            .Where(f => f.Pattern == "order_brushing.concentration" && f.Role == EntityRole.Actor)
            .Select(f => f.Entity.Id)
            .ToHashSet(StringComparer.Ordinal);
        var caught = injected.Count(flagged.Contains);
        var honestFlagged = flagged.Count(s => !injected.Contains(s));

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]order_brushing.concentration against the simulation's truth[/]");
        table.AddColumns("brushing shops injected", "caught", "honest shops flagged");
        table.AddRow($"{injected.Count}", $"{caught}", honestFlagged == 0 ? "0" : $"[yellow]{honestFlagged}[/]");
        console.Write(table);
    }
}
