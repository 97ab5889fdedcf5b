using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Output;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Detection;

/// <summary>A pipeline whose detectors run side by side reports what a sequential one reports, in the same order.</summary>
public sealed class ParallelPipelineTests
{
    /// <summary>Reports a new finding on some events, grows one on others, and reports at some sweeps too.</summary>
    private sealed class Reporting(string pattern, int every) : Detector
    {
        private int _seen;
        private int _sweeps;
        private Finding? _growing;

        public override PatternId Pattern => pattern;

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            _seen++;
            if (_seen % every == 0)
            {
                context.Report(Some.Finding(pattern: pattern, shop: "s" + (_seen % 5), from: e.Ts, to: e.Ts));
            }
            else if (_seen % (every + 3) == 0)
            {
                _growing ??= Some.Finding(pattern: pattern, shop: "grow", from: e.Ts, to: e.Ts);
                _growing = _growing with { To = e.Ts, Score = Math.Min(1, _growing.Score + 0.01) };
                context.Report(_growing);
            }
        }

        public override void Sweep(DetectionContext context)
        {
            if (++_sweeps % 40 == 0)
            {
                context.Report(Some.Finding(pattern: pattern, shop: "swept", from: context.Now, to: context.Now));
            }
        }
    }

    /// <summary>Lends evidence about a shop to the <c>test</c> patterns for a short while (so expiry at sweeps matters).</summary>
    private sealed class Corroborating : Detector
    {
        private int _seen;

        public override PatternId Pattern => "reports.test";

        public override bool Observes(Type eventType) => IsAny(eventType, typeof(OrderPlaced));

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            if (++_seen % 50 == 0)
            {
                context.Corroborate(new Corroboration
                {
                    Entities = [new EntityRef(EntityTypes.Shop, "s" + (_seen % 5))],
                    Patterns = ["test"],
                    From = e.Ts.AddMinutes(-30),
                    To = e.Ts.AddMinutes(30),
                    Evidence = new Evidence("report " + e.Id, "举报 " + e.Id, [e.Id], new Dictionary<string, double>()),
                });
            }
        }
    }

    private sealed class SometimesThrowing : Detector
    {
        private int _seen;

        public override PatternId Pattern => "test.throwing";

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            if (++_seen % 1000 == 7)
            {
                throw new InvalidOperationException("boom at " + e.Id);
            }
        }
    }

    private static DetectionPipeline Build(int parallelism)
        => new DetectionPipelineBuilder { Parallelism = parallelism }
            .Add(new Reporting("test.a", 7))
            .Add(new Corroborating())
            .Add(new SometimesThrowing())
            .Add(new Reporting("test.b", 11))
            .Build();

    /// <summary>Ten thousand events ten seconds apart (a sweep every sixth), orders and views mixed: several batches.</summary>
    private static IEnumerable<MarketEvent> Events()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var ts = Some.Epoch.AddSeconds(i * 10);
            yield return i % 3 == 0
                ? new ListingViewed { Id = "v" + i, Ts = ts, Listing = "l1", Account = "b1" }
                : Some.OrderPlaced(id: "o" + i, ts: ts);
        }
    }

    private static (string Findings, string Faults) Run(int parallelism)
    {
        var pipeline = Build(parallelism);
        foreach (var e in Events())
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        var faults = pipeline.Diagnostics.Faults.Select(f => $"{f.Key} {f.Value.Count} {f.Value.First} {f.Value.FirstEventId}");
        return (string.Join('\n', pipeline.Findings.Select(OutputJson.Write)), string.Join('\n', faults));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Parallel_ReportsCorroboratesAndFaults_ExactlyAsSequential(int parallelism)
    {
        var sequential = Run(1);

        var parallel = Run(parallelism);

        Assert.Contains("report o", sequential.Findings, StringComparison.Ordinal); // corroborations joined
        Assert.Contains("swept", sequential.Findings, StringComparison.Ordinal);
        Assert.Contains("test.throwing 10 observe: InvalidOperationException: boom at", sequential.Faults, StringComparison.Ordinal);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Parallel_FindingsReadMidRun_HoldEveryEventProcessedSoFar()
    {
        var pipeline = Build(2);
        var sequential = Build(1);
        foreach (var e in Events().Take(100))
        {
            pipeline.Process(e);
            sequential.Process(e);
        }

        Assert.Equal(sequential.Findings.Select(f => f.Id), pipeline.Findings.Select(f => f.Id));
        Assert.NotEmpty(pipeline.Findings);
    }

    /// <summary>State two detectors share: a running count of what both saw, and a note of any moment both were inside at once.</summary>
    private sealed class SharedTally
    {
        private int _inside;

        public int Seen { get; set; }

        public int Overlaps { get; private set; }

        public void Enter()
        {
            if (Interlocked.Exchange(ref _inside, 1) == 1)
            {
                Overlaps++;
            }
        }

        public void Leave() => Volatile.Write(ref _inside, 0);
    }

    /// <summary>Reports whenever the shared count reaches a multiple of 13: what it reports depends on the order the sharers run in.</summary>
    private sealed class Sharing(string pattern, SharedTally tally) : Detector
    {
        public override PatternId Pattern => pattern;

        public override object? SharedPart => tally;

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            tally.Enter();
            Thread.SpinWait(200);
            if (++tally.Seen % 13 == 0)
            {
                context.Report(Some.Finding(pattern: pattern, shop: "s" + tally.Seen, from: e.Ts, to: e.Ts));
            }

            tally.Leave();
        }
    }

    private static (string Findings, int Overlaps) RunSharing(int parallelism)
    {
        var tally = new SharedTally();
        var pipeline = new DetectionPipelineBuilder { Parallelism = parallelism }
            .Add(new Sharing("test.first", tally))
            .Add(new Reporting("test.a", 7))
            .Add(new Sharing("test.second", tally))
            .Build();
        foreach (var e in Events().Take(3000))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return (string.Join('\n', pipeline.Findings.Select(OutputJson.Write)), tally.Overlaps);
    }

    [Fact]
    public void Parallel_DetectorsSharingState_RunOneAfterTheOtherInPipelineOrder()
    {
        var sequential = RunSharing(1);

        var parallel = RunSharing(4);

        Assert.Contains("test.second", sequential.Findings, StringComparison.Ordinal);
        Assert.Equal(0, parallel.Overlaps);
        Assert.Equal(sequential.Findings, parallel.Findings);
    }

    [Fact]
    public void SharedState_GivesOnePartPerEqualKey()
    {
        var shared = new SharedState();

        var first = shared.GetOrAdd(("ledger", 14), () => new SharedTally());
        var again = shared.GetOrAdd(("ledger", 14), () => new SharedTally());
        var other = shared.GetOrAdd(("ledger", 30), () => new SharedTally());

        Assert.Same(first, again);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void Build_ParallelismBelowOne_IsRefused()
        => Assert.Throws<ArgumentException>(() => new DetectionPipelineBuilder { Parallelism = 0 }.Build());
}
