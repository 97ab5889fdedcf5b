using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Detection;

public sealed class DetectionPipelineTests
{
    private sealed class Throwing : Detector
    {
        public override PatternId Pattern => "test.throwing";

        public override void Observe(MarketEvent e, DetectionContext context) => throw new InvalidOperationException("boom");
    }

    private sealed class Counting(string pattern) : Detector
    {
        public int Seen { get; private set; }

        public int Sweeps { get; private set; }

        public override PatternId Pattern => pattern;

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            Seen++;
            context.Report(Some.Finding(pattern: pattern, shop: "s" + Seen % 2, from: e.Ts, to: e.Ts));
        }

        public override void Sweep(DetectionContext context) => Sweeps++;
    }

    private sealed class OrdersOnly : Detector
    {
        public int Seen => Types.Count;

        public List<Type> Types { get; } = [];

        public int Sweeps { get; private set; }

        public override PatternId Pattern => "test.orders";

        public override bool Observes(Type eventType) => IsAny(eventType, typeof(OrderPlaced));

        public override void Observe(MarketEvent e, DetectionContext context) => Types.Add(e.GetType());

        public override void Sweep(DetectionContext context) => Sweeps++;
    }

    private sealed class ObservesThrows : Detector
    {
        public int Seen { get; private set; }

        public override PatternId Pattern => "test.observes";

        public override bool Observes(Type eventType) => throw new InvalidOperationException("no routes");

        public override void Observe(MarketEvent e, DetectionContext context) => Seen++;
    }

    [Fact]
    public void Process_ThrowingDetector_IsRecordedAndOthersStillSeeEveryEvent()
    {
        var counting = new Counting("test.counting");
        var pipeline = new DetectionPipelineBuilder().Add(new Throwing()).Add(counting).Build();

        for (var i = 0; i < 5; i++)
        {
            pipeline.Process(Some.OrderPlaced(id: $"e{i}", ts: Some.Epoch.AddMinutes(i)));
        }

        Assert.Equal(5, counting.Seen);
        var fault = pipeline.Diagnostics.Faults["test.throwing"];
        Assert.Equal(5, fault.Count);
        Assert.Contains("boom", fault.First);
        Assert.Equal("e0", fault.FirstEventId);
    }

    [Fact]
    public void Process_DetectorObservingOrdersOnly_GetsOrdersAndStillSweepsOnEveryEventTime()
    {
        var ordersOnly = new OrdersOnly();
        var everything = new Counting("test.counting");
        var pipeline = new DetectionPipelineBuilder { SweepInterval = TimeSpan.FromMinutes(10) }.Add(ordersOnly).Add(everything).Build();

        for (var i = 0; i <= 60; i++)
        {
            pipeline.Process(i % 3 == 0
                ? Some.OrderPlaced(id: $"o{i}", ts: Some.Epoch.AddMinutes(i))
                : new ListingViewed { Id = $"v{i}", Ts = Some.Epoch.AddMinutes(i), Listing = "l1", Account = "b1" });
        }

        Assert.Equal(21, ordersOnly.Seen);
        Assert.All(ordersOnly.Types, t => Assert.Equal(typeof(OrderPlaced), t));
        Assert.Equal(61, everything.Seen);
        Assert.Equal(6, ordersOnly.Sweeps); // views move event time on too
    }

    [Fact]
    public void Process_DetectorWhoseObservesThrows_IsRecordedAndStillSeesTheEvents()
    {
        var pipeline = new DetectionPipelineBuilder().Add(new ObservesThrows()).Build();

        pipeline.Process(Some.OrderPlaced(id: "e1", ts: Some.Epoch));
        pipeline.Process(Some.OrderPlaced(id: "e2", ts: Some.Epoch));

        Assert.Equal(2, ((ObservesThrows)pipeline.Detectors[0]).Seen);
        Assert.Contains("no routes", pipeline.Diagnostics.Faults["test.observes"].First);
    }

    [Fact]
    public void Process_EventTimeAdvancing_SweepsByEventTimeNotWallClock()
    {
        var counting = new Counting("test.counting");
        var pipeline = new DetectionPipelineBuilder { SweepInterval = TimeSpan.FromMinutes(10) }.Add(counting).Build();

        for (var i = 0; i <= 60; i++)
        {
            pipeline.Process(Some.OrderPlaced(id: $"e{i}", ts: Some.Epoch.AddMinutes(i)));
        }

        Assert.Equal(6, counting.Sweeps);
        Assert.Equal(Some.Epoch.AddMinutes(60), pipeline.Now);
    }

    [Fact]
    public void Report_SameFindingIdTwice_KeepsTheLatestVersionInFirstOrder()
    {
        var pipeline = new DetectionPipelineBuilder().Add(new Counting("test.counting")).Build();

        pipeline.Process(Some.OrderPlaced(id: "a", ts: Some.Epoch));
        pipeline.Process(Some.OrderPlaced(id: "b", ts: Some.Epoch));

        Assert.Equal(2, pipeline.Findings.Count);
    }

    [Fact]
    public void Build_TwoDetectorsOfOnePattern_IsRefused()
    {
        var builder = new DetectionPipelineBuilder().Add(new Counting("test.same")).Add(new Counting("test.same"));

        Assert.Throws<ArgumentException>(builder.Build);
    }

    [Theory]
    [InlineData("nodot")]
    [InlineData("Upper.case")]
    [InlineData("a.b.c")]
    public void PatternId_BadShape_IsRefused(string value)
    {
        Assert.Throws<ArgumentException>(() => new PatternId(value));
    }
}
