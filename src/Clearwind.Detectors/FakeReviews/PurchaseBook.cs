using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeReviews;

/// <summary>
/// What a fake-review detector needs to know about orders: who placed each one, for which listing and shop, whether it
/// was cancelled or delivered, and when. Orders are forgotten a fixed span of event time after they were
/// placed, so memory is bounded by the order rate times the retention. The fake-review detectors with the same retention
/// share one book (<see cref="For"/>): each feeds it what it sees, an event is noted once however many pass it on, and
/// expiry runs once per instant.
/// </summary>
internal sealed class PurchaseBook(TimeSpan retention)
{
    private readonly ExpiringIndex<OrderState> _orders = new(retention);
    private MarketEvent? _last;
    private long _expiredAt = long.MinValue;

    /// <summary>The book for this retention: shared with every detector of the pipeline that asks with the same one.</summary>
    public static PurchaseBook For(TimeSpan retention, SharedState shared)
        => shared.GetOrAdd((typeof(PurchaseBook), retention), () => new PurchaseBook(retention));

    /// <summary>How a review stands against the orders behind it.</summary>
    public enum Verdict : byte
    {
        /// <summary>The reviewer's own order of the listing, delivered (or confirmed) before the review.</summary>
        Purchased,

        /// <summary>The review names no order.</summary>
        NoOrder,

        /// <summary>The review names an order that was never seen (or was forgotten long ago).</summary>
        UnknownOrder,

        /// <summary>The order was placed by another account or for another listing.</summary>
        NotTheirs,

        /// <summary>The order was cancelled before the review.</summary>
        Cancelled,

        /// <summary>The order was not delivered yet when the review was written (先评后发).</summary>
        BeforeDelivery,
    }

    /// <summary>Orders held.</summary>
    public int Count => _orders.Count;

    /// <summary>Notes an order event; other events are ignored.</summary>
    public void Observe(MarketEvent e)
    {
        if (ReferenceEquals(e, _last))
        {
            return;
        }

        _last = e;
        var ticks = e.Ts.UtcTicks;
        switch (e)
        {
            case OrderPlaced placed:
                _orders.TryAdd(placed.Order, new OrderState(placed.Buyer, placed.Listing, placed.Shop), ticks);
                break;
            case OrderCancelled cancelled when _orders.TryGetValue(cancelled.Order, out var state):
                state.CancelledTicks ??= ticks;
                break;
            case OrderDelivered delivered when _orders.TryGetValue(delivered.Order, out var state):
                state.DeliveredTicks ??= ticks;
                break;
            case OrderConfirmed confirmed when _orders.TryGetValue(confirmed.Order, out var state):
                state.DeliveredTicks ??= ticks; // a buyer confirms receipt: the goods are in hand
                break;
        }
    }

    /// <summary>Forgets orders placed more than the retention before <paramref name="now"/>.</summary>
    public void Expire(long now)
    {
        if (now > _expiredAt)
        {
            _expiredAt = now;
            _orders.Expire(now);
        }
    }

    /// <summary>Judges a review against the order it names.</summary>
    public Verdict Judge(ReviewPosted review)
    {
        if (string.IsNullOrEmpty(review.Order))
        {
            return Verdict.NoOrder;
        }

        if (!_orders.TryGetValue(review.Order, out var order))
        {
            return Verdict.UnknownOrder;
        }

        if (!string.Equals(order.Buyer, review.Account, StringComparison.Ordinal)
            || (review.Listing is not null && order.Listing is not null && !string.Equals(order.Listing, review.Listing, StringComparison.Ordinal)))
        {
            return Verdict.NotTheirs;
        }

        var ticks = review.Ts.UtcTicks;
        if (order.DeliveredTicks is { } delivered && delivered <= ticks)
        {
            return Verdict.Purchased;
        }

        return order.CancelledTicks is { } cancelled && cancelled <= ticks ? Verdict.Cancelled : Verdict.BeforeDelivery;
    }

    /// <summary>The shop an order was placed with, when it is still held.</summary>
    public string? ShopOf(string? order) => order is not null && _orders.TryGetValue(order, out var state) ? state.Shop : null;

    /// <summary>Words for a verdict, for evidence.</summary>
    public static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.NoOrder => "no order",
        Verdict.UnknownOrder => "an order that does not exist",
        Verdict.NotTheirs => "someone else's order",
        Verdict.Cancelled => "an order cancelled before the review",
        Verdict.BeforeDelivery => "an order not yet delivered",
        _ => "a delivered order",
    };

    /// <summary>The verdict in Simplified Chinese, for the evidence's Chinese text.</summary>
    public static string DescribeZh(Verdict verdict) => verdict switch
    {
        Verdict.NoOrder => "没有订单",
        Verdict.UnknownOrder => "一个不存在的订单",
        Verdict.NotTheirs => "别人的订单",
        Verdict.Cancelled => "评价前已取消的订单",
        Verdict.BeforeDelivery => "尚未签收的订单",
        _ => "已签收的订单",
    };

    private sealed class OrderState(string buyer, string? listing, string shop)
    {
        public string Buyer { get; } = buyer;

        public string? Listing { get; } = listing;

        public string Shop { get; } = shop;

        public long? CancelledTicks { get; set; }

        public long? DeliveredTicks { get; set; }
    }
}
