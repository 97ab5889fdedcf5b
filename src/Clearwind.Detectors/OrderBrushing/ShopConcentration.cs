using Clearwind.Windows;

namespace Clearwind.OrderBrushing;

/// <summary>
/// The Shopee concentration rule over one shop's orders, streaming. Windows <c>[t, t + W]</c> start at each order
/// time; a window is judged when it can no longer grow (the next order is later than <c>t + W</c>, or the input
/// ended). Orders of brushing windows are marked once each (a pointer moves forward), so the work per order is
/// amortised O(1). Consecutive brushing windows that share orders form one episode, reported when it closes.
/// </summary>
internal sealed class ShopConcentration(string shop, long windowTicks, double minRate, bool keepTotals)
{
    private readonly RingBuffer<Entry> _window = new();
    private readonly Dictionary<string, int> _buyersInWindow = new(StringComparer.Ordinal);
    private long _nextIndex;
    private long _markedThrough = -1;
    private Episode? _open;

    public string Shop { get; } = shop;

    /// <summary>Orders in any brushing period so far, by buyer (only when totals are kept).</summary>
    public Dictionary<string, int>? BrushingOrdersByBuyer { get; } = keepTotals ? new(StringComparer.Ordinal) : null;

    public bool IsIdle => _window.Count == 0 && _open is null;

    /// <summary>Time of the oldest window still open, if any.</summary>
    public long? OldestWindowStart => _window.Count > 0 ? _window.Front.Ticks : null;

    /// <summary>Adds an order; returns episodes that closed because of it (usually none).</summary>
    public void Add(string orderId, string buyer, long ticks, string eventId, List<Episode> closed)
    {
        if (_window.Count > 0 && ticks < _window.Back.Ticks)
        {
            ticks = _window.Back.Ticks; // A late order cannot reopen windows already judged.
        }

        while (_window.Count > 0 && _window.Front.Ticks + windowTicks < ticks)
        {
            JudgeFrontWindow(closed);
        }

        _window.PushBack(new Entry(orderId, buyer, ticks, eventId, _nextIndex++));
        _buyersInWindow[buyer] = _buyersInWindow.GetValueOrDefault(buyer) + 1;
    }

    /// <summary>Judges every window that ends before <paramref name="nowTicks"/>.</summary>
    public void Advance(long nowTicks, List<Episode> closed)
    {
        while (_window.Count > 0 && _window.Front.Ticks + windowTicks < nowTicks)
        {
            JudgeFrontWindow(closed);
        }
    }

    /// <summary>Judges every remaining window (end of input).</summary>
    public void Flush(List<Episode> closed)
    {
        while (_window.Count > 0)
        {
            JudgeFrontWindow(closed);
        }
    }

    // The window starting at the front holds exactly the buffered orders: every later order is beyond its end.
    private void JudgeFrontWindow(List<Episode> closed)
    {
        var start = _window.Front.Ticks;
        var orders = _window.Count;
        var buyers = _buyersInWindow.Count;
        if (orders >= minRate * buyers)
        {
            _open ??= new Episode(Shop, start);
            _open.Windows++;
            _open.MaxRate = Math.Max(_open.MaxRate, (double)orders / buyers);
            for (var i = 0; i < _window.Count; i++)
            {
                ref var entry = ref _window[i];
                if (entry.Index > _markedThrough)
                {
                    _open.AddOrder(entry.Buyer, entry.OrderId, entry.EventId, entry.Ticks);
                    if (BrushingOrdersByBuyer is not null)
                    {
                        BrushingOrdersByBuyer[entry.Buyer] = BrushingOrdersByBuyer.GetValueOrDefault(entry.Buyer) + 1;
                    }
                }
            }

            _markedThrough = _window.Back.Index;
        }

        while (_window.Count > 0 && _window.Front.Ticks == start)
        {
            var gone = _window.PopFront();
            var left = _buyersInWindow[gone.Buyer] - 1;
            if (left == 0)
            {
                _buyersInWindow.Remove(gone.Buyer);
            }
            else
            {
                _buyersInWindow[gone.Buyer] = left;
            }
        }

        if (_open is not null && (_window.Count == 0 || _window.Front.Index > _markedThrough))
        {
            closed.Add(_open);
            _open = null;
        }
    }

    private readonly record struct Entry(string OrderId, string Buyer, long Ticks, string EventId, long Index);

    /// <summary>A run of brushing windows that share orders.</summary>
    internal sealed class Episode(string shop, long firstWindowStart)
    {
        private readonly List<string> _eventIds = [];

        public string Shop { get; } = shop;

        public long FirstWindowStart { get; } = firstWindowStart;

        public long FirstOrderTicks { get; private set; } = long.MaxValue;

        public long LastOrderTicks { get; private set; }

        public int Windows { get; set; }

        public double MaxRate { get; set; }

        public int Orders { get; private set; }

        public Dictionary<string, List<string>> EventIdsByBuyer { get; } = new(StringComparer.Ordinal);

        /// <summary>Order ids in the episode, by buyer (same order as <see cref="EventIdsByBuyer"/>).</summary>
        public Dictionary<string, List<string>> OrderIdsByBuyer { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<string> EventIds => _eventIds;

        public void AddOrder(string buyer, string orderId, string eventId, long ticks)
        {
            if (!OrderIdsByBuyer.TryGetValue(buyer, out var orders))
            {
                OrderIdsByBuyer[buyer] = orders = [];
            }

            orders.Add(orderId);
            Orders++;
            FirstOrderTicks = Math.Min(FirstOrderTicks, ticks);
            LastOrderTicks = Math.Max(LastOrderTicks, ticks);
            _eventIds.Add(eventId);
            if (!EventIdsByBuyer.TryGetValue(buyer, out var ids))
            {
                EventIdsByBuyer[buyer] = ids = [];
            }

            ids.Add(eventId);
        }

        /// <summary>Buyers with the highest number of orders in the episode (all of them on a tie).</summary>
        public IReadOnlyList<string> TopBuyers() => ShopeeOrderBrushing.TopBuyers(EventIdsByBuyer.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal));
    }
}
