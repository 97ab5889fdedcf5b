using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Signals;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Signals;

public sealed class SearchSignalsTests
{
    private static readonly DateTimeOffset End = Some.Epoch.AddDays(3);

    /// <summary>Shop s1 sells <paramref name="paid"/> paid orders o0… of listing l1, shop s2 sells l2 (2 paid), l3 and l4 are only published.</summary>
    private static SalesTally Market(int paid = 10, int unpaid = 0)
    {
        var tally = new SalesTally();
        tally.Observe(new ShopOpened { Id = "so1", Ts = Some.Epoch, Shop = "s1", Tier = "tmall" });
        tally.Observe(new ListingPublished { Id = "lp1", Ts = Some.Epoch, Listing = "l1", Shop = "s1" });
        var t = Some.Epoch.AddHours(1);
        for (var i = 0; i < paid + unpaid; i++)
        {
            tally.Observe(Some.OrderPlaced(id: $"p{i}", order: $"o{i}", shop: "s1", listing: "l1", ts: t));
            if (i < paid)
            {
                tally.Observe(new OrderPaid { Id = $"pay{i}", Ts = t.AddMinutes(1), Order = $"o{i}" });
            }

            t = t.AddMinutes(5);
        }

        foreach (var listing in new[] { "l2", "l3", "l4" })
        {
            tally.Observe(new ListingPublished { Id = "lp_" + listing, Ts = t, Listing = listing, Shop = "s2" });
        }

        for (var i = 0; i < 2; i++)
        {
            tally.Observe(Some.OrderPlaced(id: $"q{i}", order: $"x{i}", shop: "s2", listing: "l2", ts: t));
            tally.Observe(new OrderPaid { Id = $"qpay{i}", Ts = t, Order = $"x{i}" });
            tally.Observe(new OrderPaid { Id = $"qpay{i}_again", Ts = t, Order = $"x{i}" }); // paid twice: one sale
        }

        tally.Observe(new AccountLogin { Id = "last", Ts = End, Account = "b1" });
        return tally;
    }

    private static Finding Brushing(params string[] orders)
        => Some.Finding(id: "f_brush", shop: "s1") with
        {
            Related = [new RelatedEntity(EntityTypes.Account, "b1", EntityRole.Actor), .. orders.Select(o => new RelatedEntity(EntityTypes.Order, o, EntityRole.Actor))],
        };

    private static Decision On(string type, string id, string action, string rule = "listing.banned_words", DateTimeOffset? expires = null, int strike = 1, string finding = "f_1")
        => Some.Decision(id: $"d_{type}_{id}_{action}", action: action, rule: rule, findings: [finding], strike: strike, expiresAt: expires ?? End.AddDays(30)) with
        {
            Entity = new EntityRef(type, id),
        };

    private static ListingSignal Row(SearchSignals signals, string listing) => signals.Listings.Single(l => l.Listing == listing);

    private static ShopHealth Shop(SearchSignals signals, string shop) => signals.Shops.Single(s => s.Shop == shop);

