using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class ImageQualityDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, ImageQualityOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddImageQuality(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private ListingPublished Publish(string listing, int? width, int? height, double hours = 1)
        => new()
        {
            Id = NextId(),
            Ts = T0.AddHours(hours),
            Listing = listing,
            Shop = "s1",
            Title = "纯棉T恤",
            Images = [new ImageRef("7d28d1c282a3ba8f", width, height), new ImageRef("c3405dbcd4569cc2", 750, 1400)],
        };

    private ListingUpdated Update(string listing, int width, int height, double hours)
        => new() { Id = NextId(), Ts = T0.AddHours(hours), Listing = listing, Shop = "s1", Images = [new ImageRef("7d28d1c282a3ba8f", width, height)] };

    private string NextId() => $"e{++_next}";

    [Theory]
    [InlineData(120, 120)] // a thumbnail
    [InlineData(400, 480)]
    [InlineData(590, 800)]
    public void MainImage_TooSmall_IsFlagged(int width, int height)
    {
        var finding = Assert.Single(Run([Publish("l1", width, height)]));

        Assert.Equal("listing.image_quality", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Contains("主图尺寸过小", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(["e1"], finding.Evidence[0].Events);
        Assert.Equal(width, finding.Evidence[0].Figures["width"]);
    }

    [Theory]
    [InlineData(750, 360)]
    [InlineData(360, 750)]
    [InlineData(1000, 160)] // also too small
    public void MainImage_SquashedToAStrip_IsFlagged(int width, int height)
    {
        var finding = Assert.Single(Run([Publish("l1", width, height)]));

        Assert.Contains("a strip", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal((double)Math.Max(width, height) / Math.Min(width, height), finding.Evidence[0].Figures["aspect_ratio"], 3);
    }

    [Theory]
    [InlineData(640, 640)] // the smallest usual square upload
    [InlineData(800, 800)]
    [InlineData(1200, 1200)]
    [InlineData(750, 1000)] // portrait 3:4
    [InlineData(800, 1200)] // portrait 2:3
    public void UsualMainImageSizes_AreNotFlagged(int width, int height)
        => Assert.Empty(Run([Publish("l1", width, height)]));

    [Fact]
    public void LongDetailImage_IsNotJudged_OnlyTheMainImage()
        => Assert.Empty(Run([Publish("l1", 800, 800)])); // its second image is 750 × 1400, a normal detail picture

    [Fact]
    public void ImageWithoutSize_IsNotJudged()
        => Assert.Empty(Run([Publish("l1", null, null), Publish("l2", 100, null)]));

    [Fact]
    public void Edits_ReportANewBadSizeOnce_AndAFixEndsIt()
    {
        var findings = Run([Publish("l1", 300, 300), Update("l1", 300, 300, 5), Update("l1", 800, 800, 10), Update("l1", 200, 200, 20)]);

        Assert.Equal([T0.AddHours(1), T0.AddHours(20)], findings.Select(f => f.From).Order());
        Assert.Equal(T0.AddHours(10), findings.Single(f => f.From == T0.AddHours(1)).ClearedAt);
        Assert.Null(findings.Single(f => f.From == T0.AddHours(20)).ClearedAt);
    }

    [Fact]
    public void AGoodPicture_WithinTheGrace_ClearsTheFinding_AndLeavesOnlyTheWarning()
    {
        var finding = Assert.Single(Run([Publish("l1", 300, 300), Update("l1", 800, 800, 10)]));

        Assert.Equal(T0.AddHours(10), finding.ClearedAt);
        Assert.StartsWith("Fixed at", finding.Evidence[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["e2"], finding.Evidence[^1].Events);
        // Fixed 9 hours after the finding, inside the 72-hour grace: the warning, ended by the fix, and no demotion.
        var decision = Assert.Single(new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding));
        Assert.Equal((DecisionActions.Warn, 0), (decision.Action, decision.Strike));
        Assert.Equal((T0.AddHours(1), T0.AddHours(10)), (decision.EffectiveAt, decision.ExpiresAt));
    }

    [Fact]
    public void GoodListing_MadeBadByAnEdit_IsFlaggedAtTheEdit()
    {
        var finding = Assert.Single(Run([Publish("l1", 800, 800), Update("l1", 900, 300, 30)]));

        Assert.Equal(T0.AddHours(30), finding.From);
        Assert.Contains("edited", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_WarnsThenDemotesTheUnfixedListingWhenTheGraceEnds()
    {
        var finding = Assert.Single(Run([Publish("l1", 200, 200)]));

        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);

        Assert.Equal([DecisionActions.Warn, DecisionActions.Demote], decisions.Select(d => d.Action));
        Assert.All(decisions, d => Assert.Equal(new EntityRef("listing", "l1"), d.Entity));
        Assert.Equal(finding.To.AddHours(72), decisions[1].EffectiveAt);
    }

    [Fact]
    public void Thresholds_AreOptions()
        => Assert.Empty(Run([Publish("l1", 500, 1200)], new ImageQualityOptions { MinShortSide = 400, MaxAspectRatio = 2.5 }));
}
