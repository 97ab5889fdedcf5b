using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.OrderBrushing;

/// <summary>
/// <c>order_brushing.concentration</c>: the Shopee Code League 2020 rule, streaming per shop. Reports one finding
/// per brushing episode (brushing windows that share orders): the shop is the actor, its top buyers in the episode
/// are related actors, and their orders in the episode are the related orders judged fake (what <c>void_orders</c> voids).
/// </summary>
internal sealed class ConcentrationDetector : Detector
{
    public static readonly PatternId Id = new("order_brushing.concentration");

    private readonly ReviewsOnFakeOrders _reviews = new();

    private readonly ConcentrationOptions _options;
    private readonly long _windowTicks;
    private readonly Dictionary<string, ShopConcentration> _shops = new(StringComparer.Ordinal);

    // Shops with open windows, by when their oldest window can be judged; entries may be stale and are re-checked.
    private readonly PriorityQueue<ShopConcentration, long> _due = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly List<ShopConcentration.Episode> _closed = [];

    public ConcentrationDetector(ConcentrationOptions options)
    {
        _options = options;
        _windowTicks = TimeSpan.FromSeconds(options.WindowSeconds).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(OrderPlaced), typeof(ReviewPosted));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is ReviewPosted review)
        {
            _reviews.Observe(review, context);
        }

        if (e is not OrderPlaced order)
        {
            return;
        }

        if (!_shops.TryGetValue(order.Shop, out var shop))
        {
            _shops[order.Shop] = shop = new ShopConcentration(order.Shop, _windowTicks, _options.MinRate, keepTotals: false);
        }

        shop.Add(order.Order, order.Buyer, order.Ts.UtcTicks, order.Id, _closed);
        if (_queued.Add(shop.Shop))
        {
            _due.Enqueue(shop, shop.OldestWindowStart!.Value + _windowTicks);
        }

        ReportClosed(context);
    }

    public override void Sweep(DetectionContext context)
    {
        _reviews.Forget(context.Now.UtcTicks);
        var now = context.Now.UtcTicks;
        while (_due.TryPeek(out var shop, out var due) && due < now)
        {
            _due.Dequeue();
            shop.Advance(now, _closed);
            if (shop.OldestWindowStart is { } start)
            {
                _due.Enqueue(shop, start + _windowTicks);
            }
            else
            {
                _queued.Remove(shop.Shop);
                if (shop.IsIdle)
                {
                    _shops.Remove(shop.Shop); // Nothing left to judge: forget the shop until its next order.
                }
            }
        }

        ReportClosed(context);
    }

    public override void Complete(DetectionContext context)
    {
        foreach (var shop in _shops.Values)
        {
            shop.Flush(_closed);
        }

        _shops.Clear();
        _due.Clear();
        _queued.Clear();
        ReportClosed(context);
    }

    private void ReportClosed(DetectionContext context)
    {
        foreach (var episode in _closed)
        {
            _reviews.Report(ToFinding(episode), context);
        }

        _closed.Clear();
    }

    private Finding ToFinding(ShopConcentration.Episode episode)
    {
        var shop = new EntityRef(EntityTypes.Shop, episode.Shop);
        var from = new DateTimeOffset(episode.FirstOrderTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(episode.LastOrderTicks, TimeSpan.Zero);
        var buyers = episode.EventIdsByBuyer.Count;
        var top = episode.TopBuyers();
        var topOrders = episode.EventIdsByBuyer[top[0]].Count;

        // Confidence grows with the rate and with the number of orders: three orders from one buyer is the weakest
        // case the rule catches (score 0.5), a large or very concentrated episode approaches 1.
        var score = 1 - (0.5 * (_options.MinRate / episode.MaxRate) * Math.Sqrt(3.0 / Math.Max(3, episode.Orders)));
        var severity = episode.MaxRate >= 2 * _options.MinRate || episode.Orders >= 20 ? Severity.High : Severity.Medium;

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{episode.Windows} one-hour window(s) between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} held {episode.Orders} orders from {buyers} buyer(s); the highest rate was {episode.MaxRate:0.##} orders per buyer, and the rule flags {_options.MinRate:0.##} or more."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间的 {episode.Windows} 个一小时窗口内，{buyers} 个买家下了 {episode.Orders} 笔订单；最高集中度为每个买家 {episode.MaxRate:0.##} 笔订单，而规则在达到 {_options.MinRate:0.##} 笔及以上时判定为刷单。"),
                Cap(episode.EventIds),
                new Dictionary<string, double>
                {
                    ["orders"] = episode.Orders,
                    ["buyers"] = buyers,
                    ["max_rate"] = Math.Round(episode.MaxRate, 4),
                    ["min_rate"] = _options.MinRate,
                    ["windows"] = episode.Windows,
                    ["window_seconds"] = _options.WindowSeconds,
                }),
        };
        foreach (var buyer in top)
        {
            var ids = episode.EventIdsByBuyer[buyer];
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Buyer {buyer} placed {ids.Count} of these {episode.Orders} orders ({100.0 * ids.Count / episode.Orders:0}%)."),
                string.Create(CultureInfo.InvariantCulture, $"买家 {buyer} 下了其中 {episode.Orders} 笔订单中的 {ids.Count} 笔（{100.0 * ids.Count / episode.Orders:0}%）。"),
                Cap(ids),
                new Dictionary<string, double> { ["orders"] = ids.Count, ["share"] = Math.Round((double)ids.Count / episode.Orders, 4) }));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, shop, from),
            Pattern = Id.Value,
            Entity = shop,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related =
            [
                .. top.Select(b => new RelatedEntity(EntityTypes.Account, b, EntityRole.Actor)),
                .. top.SelectMany(b => episode.OrderIdsByBuyer[b]).Select(o => new RelatedEntity(EntityTypes.Order, o, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"orders ÷ distinct buyers ≥ {_options.MinRate:0.##} within any {_options.WindowSeconds / 60.0:0.##}-minute window starting at an order (Shopee Code League 2020); top buyer has {topOrders} order(s)"),
        };
    }

    private List<string> Cap(IReadOnlyList<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];

}
