using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Reports;
using Clearwind.TestKit;
using static Clearwind.Detectors.Tests.Reports.ReportScenario;

namespace Clearwind.Detectors.Tests.Reports;

public sealed class ReportAbuseDetectorTests
{
    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, ReportAbuseOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddReportAbuse(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    /// <summary>
    /// Seed 000's harassment (恶意举报): seller h1 reports rival shop r1 five times in a week, at its page, its listings
    /// and its owner, with the same screenshot and either no link or no policy.
    /// </summary>
    private static IEnumerable<MarketEvent> Harassment(string harasser = "h1", string prefix = "h")
    {
        yield return ScreenshotOnly($"{prefix}1", harasser, Shop("r1"), T0);
        yield return NoPolicy($"{prefix}2", harasser, Listing("rl1"), T0.AddDays(1), "other");
        yield return ScreenshotOnly($"{prefix}3", harasser, Listing("rl2"), T0.AddDays(2).AddHours(3));
        yield return NoPolicy($"{prefix}4", harasser, Account("ro1"), T0.AddDays(4));
        yield return ScreenshotOnly($"{prefix}5", harasser, Shop("r1"), T0.AddDays(6));
    }

    [Fact]
    public void Abuse_FiveInvalidReportsAgainstOneRival_ProtectsTheRivalAndNamesTheReporter()
    {
        var findings = Run([.. RivalShop(), .. Harassment()]);

        var finding = Assert.Single(findings);
        Assert.Equal("reports.abuse", finding.Pattern);
        Assert.Equal(new EntityRef("shop", "r1"), finding.Entity);
        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Equal([new RelatedEntity("account", "h1", EntityRole.Actor)], finding.Related.Where(r => r.Type == "account"));
        Assert.Equal(["h1", "h2", "h3", "h4", "h5"], finding.Related.Where(r => r.Type == "report").Select(r => r.Id));
        Assert.DoesNotContain(finding.Related, r => r.Type == "shop" || r.Id == "ro1");
        Assert.Equal(T0, finding.From);
        Assert.Equal(T0.AddDays(6), finding.To);
        Assert.Equal(5, finding.Evidence[0].Figures["invalid_reports"]);
        var reporter = finding.Evidence[1].Figures;
        Assert.Equal(5, reporter["reports"]);
        Assert.Equal(1.0, reporter["invalid_share"]);
        Assert.Equal(3, reporter["missing_link"]);
        Assert.Equal(2, reporter["vague"]);
        Assert.Equal(7, reporter["repeated_screenshots"]); // One screenshot filed three times, two others twice each.
        Assert.Equal(["ev-h1", "ev-h2", "ev-h3", "ev-h4", "ev-h5"], finding.Evidence[1].Events);
        Assert.InRange(finding.Score, 0.8, 0.95);
    }

    [Fact]
    public void Abuse_ThirdInvalidReport_IsWhenTheCaseOpens()
    {
        var findings = Run([.. RivalShop(), .. Harassment().Take(2)]);
        Assert.Empty(findings);

        var third = Assert.Single(Run([.. RivalShop(), .. Harassment().Take(3)]));
        Assert.Equal(3, third.Evidence[0].Figures["invalid_reports"]);
        Assert.Equal(T0.AddDays(2).AddHours(3), third.To);
    }

    [Fact]
    public void Abuse_TwoHarassersOfOneRival_OneCaseNamingBoth()
    {
        var findings = Run([.. RivalShop(), .. Harassment("h1", "h"), .. Harassment("h2", "k").Select(e => e with { Ts = e.Ts.AddHours(1) })]);

        var finding = Assert.Single(findings);
        Assert.Equal(["h1", "h2"], finding.Related.Where(r => r.Type == "account").Select(r => r.Id));
        Assert.Equal(10, finding.Evidence[0].Figures["invalid_reports"]);
    }

    [Fact]
    public void Abuse_SecondHarasserWithOlderReports_SameCaseFromMovesBack()
    {
        // h2 files two invalid reports before h1 starts and its third after h1's case opened (T0 + 2 days 3 h).
        var findings = Run([
            .. RivalShop(),
            .. Harassment(),
            ScreenshotOnly("k1", "h2", Shop("r1"), T0.AddHours(-5)),
            NoPolicy("k2", "h2", Listing("rl1"), T0.AddHours(-4)),
            ScreenshotOnly("k3", "h2", Shop("r1"), T0.AddDays(3)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(["h1", "h2"], finding.Related.Where(r => r.Type == "account").Select(r => r.Id));
        Assert.Equal(T0.AddHours(-5), finding.From);
        Assert.Equal(8, finding.Evidence[0].Figures["invalid_reports"]);
    }

    [Fact]
    public void Decision_Harassment_RivalProtectedReporterWarnedReportsGetNoDecision()
    {
        var finding = Assert.Single(Run([.. RivalShop(), .. Harassment()]));

        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);

        Assert.Equal(
            [(new EntityRef("shop", "r1"), DecisionActions.Protect), (new EntityRef("account", "h1"), DecisionActions.Warn)],
            decisions.Select(d => (d.Entity, d.Action)));
        Assert.False(DecisionActions.IsPunitive(decisions[0].Action));
    }

    [Fact]
    public void OneVagueReport_IsNotAbuse()
        => Assert.Empty(Run([.. RivalShop(), NoPolicy("rep1", "u1", Shop("r1"), T0)]));

    [Fact]
    public void SloppySellerWithTwoInvalidReports_IsNotAbuse()
        => Assert.Empty(Run([.. RivalShop(), ScreenshotOnly("rep1", "u1", Shop("r1"), T0), NoPolicy("rep2", "u1", Listing("rl1"), T0.AddHours(3))]));

    [Fact]
    public void DiligentReporter_SeveralValidReportsAgainstOneShop_IsNotAbuse()
    {
        var findings = Run([
            .. RivalShop(),
            Valid("rep1", "u1", Shop("r1"), T0),
            ScreenshotOnly("rep2", "u1", Listing("rl1"), T0.AddHours(2)),
            Valid("rep3", "u1", Listing("rl1"), T0.AddHours(4)),
            Valid("rep4", "u1", Account("ro1"), T0.AddDays(1)),
            Valid("rep5", "u1", Shop("r1"), T0.AddDays(2), "counterfeit"),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void ReporterRightMostOfTheTime_ThreeInvalidAmongSixAgainstOneRival_IsNotAbuse()
    {
        // Half the reports are sound: the seller is reporting real trouble, if carelessly (share 0.5 < 0.75).
        var findings = Run([
            .. RivalShop(),
            .. Harassment().Take(3),
            Valid("v1", "h1", Shop("r1"), T0.AddHours(1)),
            Valid("v2", "h1", Listing("rl1"), T0.AddHours(2)),
            Valid("v3", "h1", Listing("rl2"), T0.AddHours(3)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void InvalidReportsSpreadOverDifferentShops_IsNotHarassmentOfARival()
    {
        var findings = Run([
            .. RivalShop("r1", "ro1", "rl1"),
            .. RivalShop("r2", "ro2", "rl2"),
            .. RivalShop("r3", "ro3", "rl3"),
            ScreenshotOnly("rep1", "u1", Shop("r1"), T0),
            ScreenshotOnly("rep2", "u1", Listing("rl2"), T0.AddDays(1)),
            NoPolicy("rep3", "u1", Account("ro3"), T0.AddDays(2)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void CrossPlatformReportsAgainstOneForeignAccount_AreNotHarassmentHere()
        => Assert.Empty(Run([CrossPlatform("rep1", "u1", T0), CrossPlatform("rep2", "u1", T0.AddDays(1)), CrossPlatform("rep3", "u1", T0.AddDays(2))]));

    [Fact]
    public void InvalidReportsMonthsApart_AreNotCountedTogether()
    {
        var findings = Run([
            .. RivalShop(),
            ScreenshotOnly("rep1", "u1", Shop("r1"), T0),
            ScreenshotOnly("rep2", "u1", Shop("r1"), T0.AddDays(40)),
            ScreenshotOnly("rep3", "u1", Shop("r1"), T0.AddDays(80)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void ListingOfAnUnknownShop_IsItsOwnRival()
    {
        // No listing.published seen: the listing itself is the victim.
        var findings = Run([
            ScreenshotOnly("rep1", "u1", Listing("zz1"), T0),
            ScreenshotOnly("rep2", "u1", Listing("zz1"), T0.AddDays(1)),
            NoPolicy("rep3", "u1", Listing("zz1"), T0.AddDays(2)),
        ]);

        Assert.Equal(new EntityRef("listing", "zz1"), Assert.Single(findings).Entity);
    }

    [Fact]
    public void Options_ShareAboveOne_RejectedAtBuild()
        => Assert.Throws<ArgumentException>(() => new DetectionPipelineBuilder().AddReportAbuse(new ReportAbuseOptions { MinInvalidShare = 1.5 }).Build());
}
