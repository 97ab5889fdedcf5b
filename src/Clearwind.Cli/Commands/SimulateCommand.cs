using System.CommandLine;
using System.Diagnostics;
using Clearwind.Cli.Presentation;
using Clearwind.Simulation;
using Clearwind.Simulation.Labels;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind simulate</c>: writes a synthetic marketplace (<c>events.ndjson</c>, SPEC §7, time-ordered) and its
/// ground truth (<c>labels.json</c>). The same seed, scale and days always give the same files.
/// </summary>
internal static class SimulateCommand
{
    public const string EventsFile = "events.ndjson";
    public const string LabelsFile = "labels.json";

    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (the same seed gives the same marketplace)", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "Size: 1 is about 800 shops, 25,000 buyers and 500,000 events a week (0.01–100)", DefaultValueFactory = _ => 1 };
        var days = new Option<int>("--days") { Description = "Days to simulate", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out", "-o") { Description = "Folder for events.ndjson and labels.json", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };
        var command = new Command("simulate", "Write a simulated marketplace (events.ndjson) and its ground truth (labels.json)") { seed, scale, days, output, quiet };
        command.SetAction((parse, ct) => Task.FromResult(Run(parse.GetValue(seed), parse.GetValue(scale), parse.GetValue(days), parse.GetValue(output)!, parse.GetValue(quiet), ct)));
        return command;
    }

    public static int Run(int seed, double scale, int days, string outDirectory, bool quiet, CancellationToken cancellationToken)
    {
        if (Options(seed, scale, days) is not { } options)
        {
            return ExitCodes.Usage;
        }

        var (simulation, written, elapsed) = Write(options, outDirectory, quiet, cancellationToken);
        Show(Consoles.Out, options, simulation.Labels, written, elapsed, outDirectory);
        return ExitCodes.Ok;
    }

    /// <summary>The marketplace's options, or null (after saying why) when they are out of range.</summary>
    public static SyntheticMarketOptions? Options(int seed, double scale, int days)
    {
        try
        {
            var options = SyntheticMarketOptions.ForScale(scale, days, seed);
            options.Validate();
            return options;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return null;
        }
    }

    /// <summary>Writes events.ndjson and labels.json into <paramref name="outDirectory"/>.</summary>
    public static (MarketSimulation Simulation, long Events, TimeSpan Elapsed) Write(SyntheticMarketOptions options, string outDirectory, bool quiet, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        var clock = Stopwatch.StartNew();
        var simulation = new MarketSimulation(options);
        var eventsPath = Path.Combine(outDirectory, EventsFile);
        long written = 0;
        void Generate(Action<long>? progress)
        {
            // Written next to the final file and moved into place, so an interrupted run never leaves half a marketplace.
            var partial = eventsPath + ".partial";
            using (var file = File.Create(partial))
            {
                var events = simulation.Events().Select((e, i) =>
                {
                    if ((i & 0xFFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Invoke(i);
                    }

                    return e;
                });
                written = SyntheticMarket.WriteNdjson(events, file);
            }

            File.Move(partial, eventsPath, overwrite: true);
            using var labels = File.Create(Path.Combine(outDirectory, LabelsFile));
            simulation.Labels.Write(labels);
        }

        if (quiet)
        {
            Generate(null);
        }
        else
        {
            Consoles.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("simulating", maxValue: Math.Max(1, options.EventsTarget));
                    Generate(done => task.Value = Math.Min(done, options.EventsTarget));
                    task.Value = task.MaxValue;
                });
        }

        return (simulation, written, clock.Elapsed);
    }

    private static void Show(IAnsiConsole console, SyntheticMarketOptions options, MarketLabels labels, long written, TimeSpan elapsed, string outDirectory)
    {
        console.MarkupLineInterpolated(
            $"Simulated [bold]{written:N0}[/] events in {elapsed.TotalSeconds:N1} s: scale {options.Scale}, {options.Days} days, seed {options.Seed}, {options.Shops:N0} shops, {options.Buyers:N0} buyers.");
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]labels.json[/]");
        table.AddColumns("family", "patterns", "labelled entities");
        foreach (var family in labels.Entities.GroupBy(e => e.Family, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(family.Key), $"{family.Select(e => e.Pattern).Distinct().Count()}", $"{family.Select(e => (e.Type, e.Id)).Distinct().Count():N0}");
        }

        table.AddRow("[dim]honest look-alikes[/]", $"{labels.HardNegatives.Select(h => h.Scenario).Distinct().Count()} scenarios", $"{labels.HardNegatives.Count:N0}");
        table.AddRow("[dim]victims[/]", "", $"{labels.Victims.Count:N0}");
        table.AddRow("[dim]fake items[/]", "orders / malicious / clicks / reviews",
            $"{labels.Items.FakeOrders.Count:N0} / {labels.Items.MaliciousOrders.Count:N0} / {labels.Items.InvalidClicks.Count:N0} / {labels.Items.FakeReviews.Count:N0}");
        console.Write(table);
        console.MarkupLineInterpolated($"Wrote {Path.Combine(outDirectory, EventsFile)} and {Path.Combine(outDirectory, LabelsFile)}.");
    }
}
