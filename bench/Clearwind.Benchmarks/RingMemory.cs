using System.Diagnostics;
using System.Globalization;
using Clearwind.Events;
using Clearwind.OrderBrushing;

namespace Clearwind.Benchmarks;

/// <summary>
/// Two console modes for <c>order_brushing.ring</c>, beside the BenchmarkDotNet classes:
/// <list type="bullet">
/// <item><c>-- ringmemory [orders] [buyers] [shops] [days] [rings]</c> (default 5 M paid orders, 1 M buyers, 100 k
/// shops, 28 days, 30 rings): the retained size of the detector's state (issue 5: 1 M buyers and 100 k shops fit in
/// 2 GB). Events are made one at a time with fresh strings, as a parser makes them, and dropped once the pipeline has
/// seen them, so what stays alive is what the detector keeps (graph, names, order and event ids, unpaid orders, rings,
/// findings): <see cref="GC.GetTotalMemory(bool)"/> after a full collection, before and after.</item>
/// <item><c>-- ringphases</c>: the 1 M-order input of <see cref="RingMaintenanceBenchmarks"/>, built first, then one
/// run split into inserting, full sweeps and the rest (<see cref="TimedRing"/>).</item>
/// <item><c>-- ringsweep [times]</c>: the 9 M-edge graph of <see cref="RingSweepBenchmarks"/>, then full sweeps timed one
/// by one (to run under a profiler).</item>
/// </list>
/// </summary>
public static class RingMemory
{
    public static int Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var market = new RingMarket(
            buyers: Arg(2, 1_000_000), shops: Arg(3, 100_000), orders: Arg(1, 5_000_000), days: Arg(4, 28), rings: Arg(5, 30), seed: 13);
        Console.WriteLine($"ringmemory: {market.Orders:N0} paid orders (placed + paid events), {market.Buyers:N0} buyers, {market.Shops:N0} shops, {market.Span.TotalDays:N0} days, {market.Rings.Length} planted rings; server GC {System.Runtime.GCSettings.IsServerGC}");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var options = new RingOptions();
        var pipeline = TimedRing.Pipeline(options, out var ring);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var e in market.Events(shareIdentifiers: false))
        {
            pipeline.Process(e);
        }

        Console.WriteLine($"streamed in {wall.Elapsed.TotalSeconds:N1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N1} s CPU (event generation included)");
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var graph = ring.Inner.Graph;
        var retained = after - before;
        Console.WriteLine($"retained: {retained / 1e6:N0} MB ({retained / (double)(1 << 30):N2} GiB), {retained / (double)market.Orders:N0} B per paid order; RingGraph.ApproximateBytes {graph.ApproximateBytes() / 1e6:N0} MB (its arrays and indexes, not the strings); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        RingReport.Graph(graph);

        pipeline.Complete();
        ring.Print(market.Orders);
        RingReport.Describe(market, pipeline, ring.Inner);
        GC.KeepAlive(pipeline);
        return 0;
    }

    public static int RunPhases()
    {
        var market = RingMaintenanceBenchmarks.Market();
        MarketEvent[] events = [.. market.Events(shareIdentifiers: true)];
        Console.WriteLine($"ringphases: {market.Orders:N0} paid orders ({events.Length:N0} events), {market.Buyers:N0} buyers, {market.Shops:N0} shops, {market.Span.TotalDays:N0} days, {market.Rings.Length} planted rings; server GC {System.Runtime.GCSettings.IsServerGC}");
        for (var run = 0; run < 2; run++)
        {
            var options = new RingOptions();
            var pipeline = TimedRing.Pipeline(options, out var ring);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var gc = GC.GetTotalPauseDuration();
            var wall = Stopwatch.StartNew();
            foreach (var e in events)
            {
                pipeline.Process(e);
            }

            pipeline.Complete();
            Console.WriteLine();
            Console.WriteLine($"run {run + 1}{(run == 0 ? " (warm-up)" : "")}: {wall.Elapsed.TotalSeconds:N2} s wall = {wall.Elapsed.TotalMicroseconds / market.Orders:N2} µs per paid order; process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N2} s; GC paused {(GC.GetTotalPauseDuration() - gc).TotalSeconds:N2} s");
            ring.Print(market.Orders);
            if (run == 1)
            {
                RingReport.Graph(ring.Inner.Graph);
                RingReport.Describe(market, pipeline, ring.Inner);
            }
        }

        return 0;
    }

    public static int RunSweep(int times)
    {
        var benchmark = new RingSweepBenchmarks();
        benchmark.Setup();
        for (var i = 0; i < times; i++)
        {
            var wall = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var blocks = benchmark.FullSweep();
            Console.WriteLine($"sweep {i + 1}: {blocks} blocks in {wall.Elapsed.TotalSeconds:N2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N2} s CPU");
        }

        // The same search stopped after its first block: weighing, the cut to the core and one peel. The difference
        // to a full sweep is what the further peels (one per block found or rejected) and judging cost.
        for (var i = 0; i < times; i++)
        {
            var wall = Stopwatch.StartNew();
            var blocks = benchmark.FirstBlockOnly();
            Console.WriteLine($"first block only (max_blocks_per_sweep 1): {blocks} block in {wall.Elapsed.TotalSeconds:N2} s wall");
        }

        return 0;
    }

    /// <summary>
    /// <c>-- ringscan</c>: the share of <c>order_brushing.ring</c> in detecting over the pipeline benchmark's input
    /// (1.1 M events, parsed into memory first, identifiers not keyed): every built-in detector, then ring alone.
    /// </summary>
    public static int RunScanShare()
    {
        var events = ReadPipelineInput();
        var policy = DetectorCatalog.DefaultPolicy();
        for (var run = 0; run < 2; run++)
        {
            var wall = Stopwatch.StartNew();
            var all = policy.BuildPipeline(DetectorCatalog.BuiltIn);
            foreach (var e in events)
            {
                all.Process(e);
            }

            all.Complete();
            var allSeconds = wall.Elapsed.TotalSeconds;
            var pipeline = TimedRing.Pipeline(new RingOptions(), out var ring);
            wall.Restart();
            foreach (var e in events)
            {
                pipeline.Process(e);
            }

            pipeline.Complete();
            Console.WriteLine($"run {run + 1}: {events.Count:N0} events; every built-in detector ({all.Detectors.Count}) {allSeconds:N2} s, {all.Findings.Count} findings; ring alone {wall.Elapsed.TotalSeconds:N2} s, {pipeline.Findings.Count} findings");
            ring.Print(events.Count, "event");
            RingReport.Graph(ring.Inner.Graph);
            TimeAlone(events, null);
        }

        return 0;
    }

    /// <summary><c>-- detectors [pattern] [runs]</c>: each built-in detector (or the one named) alone over the pipeline input.</summary>
    public static int RunDetectorsAlone(string[] args)
    {
        var events = ReadPipelineInput();
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        for (var run = 0; run < runs; run++)
        {
            Console.WriteLine($"run {run + 1}: {events.Count:N0} events");
            TimeAlone(events, args.Length > 1 && args[1] != "all" ? args[1] : null);
        }

        return 0;
    }

    private static List<MarketEvent> ReadPipelineInput()
    {
        var events = new List<MarketEvent>();
        // BENCH_INPUT=FILE: another NDJSON input (a `clearwind simulate` marketplace, say) instead of the pipeline input.
        foreach (var record in new Ingest.NdjsonInput(Environment.GetEnvironmentVariable("BENCH_INPUT") ?? MarketFile.EnsureWritten()).Read())
        {
            if (record.Result is { Status: ParseStatus.Ok, Event: { } e })
            {
                events.Add(e);
            }
        }

        return events;
    }

    private static void TimeAlone(List<MarketEvent> events, string? pattern)
    {
        foreach (var registration in DetectorCatalog.BuiltIn.Where(r => pattern is null || r.Pattern.Value == pattern))
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var alone = new Detection.DetectionPipelineBuilder().Add(registration.Create(registration.CreateDefaultOptions())).Build();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var wall = Stopwatch.StartNew();
            foreach (var e in events)
            {
                alone.Process(e);
            }

            alone.Complete();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var megabytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6;
            var kept = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1e6; // its state at the end, which every collection traces
            Console.WriteLine($"  {registration.Pattern,-34} alone {wall.Elapsed.TotalSeconds:N2} s ({cpuSeconds:N2} CPU-s, {megabytes:N0} MB allocated, {kept:N0} MB kept), {alone.Findings.Count} findings");
            GC.KeepAlive(alone);
        }
    }
}
