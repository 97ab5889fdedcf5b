using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.fake_price</c> (虚假价格): a listing whose price is far outside its category's normal range, or whose
/// price keeps swinging by large factors. The normal range is learned from the marketplace's own listings: the low and
/// high quantiles of the category's current log prices, widened by <see cref="FakePriceOptions.FenceFactor"/>; a
/// category is judged only once it has <see cref="FakePriceOptions.MinSample"/> priced listings. The listing is the
/// actor and its shop the beneficiary. A listing whose price is later corrected is reported again under the same id
/// with the correction in its evidence and <see cref="Finding.ClearedAt"/> set: the policy ends the penalty then.
/// </summary>
internal sealed class FakePriceDetector : Detector
{
    public static readonly PatternId Id = new("listing.fake_price");

    private readonly FakePriceOptions _options;
    private readonly double _fence;
    private readonly double _swing;
    private readonly long _swingTicks;
    private readonly long _productWaitTicks;
    private readonly Dictionary<string, ListingState> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PriceGroup> _groups = new(StringComparer.Ordinal); // category or product key → its listings' log prices
    private readonly HashSet<ListingState> _dirty = [];

    public FakePriceDetector(FakePriceOptions options)
    {
        _options = options;
        _fence = Math.Log(options.FenceFactor);
        _swing = Math.Log(options.SwingRatio);
        _swingTicks = TimeSpan.FromDays(options.SwingWindowDays).Ticks;
        _productWaitTicks = TimeSpan.FromHours(options.ProductWaitHours).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ListingEvent listing)
        {
            return;
        }

        var ticks = e.Ts.UtcTicks;
        if (!_listings.TryGetValue(listing.Listing, out var state))
        {
            _listings[listing.Listing] = state = new ListingState(listing.Listing);
        }

        state.Shop = listing.Shop ?? state.Shop;
        state.Category = listing.Category ?? state.Category;
        state.Title = listing.Title ?? state.Title;
        if (listing.Price is { } price && price > 0)
        {
            var log = Math.Log((double)price);
            if (state.Price is { } before && Math.Abs(log - Math.Log((double)before)) >= _swing)
            {
                state.Swings.Add(new Swing(ticks, before, price, e.Id));
            }

            state.Price = price;
            state.PriceEvent = e.Id;
            state.PriceTicks = ticks;
        }

        while (state.Swings.Count > 0 && state.Swings[0].Ticks < ticks - _swingTicks)
        {
            state.Swings.RemoveAt(0);
        }

        foreach (var key in state.Groups)
        {
            if (_groups.TryGetValue(key, out var members))
            {
                members.Remove(state.Listing);
            }
        }

