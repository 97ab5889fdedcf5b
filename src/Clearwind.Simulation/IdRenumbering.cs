using System.Globalization;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>
/// Gives events their final ids in release (time) order. Scenarios are scheduled before each day's honest traffic,
/// so the ids they draw while scheduling would be the lowest ones: an id would tell a detector which orders, clicks
/// and reviews are fake. Event, order, review, click and message ids are therefore renumbered as events are released;
/// the item ids labels refer to are translated through the same maps.
/// </summary>
internal sealed class IdRenumbering
{
    private readonly Dictionary<string, string> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _clicks = new(StringComparer.Ordinal);
    private long _events;
    private long _messages;

    /// <summary>The event with its final ids (a copy; the scheduled event is left as it was).</summary>
    public MarketEvent Apply(MarketEvent e)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"e{++_events:D9}");
        return e switch
        {
            OrderPlaced o => o with { Id = id, Order = New(_orders, o.Order, "o", 9) },
            OrderPaid o => o with { Id = id, Order = Existing(_orders, o.Order, "o", 9) },
            OrderCancelled o => o with { Id = id, Order = Existing(_orders, o.Order, "o", 9) },
            OrderShipped o => o with { Id = id, Order = Existing(_orders, o.Order, "o", 9) },
            OrderDelivered o => o with { Id = id, Order = Existing(_orders, o.Order, "o", 9) },
            OrderConfirmed o => o with { Id = id, Order = Existing(_orders, o.Order, "o", 9) },
            OrderRefunded o => o with { Id = id, Order = Existing(_orders, o.Order, "o", 9) },
            ReviewPosted r => r with { Id = id, Review = New(_reviews, r.Review, "v", 8), Order = r.Order is null ? null : Existing(_orders, r.Order, "o", 9) },
            AdClicked c => c with { Id = id, Click = New(_clicks, c.Click, "k", 9) },
            ChatMessage m => m with { Id = id, Message = string.Create(CultureInfo.InvariantCulture, $"m{++_messages:D8}") },
            _ => e with { Id = id },
        };
    }

    /// <summary>The final id of a scheduled order, or null when it was never released.</summary>
    public string? Order(string scheduled) => _orders.GetValueOrDefault(scheduled);

    /// <summary>The final id of a scheduled review, or null when it was never released.</summary>
    public string? Review(string scheduled) => _reviews.GetValueOrDefault(scheduled);

    /// <summary>The final id of a scheduled click, or null when it was never released.</summary>
    public string? Click(string scheduled) => _clicks.GetValueOrDefault(scheduled);

    private static string New(Dictionary<string, string> map, string scheduled, string prefix, int digits)
    {
        var id = prefix + (map.Count + 1).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        map.Add(scheduled, id);
        return id;
    }

    // An order referred to before it was placed would be a simulator bug; keep such a reference unmistakable.
    private static string Existing(Dictionary<string, string> map, string scheduled, string prefix, int digits)
        => map.TryGetValue(scheduled, out var id) ? id : New(map, scheduled, prefix, digits);
}
