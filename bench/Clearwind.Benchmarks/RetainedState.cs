using System.Globalization;
using Clearwind.Detection;
using Clearwind.Privacy;
using Clearwind.Simulation;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>retained [days]</c>: whether the detectors' memory stays bounded as event time goes on. The pipeline input's
/// marketplace (2,000 shops, 40,000 buyers, the same daily rate: about 36,700 events a day) runs for
/// <paramref name="days"/> days (default 90) through the default policy's pipeline, streamed from the generator (no
/// event is kept by the benchmark); every 10 days of event time the heap is collected and what is still reachable is
/// printed. The population is fixed, so once the longest window (30 days) has passed, a detector whose state expires
/// holds steady; state that grew with every event would keep growing.
/// </summary>
public static class RetainedState
{
    public static int Run(string[] args)
    {
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 90;
        var options = MarketFile.Options with { Days = days, EventsTarget = MarketFile.Options.EventsTarget * days / MarketFile.Options.Days };
        var keyer = IdentifierKeyer.FromText(new string('k', 32));
        var pipeline = DetectorCatalog.DefaultPolicy().BuildPipeline(DetectorCatalog.BuiltIn);
        var findings = 0;
        pipeline.FindingReported += _ => findings++;

        Console.WriteLine($"{days} days, about {options.EventsTarget:N0} events: {options.Shops:N0} shops, {options.Buyers:N0} buyers");
        Console.WriteLine("| day | events | retained heap | per 1,000 events so far | findings reported |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        var next = options.Start.AddDays(10);
        long events = 0;
        foreach (var e in SyntheticMarket.Generate(options))
        {
            if (e.Ts >= next)
            {
                Print((int)(next - options.Start).TotalDays, events, findings);
                next = next.AddDays(10);
            }

            pipeline.Process(keyer.Apply(e));
            events++;
        }

        Print(days, events, findings);
        GC.KeepAlive(pipeline);
        return 0;
    }

    private static void Print(int day, long events, int findings)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {day} | {events:N0} | {retained / 1e6:N0} MB | {retained / 1e3 / Math.Max(1, events / 1000.0):N1} kB | {findings:N0} |"));
    }
}