        state.Groups.Clear();
        if (state.Category is not null && state.Price is { } current)
        {
            state.Groups.Add(CategoryKey(state.Category));
            if (state.Title is { Length: > 0 } title)
            {
                // The product word ends a Chinese listing title (…静音加湿器, …自攻螺丝): listings ending alike sell the same product.
                for (var length = _options.ProductSuffixChars; length >= 2; length--)
                {
                    if (title.Length > length)
                    {
                        state.Groups.Add(ProductKey(title[^length..]));
                    }
                }
            }

            foreach (var key in state.Groups)
            {
                if (!_groups.TryGetValue(key, out var members))
                {
                    _groups[key] = members = new PriceGroup();
                }

                members.Set(state.Listing, Math.Log((double)current));
            }

            _dirty.Add(state);
        }
    }

    private static string CategoryKey(string category) => "c:" + category;

    private static string ProductKey(string suffix) => "p:" + suffix;

    public override void Sweep(DetectionContext context) => Judge(context, all: false);

    public override void Complete(DetectionContext context) => Judge(context, all: true);

    private void Judge(DetectionContext context, bool all)
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        var ranges = new Dictionary<string, (double Low, double High)?>(StringComparer.Ordinal);
        (double Low, double High)? RangeOf(string key)
        {
            if (!ranges.TryGetValue(key, out var range))
            {
                ranges[key] = range = Range(key);
            }

            return range;
        }

        var judged = new List<ListingState>();
        foreach (var state in _dirty.OrderBy(s => s.Listing, StringComparer.Ordinal))
        {
            if (RangeOf(CategoryKey(state.Category!)) is not { } category)
            {
                continue; // the category has too few priced listings yet; judged once it has
            }

            // The product's own range, from the longest title ending that enough listings share (any category: a
            // product filed in the wrong category keeps its price).
            (string Suffix, (double Low, double High) Range)? product = null;
            foreach (var key in state.Groups.Skip(1))
            {
                if (RangeOf(key) is { } found)
                {
                    product = (key[2..], found);
                    break;
                }
            }

            // A price far outside the category whose product has too few listings yet waits for them a while.
            if (product is null && !all && context.Now.UtcTicks - state.PriceTicks < _productWaitTicks
                && Outside(Math.Log((double)state.Price!.Value), category) > 0)
            {
                continue;
            }

            judged.Add(state);
            Judge(state, category, product, context);
        }

        foreach (var state in judged)
        {
            _dirty.Remove(state);
        }
    }

    private (double Low, double High)? Range(string key)
    {
        if (!_groups.TryGetValue(key, out var prices) || prices.Count < _options.MinSample)
        {
            return null;
        }

        return (Quantile(prices.Sorted, _options.LowQuantile), Quantile(prices.Sorted, _options.HighQuantile));
    }

    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private double Outside(double log, (double Low, double High) range)
    {
        var lowFence = range.Low - _fence;
        var highFence = range.High + _fence;
        return log < lowFence ? lowFence - log : log > highFence ? log - highFence : 0;
    }

    private void Judge(ListingState state, (double Low, double High) range, (string Suffix, (double Low, double High) Range)? product, DetectionContext context)
    {
        var log = Math.Log((double)state.Price!.Value);
        var outside = Outside(log, range);
        if (product is { } p)
        {
            // Far outside the category but inside what the same product sells for elsewhere (a cheap wholesale item,
            // a premium model, a product filed in the wrong category): not a fake price.
            outside = Math.Min(outside, Outside(log, p.Range));
        }

        var lowFence = range.Low - _fence;
        var swinging = state.Swings.Count >= _options.MinSwings;
        if (outside > 0)
        {
            state.Outlier ??= new Outlier(state.PriceTicks, state.Price.Value, state.PriceEvent!, log < lowFence, Math.Exp(range.Low), Math.Exp(range.High), outside, product?.Suffix, product is { } q ? Math.Exp(q.Range.Low) : 0, product is { } r ? Math.Exp(r.Range.High) : 0);
        }

        if (outside <= 0 && !swinging && state.ReportedFrom is null)
        {
            return;
        }

        if (outside <= 0 && state.Outlier is not null && state.CorrectedEvent is null && !swinging)
        {
            state.CorrectedEvent = state.PriceEvent;
            state.CorrectedTicks = state.PriceTicks;
        }
        else if (outside > 0)
        {
            state.CorrectedEvent = null;
        }

        if (state.Outlier is null && !swinging && state.SwingsReported == 0)
        {
            return;
        }

        if (swinging)
        {
            state.SwingsReported = Math.Max(state.SwingsReported, state.Swings.Count);
            state.SwingEvidence = [.. state.Swings];
        }

        context.Report(Build(state));
    }

    private Finding Build(ListingState state)
    {
        var evidence = new List<Evidence>();
        var score = 0.0;
        var severity = Severity.Medium;
        var firstTicks = long.MaxValue;
        var lastTicks = long.MinValue;
        if (state.Outlier is { } o)
        {
            var factor = Math.Exp(o.Beyond + _fence);
            var side = o.Low ? "below" : "above";
            var end = o.Low ? o.RangeLow : o.RangeHigh;
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"Price {o.Price:0.##} yuan set at {EvidenceText.Time(new DateTimeOffset(o.Ticks, TimeSpan.Zero))} is {factor:0.#} times {side} the {(o.Low ? "cheap" : "dear")} end ({end:0.##} yuan) of what listings in category {state.Category} normally charge ({o.RangeLow:0.##}–{o.RangeHigh:0.##} yuan){(o.Product is null ? "" : string.Create(CultureInfo.InvariantCulture, $", and far outside what listings titled …{o.Product} charge ({o.ProductLow:0.##}–{o.ProductHigh:0.##} yuan)"))}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(new DateTimeOffset(o.Ticks, TimeSpan.Zero))} 设定的价格 {o.Price:0.##} 元，{(o.Low ? "低于" : "高于")}类目 {state.Category} 商品常见价格区间（{o.RangeLow:0.##}–{o.RangeHigh:0.##} 元）的{(o.Low ? "低" : "高")}端（{end:0.##} 元）达 {factor:0.#} 倍{(o.Product is null ? "" : string.Create(CultureInfo.InvariantCulture, $"，也远超出标题为“…{o.Product}”的商品的价格区间（{o.ProductLow:0.##}–{o.ProductHigh:0.##} 元）"))}。"),
                [o.EventId],
                new Dictionary<string, double>
                {
                    ["price"] = (double)o.Price,
                    ["range_low"] = Math.Round(o.RangeLow, 2),
                    ["range_high"] = Math.Round(o.RangeHigh, 2),
                    ["times_outside"] = Math.Round(factor, 2),
                    ["fence_factor"] = _options.FenceFactor,
                    ["product_low"] = Math.Round(o.ProductLow, 2),
                    ["product_high"] = Math.Round(o.ProductHigh, 2),
                }));

            // Just past the fence scores 0.7; ten times past it or more scores 0.95.
            score = 0.7 + (0.25 * Math.Min(1, o.Beyond / Math.Log(10)));
            severity = o.Beyond >= Math.Log(10) ? Severity.High : Severity.Medium;
            firstTicks = o.Ticks;
            lastTicks = o.Ticks;
        }

        if (state.SwingEvidence.Count >= _options.MinSwings)
        {
            var swings = state.SwingEvidence;
            var largest = swings.Max(s => Math.Abs(Math.Log((double)s.To / (double)s.From)));
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"The price changed {swings.Count} times by a factor of {_options.SwingRatio:0.##} or more between {EvidenceText.Time(new DateTimeOffset(swings[0].Ticks, TimeSpan.Zero))} and {EvidenceText.Time(new DateTimeOffset(swings[^1].Ticks, TimeSpan.Zero))}: {string.Join(", ", swings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.From:0.##} → {s.To:0.##}")))} yuan."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(new DateTimeOffset(swings[0].Ticks, TimeSpan.Zero))} 至 {EvidenceText.Time(new DateTimeOffset(swings[^1].Ticks, TimeSpan.Zero))} 期间，价格 {swings.Count} 次大幅变动（变动幅度达 {_options.SwingRatio:0.##} 倍或以上）：{string.Join("，", swings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.From:0.##} → {s.To:0.##}")))} 元。"),
                [.. swings.Select(s => s.EventId)],
                new Dictionary<string, double>
                {
                    ["large_swings"] = swings.Count,
                    ["largest_factor"] = Math.Round(Math.Exp(largest), 2),
                    ["swing_ratio"] = _options.SwingRatio,
                    ["min_swings"] = _options.MinSwings,
                }));

            // Three swings score 0.7; every further swing adds 0.05, up to 0.95.
            score = Math.Max(score, Math.Min(0.95, 0.7 + (0.05 * (swings.Count - _options.MinSwings))));
            firstTicks = Math.Min(firstTicks, swings[0].Ticks);
            lastTicks = Math.Max(lastTicks, swings[^1].Ticks);
        }

        if (state.CorrectedEvent is { } corrected)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"The price was corrected to {state.Price:0.##} yuan at {EvidenceText.Time(new DateTimeOffset(state.CorrectedTicks, TimeSpan.Zero))}, inside the category's normal range."),
                string.Create(CultureInfo.InvariantCulture,
                    $"价格已于 {EvidenceText.Time(new DateTimeOffset(state.CorrectedTicks, TimeSpan.Zero))} 改为 {state.Price:0.##} 元，回到类目的正常价格区间内。"),
                [corrected],
                new Dictionary<string, double> { ["corrected_price"] = (double)state.Price!.Value }));
        }

        // A corrected price clears the finding (SPEC §2.4) unless the price keeps swinging, which no one edit fixes. To stays
        // at the last offending event: the policy makes a decision effective at To and ends it at the correction.
        DateTimeOffset? cleared = state.CorrectedEvent is not null && state.SwingEvidence.Count < _options.MinSwings
            ? new DateTimeOffset(state.CorrectedTicks, TimeSpan.Zero)
            : null;

        state.ReportedFrom ??= firstTicks;
        var entity = new EntityRef(EntityTypes.Listing, state.Listing);
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, new DateTimeOffset(state.ReportedFrom.Value, TimeSpan.Zero)),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = cleared is null ? severity : Severity.Low,
            From = new DateTimeOffset(Math.Min(firstTicks, state.ReportedFrom.Value), TimeSpan.Zero),
            To = new DateTimeOffset(lastTicks, TimeSpan.Zero),
            Evidence = evidence,
            ClearedAt = cleared,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"price below the category's {_options.LowQuantile:0.###} quantile ÷ {_options.FenceFactor:0.##} or above its {_options.HighQuantile:0.###} quantile × {_options.FenceFactor:0.##} and outside the same range of listings whose titles end alike (the product; groups with {_options.MinSample}+ priced listings), or {_options.MinSwings}+ price changes by a factor of {_options.SwingRatio:0.##} or more within {_options.SwingWindowDays} days"),
        };
    }

    /// <summary>
    /// The log prices of a group's listings, kept sorted as they change (a binary search and a shift per change) so that
    /// its quantiles are read directly instead of sorting the group at every judgement.
    /// </summary>
    private sealed class PriceGroup
    {
        private readonly Dictionary<string, double> _byListing = new(StringComparer.Ordinal);
        private readonly List<double> _sorted = [];

        public int Count => _sorted.Count;

        public IReadOnlyList<double> Sorted => _sorted;

        public void Set(string listing, double log)
        {
            Remove(listing);
            _byListing[listing] = log;
            var at = _sorted.BinarySearch(log);
            _sorted.Insert(at >= 0 ? at : ~at, log);
        }

        public void Remove(string listing)
        {
            if (_byListing.Remove(listing, out var log))
            {
                _sorted.RemoveAt(_sorted.BinarySearch(log));
            }
        }
    }

    private sealed record Swing(long Ticks, decimal From, decimal To, string EventId);

    private sealed record Outlier(long Ticks, decimal Price, string EventId, bool Low, double RangeLow, double RangeHigh, double Beyond, string? Product, double ProductLow, double ProductHigh);

    private sealed class ListingState(string listing)
    {
        public string Listing { get; } = listing;

        public string? Shop { get; set; }

        public string? Category { get; set; }

        public string? Title { get; set; }

        public List<string> Groups { get; } = [];

        public decimal? Price { get; set; }

        public string? PriceEvent { get; set; }

        public long PriceTicks { get; set; }

        public List<Swing> Swings { get; } = [];

        public List<Swing> SwingEvidence { get; set; } = [];

        public int SwingsReported { get; set; }

        public Outlier? Outlier { get; set; }

        public string? CorrectedEvent { get; set; }

        public long CorrectedTicks { get; set; }

        public long? ReportedFrom { get; set; }
    }
}
