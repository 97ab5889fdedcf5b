using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeReviews;
using Clearwind.Policy;

namespace Clearwind.Detectors.Tests.FakeReviews;

public sealed class MaliciousNegativeDetectorTests
{
    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, MaliciousNegativeOptions? options = null) =>
        ReviewScenario.Run(b => b.AddMaliciousNegative(options), events);

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    private static ReviewScenario Market()
    {
        var s = new ReviewScenario().Shop("victim", "victim-owner").Shop("rival", "rival-owner");
        s.Events.Add(new ListingPublished { Id = s.NextId(), Ts = ReviewScenario.T0.AddDays(-29), Listing = "hot", Shop = "victim", Title = "保温杯" });
        s.Account("rival-owner", device: "h:rival-pc", ip: "58.1.2.3");
        return s;
    }

    [Fact]
    public void MaliciousNegative_CompetitorsPeopleOneStarWithoutPurchases_ProtectsListingAndNamesCompetitor()
    {
        var s = Market();
        var reviews = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            s.Account($"p{i}", device: i < 3 ? "h:rival-pc" : $"h:own{i}");
            reviews.Add(s.Review($"p{i}", H(i), "质量太差了，差评！", rating: 1, listing: "hot"));
        }

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal("fake_reviews.malicious_negative", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "hot"), finding.Entity);
        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Contains(new RelatedEntity("shop", "victim", EntityRole.Victim), finding.Related);
        Assert.Contains(new RelatedEntity("shop", "rival", EntityRole.Actor), finding.Related);
        Assert.Equal(5, finding.Related.Count(r => r.Type == "account" && r.Role == EntityRole.Actor));
        Assert.Equal(reviews.Order(StringComparer.Ordinal), finding.Related.Where(r => r.Type == "review").Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(finding.Related, r => r.Id == "victim" && r.Role != EntityRole.Victim);
    }

    [Fact]
    public void MaliciousNegative_VictimGetsProtectionNeverAPenalty()
    {
        var s = Market();
        for (var i = 0; i < 5; i++)
        {
            s.Review($"h{i}", H(i * 0.2), "别上当了", rating: 1, listing: "hot");
        }

        var finding = Assert.Single(Run(s.Events));
        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);

        Assert.Contains(decisions, d => d.Entity == new EntityRef("listing", "hot") && d.Action == DecisionActions.Protect);
        Assert.DoesNotContain(decisions, d => (d.Entity.Id == "hot" || d.Entity.Id == "victim") && DecisionActions.IsPunitive(d.Action));
        Assert.DoesNotContain(finding.Related, r => r.Type == "shop" && r.Role == EntityRole.Actor); // nobody tied to a rival
    }

    [Fact]
    public void GenuineBadExperience_ShopShippedBrokenGoods_RealBuyersOneStar_IsNotAnAttack()
    {
        var s = Market();
        for (var i = 0; i < 8; i++)
        {
            s.Bought($"b{i}", H(i), "收到就是坏的，已申请退款", rating: 1, listing: "hot", shop: "victim");
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void MostlyRealComplaints_AFewWithoutPurchase_StayBelowTheSuspectShare()
    {
        var s = Market();
        for (var i = 0; i < 10; i++)
        {
            s.Bought($"b{i}", H(i), "做工粗糙", rating: 1, listing: "hot", shop: "victim");
        }

        for (var i = 0; i < 4; i++)
        {
            s.Review($"x{i}", TimeSpan.FromDays(3) + H(i), "差评", rating: 1, listing: "hot");
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void FivePraisesWithoutPurchase_AreNotAnAttack()
    {
        var s = Market();
        for (var i = 0; i < 5; i++)
        {
            s.Review($"w{i}", H(i), "好评", rating: 5, listing: "hot");
        }

        Assert.Empty(Run(s.Events));
    }
}
