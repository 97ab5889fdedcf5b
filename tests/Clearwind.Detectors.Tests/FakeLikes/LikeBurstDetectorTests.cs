using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeLikes;

namespace Clearwind.Detectors.Tests.FakeLikes;

public sealed class LikeBurstDetectorTests
{
    private static readonly TimeSpan Day3Morning = TimeSpan.FromDays(3) + TimeSpan.FromHours(10);

    [Fact]
    public void Burst_ScriptFarmOnQuietListing_FlagsListingAndEveryFarmLiker()
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("l1", "s1", TimeSpan.Zero);
        market.Everyday("l1", "s1", likesPerDay: 2, days: 5, prefix: "reg");
        var farm = market.ScriptFarm("l1", Day3Morning, size: 120);

        var findings = market.Run(b => b.AddFakeLikesBurst());

        var finding = Assert.Single(findings);
        Assert.Equal("fake_likes.burst", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(Detection.EntityRole.Beneficiary, finding.Role);
        var named = LikeMarket.Named(finding);
        Assert.Superset(farm.ToHashSet(), named);
        Assert.True(named.Count <= farm.Count + 1, $"{named.Count - farm.Count} honest likers named");
        Assert.Equal(0, finding.Evidence[1].Figures["buyers"]);
        Assert.True(finding.Evidence[0].Figures["poisson_tail_log10"] <= -6);
        Assert.InRange(finding.Score, 0.6, 0.95);
    }

    [Fact]
    public void Burst_SameHourOfLikesOnQuietAndBusyListing_FlagsOnlyTheQuietOne()
    {
        // The test is against each listing's own rate, not a fixed count: 30 likes in an hour are 150 times what a
        // listing with two likes a day expects, and only 2.4 times what one with three hundred a day expects.
        var market = new LikeMarket();
        market.Background();
        market.Publish("quiet", "s1", TimeSpan.Zero);
        market.Publish("busy", "s2", TimeSpan.Zero);
        market.Everyday("quiet", "s1", likesPerDay: 2, days: 5, prefix: "q");
        market.Everyday("busy", "s2", likesPerDay: 300, days: 5, prefix: "b");
        foreach (var listing in new[] { "quiet", "busy" })
        {
            for (var i = 0; i < 30; i++)
            {
                var account = $"{listing}-extra{i}";
                market.Register(account, TimeSpan.FromDays(-30));
                market.Like(account, listing, Day3Morning + TimeSpan.FromMinutes(2 * i));
            }
        }

        var findings = market.Run(b => b.AddFakeLikesBurst());

        var finding = Assert.Single(findings);
        Assert.Equal("quiet", finding.Entity.Id);
    }

    [Fact]
    public void Livestream_HundredsOfBuyingViewersWithinTwoHours_IsNotFlagged()
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("live", "s3", TimeSpan.Zero);
        market.Everyday("live", "s3", likesPerDay: 2, days: 5, prefix: "reg");
        var likers = market.Surge("live", "s3", TimeSpan.FromDays(3) + TimeSpan.FromHours(20), TimeSpan.FromHours(2), viewers: 300, prefix: "fan");

        var findings = market.Run(b => b.AddFakeLikesBurst());

