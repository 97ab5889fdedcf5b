using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.OrderBrushing;

/// <summary>
/// <c>order_brushing.fake_fulfilment</c> (空包/虚假物流): per order, signs of a parcel that never carried the goods are
/// collected as the order's events arrive; an order with enough points is judged fake (no single weak sign convicts),
/// and a shop with enough fake orders in an episode is reported with those orders as related items.
/// </summary>
internal sealed class FakeFulfilmentDetector : Detector
{
    public static readonly PatternId Id = new("order_brushing.fake_fulfilment");

    private readonly ReviewsOnFakeOrders _reviews = new();

    private const int ListingParcelsKept = 31;
    private const int CategoryParcelsKept = 201;

    private readonly FakeFulfilmentOptions _options;
    private readonly long _horizonTicks;
    private readonly long _trackingTicks;
    private readonly long _gapTicks;

    private readonly Dictionary<string, OrderState> _orders = new(StringComparer.Ordinal);
    private readonly Queue<(long Expires, string Order)> _orderExpiry = new();
    private readonly Dictionary<(string Buyer, string Shop), OrderState> _latestByBuyerShop = []; // a pair of the event's own strings: no key is built
    private readonly Dictionary<string, TrackingUse> _tracking = new(StringComparer.Ordinal);
    private readonly Queue<(long Expires, string Tracking)> _trackingExpiry = new();
    private readonly Dictionary<string, RecentParcels> _listingParcels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _listingCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecentParcels> _categoryParcels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _shopsByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RingBuffer<DayCount>> _shopDays = new(StringComparer.Ordinal);
    private readonly long _daysKept;
    private readonly Dictionary<string, ShopEpisode> _episodes = new(StringComparer.Ordinal);
    private readonly HashSet<ShopEpisode> _grown = [];

