using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeLikes;

namespace Clearwind.Detectors.Tests.FakeLikes;

public sealed class LikeLockstepDetectorTests
{
    [Fact]
    public void Lockstep_LikeGroupOnFourListingsOverFourDays_FlagsEveryListingAndMember()
    {
        var market = new LikeMarket();
        string[] listings = ["l1", "l2", "l3", "l4"];
        foreach (var listing in listings)
        {
            market.Publish(listing, "s" + listing, TimeSpan.Zero);
            market.Everyday(listing, "s" + listing, likesPerDay: 3, days: 5, prefix: listing + "-reg");
        }

        var members = Enumerable.Range(0, 40).Select(i => $"member{i}").ToList();
        foreach (var member in members)
        {
            market.Register(member, TimeSpan.FromDays(-200));
        }

        for (var j = 0; j < listings.Length; j++)
        {
            market.CrowdJob(members, listings[j], TimeSpan.FromDays(j + 0.5) + TimeSpan.FromHours(3 * j));
        }

        var findings = market.Run(b => b.AddFakeLikesLockstep());

        var finding = Assert.Single(findings);
        Assert.Equal("fake_likes.lockstep", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Beneficiary, finding.Role);
        Assert.Equal(["l2", "l3", "l4"], finding.Related.Where(r => r.Type == "listing" && r.Role == EntityRole.Beneficiary).Select(r => r.Id));
        Assert.Equal(members.ToHashSet(), LikeMarket.Named(finding));
        Assert.Equal(4, finding.Evidence[0].Figures["listings"]);
    }

    [Fact]
    public void Lockstep_ScriptWalkingItsAccountsInOrderOnThreeListings_FlagsTheWalkers()
    {
        var market = new LikeMarket();
        var walkers = new List<string>();
        for (var j = 0; j < 3; j++)
        {
            market.Publish($"l{j}", $"s{j}", TimeSpan.Zero);
            walkers = market.ScriptFarm($"l{j}", TimeSpan.FromDays(j + 1), size: 150, pace: TimeSpan.FromSeconds(15), prefix: "w");
        }

        var findings = market.Run(b => b.AddFakeLikesLockstep());

        var finding = Assert.Single(findings);
        Assert.Equal(walkers.ToHashSet(), LikeMarket.Named(finding));
    }

    [Fact]
    public void Lockstep_GroupOnTwoListingsOnly_IsNotFlagged()
    {
        // Twice can be chance (a link shared in a chat); "again and again" needs a third time.
        var market = new LikeMarket();
        var members = Enumerable.Range(0, 40).Select(i => $"member{i}").ToList();
        foreach (var member in members)
        {
            market.Register(member, TimeSpan.FromDays(-200));
        }

        market.CrowdJob(members, "l1", TimeSpan.FromDays(1));
        market.CrowdJob(members, "l2", TimeSpan.FromDays(2));

        Assert.Empty(market.Run(b => b.AddFakeLikesLockstep()));
    }

    [Fact]
    public void PopularListings_ShoppersLikingTheSameFiveAtTheirOwnMoments_IsNotFlagged()
    {
        // 400 shoppers each like three of a category's five best sellers over a week, each at a moment of their own.
        var market = new LikeMarket();
        for (var l = 0; l < 5; l++)
        {
            market.Publish($"hit{l}", $"s{l}", TimeSpan.Zero);
        }

        for (var i = 0; i < 400; i++)
        {
            var shopper = $"fan{i}";
            market.Register(shopper, TimeSpan.FromDays(-100));
            foreach (var l in Enumerable.Range(0, 5).OrderBy(_ => market.Random.Next()).Take(3))
            {
                var at = TimeSpan.FromDays(market.Random.NextDouble() * 7);
                market.View(shopper, $"hit{l}", at, 30_000);
                market.Like(shopper, $"hit{l}", at + TimeSpan.FromSeconds(10));
            }
        }

        Assert.Empty(market.Run(b => b.AddFakeLikesLockstep()));
    }

    [Fact]
    public void LoyalAudience_SameFansAtThreeLivestreamsWhoBuy_IsNotFlagged()
    {
        // A shop streams three evenings; its 150 loyal fans come each time within the first half hour, like the
        // product shown, and more than half of them buy it.
        var market = new LikeMarket();
        var fans = Enumerable.Range(0, 150).Select(i => $"fan{i}").ToList();
        foreach (var fan in fans)
        {
            market.Register(fan, TimeSpan.FromDays(-300));
        }

        for (var stream = 0; stream < 3; stream++)
        {
            var listing = $"live{stream}";
            market.Publish(listing, "s1", TimeSpan.Zero);
            var start = TimeSpan.FromDays(stream + 1) + TimeSpan.FromHours(20);
            foreach (var fan in fans)
            {
                var at = start + TimeSpan.FromMinutes(30 * market.Random.NextDouble());
                market.View(fan, listing, at, 60_000);
                market.Like(fan, listing, at + TimeSpan.FromSeconds(20));
                if (market.Random.NextDouble() < 0.6)
                {
                    market.Order(fan, "s1", listing, at + TimeSpan.FromMinutes(1));
                }
            }
        }

        var findings = market.Run(b => b.AddFakeLikesLockstep());
        var ignoringPurchases = market.Run(b => b.AddFakeLikesLockstep(new LikeLockstepOptions { MaxBuyerShare = 1 }));

        Assert.Empty(findings);
        Assert.Single(ignoringPurchases); // In step they are: only their buying clears them.
    }
}
