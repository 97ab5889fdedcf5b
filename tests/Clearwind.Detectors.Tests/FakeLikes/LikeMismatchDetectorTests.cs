using Clearwind.Events;

namespace Clearwind.Detectors.Tests.FakeLikes;

public sealed class LikeMismatchDetectorTests
{
    private static readonly TimeSpan Day3Afternoon = TimeSpan.FromDays(3) + TimeSpan.FromHours(14);

    [Fact]
    public void Mismatch_LikeGroupLooksBrieflyAndBuysNothing_FlagsListingAndGroup()
    {
        // Seed 003: a like group's members look and like, but their likes are not what looking earns in the category
        // (one view in ten), and nobody buys.
        var market = new LikeMarket();
        market.Background();
        market.Publish("l1", "s1", TimeSpan.Zero);
        market.Everyday("l1", "s1", likesPerDay: 1, days: 5, prefix: "reg");
        var group = market.CrowdJob([.. Enumerable.Range(0, 50).Select(i => $"shopper{i}")], "l1", Day3Afternoon);

        var findings = market.Run(b => b.AddFakeLikesMismatch());

        var finding = Assert.Single(findings);
        Assert.Equal("fake_likes.mismatch", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Superset(group.ToHashSet(), LikeMarket.Named(finding));
        Assert.True(LikeMarket.Named(finding).Count >= 48, "nearly the whole group is named");
        Assert.True(finding.Evidence[0].Figures["ratio"] >= 4);
        Assert.Equal(0, finding.Evidence[0].Figures["orders"]);
    }

    [Fact]
    public void Mismatch_DripOfLikesWithoutLooking_FlagsListingThoughNoBurst()
    {
        // A slow drip, ten likes a day from accounts that never look at the listing: no burst, still unsupported.
        var market = new LikeMarket();
        market.Background();
        market.Publish("drip", "s6", TimeSpan.Zero);
        var drip = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var account = $"drip{i}";
            drip.Add(account);
            market.Register(account, TimeSpan.FromHours(2.4 * i), LikeMarket.DefaultAvatar);
            market.Like(account, "drip", TimeSpan.FromHours((2.4 * i) + 3));
        }

        var findings = market.Run(b => b.AddFakeLikesMismatch());

        var finding = Assert.Single(findings);
        Assert.Equal(drip.ToHashSet(), LikeMarket.Named(finding));
    }

    [Fact]
    public void Livestream_LikesWithLongLooksAndOrders_IsNotFlagged()
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("live", "s3", TimeSpan.Zero);
        market.Everyday("live", "s3", likesPerDay: 2, days: 5, prefix: "reg");
        var likers = market.Surge("live", "s3", Day3Afternoon, TimeSpan.FromHours(2), viewers: 300, prefix: "fan");

        var findings = market.Run(b => b.AddFakeLikesMismatch());

        Assert.True(likers.Count >= 60);
        Assert.Empty(findings);
    }

    [Fact]
    public void Mismatch_HonestLoneLikerOnBoostedListing_IsNotNamed()
    {
        var market = new LikeMarket();
        market.Background();
        market.Publish("l1", "s1", TimeSpan.Zero);
        market.Register("honest", TimeSpan.FromDays(-100));
        market.View("honest", "l1", Day3Afternoon - TimeSpan.FromHours(5), 45_000);
        market.Like("honest", "l1", Day3Afternoon - TimeSpan.FromHours(5) + TimeSpan.FromSeconds(20));
        market.CrowdJob([.. Enumerable.Range(0, 50).Select(i => $"shopper{i}")], "l1", Day3Afternoon);

        var findings = market.Run(b => b.AddFakeLikesMismatch());

        var finding = Assert.Single(findings);
        Assert.DoesNotContain("honest", LikeMarket.Named(finding));
    }
}
