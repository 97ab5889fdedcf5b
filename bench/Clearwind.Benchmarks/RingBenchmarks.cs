using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;

namespace Clearwind.Benchmarks;

/// <summary>
/// Issue 5: ring maintenance at ≤ 5 µs per inserted order edge at 1 M edges, periodic full sweeps included. One
/// million paid orders (two million events, built in setup) go through a pipeline holding only
/// <c>order_brushing.ring</c>, which sweeps the whole graph every <c>full_sweep_hours</c> (12) of event time on its own.
/// µs per edge = Mean ÷ 1,000,000.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // As the clearwind CLI runs.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RingMaintenanceBenchmarks
{
    /// <summary>Paid orders inserted per operation.</summary>
    public const int Orders = 1_000_000;

    private MarketEvent[] _events = [];

    /// <summary>400,000 buyers and 50,000 shops over 14 days, 20 planted rings.</summary>
    internal static RingMarket Market() => new(buyers: 400_000, shops: 50_000, orders: Orders, days: 14, rings: 20, seed: 7);

    [GlobalSetup(Targets = [nameof(NoDetectors), nameof(InsertFinalSweepOnly)])]
    public void Setup() => _events = [.. Market().Events(shareIdentifiers: true)];

    /// <summary>The same, and one untimed run to say what the timed ones do (once: each benchmark has its own process).</summary>
    [GlobalSetup(Target = nameof(InsertWithSweeps))]
    public void SetupAndDescribe()
    {
        var market = Market();
        _events = [.. market.Events(shareIdentifiers: true)];
        var clock = Stopwatch.StartNew();
        var pipeline = Run(new RingOptions());
        Console.WriteLine($"// ring maintenance: {_events.Length:N0} events, one run in {clock.Elapsed.TotalSeconds:N2} s");
        RingReport.Graph(pipeline.Detectors.OfType<RingDetector>().Single().Graph);
        RingReport.Describe(market, pipeline, pipeline.Detectors.OfType<RingDetector>().Single());
    }

    /// <summary>The pipeline's own cost (event-time clock, a sweep call per minute of event time) with no detector.</summary>
    [Benchmark(Baseline = true)]
    public int NoDetectors()
    {
        var pipeline = new DetectionPipelineBuilder().Build();
        foreach (var e in _events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings.Count;
    }

    /// <summary>1 M paid orders with their identifiers, a full sweep every 12 h of event time (27 in 14 days) and one at the end.</summary>
    [Benchmark]
    public int InsertWithSweeps() => Run(new RingOptions()).Findings.Count;

    /// <summary>The same with full sweeps 30 days apart: only the final sweep of <c>Complete</c> runs.</summary>
    [Benchmark]
    public int InsertFinalSweepOnly() => Run(new RingOptions { FullSweepHours = 24 * 30 }).Findings.Count;

    private DetectionPipeline Run(RingOptions options)
    {
        var pipeline = new DetectionPipelineBuilder().AddRing(options).Build();
        foreach (var e in _events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline;
    }
}

/// <summary>
/// Issue 5: a full sweep of a 9 M-edge graph in ≤ 5 s (Fraudar: 28 s on 25 M edges). The graph (1 M buyers, 100 k
/// shops, order and identifier edges, 30 planted rings) is built straight into a <see cref="RingGraph"/> in setup;
/// the operation is one <see cref="DenseBlockSearch.Find"/>, with a new search (its work arrays allocated) each time.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RingSweepBenchmarks
{
    private RingGraph _graph = null!;
    private long _since;

    /// <summary>1 M buyers, 100 k shops, 28 days: about 3.7 M order edges and 5.3 M identifier edges.</summary>
    internal static RingMarket Market() => new(buyers: 1_000_000, shops: 100_000, orders: 3_800_000, days: 28, rings: 30, seed: 11);

    [GlobalSetup]
    public void Setup()
    {
        var market = Market();
        var options = new RingOptions();
        var clock = Stopwatch.StartNew();
        _graph = new RingGraph();
        market.AddTo(_graph, options.MaxIdentifiersPerAccount);
        _since = market.End.UtcTicks - TimeSpan.FromDays(options.RetentionDays).Ticks;
        Console.WriteLine($"// ring sweep: graph built in {clock.Elapsed.TotalSeconds:N1} s");
        RingReport.Graph(_graph);

        clock.Restart();
        var search = new DenseBlockSearch(options);
        var blocks = search.Find(_graph, _since);
        Console.WriteLine($"// untimed sweep: {clock.Elapsed.TotalSeconds:N2} s");
        RingReport.Blocks(market, _graph, search, blocks);
    }

    [Benchmark]
    public int FullSweep() => new DenseBlockSearch(new RingOptions()).Find(_graph, _since).Count;

    /// <summary>Weighing, the cut to the core and a single peel (for <c>-- ringsweep</c>'s split; not a benchmark).</summary>
    public int FirstBlockOnly() => new DenseBlockSearch(new RingOptions { MaxBlocksPerSweep = 1 }).Find(_graph, _since).Count;
}

/// <summary>What the ring benchmarks ran on and found, printed from their setup and from <c>-- ringmemory</c>.</summary>
internal static class RingReport
{
    public static void Describe(RingMarket market, DetectionPipeline pipeline, RingDetector detector)
    {
        var planted = market.Rings.SelectMany(r => r.Shops).Select(RingMarket.ShopName).ToHashSet();
        var flagged = pipeline.Findings.Select(f => f.Entity.Id).ToHashSet();
        var brushers = market.Rings.SelectMany(r => r.Brushers).Select(RingMarket.BuyerName).ToHashSet();
        var named = pipeline.Findings.SelectMany(f => f.Related).Where(r => r.Type == EntityTypes.Account).Select(r => r.Id).ToHashSet();
        Say($"// findings: {pipeline.Findings.Count:N0} ({detector.RingCount} rings at the end); planted rings {market.Rings.Length} with {planted.Count} shops and {brushers.Count} brushers ({market.RingOrders:N0} orders); " +
            $"flagged shops {flagged.Count(planted.Contains)} planted + {flagged.Count(s => !planted.Contains(s))} others; named accounts {named.Count(brushers.Contains)} brushers + {named.Count(b => !brushers.Contains(b))} others");
        var search = new DenseBlockSearch(new RingOptions());
        var since = market.End.UtcTicks - TimeSpan.FromDays(new RingOptions().RetentionDays).Ticks;
        var blocks = search.Find(detector.Graph, since);
        Blocks(market, detector.Graph, search, blocks);
        Unplanted(market, pipeline, detector.Graph, search, blocks);
    }

    // Every flagged shop that no ring planted: what it is (popularity rank, orders, buyers), how many of its buyers
    // are planted brushers and of which ring, what its findings said, and, if the last search puts it in a block,
    // that block's figures and whether the shop came from the peel or from Grow.
    public static void Unplanted(RingMarket market, DetectionPipeline pipeline, RingGraph graph, DenseBlockSearch search, List<RingBlock> blocks)
    {
        var ringOfShop = new Dictionary<string, int>();
        var ringOfBrusher = new Dictionary<string, int>();
        for (var r = 0; r < market.Rings.Length; r++)
        {
            Array.ForEach(market.Rings[r].Shops, s => ringOfShop[RingMarket.ShopName(s)] = r);
            Array.ForEach(market.Rings[r].Brushers, b => ringOfBrusher[RingMarket.BuyerName(b)] = r);
        }

        string Rings(IEnumerable<int> rings)
            => string.Join(" ", rings.GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key < 0 ? $"none×{g.Count()}" : $"r{g.Key}×{g.Count()}"));

        foreach (var shopFindings in pipeline.Findings.Where(f => !ringOfShop.ContainsKey(f.Entity.Id)).GroupBy(f => f.Entity.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = shopFindings.Key;
            if (!graph.TryGetShop(name, out var shop))
            {
                continue;
            }

            var orders = 0;
            var brushers = new List<int>();
            foreach (var e in graph.ColumnEdges(shop))
            {
                orders += graph.EdgeOrders(e);
                if (ringOfBrusher.TryGetValue(graph.RowName(graph.EdgeRow(e)), out var r))
                {
                    brushers.Add(r);
                }
            }

            var rank = int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            Say($"// unplanted flagged shop {name}: popularity rank {rank:N0} of {market.Shops:N0} ({(rank >= market.Shops / 2 ? "tail half, where rings pick" : "head half")}), {orders} orders from {graph.ColumnEdges(shop).Length} buyers ({search.ShopBuyers(shop)} live), {brushers.Count} of them planted brushers ({Rings(brushers)})");
            foreach (var f in shopFindings)
            {
                var named = f.Related.Where(x => x.Type == EntityTypes.Account).Select(x => ringOfBrusher.GetValueOrDefault(x.Id, -1));
                var m = f.Evidence[0].Figures;
                Say($"//     finding at {f.To:MM-dd HH:mm}: ring {m["ring_buyers"]} buyers × {m["ring_shops"]} shops, {m["ring_order_pairs"]} pairs vs {m["expected_order_pairs"]} expected; names {f.Evidence[1].Figures["ring_buyers_of_shop"]} of its buyers ({Rings(named)}), {f.Evidence[1].Figures["orders"]} orders; {f.Evidence[1].Figures["expected_ring_buyers"]:0.###} predicted of its {f.Evidence[1].Figures["shop_buyers"]} buyers, chance of as many {DenseBlockSearch.BinomialTail((int)f.Evidence[1].Figures["ring_buyers_of_shop"], (int)f.Evidence[1].Figures["shop_buyers"], f.Evidence[1].Figures["expected_ring_buyers"] / f.Evidence[1].Figures["shop_buyers"]):0.#e0}");
            }

            foreach (var b in blocks.Where(b => b.Shops.Contains(shop)))
            {
                var blockShops = b.Shops.Select(s => ringOfShop.GetValueOrDefault(graph.ColumnName(s), -1));
                var blockRows = b.Buyers.Select(r => ringOfBrusher.GetValueOrDefault(graph.RowName(r), -1));
                var inside = 0;
                var insideBrushers = 0;
                foreach (var e in graph.ColumnEdges(shop))
                {
                    if (b.Buyers.Contains(graph.EdgeRow(e)))
                    {
                        inside++;
                        insideBrushers += ringOfBrusher.ContainsKey(graph.RowName(graph.EdgeRow(e))) ? 1 : 0;
                    }
                }

                Say($"//     in last search's block: {b.Buyers.Count} buyers ({Rings(blockRows)}) × {b.Shops.Count} shops ({Rings(blockShops)}), {b.OrderEdges} pairs vs {b.ExpectedEdges:N2} expected, density {b.Density:N2}; the shop has {inside} of the block's buyers ({insideBrushers} brushers); entered by {(search.GrownShops.Contains(shop) ? "Grow" : "the peel")}");
            }
        }
    }

    public static void Graph(RingGraph graph)
    {
        var shops = 0;
        for (var c = 0; c < graph.ColumnCount; c++)
        {
            shops += graph.KindOf(c) == ColumnKind.Shop ? 1 : 0;
        }

        var orderEdges = 0;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            orderEdges += graph.KindOf(graph.EdgeColumn(e)) == ColumnKind.Shop ? 1 : 0;
        }

        Say($"// graph: {graph.RowCount:N0} buyers, {shops:N0} shops, {graph.IdentifierCount:N0} identifiers ({graph.ColumnCount - shops:N0} shared: columns); {graph.EdgeCount:N0} edges = {orderEdges:N0} buyer–shop + {graph.EdgeCount - orderEdges:N0} identifier; {graph.OrderCount:N0} orders; ApproximateBytes {graph.ApproximateBytes() / 1e6:N0} MB");
    }

    public static void Blocks(RingMarket market, RingGraph graph, DenseBlockSearch search, List<RingBlock> blocks)
    {
        var (recovered, merged, foreignBlocks, foreignShops) = market.Score(graph, blocks.Select(b => ((IEnumerable<int>)b.Buyers, (IEnumerable<int>)b.Shops)));
        Say($"// blocks: {blocks.Count}, CoreNodes {search.CoreNodes:N0}, live buyer–shop edges {search.OrderEdges:N0}; planted rings recovered {recovered}/{market.Rings.Length}; blocks holding 2+ planted rings {merged}; blocks with no planted shop {foreignBlocks}; unplanted shops in blocks {foreignShops}");
        Say($"// blocks fingerprint: {Fingerprint(graph, blocks):x16} (the same blocks, members and figures give the same)");
        foreach (var b in blocks.Take(5))
        {
            Say($"//   block: {b.Buyers.Count} buyers (+{b.Linked.Count} linked) × {b.Shops.Count} shops, {b.OrderEdges} order pairs vs {b.ExpectedEdges:N2} expected, density {b.Density:N2}");
        }
    }

    // A deterministic hash of every block's members (by name), identifiers (kind and members) and figures, to tell a
    // faster search that finds exactly the same blocks from one that does not, whatever ids the graph gave.
    private static ulong Fingerprint(RingGraph graph, List<RingBlock> blocks)
    {
        var hash = 14695981039346656037UL;
        void Mix(long value) => hash = (hash ^ (ulong)value) * 1099511628211UL;
        void MixName(string name)
        {
            Mix(name.Length);
            foreach (var c in name)
            {
                Mix(c);
            }
        }

        foreach (var b in blocks)
        {
            foreach (var rows in new[] { b.Buyers, b.Linked })
            {
                Mix(rows.Count);
                rows.ForEach(r => MixName(graph.RowName(r)));
            }

            Mix(b.Shops.Count);
            b.Shops.ForEach(s => MixName(graph.ColumnName(s)));
            foreach (var (kind, members) in b.Identifiers.Select(i => ((int)graph.KindOf(i.Column), i.Members)).Order())
            {
                Mix((kind << 20) ^ members);
            }

            Mix(b.OrderEdges);
            Mix(BitConverter.DoubleToInt64Bits(b.ExpectedEdges));
            Mix(BitConverter.DoubleToInt64Bits(b.Density));
        }

        return hash;
    }

    private static void Say(string line) => Console.WriteLine(line);
}