    public FakeFulfilmentDetector(FakeFulfilmentOptions options)
    {
        _options = options;
        _horizonTicks = TimeSpan.FromDays(options.OrderHorizonDays).Ticks;
        _trackingTicks = TimeSpan.FromDays(options.TrackingMemoryDays).Ticks;
        _gapTicks = TimeSpan.FromDays(options.EpisodeGapDays).Ticks;
        _daysKept = options.OrderHorizonDays + options.EpisodeGapDays + 1;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingEvent), typeof(OrderPlaced), typeof(OrderShipped), typeof(OrderDelivered), typeof(OrderConfirmed), typeof(ReviewPosted), typeof(ChatMessage));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is ReviewPosted posted)
        {
            _reviews.Observe(posted, context);
        }

        var now = e.Ts.UtcTicks;
        Expire(now);
        switch (e)
        {
            case ShopOpened shop when shop.Owner is not null:
                if (!_shopsByOwner.TryGetValue(shop.Owner, out var shops))
                {
                    _shopsByOwner[shop.Owner] = shops = [];
                }

                if (!shops.Contains(shop.Shop))
                {
                    shops.Add(shop.Shop);
                }

                break;
            case ListingEvent listing when listing.Category is not null:
                _listingCategory[listing.Listing] = listing.Category;
                break;
            case OrderPlaced placed:
                OnPlaced(placed, now);
                break;
            case OrderShipped shipped when _orders.TryGetValue(shipped.Order, out var order):
                OnShipped(shipped, order, now);
                break;
            case OrderDelivered delivered when _orders.TryGetValue(delivered.Order, out var order):
                order.DeliveredTicks = now;
                order.DeliveredEvent = delivered.Id;
                if (order.ShippedTicks is { } shippedAt && now - shippedAt <= TimeSpan.FromHours(_options.InstantDeliveryHours).Ticks)
                {
                    AddSign(order, Sign.InstantDelivery, delivered.Id, (now - shippedAt) / (double)TimeSpan.TicksPerHour, now);
                }

                break;
            case OrderConfirmed confirmed when _orders.TryGetValue(confirmed.Order, out var order):
                order.ConfirmedTicks = now;
                if (order.DeliveredTicks is { } deliveredAt && now - deliveredAt <= TimeSpan.FromMinutes(_options.QuickConfirmMinutes).Ticks)
                {
                    AddSign(order, Sign.QuickConfirm, confirmed.Id, (now - deliveredAt) / (double)TimeSpan.TicksPerMinute, now);
                }

                break;
            case ReviewPosted review when review.Order is not null && _orders.TryGetValue(review.Order, out var order):
                var after = order.ConfirmedTicks ?? order.DeliveredTicks;
                if (review.Rating == 5 && string.IsNullOrWhiteSpace(review.Text) && (review.Images is null || review.Images.Count == 0)
                    && after is { } at && now - at <= TimeSpan.FromMinutes(_options.BlankReviewMinutes).Ticks)
                {
                    AddSign(order, Sign.BlankReview, review.Id, (now - at) / (double)TimeSpan.TicksPerMinute, now);
                }

                break;
            case ChatMessage chat when chat.Text is not null:
                OnChat(chat, now);
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        _reviews.Forget(context.Now.UtcTicks);
        var now = context.Now.UtcTicks;
        Expire(now);
        List<string>? closed = null;
        foreach (var episode in _episodes.Values)
        {
            if (now - episode.LastFakeTicks > _gapTicks)
            {
                (closed ??= []).Add(episode.Shop);
            }
        }

        foreach (var shop in closed ?? [])
        {
            _episodes.Remove(shop, out var episode);
            _grown.Remove(episode!);
            Judge(episode!, context, closing: true);
        }

        // An open episode with a strong sign is reported as soon as it has enough fake orders, and again as it grows.
        foreach (var episode in _grown)
        {
            Judge(episode, context, closing: false);
        }

        _grown.Clear();
    }

    public override void Complete(DetectionContext context)
    {
        foreach (var episode in _episodes.Values)
        {
            Judge(episode, context, closing: true);
        }

        _episodes.Clear();
        _grown.Clear();
        _shopDays.Clear();
        _orders.Clear();
        _orderExpiry.Clear();
        _latestByBuyerShop.Clear();
        _tracking.Clear();
        _trackingExpiry.Clear();
    }

    private void OnPlaced(OrderPlaced placed, long now)
    {
        if (_orders.ContainsKey(placed.Order))
        {
            return;
        }

        var order = new OrderState(placed.Order, placed.Shop, placed.Buyer, placed.Listing, placed.Quantity ?? 1, placed.Address, placed.Id, now);
        _orders[placed.Order] = order;
        _orderExpiry.Enqueue((now + _horizonTicks, placed.Order));
        _latestByBuyerShop[BuyerShop(placed.Buyer, placed.Shop)] = order;
        if (!_shopDays.TryGetValue(placed.Shop, out var days))
        {
            _shopDays[placed.Shop] = days = new RingBuffer<DayCount>();
        }

        var day = now / TimeSpan.TicksPerDay;
        if (days.Count > 0 && days.Back.Day == day)
        {
            days.Back.Count++;
        }
        else
        {
            days.PushBack(new DayCount(day));
        }

        while (days.Front.Day < day - _daysKept)
        {
            days.PopFront();
        }
    }

    private void OnShipped(OrderShipped shipped, OrderState order, long now)
    {
        order.ShippedTicks = now;
        if (!string.IsNullOrEmpty(shipped.Tracking))
        {
            var key = (shipped.Carrier ?? string.Empty) + "\u001f" + shipped.Tracking;
            if (_tracking.TryGetValue(key, out var first))
            {
                // One tracking number is one parcel: a second order may share it only as the same buyer's combined
                // shipment from the same shop to the same address.
                var combined = first.Shop == order.Shop && first.Buyer == order.Buyer && first.Address == order.Address;
                if (!combined)
                {
                    first.Uses++;
                    AddSign(order, Sign.ReusedTracking, shipped.Id, first.Uses, now);
                    if (_orders.TryGetValue(first.Order, out var earlier) && earlier.ShippedEvent is { } earlierEvent)
                    {
                        AddSign(earlier, Sign.ReusedTracking, earlierEvent, first.Uses, now);
                    }
                }
            }
            else
            {
                _tracking[key] = new TrackingUse(order.Order, order.Shop, order.Buyer, order.Address);
                _trackingExpiry.Enqueue((now + _trackingTicks, key));
            }
        }

        order.ShippedEvent = shipped.Id;
        if (shipped.WeightG is not { } grams || !double.IsFinite(grams) || order.Listing is null)
        {
            return;
        }

        // Weights compare per item: two phone cases weigh twice one.
        var perItem = grams / Math.Max(1, order.Quantity);
        var category = _listingCategory.GetValueOrDefault(order.Listing);
        if (!_listingParcels.TryGetValue(order.Listing, out var parcels))
        {
            _listingParcels[order.Listing] = parcels = new RecentParcels(ListingParcelsKept);
        }

        // The listing's own parcels are the reference once it has enough of them (its heaviest recent parcel, so a
        // minority of empty parcels cannot drag it down); until then its category's median parcel is. A parcel judged
        // near-zero never joins the listing's reference, so a listing sold only through empty parcels keeps the
        // category's reference instead of learning that empty is normal.
        var empty = false;
        double? usual = null;
        if (parcels.Count >= _options.MinListingParcels)
        {
            usual = parcels.Max;
            empty = perItem <= _options.EmptyParcelMaxFraction * usual;
        }
        else if (category is not null && _categoryParcels.TryGetValue(category, out var inCategory) && inCategory.Count >= _options.MinCategoryParcels)
        {
            usual = inCategory.Median;
            empty = perItem <= _options.EmptyParcelMaxFraction * usual;
        }

        if (empty && grams <= _options.EmptyParcelMaxGrams)
        {
            AddSign(order, Sign.EmptyParcel, shipped.Id, grams, now, usual);
            return;
        }

        parcels.Add(perItem);
        if (category is not null)
        {
            if (!_categoryParcels.TryGetValue(category, out var inCategory))
            {
                _categoryParcels[category] = inCategory = new RecentParcels(CategoryParcelsKept);
            }

            inCategory.Add(perItem);
        }
    }

    private void OnChat(ChatMessage chat, long now)
    {
        if (!_options.CashbackWords.Any(w => chat.Text!.Contains(w, StringComparison.Ordinal)))
        {
            return;
        }

        // Either direction between a shop's owner and a buyer with a recent order at that shop.
        foreach (var (owner, buyer) in new[] { (chat.From, chat.To), (chat.To, chat.From) })
        {
            if (!_shopsByOwner.TryGetValue(owner, out var shops))
            {
                continue;
            }

            foreach (var shop in shops)
            {
                if (_latestByBuyerShop.TryGetValue(BuyerShop(buyer, shop), out var order) && _orders.ContainsKey(order.Order))
                {
                    AddSign(order, Sign.CashbackChat, chat.Id, 1, now);
                }
            }
        }
    }

    private void AddSign(OrderState order, Sign sign, string eventId, double figure, long now, double? baseline = null)
    {
        if (!order.TryAddSign(sign, new SignSeen(eventId, figure, baseline)))
        {
            return;
        }

        order.Points += sign is Sign.ReusedTracking or Sign.EmptyParcel ? 2 : 1;
        if (order.Judged || order.Points < _options.MinOrderPoints)
        {
            return;
        }

        order.Judged = true;
        if (!_episodes.TryGetValue(order.Shop, out var episode))
        {
            _episodes[order.Shop] = episode = new ShopEpisode(order.Shop, now);
        }

        episode.Fake.Add(order);
        episode.LastFakeTicks = now;
        _grown.Add(episode);
    }

    private void Expire(long now)
    {
        while (_orderExpiry.TryPeek(out var item) && item.Expires < now)
        {
            _orderExpiry.Dequeue();
            if (_orders.Remove(item.Order, out var order))
            {
                var key = BuyerShop(order.Buyer, order.Shop);
                if (_latestByBuyerShop.TryGetValue(key, out var latest) && ReferenceEquals(latest, order))
                {
                    _latestByBuyerShop.Remove(key);
                }
            }
        }

        while (_trackingExpiry.TryPeek(out var item) && item.Expires < now)
        {
            _trackingExpiry.Dequeue();
            _tracking.Remove(item.Tracking);
        }
    }

    // Weak signs alone are judged only when the episode closes: their share of the shop's orders is final then.
    private void Judge(ShopEpisode episode, DetectionContext context, bool closing)
    {
        var fake = episode.Fake;
        if (fake.Count < _options.MinOrders)
        {
            return;
        }

        var strong = fake.Count(o => o.HasSign(Sign.ReusedTracking) || o.HasSign(Sign.EmptyParcel));
        if (!closing && strong == 0)
        {
            return;
        }

        // The shop's orders placed on the days of the episode (first to last fake order placed).
        var firstDay = fake.Min(o => o.PlacedTicks) / TimeSpan.TicksPerDay;
        var lastDay = fake.Max(o => o.PlacedTicks) / TimeSpan.TicksPerDay;
        var placed = 0;
        if (_shopDays.TryGetValue(episode.Shop, out var days))
        {
            for (var i = 0; i < days.Count; i++)
            {
                if (days[i].Day >= firstDay && days[i].Day <= lastDay)
                {
                    placed += days[i].Count;
                }
            }
        }

        var shipped = Math.Max(placed, fake.Count);
        if (strong == 0 && fake.Count < _options.MinWeakOnlyShare * shipped)
        {
            return;
        }

        _reviews.Report(ToFinding(episode, strong, shipped), context);
    }

    private Finding ToFinding(ShopEpisode episode, int strong, int orders)
    {
        var fake = episode.Fake.OrderBy(o => o.PlacedTicks).ThenBy(o => o.Order, StringComparer.Ordinal).ToList();
        var shop = new EntityRef(EntityTypes.Shop, episode.Shop);
        var from = new DateTimeOffset(fake.Min(o => o.PlacedTicks), TimeSpan.Zero);
        var to = new DateTimeOffset(episode.LastFakeTicks, TimeSpan.Zero);
        var baseScore = strong > 0 ? 0.7 : 0.5;
        var score = 1 - ((1 - baseScore) * Math.Sqrt(3.0 / Math.Max(3, fake.Count)));

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{fake.Count} order(s) placed between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} show signs of empty parcels or fake logistics ({strong} with a strong sign); no single weak sign convicts an order."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间下的 {fake.Count} 笔订单有空包或虚假物流迹象（其中 {strong} 笔有强迹象）；单凭一个弱迹象不会认定订单造假。"),
                Cap(fake.Select(o => o.PlacedEvent)),
                new Dictionary<string, double>
                {
                    ["fake_orders"] = fake.Count,
                    ["strong_orders"] = strong,
                    ["shop_orders"] = orders,
                    ["min_order_points"] = _options.MinOrderPoints,
                    ["min_orders"] = _options.MinOrders,
                }),
        };

        foreach (var sign in Enum.GetValues<Sign>())
        {
            var seen = fake.Where(o => o.HasSign(sign)).Select(o => o.SignOf(sign)).ToList();
            if (seen.Count > 0)
            {
                evidence.Add(Describe(sign, seen));
            }
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, shop, new DateTimeOffset(episode.FirstTicks, TimeSpan.Zero)),
            Pattern = Id.Value,
            Entity = shop,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = strong > 0 && fake.Count >= 5 ? Severity.High : Severity.Medium,
            From = from,
            To = to,
            Related =
            [
                .. fake.Select(o => new RelatedEntity(EntityTypes.Order, o.Order, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"an order is fake at {_options.MinOrderPoints}+ points (reused tracking or near-zero parcel 2 each; delivery ≤ {_options.InstantDeliveryHours:0.##} h, confirmation ≤ {_options.QuickConfirmMinutes:0.##} min, blank 5-star ≤ {_options.BlankReviewMinutes:0.##} min, cashback chat 1 each); a shop is reported at {_options.MinOrders}+ fake orders in an episode"),
        };
    }

    private Evidence Describe(Sign sign, List<SignSeen> seen)
    {
        var n = seen.Count;
        var figures = new Dictionary<string, double> { ["orders"] = n };
        string text;
        string textZh;
        switch (sign)
        {
            case Sign.ReusedTracking:
                figures["max_uses"] = seen.Max(s => s.Figure);
                text = string.Create(CultureInfo.InvariantCulture, $"{n} order(s) shipped with a tracking number also used for another buyer's or shop's order (up to {figures["max_uses"]:0} orders on one number).");
                textZh = string.Create(CultureInfo.InvariantCulture, $"{n} 笔订单发货所用的运单号也用于其他买家或店铺的订单（同一运单号最多用于 {figures["max_uses"]:0} 笔订单）。");
                break;
            case Sign.EmptyParcel:
                figures["median_grams"] = Median(seen.Select(s => s.Figure));
                figures["median_usual_grams"] = Median(seen.Select(s => s.Baseline ?? 0));
                figures["max_grams"] = _options.EmptyParcelMaxGrams;
                figures["max_fraction"] = _options.EmptyParcelMaxFraction;
                text = string.Create(CultureInfo.InvariantCulture, $"{n} parcel(s) weighed next to nothing: median {figures["median_grams"]:0.#} g where the listing's parcels usually weigh {figures["median_usual_grams"]:0.#} g.");
                textZh = string.Create(CultureInfo.InvariantCulture, $"{n} 个包裹几乎没有重量（空包）：中位数 {figures["median_grams"]:0.#} 克，而该商品的包裹通常重 {figures["median_usual_grams"]:0.#} 克。");
                break;
            case Sign.InstantDelivery:
                figures["median_hours"] = Math.Round(Median(seen.Select(s => s.Figure)), 3);
                figures["max_hours"] = _options.InstantDeliveryHours;
                text = string.Create(CultureInfo.InvariantCulture, $"{n} parcel(s) delivered within {_options.InstantDeliveryHours:0.##} h of shipping (median {figures["median_hours"]:0.##} h).");
                textZh = string.Create(CultureInfo.InvariantCulture, $"{n} 个包裹在发货后 {_options.InstantDeliveryHours:0.##} 小时内即显示签收（中位数 {figures["median_hours"]:0.##} 小时）。");
                break;
            case Sign.QuickConfirm:
                figures["median_minutes"] = Math.Round(Median(seen.Select(s => s.Figure)), 2);
                figures["max_minutes"] = _options.QuickConfirmMinutes;
                text = string.Create(CultureInfo.InvariantCulture, $"{n} receipt(s) confirmed within {_options.QuickConfirmMinutes:0.##} min of delivery (median {figures["median_minutes"]:0.#} min).");
                textZh = string.Create(CultureInfo.InvariantCulture, $"{n} 笔订单在签收后 {_options.QuickConfirmMinutes:0.##} 分钟内即确认收货（中位数 {figures["median_minutes"]:0.#} 分钟）。");
                break;
            case Sign.BlankReview:
                figures["median_minutes"] = Math.Round(Median(seen.Select(s => s.Figure)), 2);
                figures["max_minutes"] = _options.BlankReviewMinutes;
                text = string.Create(CultureInfo.InvariantCulture, $"{n} 5-star review(s) without text or image posted within {_options.BlankReviewMinutes:0.##} min of confirming (median {figures["median_minutes"]:0.#} min).");
                textZh = string.Create(CultureInfo.InvariantCulture, $"{n} 条无文字无图片的五星评价在确认收货后 {_options.BlankReviewMinutes:0.##} 分钟内发布（中位数 {figures["median_minutes"]:0.#} 分钟）。");
                break;
            default:
                text = string.Create(CultureInfo.InvariantCulture, $"{n} order(s) with a chat between the shop's owner and the buyer about cashback (返现).");
                textZh = string.Create(CultureInfo.InvariantCulture, $"{n} 笔订单的店主与买家之间有关于返现的聊天记录。");
                break;
        }

        return new Evidence(text, textZh, Cap(seen.Select(s => s.EventId)), figures);
    }

    private List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private static (string Buyer, string Shop) BuyerShop(string buyer, string shop) => (buyer, shop);


    private enum Sign
    {
        ReusedTracking,
        EmptyParcel,
        InstantDelivery,
        QuickConfirm,
        BlankReview,
        CashbackChat,
    }

    private readonly record struct SignSeen(string EventId, double Figure, double? Baseline);

    private sealed class OrderState(string order, string shop, string buyer, string? listing, int quantity, string? address, string placedEvent, long placedTicks)
    {
        public string Order { get; } = order;

        public string Shop { get; } = shop;

        public string Buyer { get; } = buyer;

        public string? Listing { get; } = listing;

        public int Quantity { get; } = quantity;

        public string? Address { get; } = address;

        public string PlacedEvent { get; } = placedEvent;

        public long PlacedTicks { get; } = placedTicks;

        public long? ShippedTicks { get; set; }

        public string? ShippedEvent { get; set; }

        public long? DeliveredTicks { get; set; }

        public string? DeliveredEvent { get; set; }

        public long? ConfirmedTicks { get; set; }

        public int Points { get; set; }

        public bool Judged { get; set; }

        /// <summary>The signs seen on the order; made with the first one (most orders never show any).</summary>
        private Dictionary<Sign, SignSeen>? _signs;

        public bool HasSign(Sign sign) => _signs?.ContainsKey(sign) == true;

        public SignSeen SignOf(Sign sign) => _signs![sign];

        /// <summary>Adds a sign the order does not show yet; false when it does.</summary>
        public bool TryAddSign(Sign sign, SignSeen seen) => (_signs ??= []).TryAdd(sign, seen);
    }

    /// <summary>
    /// The latest parcel weights per item (at most <c>capacity</c>), kept in arrival order and in sorted order, so the
    /// heaviest and the median are read without sorting on every shipment.
    /// </summary>
    private sealed class RecentParcels(int capacity)
    {
        private readonly Queue<double> _arrival = new(capacity + 1);
        private readonly List<double> _sorted = new(capacity + 1);

        public int Count => _arrival.Count;

        public double Max => _sorted[^1];

        public double Median => _sorted.Count == 0 ? 0 : _sorted[_sorted.Count / 2];

        public void Add(double perItem)
        {
            _arrival.Enqueue(perItem);
            _sorted.Insert(Position(perItem), perItem);
            if (_arrival.Count > capacity)
            {
                _sorted.RemoveAt(Position(_arrival.Dequeue()));
            }
        }

        // Index of the first value not less than the one given (for removal it is that value, present in the list).
        private int Position(double value)
        {
            int low = 0, high = _sorted.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (_sorted[mid] < value)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }

    private sealed class TrackingUse(string order, string shop, string buyer, string? address)
    {
        public string Order { get; } = order;

        public string Shop { get; } = shop;

        public string Buyer { get; } = buyer;

        public string? Address { get; } = address;

        public int Uses { get; set; } = 1;
    }

    private sealed class DayCount(long day)
    {
        public long Day { get; } = day;

        public int Count { get; set; } = 1;
    }

    private sealed class ShopEpisode(string shop, long firstTicks)
    {
        public string Shop { get; } = shop;

        public long FirstTicks { get; } = firstTicks;

        public long LastFakeTicks { get; set; } = firstTicks;

        public List<OrderState> Fake { get; } = [];
    }
}
