using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Reports;
using Clearwind.TestKit;
using static Clearwind.Detectors.Tests.Reports.ReportScenario;

namespace Clearwind.Detectors.Tests.Reports;

public sealed class InvalidReportDetectorTests
{
    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, InvalidReportOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddInvalidReports(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    [Fact]
    public void Invalid_ScreenshotsWithoutLink_FlagsTheReportAsMissingEvidence()
    {
        var findings = Run([.. RivalShop(), ScreenshotOnly("rep1", "u1", Shop("r1"), T0)]);

        var finding = Assert.Single(findings);
        Assert.Equal("reports.invalid", finding.Pattern);
        Assert.Equal(new EntityRef("report", "rep1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Empty(finding.Related); // Neither the reporter nor the target is accused of anything.
        Assert.Equal(["ev-rep1"], finding.Evidence[0].Events);
        Assert.Equal(1, finding.Evidence[0].Figures["missing_link"]);
        Assert.Equal(0, finding.Evidence[0].Figures["vague"]);
        Assert.Equal(0, finding.Evidence[0].Figures["links"]);
        Assert.Equal(1, finding.Evidence[0].Figures["screenshots"]);
        Assert.Contains("no link", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(T0, finding.From);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("other")]
    public void Invalid_NoPolicyNamed_FlagsTheReportAsVague(string? reason)
    {
        var findings = Run([NoPolicy("rep1", "u1", Shop("r1"), T0, reason)]);

        var figures = Assert.Single(findings).Evidence[0].Figures;
        Assert.Equal(1, figures["vague"]);
        Assert.Equal(0, figures["missing_link"]);
    }

    [Fact]
    public void Invalid_TargetOnAnotherPlatform_FlagsTheReportAsCrossPlatform()
    {
        var finding = Assert.Single(Run([CrossPlatform("rep1", "u1", T0)]));

        Assert.Equal(1, finding.Evidence[0].Figures["cross_platform"]);
        Assert.Contains("douyin", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_LinksToAnotherSiteWhenHomeSitesAreSet_FlagsTheReportAsCrossPlatform()
    {
        var report = Valid("rep1", "u1", Account("x9"), T0) with
        {
            Evidence = [new ReportEvidence("link", "https://www.kuaishou.com/profile/3x99", T0.AddMinutes(-2)), new ReportEvidence("screenshot", "aa", T0.AddMinutes(-9))],
        };

        Assert.Empty(Run([report]));
        var finding = Assert.Single(Run([report], new InvalidReportOptions { HomeSites = [Site] }));
        Assert.Equal(1, finding.Evidence[0].Figures["cross_platform"]);
    }

    [Fact]
    public void Invalid_SeveralDefects_AllNamedAndScoreHigher()
    {
        var sloppy = NoPolicy("rep1", "u1", Shop("r1"), T0) with { Evidence = [new ReportEvidence("screenshot", "aa", T0.AddHours(-1))] };
        var single = Assert.Single(Run([ScreenshotOnly("rep2", "u1", Shop("r1"), T0)]));

        var finding = Assert.Single(Run([sloppy]));

        Assert.Equal(1, finding.Evidence[0].Figures["vague"]);
        Assert.Equal(1, finding.Evidence[0].Figures["missing_link"]);
        Assert.True(finding.Score > single.Score);
    }

    [Fact]
    public void Invalid_NoEvidenceAndNoTarget_Flagged()
    {
        var bare = new ReportFiled { Id = "ev-rep1", Ts = T0, Report = "rep1", Reporter = "u1", Reason = "counterfeit" };

        var figures = Assert.Single(Run([bare])).Evidence[0].Figures;

        Assert.Equal(1, figures["no_target"]);
        Assert.Equal(1, figures["missing_link"]);
        Assert.Equal(0, figures["evidence_items"]);
    }

    [Fact]
    public void ValidReport_LinkScreenshotsAndPolicy_IsNotFlagged()
        => Assert.Empty(Run([.. RivalShop(), Valid("rep1", "u1", Shop("r1"), T0), Valid("rep2", "u1", Listing("rl1"), T0.AddHours(1), "stolen_image")]));

    [Fact]
    public void ValidReport_OtherReasonWhoseDescriptionNamesARule_IsNotFlagged()
    {
        // "Other" on the form, but the words say what rule is broken (好评返现: a review bought with cashback).
        var report = Valid("rep1", "u1", Account("b7"), T0) with { Reason = "other", Description = "这个买家收了好评返现，给多家店铺发同样的评价" };

        Assert.Empty(Run([report]));
    }

    [Fact]
    public void ValidReport_PlatformFieldNamingThisMarketplace_IsNotCrossPlatform()
    {
        var report = Valid("rep1", "u1", Shop("r1"), T0) with { Platform = "market" };

        Assert.Single(Run([report]));
        Assert.Empty(Run([report], new InvalidReportOptions { HomePlatforms = ["market"] }));
    }

    [Fact]
    public void DiligentReporter_ManyValidReportsAndOneHurried_OnlyTheHurriedOneIsFlagged()
    {
        // Seed 000's diligent seller: four sound reports; one was first filed in a hurry without the link, then again properly.
        var findings = Run([
            .. RivalShop(),
            Valid("rep1", "u1", Shop("r1"), T0),
            Valid("rep2", "u1", Account("b2"), T0.AddHours(5), "fake_reviews"),
            ScreenshotOnly("rep3", "u1", Account("b3"), T0.AddHours(9)),
            Valid("rep4", "u1", Account("b3"), T0.AddHours(11)),
            Valid("rep5", "u1", Listing("rl2"), T0.AddDays(1), "stolen_image"),
        ]);

        Assert.Equal(["rep3"], findings.Select(f => f.Entity.Id));
    }

    [Fact]
    public void Decision_InvalidReport_GoesToReviewWithoutAStrike()
    {
        var finding = Assert.Single(Run([ScreenshotOnly("rep1", "u1", Shop("r1"), T0)]));

        var decision = Assert.Single(new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding));

        Assert.Equal(new EntityRef("report", "rep1"), decision.Entity);
        Assert.Equal(DecisionActions.Review, decision.Action);
        Assert.False(DecisionActions.IsPunitive(decision.Action));
        Assert.Equal(0, decision.Strike);
    }

    [Theory]
    [InlineData("Order_Brushing")]
    [InlineData("order brushing")]
    [InlineData("attack.malicious_orders.extra")]
    public void Options_ReasonMappedToSomethingNotAPattern_RejectedAtBuild(string pattern)
    {
        var options = new InvalidReportOptions { ReasonPatterns = new() { ["brushing"] = ["order_brushing", pattern] } };

        var error = Assert.Throws<ArgumentException>(() => new DetectionPipelineBuilder().AddInvalidReports(options).Build());

        Assert.Contains("reason_patterns.brushing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EmptyLinkKinds_RejectedAtBuild()
        => Assert.Throws<ArgumentException>(() => new DetectionPipelineBuilder().AddInvalidReports(new InvalidReportOptions { LinkKinds = [] }).Build());

    /// <summary>Shop r1 brushes: buyer b1 orders three times within an hour (order_brushing.concentration); reports run alongside.</summary>
    private static IReadOnlyList<Finding> RunWithBrushing(params MarketEvent[] reports)
    {
        var pipeline = new DetectionPipelineBuilder().AddConcentration().AddInvalidReports().Build();
        MarketEvent[] orders =
        [
            Some.OrderPlaced(id: "o-e1", order: "o1", buyer: "b1", shop: "r1", listing: "rl1", ts: T0),
            Some.OrderPlaced(id: "o-e2", order: "o2", buyer: "b1", shop: "r1", listing: "rl1", ts: T0.AddMinutes(10)),
            Some.OrderPlaced(id: "o-e3", order: "o3", buyer: "b1", shop: "r1", listing: "rl1", ts: T0.AddMinutes(20)),
        ];
        foreach (var e in RivalShop().Concat(orders).Concat(reports).OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    [Fact]
    public void ValidReport_OnTheBrusherAfterTheFinding_JoinsTheBrushingFindingsEvidence()
    {
        var findings = RunWithBrushing(Valid("rep1", "u1", Account("b1"), T0.AddHours(5)));

        var brushing = Assert.Single(findings);
        Assert.Equal("order_brushing.concentration", brushing.Pattern);
        var joined = brushing.Evidence[^1];
        Assert.Equal(["ev-rep1"], joined.Events);
        Assert.Contains("rep1", joined.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("u1", joined.Text, StringComparison.Ordinal); // The accused seller never learns who reported them.
        Assert.Equal(1, joined.Figures["report_links"]);
    }

    [Fact]
    public void ValidReport_OnAListingBeforeTheFinding_JoinsItsShopsFinding()
    {
        var findings = RunWithBrushing(Valid("rep1", "u1", Listing("rl1"), T0.AddMinutes(-30)));

        Assert.Equal(["ev-rep1"], Assert.Single(findings).Evidence[^1].Events);
    }

    [Fact]
    public void ValidReportNamingAnotherPolicy_InvalidReport_DoNotJoinTheBrushingFinding()
    {
        var alone = Assert.Single(RunWithBrushing());

        var findings = RunWithBrushing(
            Valid("rep1", "u1", Account("b1"), T0.AddHours(5), "stolen_image"),
            ScreenshotOnly("rep2", "u2", Shop("r1"), T0.AddHours(6)));

        var brushing = Assert.Single(findings, f => f.Pattern == "order_brushing.concentration");
        Assert.Equal(alone.Evidence.Count, brushing.Evidence.Count);
        Assert.Equal(alone.Score, brushing.Score);
        Assert.Equal(["rep2"], findings.Where(f => f.Pattern == "reports.invalid").Select(f => f.Entity.Id));
    }

    [Fact]
    public void ValidReport_AliasedReason_JoinsTheMappedPattern()
    {
        // malicious_orders is a reason on the report form; the pattern is attack.malicious_orders, whose victim shop is not accused.
        var attack = Some.Finding(pattern: "attack.malicious_orders", shop: "v1", from: T0.AddHours(-2), to: T0.AddHours(-1)) with
        {
            Role = EntityRole.Victim,
            Related = [new RelatedEntity(EntityTypes.Account, "a1", EntityRole.Actor)],
        };
        var pipeline = new DetectionPipelineBuilder().AddInvalidReports().Add(new Replay(attack)).Build();

        pipeline.Process(Valid("rep1", "u1", Account("a1"), T0, "malicious_orders"));
        pipeline.Process(Valid("rep2", "u1", Shop("v1"), T0.AddSeconds(1), "malicious_orders"));
        pipeline.Process(Some.OrderPlaced(id: "tick", ts: T0.AddMinutes(1)));

        Assert.Equal(["ev-rep1"], Assert.Single(pipeline.Findings).Evidence[^1].Events);
        Assert.Equal(2, pipeline.Findings[0].Evidence.Count);
    }

    /// <summary>Reports a fixed finding on the first event it sees.</summary>
    private sealed class Replay(Finding finding) : Detector
    {
        private bool _done;

        public override PatternId Pattern => finding.Pattern;

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            if (!_done && e.Id == "tick")
            {
                _done = true;
                context.Report(finding);
            }
        }
    }
}
