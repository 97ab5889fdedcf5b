using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.OrderBrushing;

/// <summary>
/// <c>order_brushing.ring</c> (刷单平台 such as 傻推网): groups of buyer accounts that pay for orders from the same set of
/// shops far more often than the shops' and buyers' popularity explains. Paid orders and identifiers go into a
/// <see cref="RingGraph"/> as they arrive; a full sweep every <c>full_sweep_hours</c> peels dense blocks off it
/// (<see cref="DenseBlockSearch"/>), and between sweeps a known ring grows at once when its buyers start paying a new
/// shop, or its shops a new buyer, past the same tests. One finding per ring shop: the shop is the actor, its ring
/// buyers are related actors, and their orders with it are the related orders judged fake.
/// </summary>
internal sealed class RingDetector : Detector
{
    public static readonly PatternId Id = new("order_brushing.ring");

    private readonly ReviewsOnFakeOrders _reviews = new();

    private readonly RingOptions _options;
    private readonly long _retentionTicks;
    private readonly long _sweepTicks;
    private readonly RingGraph _graph = new();
    private readonly DenseBlockSearch _search;
    private readonly ExpiringIndex<PlacedOrder> _unpaid = new(TimeSpan.FromDays(3)); // orders waiting for payment

    private readonly List<Ring> _rings = [];
    private readonly Dictionary<int, Ring> _ringOfBuyer = [];
    private readonly Dictionary<int, Ring> _ringOfShop = [];
    private readonly Dictionary<(Ring Ring, int Node), int> _pending = [];
    private readonly HashSet<int> _dirtyShops = [];
    private readonly Dictionary<string, Reported> _reported = new(StringComparer.Ordinal);
    private long _nextFullSweep = long.MinValue;
    private long _pairsAtSweep;
    private long _pairsSinceSweep;
    private long _lastCompaction = long.MinValue;

    public RingDetector(RingOptions options)
    {
        _options = options;
        _search = new DenseBlockSearch(options);
        _retentionTicks = TimeSpan.FromDays(options.RetentionDays).Ticks;
        _sweepTicks = TimeSpan.FromHours(options.FullSweepHours).Ticks;
    }

    public override PatternId Pattern => Id;

    /// <summary>The graph, for benchmarks and the memory statement.</summary>
    internal RingGraph Graph => _graph;

