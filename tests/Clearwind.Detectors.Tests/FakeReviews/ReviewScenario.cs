using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.FakeReviews;

/// <summary>Builds review scenarios for the fake-review detectors: accounts, orders with their whole life, reviews.</summary>
internal sealed class ReviewScenario
{
    public static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    public List<MarketEvent> Events { get; } = [];

    public string NextId() => $"e{++_next}";

    public ReviewScenario Shop(string shop, string owner)
    {
        Events.Add(new ShopOpened { Id = NextId(), Ts = T0.AddDays(-30), Shop = shop, Owner = owner });
        return this;
    }

    public ReviewScenario Account(string account, string? device = null, string? ip = null, string? phone = null, TimeSpan? at = null)
    {
        Events.Add(new AccountRegistered { Id = NextId(), Ts = T0 + (at ?? TimeSpan.FromDays(-20)), Account = account, Device = device, Ip = ip, Phone = phone });
        return this;
    }

    /// <summary>An order placed at <paramref name="at"/>, paid a minute later, delivered after <paramref name="deliveredAfter"/> (never when null).</summary>
    public string Order(string buyer, TimeSpan at, string listing = "l1", string shop = "s1", TimeSpan? deliveredAfter = null, string? address = null, string? payment = null, bool cancelled = false)
    {
        var order = "o" + (_next + 1);
        Events.Add(Some.OrderPlaced(id: NextId(), order: order, buyer: buyer, shop: shop, listing: listing, ts: T0 + at) with { Address = address });
        Events.Add(new OrderPaid { Id = NextId(), Ts = T0 + at + TimeSpan.FromMinutes(1), Order = order, PaymentAccount = payment });
        if (cancelled)
        {
            Events.Add(new OrderCancelled { Id = NextId(), Ts = T0 + at + TimeSpan.FromHours(1), Order = order, Reason = "buyer" });
        }
        else if (deliveredAfter is { } after)
        {
            Events.Add(new OrderShipped { Id = NextId(), Ts = T0 + at + TimeSpan.FromHours(3), Order = order, Carrier = "SF", Tracking = "SF" + _next, WeightG = 500 });
            Events.Add(new OrderDelivered { Id = NextId(), Ts = T0 + at + after, Order = order });
        }

        return order;
    }

    public string Review(string account, TimeSpan at, string text, int rating = 5, string listing = "l1", string? order = null)
    {
        var review = "v" + (_next + 1);
        Events.Add(new ReviewPosted { Id = NextId(), Ts = T0 + at, Review = review, Order = order, Account = account, Listing = listing, Rating = rating, Text = text });
        return review;
    }

    /// <summary>A buyer who orders at <paramref name="at"/>, receives it two days later and reviews a day after that.</summary>
    public string Bought(string buyer, TimeSpan at, string text, int rating = 5, string listing = "l1", string shop = "s1")
    {
        var order = Order(buyer, at, listing, shop, deliveredAfter: TimeSpan.FromDays(2));
        return Review(buyer, at + TimeSpan.FromDays(3), text, rating, listing, order);
    }

    /// <summary>Runs <paramref name="events"/>, in time order, through a pipeline of the detector <paramref name="add"/> adds.</summary>
    public static IReadOnlyList<Finding> Run(Func<DetectionPipelineBuilder, DetectionPipelineBuilder> add, IEnumerable<MarketEvent> events)
    {
        var pipeline = add(new DetectionPipelineBuilder()).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }
}
