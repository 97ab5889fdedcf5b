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

    [Fact]
    public void Options_KeepAlphaBelowAlpha_FailsAtBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => new Detection.DetectionPipelineBuilder()
            .AddFakeLikesBurst(new LikeBurstOptions { Alpha = 1e-3, KeepAlpha = 1e-6 }).Build());
        Assert.Contains("keep_alpha", error.Message, StringComparison.Ordinal);
    }
}