    [Fact]
    public void Compute_BrushedShopWithFourOrdersVoided_CleanSalesSix()
    {
        var tally = Market(paid: 10, unpaid: 1);
        // o10 was never paid: naming it voids no sale.
        var signals = SearchSignals.Compute(tally, [Brushing("o0", "o1", "o2", "o3", "o10")], [On(EntityTypes.Shop, "s1", DecisionActions.VoidOrders, "order_brushing.concentration", finding: "f_brush")]);

        var l1 = Row(signals, "l1");
        Assert.Equal(("s1", 10, 6), (l1.Shop, l1.RawSales, l1.CleanSales));
        Assert.Equal(1.0, l1.RankMultiplier); // the voided sales already left clean_sales
        var s1 = Shop(signals, "s1");
        Assert.Equal((10, 6, 0.4, 1, 1), (s1.RawSales, s1.CleanSales, s1.FakeShare, s1.OpenPenalties, s1.Strikes));
        Assert.Equal(8, s1.ReputationDeducted); // 炒一罚二: the 4 fake sales' credit taken back twice
        // 100 − 50 × 0.4 (fake share) − 10 (void_orders in force) − 3 (one strike).
        Assert.Equal(67, s1.Health);
        Assert.Contains("4 of 10 paid orders voided as fake", s1.Reasons, StringComparison.Ordinal);
        // The same deductions in Chinese for the seller page, one for one.
        Assert.Equal(s1.Reasons.Split("; ").Length, s1.ReasonsZh!.Split("；").Length);
        Assert.Contains("10 笔已付款订单中有 4 笔被判为虚假订单并作废（40%）：扣 20 分", s1.ReasonsZh, StringComparison.Ordinal);
        Assert.Contains("炒一罚二", s1.ReasonsZh, StringComparison.Ordinal);
        Assert.Contains("店铺订单作废（依据：刷单（订单集中），至 " + End.AddDays(30).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "）：扣 10 分", s1.ReasonsZh, StringComparison.Ordinal);
        Assert.Contains("累计 1 次处罚记录：扣 3 分", s1.ReasonsZh, StringComparison.Ordinal);
        Assert.DoesNotContain("voided", s1.ReasonsZh, StringComparison.Ordinal);
        Assert.Equal((2, 2), (Row(signals, "l2").RawSales, Row(signals, "l2").CleanSales));
    }

    [Fact]
    public void Compute_LowConfidenceBrushingSentToReview_VoidsNothing()
    {
        var signals = SearchSignals.Compute(Market(), [Brushing("o0", "o1", "o2", "o3")], [On(EntityTypes.Shop, "s1", DecisionActions.Review, "order_brushing.concentration", finding: "f_brush", strike: 0)]);

        Assert.Equal(10, Row(signals, "l1").CleanSales);
        Assert.Equal((100, "no deductions", "无扣分"), (Shop(signals, "s1").Health, Shop(signals, "s1").Reasons, Shop(signals, "s1").ReasonsZh));
    }

    [Fact]
    public void Compute_DemotedListingOfThrottledShop_MultipliersCombine()
    {
        var signals = SearchSignals.Compute(Market(), [], [On(EntityTypes.Listing, "l2", DecisionActions.Demote), On(EntityTypes.Shop, "s2", DecisionActions.Throttle, "accounts.marketing")]);

        Assert.Equal(0.25, Row(signals, "l2").RankMultiplier);
        Assert.Equal(0.5, Row(signals, "l3").RankMultiplier);
        Assert.Equal(1.0, Row(signals, "l1").RankMultiplier);
        // 100 − 20 (shop throttled) − 3 (one listing demoted) − 3 (one strike on the shop).
        Assert.Equal(74, Shop(signals, "s2").Health);
        Assert.Equal("店铺限流（依据：营销号，至 " + End.AddDays(30).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "）：扣 20 分；商品受到处罚（降权 1 个）：扣 3 分；累计 1 次处罚记录：扣 3 分", Shop(signals, "s2").ReasonsZh);
    }

    [Fact]
    public void Compute_FoldedDuplicate_HiddenUnderItsRepresentative()
    {
        var duplicate = new Finding
        {
            Id = "f_dup",
            Pattern = SearchSignals.DuplicatePattern,
            Entity = new EntityRef(EntityTypes.Listing, "l3"),
            Role = EntityRole.Actor,
            Score = 0.8,
            Severity = Severity.Medium,
            From = Some.Epoch,
            To = Some.Epoch.AddHours(2),
            Related = [new RelatedEntity(EntityTypes.Listing, "l2", EntityRole.Actor)],
            Evidence = [],
            Rule = "titles alike",
        };
        var signals = SearchSignals.Compute(Market(), [duplicate], [On(EntityTypes.Listing, "l3", DecisionActions.Fold, SearchSignals.DuplicatePattern, finding: "f_dup")]);

        Assert.Equal((0.0, "l2", "l2"), (Row(signals, "l3").RankMultiplier, Row(signals, "l3").DuplicateGroup, Row(signals, "l3").Representative));
        Assert.Equal((1.0, "l2", "l2"), (Row(signals, "l2").RankMultiplier, Row(signals, "l2").DuplicateGroup, Row(signals, "l2").Representative));
        Assert.Equal((1.0, null, null), (Row(signals, "l4").RankMultiplier, Row(signals, "l4").DuplicateGroup, Row(signals, "l4").Representative));
    }