        Assert.True(likers.Count >= 60, "the surge must be a burst by count for the test to mean anything");
        Assert.Empty(findings);
    }

    [Fact]
    public void Livestream_WithoutTheBuyingGuard_WouldBeReported()
    {
        // The same surge as above is a burst by its count: only its buyers keep it clean.
        var market = new LikeMarket();
        market.Background();
        market.Publish("live", "s3", TimeSpan.Zero);
        market.Everyday("live", "s3", likesPerDay: 2, days: 5, prefix: "reg");
        market.Surge("live", "s3", TimeSpan.FromDays(3) + TimeSpan.FromHours(20), TimeSpan.FromHours(2), viewers: 300, prefix: "fan");

        var findings = market.Run(b => b.AddFakeLikesBurst(new LikeBurstOptions { MaxBuyerShare = 1, MinOrdersPerLike = 1000 }));

        Assert.Equal("live", Assert.Single(findings).Entity.Id);
    }

    [Fact]
    public void ViralListing_AudienceGrowingDayByDay_IsNotFlagged()
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("viral", "s4", TimeSpan.Zero);
        int[] perDay = [4, 20, 60, 150, 300];
        for (var day = 0; day < perDay.Length; day++)
        {
            for (var i = 0; i < perDay[day]; i++)
            {
                var account = $"d{day}v{i}";
                market.Register(account, TimeSpan.FromDays(-60));
                var at = TimeSpan.FromDays(day) + TimeSpan.FromHours(8 + (15 * market.Random.NextDouble()));
                market.View(account, "viral", at, 30_000);
                market.Like(account, "viral", at + TimeSpan.FromSeconds(15));
                if (i % 2 == 0)
                {
                    market.Order(account, "s4", "viral", at + TimeSpan.FromMinutes(1));
                }
            }
        }

        var findings = market.Run(b => b.AddFakeLikesBurst());

        Assert.Empty(findings);
    }

    // Off-site traffic (seed 004 #3): a post elsewhere sends 600 visitors in two hours; half like, about 3% buy. That is
    // real interest converting below the marketplace's own bar, which only the seller's declaration can tell apart.
    private static LikeMarket OffsiteSurge(TimeSpan? declaredAt, TimeSpan? declaredFrom = null)
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("promo", "s7", TimeSpan.Zero);
        market.Everyday("promo", "s7", likesPerDay: 2, days: 5, prefix: "reg");
        var start = TimeSpan.FromDays(3) + TimeSpan.FromHours(20);
        market.Surge("promo", "s7", start, TimeSpan.FromHours(2), viewers: 600, prefix: "off", likeChance: 0.5, orderChance: 0.03);
        if (declaredAt is { } at)
        {
            market.Declare("c1", "s7", "promo", at, declaredFrom ?? start - TimeSpan.FromMinutes(30), start + TimeSpan.FromHours(6));
        }

        return market;
    }

    [Fact]
    public void OffsiteSurge_UndeclaredWithLowConversion_IsReported()
    {
        var findings = OffsiteSurge(declaredAt: null).Run(b => b.AddFakeLikesBurst());

        // The "without" side of the declaration tests below: the same traffic converts (some likers bought), yet below the
        // ordinary bar of 5% of likers or 0.1 orders a like.
        var finding = Assert.Single(findings);
        var conversion = finding.Evidence[1].Figures;
        Assert.InRange(conversion["buyer_share"], 0.011, 0.05);
        Assert.InRange(conversion["orders_per_like"], 0.02, 0.1);
        Assert.DoesNotContain(finding.Evidence, e => e.Figures.ContainsKey(DeclaredCampaigns.EvidenceFigure));
    }

    [Fact]
    public void OffsiteSurge_DeclaredAheadOfTime_IsNotReported()
    {
        var findings = OffsiteSurge(declaredAt: TimeSpan.FromDays(3) + TimeSpan.FromHours(9)).Run(b => b.AddFakeLikesBurst());

        Assert.Empty(findings);
    }

    [Fact]
    public void OffsiteSurge_DeclaredOnlyAfterItHappened_IsStillReported()
    {
        // Backdating the campaign's start does not help: a declaration covers only what follows it.
        var findings = OffsiteSurge(declaredAt: TimeSpan.FromDays(3) + TimeSpan.FromHours(23), declaredFrom: TimeSpan.FromDays(3) + TimeSpan.FromHours(19))
            .Run(b => b.AddFakeLikesBurst());

        Assert.Single(findings);
    }

    [Fact]
    public void LikeGroup_InsideADeclaredCampaign_IsStillReportedAndCarriesTheDeclaration()
    {
        // A declaration is no licence: likes that buy nothing are a like group's whatever the seller announced.
        var market = new LikeMarket();
        market.Background();
        market.Publish("l1", "s1", TimeSpan.Zero);
        market.Everyday("l1", "s1", likesPerDay: 2, days: 5, prefix: "reg");
        market.ScriptFarm("l1", Day3Morning, size: 120);
        market.Declare("c9", "s1", "l1", Day3Morning - TimeSpan.FromHours(2), Day3Morning - TimeSpan.FromHours(1), Day3Morning + TimeSpan.FromHours(5), "livestream");

        var finding = Assert.Single(market.Run(b => b.AddFakeLikesBurst()));

        var declaration = Assert.Single(finding.Evidence, e => e.Figures.ContainsKey(DeclaredCampaigns.EvidenceFigure));
        Assert.Contains("c9 (livestream)", declaration.Text, StringComparison.Ordinal);
        Assert.Equal(0, finding.Evidence[1].Figures["buyers"]);
    }

    [Fact]
    public void Options_KeepAlphaBelowAlpha_FailsAtBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => new Detection.DetectionPipelineBuilder()
            .AddFakeLikesBurst(new LikeBurstOptions { Alpha = 1e-3, KeepAlpha = 1e-6 }).Build());
        Assert.Contains("keep_alpha", error.Message, StringComparison.Ordinal);
    }
}
