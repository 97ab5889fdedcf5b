using System.CommandLine;
using Clearwind.Cli.Presentation;
using Clearwind.Output;
using Clearwind.Simulation;
using Clearwind.Simulation.Evaluation;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind demo</c>: simulate a small marketplace (every pattern and honest look-alike), scan it on the embedded
/// SQLite store, and score what was found against what was injected.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for the simulated events, the store and the outputs", DefaultValueFactory = _ => "demo-out" };
        var seed = new Option<int>("--seed") { Description = "Simulation seed (the same seed gives the same marketplace)", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "Size of the marketplace (1 is about 500,000 events a week)", DefaultValueFactory = _ => 0.2 };
        var days = new Option<int>("--days") { Description = "Days to simulate", DefaultValueFactory = _ => 7 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };
        var command = new Command("demo", "Simulate a marketplace, scan it on the embedded default store and score the result") { output, seed, scale, days, quiet };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(scale), parse.GetValue(days), parse.GetValue(quiet), ct));
        return command;
    }

    public static async Task<int> RunAsync(string outDirectory, int seed, double scale, int days, bool quiet, CancellationToken cancellationToken)
    {
        var console = Consoles.Out;
        if (SimulateCommand.Options(seed, scale, days) is not { } options)
        {
            return ExitCodes.Usage;
        }

        var (simulation, written, elapsed) = SimulateCommand.Write(options, outDirectory, quiet, cancellationToken);
        var eventsPath = Path.Combine(outDirectory, SimulateCommand.EventsFile);
        console.MarkupLineInterpolated(
            $"Simulated [bold]{written:N0}[/] events in {elapsed.TotalSeconds:N1} s ({options.Shops:N0} shops, {options.Buyers:N0} buyers, {options.Days} days, seed {seed}) → {eventsPath}");

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

        var findings = File.ReadLines(Path.Combine(outDirectory, OutputWriter.FindingsFile)).Select(OutputJson.ReadFinding);
        var decisions = File.ReadLines(Path.Combine(outDirectory, OutputWriter.DecisionsFile)).Select(OutputJson.ReadDecision);
        var report = MarketEvaluation.Score(simulation.Labels, findings, decisions);
        using (var file = File.Create(Path.Combine(outDirectory, EvalCommand.ReportFile)))
        {
            report.Write(file);
        }

        EvalCommand.Show(console, report);
        console.MarkupLineInterpolated($"Outputs in {outDirectory}: {OutputWriter.FindingsFile}, {OutputWriter.DecisionsFile}, {OutputWriter.SummaryFile}, {OutputWriter.ListingSignalsFile}, {OutputWriter.ShopHealthFile}, {OutputWriter.ReportFile} (open it in a browser), {EvalCommand.ReportFile}; labels in {SimulateCommand.LabelsFile}; the store is {storePath}.");
        return ExitCodes.Ok;
    }
}
