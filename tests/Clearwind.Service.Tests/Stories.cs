using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Service.Tests;

/// <summary>Small event stories the service tests share.</summary>
internal static class Stories
{
    public static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    /// <summary>Buyer b1 places five orders with shop s1 within 40 minutes (the Shopee rule's brushing, confident enough to act).</summary>
    public static List<MarketEvent> Brushing(string shop = "s1", string buyer = "b1", string prefix = "br")
        => [.. Enumerable.Range(0, 5).Select(i => (MarketEvent)Some.OrderPlaced(id: $"{prefix}-e{i}", order: $"{prefix}-o{i}", buyer: buyer, shop: shop, listing: shop + "-l1", ts: T0.AddMinutes(10 * i)))];

    /// <summary>Twenty buyers each ordering once from shop s2 within the hour: a flash sale, honest.</summary>
    public static List<MarketEvent> FlashSale(string shop = "s2")
        => [.. Enumerable.Range(0, 20).Select(i => (MarketEvent)Some.OrderPlaced(id: $"fs-e{i}", order: $"fs-o{i}", buyer: $"fan{i}", shop: shop, listing: shop + "-l1", ts: T0.AddMinutes(2 * i)))];

    /// <summary>An order two hours later elsewhere: event time moves on, so the brushing hour is judged.</summary>
    public static MarketEvent Later(string id = "later-e1")
        => Some.OrderPlaced(id: id, order: "later-" + id, buyer: "bz", shop: "s9", listing: "s9-l1", ts: T0.AddHours(3));
}
