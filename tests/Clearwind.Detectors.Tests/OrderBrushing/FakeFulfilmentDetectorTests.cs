using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.OrderBrushing;

public sealed class FakeFulfilmentDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, FakeFulfilmentOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddFakeFulfilment(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    /// <summary>How one order is fulfilled; the defaults are an honest order (real parcel, ordinary timings, no review).</summary>
    private sealed record Parcel
    {
        public string Shop { get; init; } = "s1";

        public string Listing { get; init; } = "l1";

        public string? Tracking { get; init; }

        public double Grams { get; init; } = 500;

        public TimeSpan Transit { get; init; } = TimeSpan.FromHours(40);

        public TimeSpan ConfirmAfter { get; init; } = TimeSpan.FromDays(2);

        public bool BlankReview { get; init; }

        public bool WrittenReview { get; init; }

        public bool CashbackChat { get; init; }
    }

    private static IEnumerable<MarketEvent> Life(int n, string buyer, TimeSpan at, Parcel p)
    {
        var placed = T0 + at;
        var shipped = placed.AddHours(6);
        var delivered = shipped + p.Transit;
        var confirmed = delivered + p.ConfirmAfter;
        var order = $"o{n}";
        yield return Some.OrderPlaced(id: $"p{n}", order: order, buyer: buyer, shop: p.Shop, listing: p.Listing, ts: placed);
        yield return new OrderShipped { Id = $"s{n}", Ts = shipped, Order = order, Carrier = "YTO", Tracking = p.Tracking ?? $"YT{n:D10}", WeightG = p.Grams };
        yield return new OrderDelivered { Id = $"d{n}", Ts = delivered, Order = order };
        if (p.CashbackChat)
        {
            yield return new ChatMessage { Id = $"c{n}", Message = $"m{n}", Ts = delivered.AddMinutes(2), From = "owner1", To = buyer, Text = "亲，确认收货+五星好评，返现已备好" };
        }

        yield return new OrderConfirmed { Id = $"k{n}", Ts = confirmed, Order = order };
        if (p.BlankReview || p.WrittenReview)
        {
            yield return new ReviewPosted
            {
                Id = $"r{n}",
                Ts = confirmed.AddMinutes(p.BlankReview ? 3 : 300),
                Review = $"v{n}",
                Order = order,
                Account = buyer,
                Listing = p.Listing,
                Rating = 5,
                Text = p.BlankReview ? "" : "质量很好，和描述一致，物流也快",
            };
        }
    }

    private static IEnumerable<MarketEvent> Shop(string shop = "s1", string owner = "owner1")
        => [new ShopOpened { Id = $"shop-{shop}", Ts = T0.AddDays(-30), Shop = shop, Owner = owner }];

    private static IEnumerable<MarketEvent> Listing(string listing, string category, string shop = "s1")
        => [new ListingPublished { Id = $"lp-{listing}", Ts = T0.AddDays(-20), Listing = listing, Shop = shop, Category = category }];

    /// <summary>Honest orders of a listing, one buyer each, spread over the first days.</summary>
    private static IEnumerable<MarketEvent> Honest(int first, int count, Parcel parcel, Func<int, double>? grams = null)
        => Enumerable.Range(first, count).SelectMany(n => Life(n, $"h{n}", TimeSpan.FromHours(3 * (n - first)), parcel with { Grams = grams?.Invoke(n) ?? parcel.Grams }));

    private static RelatedEntity Order(int n) => new(EntityTypes.Order, $"o{n}", EntityRole.Actor);

    [Fact]
    public void FakeFulfilment_EmptyParcelsOfAHeavyListing_FlagsShopWithTheEmptyOrders()
    {
        var events = Shop()
            .Concat(Listing("l1", "家用电器"))
            .Concat(Honest(1, 5, new Parcel(), n => 480 + (5 * n)))
            .Concat(Life(101, "x1", TimeSpan.FromDays(1), new Parcel { Grams = 22 }))
            .Concat(Life(102, "x2", TimeSpan.FromDays(2), new Parcel { Grams = 18 }))
            .Concat(Life(103, "x3", TimeSpan.FromDays(3), new Parcel { Grams = 25 }));

        var finding = Assert.Single(Run(events));
        Assert.Equal("order_brushing.fake_fulfilment", finding.Pattern);
        Assert.Equal(new EntityRef(EntityTypes.Shop, "s1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal([Order(101), Order(102), Order(103)], finding.Related);
        Assert.Equal(3, finding.Evidence[0].Figures["fake_orders"]);
        Assert.Equal(3, finding.Evidence[0].Figures["strong_orders"]);
        var weight = Assert.Single(finding.Evidence, e => e.Figures.ContainsKey("median_grams"));
        Assert.Equal(22, weight.Figures["median_grams"]);
        Assert.Equal(["s101", "s102", "s103"], weight.Events);
        Assert.InRange(finding.Score, 0.6, 1);
    }

    [Fact]
    public void FakeFulfilment_EmptyParcelsStillArriving_ReportedAtTheThirdAndAgainAsTheEpisodeGrows()
    {
        // Empty parcels on days 1–3 and a fourth on day 5: the shop is reported once three are shipped, long before the
        // episode goes quiet for a week, and the same finding grows when the fourth one ships.
        var events = Shop()
            .Concat(Listing("l1", "家用电器"))
            .Concat(Honest(1, 5, new Parcel(), n => 480 + (5 * n)))
            .Concat(Life(101, "x1", TimeSpan.FromDays(1), new Parcel { Grams = 22 }))
            .Concat(Life(102, "x2", TimeSpan.FromDays(2), new Parcel { Grams = 18 }))
            .Concat(Life(103, "x3", TimeSpan.FromDays(3), new Parcel { Grams = 25 }))
            .Concat(Life(104, "x4", TimeSpan.FromDays(5), new Parcel { Grams = 20 }))
            .OrderBy(e => e.Ts)
            .ToList();
        var pipeline = new DetectionPipelineBuilder().AddFakeFulfilment().Build();
        var fourth = events.Single(e => e.Id == "s104").Ts;

        foreach (var e in events.Where(e => e.Ts < fourth))
        {
            pipeline.Process(e);
        }

        var early = Assert.Single(pipeline.Findings);
        Assert.Equal([Order(101), Order(102), Order(103)], early.Related);

        foreach (var e in events.Where(e => e.Ts >= fourth && e.Ts <= fourth.AddDays(1)))
        {
            pipeline.Process(e);
        }

        var grown = Assert.Single(pipeline.Findings);
        Assert.Equal(early.Id, grown.Id);
        Assert.Equal([Order(101), Order(102), Order(103), Order(104)], grown.Related);
    }

    [Fact]
    public void FakeFulfilment_EmptyListingWithoutHonestSales_JudgedAgainstItsCategory()
    {
        // The brushed listing never sold honestly: its category's parcels are the reference, and its own empty parcels
        // never become its normal.
        var events = Shop()
            .Concat(Listing("l1", "女装"))
            .Concat(Listing("l9", "女装", shop: "s9"))
            .Concat(Honest(1, 40, new Parcel { Shop = "s9", Listing = "l9" }, n => 400 + (3 * n)))
            .Concat(Enumerable.Range(101, 8).SelectMany(n => Life(n, $"x{n}", TimeSpan.FromDays(4) + TimeSpan.FromHours(n - 100), new Parcel { Grams = 30 + (n - 100) })));

        var finding = Assert.Single(Run(events));
        Assert.Equal("s1", finding.Entity.Id);
        Assert.Equal(8, finding.Related.Count);
    }

    [Fact]
    public void FakeFulfilment_TrackingNumberSoldToManyOrders_FlagsTheShop()
    {
        var events = Shop()
            .Concat(Life(1, "x1", TimeSpan.Zero, new Parcel { Tracking = "YT0000000042" }))
            .Concat(Life(2, "x2", TimeSpan.FromHours(5), new Parcel { Tracking = "YT0000000042" }))
            .Concat(Life(3, "x3", TimeSpan.FromHours(9), new Parcel { Tracking = "YT0000000042" }))
            .Concat(Life(4, "x4", TimeSpan.FromHours(11), new Parcel { Tracking = "YT0000000077" }))
            .Concat(Life(5, "x5", TimeSpan.FromHours(12), new Parcel { Tracking = "YT0000000077", Shop = "s2", Listing = "l2" }));

        var finding = Assert.Single(Run(events));
        Assert.Equal("s1", finding.Entity.Id);
        Assert.Equal([Order(1), Order(2), Order(3), Order(4)], finding.Related);
        var reuse = Assert.Single(finding.Evidence, e => e.Figures.ContainsKey("max_uses"));
        Assert.Equal(3, reuse.Figures["max_uses"]);
    }

    [Fact]
    public void FakeFulfilment_SameBuyersCombinedShipment_IsNotReuse()
    {
        var events = Enumerable.Range(1, 4).SelectMany(n => Life(n, "b1", TimeSpan.FromMinutes(n), new Parcel { Tracking = "YT0000000042" }));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakeFulfilment_WeakSignsTogether_ConvictOrders()
    {
        var fake = new Parcel { Transit = TimeSpan.FromHours(1), ConfirmAfter = TimeSpan.FromMinutes(4), BlankReview = true, CashbackChat = true };
        var events = Shop().Concat(Enumerable.Range(1, 4).SelectMany(n => Life(n, $"x{n}", TimeSpan.FromDays(n), fake)));

        var finding = Assert.Single(Run(events));
        Assert.Equal(4, finding.Related.Count);
        Assert.Contains(finding.Evidence, e => e.Figures.ContainsKey("median_minutes") && e.Text.Contains("confirmed", StringComparison.Ordinal));
        Assert.Contains(finding.Evidence, e => e.Text.Contains("返现", StringComparison.Ordinal));
        Assert.Equal(0, finding.Evidence[0].Figures["strong_orders"]);
    }

    [Fact]
    public void FakeFulfilment_TwoFakeOrders_BelowMinimum()
    {
        var events = Life(1, "x1", TimeSpan.Zero, new Parcel { Tracking = "T1" })
            .Concat(Life(2, "x2", TimeSpan.FromHours(1), new Parcel { Tracking = "T1" }));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void HonestLookAlike_BuyersWhoConfirmQuicklyOrLeaveBlankFiveStars_NotFlagged()
    {
        // Eighty honest orders: some buyers confirm the minute the parcel arrives, others leave a blank 5-star review
        // right after confirming, and three do both. Each is one weak sign; three orders with two in eighty is a tiny share.
        var events = Shop().Concat(Enumerable.Range(1, 80).SelectMany(n => Life(n, $"h{n}", TimeSpan.FromHours(2 * n), new Parcel
        {
            ConfirmAfter = n % 7 == 0 || n == 40 ? TimeSpan.FromMinutes(3) : TimeSpan.FromDays(2),
            BlankReview = n % 5 == 0,
            WrittenReview = n % 5 != 0 && n % 3 == 0,
        })));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void HonestLookAlike_PhoneCasesShippedProperly_NotFlagged()
    {
        // A light item in a category of heavier ones: 45 g parcels next to power banks and earphones.
        var events = Shop()
            .Concat(Listing("case", "手机数码"))
            .Concat(Listing("bank", "手机数码", shop: "s2"))
            .Concat(Listing("buds", "手机数码", shop: "s3"))
            .Concat(Honest(1, 20, new Parcel { Shop = "s2", Listing = "bank" }, n => 260 + n))
            .Concat(Honest(101, 20, new Parcel { Shop = "s3", Listing = "buds" }, n => 120 + (n % 9)))
            .Concat(Honest(201, 40, new Parcel { Listing = "case", WrittenReview = true }, n => 42 + (n % 7)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void HonestLookAlike_SameCityDeliveries_NotFlagged()
    {
        // A same-city courier delivers within the hour; buyers still confirm and review on their own time.
        var events = Shop().Concat(Honest(1, 30, new Parcel { Transit = TimeSpan.FromMinutes(50), WrittenReview = true }));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void HonestLookAlike_BigShopWithOccasionalFastConfirmationsOfSameCityParcels_NotFlagged()
    {
        // Four hundred orders, a few of them same-city parcels confirmed on arrival: two weak signs each, but a tiny share.
        var events = Shop().Concat(Enumerable.Range(1, 400).SelectMany(n => Life(n, $"h{n}", TimeSpan.FromMinutes(25 * n), new Parcel
        {
            Transit = n % 50 == 0 ? TimeSpan.FromHours(1) : TimeSpan.FromHours(30),
            ConfirmAfter = n % 50 == 0 ? TimeSpan.FromMinutes(5) : TimeSpan.FromDays(1),
        })));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void HonestLookAlike_CashbackOfferAlone_NotFakeFulfilment()
    {
        // 好评返现 on real parcels is a review incentive (another pattern), not an empty parcel.
        var events = Shop().Concat(Honest(1, 10, new Parcel { CashbackChat = true, WrittenReview = true }));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakeFulfilment_OrderStateExpires()
    {
        // A delivery arriving after the order's horizon is not matched any more.
        var options = new FakeFulfilmentOptions { OrderHorizonDays = 1 };
        var events = Shop().Concat(Enumerable.Range(1, 4).SelectMany(n => Life(n, $"x{n}", TimeSpan.FromDays(3 * n), new Parcel { Transit = TimeSpan.FromDays(2), ConfirmAfter = TimeSpan.FromMinutes(2) })));

        Assert.Empty(Run(events, options));
    }
}