    /// <summary>Rings known after the latest sweep and the growth since.</summary>
    internal int RingCount => _rings.Count;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(AccountRegistered), typeof(AccountLogin), typeof(OrderPlaced), typeof(OrderPaid), typeof(ReviewPosted));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is ReviewPosted posted)
        {
            _reviews.Observe(posted, context);
        }

        var ticks = e.Ts.UtcTicks;
        switch (e)
        {
            case AccountRegistered reg:
                var registered = _graph.Row(reg.Account);
                Identify(registered, ColumnKind.Phone, reg.Phone, ticks);
                Identify(registered, ColumnKind.Device, reg.Device, ticks);
                Identify(registered, ColumnKind.Ip, reg.Ip, ticks);
                break;
            case AccountLogin login:
                var account = _graph.Row(login.Account);
                Identify(account, ColumnKind.Ip, login.Ip, ticks);
                Identify(account, ColumnKind.Device, login.Device, ticks);
                break;
            case OrderPlaced order:
                var buyer = _graph.Row(order.Buyer);
                Identify(buyer, ColumnKind.Ip, order.Ip, ticks);
                Identify(buyer, ColumnKind.Device, order.Device, ticks);
                Identify(buyer, ColumnKind.Address, order.Address, ticks);
                Identify(buyer, ColumnKind.Phone, order.Phone, ticks);
                _unpaid.TryAdd(order.Order, new PlacedOrder(buyer, order.Shop, e.Id, ticks), ticks);
                break;
            case OrderPaid paid when _unpaid.Remove(paid.Order, out var placed):
                // Only paid orders count: a brushed sale is paid, while an attacker's unpaid orders make no sales.
                Identify(placed.Row, ColumnKind.Payment, paid.PaymentAccount, ticks);
                AddOrder(paid.Order, placed);
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        _reviews.Forget(context.Now.UtcTicks);
        var now = context.Now.UtcTicks;
        _unpaid.Expire(now);
        if (now >= _nextFullSweep && _pairsSinceSweep >= _options.SweepGrowth * _pairsAtSweep)
        {
            if (_nextFullSweep != long.MinValue)
            {
                FullSweep(now);
            }

            _nextFullSweep = now + _sweepTicks;
        }

        ReportDirty(now, context);
    }

    public override void Complete(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        FullSweep(now);
        ReportDirty(now, context);
    }

    /// <summary>Whether a sweep call at <paramref name="now"/> would run a full sweep (benchmarks time those apart).</summary>
    internal bool FullSweepDue(long now)
        => now >= _nextFullSweep && _nextFullSweep != long.MinValue && _pairsSinceSweep >= _options.SweepGrowth * _pairsAtSweep;

    /// <summary>Full sweeps run so far, the one in <see cref="Complete"/> included.</summary>
    internal int FullSweepCount { get; private set; }

    /// <summary>Runs a full sweep now (benchmarks time it on its own).</summary>
    internal int FullSweep(long now)
    {
        FullSweepCount++;
        var since = now - _retentionTicks;
        if (_lastCompaction == long.MinValue)
        {
            _lastCompaction = now;
        }
        else if (now - _lastCompaction >= _retentionTicks / 4)
        {
            _graph.Compact(since);
            _lastCompaction = now;
        }

        _rings.Clear();
        _ringOfBuyer.Clear();
        _ringOfShop.Clear();
        _pending.Clear();
        var blocks = _search.Find(_graph, since);
        _pairsAtSweep = _search.OrderEdges;
        _pairsSinceSweep = 0;
        foreach (var block in blocks)
        {
            var ring = new Ring(block, _search);
            _rings.Add(ring);
            foreach (var row in block.Buyers.Concat(block.Linked))
            {
                _ringOfBuyer[row] = ring;
            }

            foreach (var shop in block.Shops)
            {
                _ringOfShop[shop] = ring;
                _dirtyShops.Add(shop);
            }
        }

        return _rings.Count;
    }

    private void Identify(int row, ColumnKind kind, string? value, long ticks)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _graph.AddIdentifier(row, kind, value, ticks, _options.MaxIdentifiersPerAccount);
        }
    }

    private void AddOrder(string order, PlacedOrder placed)
    {
        var row = placed.Row;
        var shop = _graph.Shop(placed.Shop);
        var (_, added) = _graph.AddOrder(row, shop, order, placed.EventId, placed.Ticks);
        _pairsSinceSweep += added ? 1 : 0;
        _ringOfBuyer.TryGetValue(row, out var buyerRing);
        _ringOfShop.TryGetValue(shop, out var shopRing);
        if (buyerRing is not null && buyerRing == shopRing)
        {
            _dirtyShops.Add(shop);
        }
        else if (added && buyerRing is not null && shopRing is null)
        {
            // A ring's buyers paying a new shop: it joins once enough of them have, beyond its popularity.
            var inside = Pend(buyerRing, -1 - shop); // shops negative, rows as they are
            if (DenseBlockSearch.ShopBeats(inside, _graph.ColumnEdges(shop).Length, buyerRing.BuyerDegrees / buyerRing.GraphOrderEdges, _options))
            {
                buyerRing.Shops.Add(shop);
                buyerRing.ShopDegrees += _graph.ColumnEdges(shop).Length;
                _ringOfShop[shop] = buyerRing;
                _dirtyShops.Add(shop);
            }
        }
        else if (added && shopRing is not null && buyerRing is null)
        {
            // A new buyer of a ring's shops: it joins once it has paid enough of them, beyond its own shopping.
            var inside = Pend(shopRing, row);
            var expected = _graph.RowEdges(row).Length * shopRing.ShopDegrees / shopRing.GraphOrderEdges;
            if (DenseBlockSearch.BuyerBeats(inside, expected, _options))
            {
                shopRing.Buyers.Add(row);
                shopRing.BuyerDegrees += _graph.RowEdges(row).Length;
                _ringOfBuyer[row] = shopRing;
                foreach (var e in _graph.RowEdges(row))
                {
                    if (_ringOfShop.TryGetValue(_graph.EdgeColumn(e), out var r) && r == shopRing)
                    {
                        _dirtyShops.Add(_graph.EdgeColumn(e));
                    }
                }
            }
        }
    }

    private int Pend(Ring ring, int node)
    {
        var key = (ring, node);
        var count = _pending.GetValueOrDefault(key) + 1;
        _pending[key] = count;
        return count;
    }

    private void ReportDirty(long now, DetectionContext context)
    {
        if (_dirtyShops.Count == 0)
        {
            return;
        }

        var since = now - _retentionTicks;
        foreach (var shop in _dirtyShops.Order())
        {
            if (_ringOfShop.TryGetValue(shop, out var ring) && Build(shop, ring, since) is { } finding)
            {
                _reviews.Report(finding, context);
            }
        }

        _dirtyShops.Clear();
    }

    private Finding? Build(int shop, Ring ring, long since)
    {
        var shopName = _graph.ColumnName(shop);
        if (_reported.TryGetValue(shopName, out var known) && known.Signature == Signature(shop, ring, since))
        {
            return null; // reported as it stands: each sweep marks every ring shop, most of them unchanged
        }

        var buyers = new List<(string Buyer, List<(string Order, string EventId, long Ticks)> Orders)>();
        foreach (var e in _graph.ColumnEdges(shop))
        {
            var row = _graph.EdgeRow(e);
            if (_graph.EdgeLast(e) >= since && _ringOfBuyer.TryGetValue(row, out var r) && r == ring)
            {
                var orders = _graph.Orders(e, since).ToList();
                if (orders.Count > 0)
                {
                    buyers.Add((_graph.RowName(row), orders));
                }
            }
        }

        if (buyers.Count < _options.MinBuyersPerShop)
        {
            return null;
        }

        buyers.Sort((a, b) => StringComparer.Ordinal.Compare(a.Buyer, b.Buyer));
        var orderList = buyers.SelectMany(b => b.Orders).OrderBy(o => o.Ticks).ThenBy(o => o.Order, StringComparer.Ordinal).ToList();
        var signature = (orderList.Count, buyers.Count, ring.Shops.Count);
        var first = orderList[0].Ticks;
        if (!_reported.TryGetValue(shopName, out var reported))
        {
            _reported[shopName] = reported = new Reported(first);
        }
        else if (reported.Signature == signature)
        {
            return null;
        }

        reported.Signature = signature;
        var entity = new EntityRef(EntityTypes.Shop, shopName);
        var from = new DateTimeOffset(Math.Min(first, reported.FromTicks), TimeSpan.Zero);
        var to = new DateTimeOffset(orderList[^1].Ticks, TimeSpan.Zero);
        var shopBuyers = Math.Max(buyers.Count, _search.ShopBuyers(shop));
        var shopExpected = shopBuyers * ring.BuyerDegrees / ring.GraphOrderEdges;
        var shopLift = buyers.Count / Math.Max(shopExpected, 1e-9);
        var ringLift = ring.OrderEdges / Math.Max(ring.ExpectedEdges, 1e-9);
        var lift = Math.Min(shopLift, ringLift);
        var score = Math.Clamp(1 - (_options.MinLift / (2 * lift)), 0.0, 0.99);
        var severity = ring.Buyers.Count >= 10 && ring.Shops.Count >= 5 ? Severity.High : Severity.Medium;
        var events = Cap(orderList.Select(o => o.EventId));
        var otherShops = ring.Shops.Where(s => s != shop).Select(_graph.ColumnName).Order(StringComparer.Ordinal).ToList();

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{ring.Buyers.Count} buyer accounts pay for orders from the same {ring.Shops.Count} shops, this one included: {ring.OrderEdges} of their buyer–shop pairs have orders where the shops' and buyers' own popularity predicts {ring.ExpectedEdges:0.##} ({ringLift:0.#}×). The other shops: {Listed(otherShops)}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{ring.Buyers.Count} 个买家账号在同一批 {ring.Shops.Count} 家店铺（包括本店）下单付款：其中 {ring.OrderEdges} 对买家–店铺组合有订单，而按店铺和买家自身的热度只应有 {ring.ExpectedEdges:0.##} 对（{ringLift:0.#} 倍）。其他店铺：{ListedZh(otherShops)}。"),
                events,
                new Dictionary<string, double>
                {
                    ["ring_buyers"] = ring.Buyers.Count,
                    ["ring_shops"] = ring.Shops.Count,
                    ["ring_order_pairs"] = ring.OrderEdges,
                    ["expected_order_pairs"] = Math.Round(ring.ExpectedEdges, 4),
                    ["density"] = Math.Round(ring.Density, 4),
                    ["min_density"] = _options.MinDensity,
                    ["min_lift"] = _options.MinLift,
                }),
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{buyers.Count} of the ring's accounts placed {orderList.Count} paid order(s) with the shop between {EvidenceText.Time(from)} and {EvidenceText.Time(to)}: {buyers.Count} of its {shopBuyers} buyers, where its popularity predicts {shopExpected:0.##} ({shopLift:0.#}×). Accounts: {Listed(buyers.Select(b => b.Buyer).ToList())}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，该团伙中的 {buyers.Count} 个账号在本店下了 {orderList.Count} 笔已付款订单：占本店 {shopBuyers} 个买家中的 {buyers.Count} 个，而按本店热度只应有 {shopExpected:0.##} 个（{shopLift:0.#} 倍）。账号：{ListedZh(buyers.Select(b => b.Buyer).ToList())}。"),
                events,
                new Dictionary<string, double>
                {
                    ["ring_buyers_of_shop"] = buyers.Count,
                    ["shop_buyers"] = shopBuyers,
                    ["expected_ring_buyers"] = Math.Round(shopExpected, 4),
                    ["orders"] = orderList.Count,
                }),
        };
        if (ring.Identifiers.Count > 0)
        {
            evidence.Add(IdentifierEvidence(ring));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, new DateTimeOffset(reported.FromTicks, TimeSpan.Zero)),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related =
            [
                .. buyers.Select(b => new RelatedEntity(EntityTypes.Account, b.Buyer, EntityRole.Actor)),
                .. orderList.Select(o => new RelatedEntity(EntityTypes.Order, o.Order, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"a block of {_options.MinBuyers}+ buyers and {_options.MinShops}+ shops with weighted edges ÷ members ≥ {_options.MinDensity:0.##} (edge weight 1 ÷ ln(accounts on the shop or identifier + 5)), whose order pairs, and each shop's ({_options.MinBuyersPerShop}+ ring buyers) and buyer's ({_options.MinShopsPerBuyer}+ ring shops), reach {_options.MinLift:0.##}× what popularity predicts"),
        };
    }

    // What Build's signature counts (orders, ring buyers with orders, ring shops), without listing the orders.
    private (int Orders, int Buyers, int Shops) Signature(int shop, Ring ring, long since)
    {
        var (orders, buyers) = (0, 0);
        foreach (var e in _graph.ColumnEdges(shop))
        {
            if (_graph.EdgeLast(e) >= since && _ringOfBuyer.TryGetValue(_graph.EdgeRow(e), out var r) && r == ring)
            {
                var live = _graph.LiveOrders(e, since);
                orders += live;
                buyers += live > 0 ? 1 : 0;
            }
        }

        return (orders, buyers, ring.Shops.Count);
    }

    private Evidence IdentifierEvidence(Ring ring)
    {
        var byKind = ring.Identifiers
            .GroupBy(i => _graph.KindOf(i.Column))
            .OrderBy(g => g.Key)
            .Select(g => (Kind: g.Key, Count: g.Count(), Accounts: g.Max(i => i.Members)))
            .ToList();
        var parts = byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Count} {Name(k.Kind)}(s), up to {k.Accounts} ring accounts on one"));
        var figures = byKind.ToDictionary(k => "shared_" + FigureName(k.Kind), k => (double)k.Count);
        return new Evidence(
            "The ring's accounts share " + string.Join("; ", parts) + ", each used by few accounts outside it.",
            "该团伙的账号共用" + string.Join("；", byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Count} 个{NameZh(k.Kind)}（同一个最多被 {k.Accounts} 个团伙账号使用）"))) + "，团伙之外很少有账号使用它们。",
            [],
            figures);
    }

    private static string Name(ColumnKind kind) => kind switch
    {
        ColumnKind.Phone => "phone",
        ColumnKind.Device => "device",
        ColumnKind.Ip => "IP",
        ColumnKind.Address => "delivery address",
        _ => "payment account",
    };

    private static string NameZh(ColumnKind kind) => kind switch
    {
        ColumnKind.Phone => "手机号",
        ColumnKind.Device => "设备",
        ColumnKind.Ip => "IP 地址",
        ColumnKind.Address => "收货地址",
        _ => "支付账号",
    };

    private static string FigureName(ColumnKind kind) => kind switch
    {
        ColumnKind.Phone => "phones",
        ColumnKind.Device => "devices",
        ColumnKind.Ip => "ips",
        ColumnKind.Address => "addresses",
        _ => "payment_accounts",
    };

    private static string Listed(List<string> names)
        => names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - 10} more");

    private static string ListedZh(List<string> names)
        => names.Count <= 10 ? string.Join("、", names) : string.Join("、", names.Take(10)) + string.Create(CultureInfo.InvariantCulture, $" 等另外 {names.Count - 10} 个");

    private List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];

    // The buyer's row is resolved when the order is placed (rows keep their ids), saving two look-ups by name on payment.
    private readonly record struct PlacedOrder(int Row, string Shop, string EventId, long Ticks);

    /// <summary>A ring as found by the latest sweep, grown since by buyers and shops that joined.</summary>
    private sealed class Ring(RingBlock block, DenseBlockSearch search)
    {
        public List<int> Buyers { get; } = [.. block.Buyers, .. block.Linked];

        public List<int> Shops { get; } = [.. block.Shops];

        public List<(int Column, int Members)> Identifiers { get; } = block.Identifiers;

        public int OrderEdges { get; } = block.OrderEdges;

        public double ExpectedEdges { get; } = block.ExpectedEdges;

        public double Density { get; } = block.Density;

        public double GraphOrderEdges { get; } = Math.Max(1, block.GraphOrderEdges);

        public double BuyerDegrees { get; set; } = block.Buyers.Concat(block.Linked).Sum(r => (double)search.BuyerShops(r));

        public double ShopDegrees { get; set; } = block.Shops.Sum(s => (double)search.ShopBuyers(s));
    }

    /// <summary>A shop reported in a ring: when its case began, and what the latest report counted.</summary>
    private sealed class Reported(long fromTicks)
    {
        public long FromTicks { get; } = fromTicks;

        public (int Orders, int Buyers, int Shops) Signature { get; set; }
    }
}
