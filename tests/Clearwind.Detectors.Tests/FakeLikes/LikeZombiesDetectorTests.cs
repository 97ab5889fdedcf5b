using Clearwind.Events;
using Clearwind.FakeLikes;

namespace Clearwind.Detectors.Tests.FakeLikes;

public sealed class LikeZombiesDetectorTests
{
    private static readonly TimeSpan Day3Morning = TimeSpan.FromDays(3) + TimeSpan.FromHours(10);

    // In these small markets the default picture is carried by a few dozen accounts, not the thousands of a real one.
    private static readonly LikeZombiesOptions Options = new() { DefaultAvatarAccounts = 30 };

    [Fact]
    public void Zombies_ThrowawaysLikingOnATimer_FlagsListingAndEveryThrowaway()
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("l1", "s1", TimeSpan.Zero);
        market.Everyday("l1", "s1", likesPerDay: 3, days: 5, prefix: "reg");
        var farm = market.ScriptFarm("l1", Day3Morning, size: 80, pace: TimeSpan.FromSeconds(25));

        var findings = market.Run(b => b.AddFakeLikesZombies(Options));

        var finding = Assert.Single(findings);
        Assert.Equal("fake_likes.zombies", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(farm.ToHashSet(), LikeMarket.Named(finding));
        Assert.InRange(finding.Evidence[0].Figures["median_gap_seconds"], 23, 27);
        Assert.True(finding.Evidence[0].Figures["gap_spread"] <= 0.1);
    }

    [Fact]
    public void Newcomers_CampaignVisitorsLikingAtTheirOwnMoments_IsNotFlagged()
    {
        // An off-site campaign brings people who open an account on the spot (the default picture, no order yet) and
        // like within minutes of registering: new and pictureless, but each at a moment of their own.
        var market = new LikeMarket();
        market.Publish("promo", "s2", TimeSpan.Zero);
        var t = Day3Morning;
        for (var i = 0; i < 60; i++)
        {
            t += TimeSpan.FromSeconds(-240 * Math.Log(1 - market.Random.NextDouble()));
            var account = $"new{i}";
            market.Register(account, t, LikeMarket.DefaultAvatar);
            market.View(account, "promo", t + TimeSpan.FromMinutes(1), 30_000);
            market.Like(account, "promo", t + TimeSpan.FromMinutes(1.5));
        }

        var findings = market.Run(b => b.AddFakeLikesZombies(Options));
        var anyPace = market.Run(b => b.AddFakeLikesZombies(new LikeZombiesOptions { DefaultAvatarAccounts = 30, MaxGapSpread = 10 }));

        Assert.Empty(findings);
        Assert.Single(anyPace); // Only the timing tells them from a farm.
    }

    [Fact]
    public void Newcomers_OnATimerButBuying_IsNotFlagged()
    {
        // New accounts with the default picture whose likes come at an even pace (a queue at a store's pickup desk),
        // but every one of them orders: shoppers, not throwaways.
        var market = new LikeMarket();
        market.Publish("desk", "s2", TimeSpan.Zero);
        for (var i = 0; i < 40; i++)
        {
            var account = $"queue{i}";
            var at = Day3Morning + TimeSpan.FromSeconds(60 * i);
            market.Register(account, at - TimeSpan.FromMinutes(5), LikeMarket.DefaultAvatar);
            market.Order(account, "s2", "desk", at - TimeSpan.FromMinutes(1));
            market.Like(account, "desk", at);
        }

        var findings = market.Run(b => b.AddFakeLikesZombies(Options));

        Assert.Empty(findings);
    }

    [Fact]
    public void Zombies_AgedAccountsWithTheirOwnPictures_IsNotFlagged()
    {
        var market = new LikeMarket();
        market.Publish("l1", "s1", TimeSpan.Zero);
        for (var i = 0; i < 40; i++)
        {
            var account = $"aged{i}";
            market.Register(account, TimeSpan.FromDays(-400));
            market.Like(account, "l1", Day3Morning + TimeSpan.FromSeconds(20 * i));
        }

        var findings = market.Run(b => b.AddFakeLikesZombies(Options));

        Assert.Empty(findings);
    }
}
