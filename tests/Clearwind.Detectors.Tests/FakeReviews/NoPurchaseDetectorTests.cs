using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeReviews;

namespace Clearwind.Detectors.Tests.FakeReviews;

public sealed class NoPurchaseDetectorTests
{
    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, NoPurchaseOptions? options = null) =>
        ReviewScenario.Run(b => b.AddNoPurchase(options), events);

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public void NoPurchase_PraiseWithoutAnyOrder_FlagsListingAsBeneficiaryAndWritersAsActors()
    {
        var s = new ReviewScenario();
        var v1 = s.Review("w1", H(1), "宝贝收到了，质量超级好");
        var v2 = s.Review("w2", H(2), "物流超快，强烈推荐给大家");
        var v3 = s.Review("w3", H(3), "五星好评");

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal("fake_reviews.no_purchase", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Beneficiary, finding.Role);
        Assert.Equal(
            [
                new RelatedEntity("account", "w1", EntityRole.Actor),
                new RelatedEntity("account", "w2", EntityRole.Actor),
                new RelatedEntity("account", "w3", EntityRole.Actor),
                new RelatedEntity("review", v1, EntityRole.Actor),
                new RelatedEntity("review", v2, EntityRole.Actor),
                new RelatedEntity("review", v3, EntityRole.Actor),
            ],
            finding.Related);
        Assert.Equal(3, finding.Evidence[0].Figures["no_order"]);
        Assert.Equal(0.875, finding.Score);
    }

    [Fact]
    public void NoPurchase_PraisePostedBeforeTheParcelArrives_IsCaught()
    {
        // 先评后发: ordered and paid, praised hours later, delivered only the next day.
        var s = new ReviewScenario();
        var order = s.Order("w1", H(0), deliveredAfter: H(30));
        var review = s.Review("w1", H(5), "收到了很好用", order: order);

        var finding = Assert.Single(Run(s.Events));

        Assert.Contains(new RelatedEntity("review", review, EntityRole.Actor), finding.Related);
        Assert.Equal(1, finding.Evidence[0].Figures["before_delivery"]);
    }

    [Fact]
    public void NoPurchase_ReviewOnSomeoneElsesOrderOrACancelledOne_IsCaught()
    {
        var s = new ReviewScenario();
        var theirs = s.Order("buyer", H(0), deliveredAfter: H(30));
        var cancelled = s.Order("w2", H(0), cancelled: true);
        s.Review("w1", H(40), "很好很好很好", order: theirs);
        s.Review("w2", H(40), "很好很好很好", order: cancelled);

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal(1, finding.Evidence[0].Figures["not_their_order"]);
        Assert.Equal(1, finding.Evidence[0].Figures["cancelled_order"]);
    }

    [Fact]
    public void NoPurchase_OneStarBurstWithoutOrders_NamesTheListingAsVictimNeverActor()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 5; i++)
        {
            s.Review($"a{i}", H(i * 0.2), "质量太差了，差评！", rating: 1);
        }

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.DoesNotContain(finding.Related, r => r.Type == "listing" || r.Type == "shop");
    }

    [Fact]
    public void LoyalCustomer_ReviewsEveryDeliveredPurchase_IsNotFlagged()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 6; i++)
        {
            s.Bought("fan", TimeSpan.FromDays(i * 5), "又买了，一如既往的好");
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void GenuineBadExperience_RealBuyersOneStarAfterDelivery_IsNotFlagged()
    {
        // A shop that really shipped broken goods: several real one-star reviews, each on a delivered order.
        var s = new ReviewScenario();
        for (var i = 0; i < 6; i++)
        {
            s.Bought($"b{i}", H(i), "收到就是坏的，已申请退款", rating: 1);
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void ReviewAfterConfirmationWithoutDeliveryEvent_CountsAsPurchased()
    {
        var s = new ReviewScenario();
        var order = s.Order("b1", H(0));
        s.Events.Add(new OrderConfirmed { Id = s.NextId(), Ts = ReviewScenario.T0 + H(48), Order = order });
        s.Review("b1", H(50), "很好", order: order);

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void NoPurchase_ReviewsWeeksApart_AreSeparateEpisodes()
    {
        var s = new ReviewScenario();
        s.Review("w1", H(1), "好");
        s.Review("w2", TimeSpan.FromDays(20), "好");

        var findings = Run(s.Events);

        Assert.Equal(2, findings.Count);
        Assert.NotEqual(findings[0].Id, findings[1].Id);
    }
}
