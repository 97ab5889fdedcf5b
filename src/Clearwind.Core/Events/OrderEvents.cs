namespace Clearwind.Events;

/// <summary>What the events of an order's life have in common.</summary>
public static class OrderEvents
{
    /// <summary>The order an event belongs to (placed, paid, shipped, delivered, confirmed, cancelled, refunded), or null for any other event.</summary>
    public static string? OrderOf(MarketEvent e) => e switch
    {
        OrderPlaced o => o.Order,
        OrderPaid o => o.Order,
        OrderShipped o => o.Order,
        OrderDelivered o => o.Order,
        OrderConfirmed o => o.Order,
        OrderCancelled o => o.Order,
        OrderRefunded o => o.Order,
        _ => null,
    };
}