    [Fact]
    public void Compute_DecisionExpiredByTheLastEvent_NoLongerCounts()
    {
        var expired = SearchSignals.Compute(Market(), [], [On(EntityTypes.Listing, "l2", DecisionActions.Demote, expires: End), On(EntityTypes.Listing, "l3", DecisionActions.Remove, expires: End.AddSeconds(-1))]);
        var inForce = SearchSignals.Compute(Market(), [], [On(EntityTypes.Listing, "l2", DecisionActions.Demote, expires: End.AddSeconds(1))]);

        Assert.Equal((1.0, 1.0), (Row(expired, "l2").RankMultiplier, Row(expired, "l3").RankMultiplier));
        Assert.Equal(0, Shop(expired, "s2").OpenPenalties);
        Assert.Equal(0.5, Row(inForce, "l2").RankMultiplier);
        Assert.Equal(1, Shop(inForce, "s2").OpenPenalties);
    }

    [Fact]
    public void Compute_ProtectedVictimShop_KeepsFullWeightAndHealth()
    {
        var signals = SearchSignals.Compute(Market(), [], [
            On(EntityTypes.Shop, "s2", DecisionActions.Protect, "attack.malicious_orders", strike: 0),
            On(EntityTypes.Shop, "s2", DecisionActions.RefundClicks, "attack.click_fraud", strike: 0),
            On(EntityTypes.Listing, "l2", DecisionActions.Protect, "fake_reviews.malicious_negative", strike: 0),
            On(EntityTypes.Listing, "l3", DecisionActions.Alert, "brand.alert", strike: 0),
        ]);

        Assert.All(signals.Listings.Where(l => l.Shop == "s2"), l => Assert.Equal(1.0, l.RankMultiplier));
        Assert.Equal((100, 0, 0, "no deductions"), (Shop(signals, "s2").Health, Shop(signals, "s2").OpenPenalties, Shop(signals, "s2").Strikes, Shop(signals, "s2").Reasons));
    }

    [Fact]
    public void Compute_ClosedShop_HealthZeroAndListingsHidden()
    {
        var signals = SearchSignals.Compute(Market(), [], [On(EntityTypes.Shop, "s1", DecisionActions.Close, "order_brushing.ring", strike: 3)]);

        Assert.Equal(0.0, Row(signals, "l1").RankMultiplier);
        Assert.Equal(0, Shop(signals, "s1").Health);
    }

    [Fact]
    public void WriteListings_HeaderIsSpecSection8AndRowsRoundTrip()
    {
        var rows = new[]
        {
            new ListingSignal("l1", "s1", 10, 6, 0.25, null, null),
            new ListingSignal("l,\"2\"", "s2", 3, 3, 1, "l9", "l9"),
        };
        using var text = new StringWriter();
        SignalsCsv.WriteListings(text, rows);

        var lines = text.ToString().Split('\n');
        Assert.Equal("listing,shop,raw_sales,clean_sales,rank_multiplier,duplicate_group,representative", lines[0]);
        Assert.Equal("l1,s1,10,6,0.25,,", lines[1]);
        Assert.Equal("\"l,\"\"2\"\"\",s2,3,3,1,l9,l9", lines[2]);
        Assert.Equal(rows, SignalsCsv.ReadListings(new StringReader(text.ToString())));
    }

    [Fact]
    public void WriteShops_QuotesReasons()
    {
        using var text = new StringWriter();
        SignalsCsv.WriteShops(text, [new ShopHealth("s1", 67, 10, 6, 0.4, 8, 1, 1, "a, b; c")]);

        Assert.Equal("shop,health,raw_sales,clean_sales,fake_share,reputation_deducted,open_penalties,strikes,reasons\ns1,67,10,6,0.4,8,1,1,\"a, b; c\"\n", text.ToString());
    }
}
