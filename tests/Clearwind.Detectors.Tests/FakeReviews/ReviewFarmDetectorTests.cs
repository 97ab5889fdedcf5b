using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeReviews;

namespace Clearwind.Detectors.Tests.FakeReviews;

public sealed class ReviewFarmDetectorTests
{
    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, ReviewFarmOptions? options = null) =>
        ReviewScenario.Run(b => b.AddReviewFarm(options), events);

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public void Farm_SixAccountsOnTwoStudioPhones_PraiseOneListingWithinHours_IsFlagged()
    {
        var s = new ReviewScenario();
        var reviews = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            s.Account($"w{i}", device: i < 3 ? "h:dev-a" : "h:dev-b", ip: $"10.{i}.0.1");
            reviews.Add(s.Review($"w{i}", H(i * 0.5), "好评"));
        }

        // The studio swaps phones: one account of the first phone also logs in on the second.
        s.Events.Add(new AccountLogin { Id = s.NextId(), Ts = ReviewScenario.T0 - H(2), Account = "w2", Device = "h:dev-b", Ip = "10.2.0.1" });

        s.Account("w6", device: "h:dev-a"); // the studio's seventh account, which did not post

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal("fake_reviews.farm", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Beneficiary, finding.Role);
        Assert.Equal(6, finding.Related.Count(r => r.Type == "account" && r.Role == EntityRole.Actor));
        Assert.Equal(reviews.Order(StringComparer.Ordinal), finding.Related.Where(r => r.Type == "review").Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Contains("device", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(0.76, finding.Score);
    }

    [Fact]
    public void Farm_ThrowawaysInOneProxyRangeWithoutPurchases_AreLinkedByTheRange()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 5; i++)
        {
            s.Account($"a{i}", device: $"h:d{i}", ip: $"113.153.106.{10 + i}");
            s.Review($"a{i}", H(i * 0.3), "质量太差了，差评！", rating: 1);
        }

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Equal(5, finding.Related.Count(r => r.Type == "account"));
    }

    [Fact]
    public void Neighbours_InOneIpRangeWhoReallyBoughtIt_AreNotLinkedByTheRange()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 6; i++)
        {
            s.Account($"b{i}", device: $"h:d{i}", ip: $"113.153.106.{10 + i}");
            s.Bought($"b{i}", H(i * 0.3), "很好用，推荐");
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void CampusBuyers_SharingOneNatAddress_AreNotAFarm()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 120; i++)
        {
            s.Account($"c{i}", device: $"h:d{i}", ip: "202.120.7.7");
        }

        for (var i = 0; i < 8; i++)
        {
            s.Review($"c{i}", H(i * 0.5), "好评");
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void Family_ThreeAccountsOnOnePaymentAccount_StaysBelowTheThreshold()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 3; i++)
        {
            var order = s.Order($"f{i}", H(i), address: "h:home", payment: "h:mum", deliveredAfter: H(30));
            s.Review($"f{i}", H(40 + i), "孩子很喜欢", order: order);
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void Household_FiveMembersOnOneAddressWhoReceivedTheGoods_IsNotAFarm()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 5; i++)
        {
            var order = s.Order($"f{i}", H(i), address: "h:home", payment: $"h:pay{i}", deliveredAfter: H(30));
            s.Review($"f{i}", H(40 + i), "很好用", order: order);
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void Farm_FiveAccountsOnOneAddressReviewingBeforeDelivery_IsFlagged()
    {
        // 先评后发 by a studio that ships everything to one address.
        var s = new ReviewScenario();
        for (var i = 0; i < 5; i++)
        {
            var order = s.Order($"w{i}", H(i), address: "h:studio", payment: $"h:pay{i}", deliveredAfter: H(60));
            s.Review($"w{i}", H(6 + i), "很好用", order: order);
        }

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal(5, finding.Related.Count(r => r.Type == "account"));
        Assert.Contains("delivery address", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkedAccounts_ReviewingDaysApart_AreNotOneBurst()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 5; i++)
        {
            s.Account($"w{i}", device: "h:dev-a");
            s.Review($"w{i}", TimeSpan.FromDays(i * 2), "好评");
        }

        Assert.Empty(Run(s.Events));
    }
}
