using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeLikes;

namespace Clearwind.Benchmarks;

/// <summary>
/// Issue 6: <c>fake_likes.lockstep</c> maintenance at ≤ 5 µs per like, amortised over its sweeps. One million likes
/// (built in setup) from 200,000 accounts on 50,000 listings over 14 days, 20 planted like groups of 300 accounts
/// walking 5 listings each, go through a pipeline holding only <c>fake_likes.lockstep</c>, which pairs every like with
/// its listing's latest likes and judges its linked groups every <c>sweep_hours</c> (6) of event time and at the end.
/// µs per like = (Mean − baseline Mean) ÷ 1,000,000.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // As the clearwind CLI runs.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LockstepBenchmarks
{
    /// <summary>Likes per operation.</summary>
    public const int Likes = 1_000_000;

    private MarketEvent[] _events = [];

    [GlobalSetup]
    public void Setup()
    {
        var clock = Stopwatch.StartNew();
        _events = LikeStream(Likes, accounts: 200_000, listings: 50_000, days: 14, groups: 20, groupSize: 300, groupListings: 5, seed: 6);
        Console.WriteLine($"// lockstep: {_events.Length:N0} likes built in {clock.Elapsed.TotalSeconds:N1} s");
        clock.Restart();
        var pipeline = Run();
        var detector = pipeline.Detectors.OfType<LikeLockstepDetector>().Single();
        var named = pipeline.Findings.SelectMany(f => f.Related).Where(r => r.Type == EntityTypes.Account).Select(r => r.Id).ToHashSet();
        Console.WriteLine($"// untimed run: {clock.Elapsed.TotalSeconds:N2} s; {pipeline.Findings.Count} findings naming {named.Count(a => a.StartsWith('g'))} group accounts + {named.Count(a => !a.StartsWith('g'))} others; pairs held {detector.Pairs:N0}, linked {detector.LinkedPairs:N0}");
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

    /// <summary>1 M likes through <c>fake_likes.lockstep</c> with its defaults: pairing, linking, a sweep every 6 h and one at the end.</summary>
    [Benchmark]
    public int LockstepMaintenance() => Run().Findings.Count;

    /// <summary>
    /// A like stream: honest likes at random moments on listings picked by a skewed popularity (a few best sellers take
    /// much of the traffic), and like groups whose members (<c>g…</c>) walk their listings in the same order, 20 s apart.
    /// </summary>
    internal static MarketEvent[] LikeStream(int likes, int accounts, int listings, int days, int groups, int groupSize, int groupListings, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromDays(days).Ticks;
        var list = new List<(long Ticks, string Account, string Listing)>(likes);
        var groupLikes = groups * groupSize * groupListings;
        for (var i = 0; i < likes - groupLikes; i++)
        {
            var u = random.NextDouble();
            var listing = (int)(listings * u * u * u);
            list.Add(((long)(random.NextDouble() * span), "u" + random.Next(accounts).ToString(System.Globalization.CultureInfo.InvariantCulture), "l" + listing.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        for (var g = 0; g < groups; g++)
        {
            for (var j = 0; j < groupListings; j++)
            {
                var t = (long)(random.NextDouble() * (span - TimeSpan.FromDays(1).Ticks));
                var listing = "gl" + ((g * groupListings) + j).ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var m = 0; m < groupSize; m++)
                {
                    list.Add((t, $"g{g}m{m}", listing));
                    t += TimeSpan.FromSeconds(18 + (4 * random.NextDouble())).Ticks;
                }
            }
        }

        list.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        var events = new MarketEvent[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var (ticks, account, listing) = list[i];
            events[i] = new ListingLiked { Id = "e" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Ts = start.AddTicks(ticks), Account = account, Listing = listing };
        }

        return events;
    }

    private DetectionPipeline Run()
    {
        var pipeline = new DetectionPipelineBuilder().AddFakeLikesLockstep().Build();
        foreach (var e in _events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline;
    }
}
