using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>
/// <c>fake_reviews.no_purchase</c>: reviews with no completed order behind them, or written before the goods arrived. A
/// review counts when it names no order, an order nobody placed, another account's order or another listing's, an order
/// cancelled before the review, or an order not yet delivered (or confirmed) when the review was posted. A listing's such
/// reviews form one episode: praise makes the listing the beneficiary, complaints make it the victim; the writers are
/// actors and the reviews are the related items judged fake.
/// </summary>
internal sealed class NoPurchaseDetector : ReviewBurstDetector<NoPurchaseDetector.Episode>
{
    public static readonly PatternId Id = new("fake_reviews.no_purchase");

    private readonly NoPurchaseOptions _options;
    private readonly PurchaseBook _orders;
    private readonly long _gapTicks;
    private readonly Dictionary<(string Listing, bool Praise), Episode> _episodes = [];

    public NoPurchaseDetector(NoPurchaseOptions options, SharedState? shared = null)
        : base(options.SettleHours, options.MaxEvidenceEvents)
    {
        _options = options;
        _orders = PurchaseBook.For(TimeSpan.FromDays(options.OrderRetentionDays), shared ?? new SharedState());
        _gapTicks = TimeSpan.FromDays(options.EpisodeGapDays).Ticks;
    }

    public override PatternId Pattern => Id;

    public override object? SharedPart => _orders;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ReviewPosted), typeof(OrderPlaced), typeof(OrderDelivered), typeof(OrderConfirmed), typeof(OrderCancelled));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ReviewPosted review)
        {
            _orders.Observe(e);
            return;
        }

        if (review.Listing is null)
        {
            return; // nothing to attribute the review to
        }

        var verdict = _orders.Judge(review);
        if (verdict == PurchaseBook.Verdict.Purchased)
        {
            return;
        }

        var ticks = e.Ts.UtcTicks;
        var praise = (review.Rating ?? 5) >= _options.PraiseFromRating;
        var key = (review.Listing, praise);
        if (!_episodes.TryGetValue(key, out var episode) || episode.LastTicks + _gapTicks < ticks)
        {
            _episodes[key] = episode = new Episode(review.Listing, praise, ticks);
        }

        episode.Add(new Suspect(review.Review, review.Account, e.Id, verdict, ticks));
        Dirty.Add(episode);
    }

    protected override void Judge(Episode episode, DetectionContext context) => context.Report(ToFinding(episode));

    protected override int Compare(Episode a, Episode b) => a.FirstTicks != b.FirstTicks ? a.FirstTicks.CompareTo(b.FirstTicks) : base.Compare(a, b);

    protected override void Forget(long now)
    {
        _orders.Expire(now);
        Forget(_episodes, now - _gapTicks);
    }

    private Finding ToFinding(Episode episode)
    {
        var reviews = episode.Reviews;
        var accounts = reviews.Select(r => r.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var from = new DateTimeOffset(episode.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(episode.LastTicks, TimeSpan.Zero);
        var n = reviews.Count;

        // A review without a purchase is a fact, not a guess; what grows with the count is how sure it is that the listing
        // gains (or is meant to suffer) by design rather than by one stray review: 0.5 for one, 0.75 for two, 0.875 for three.
        var score = 1 - Math.Pow(0.5, n);
        var severity = n >= 5 ? Severity.High : n >= 2 ? Severity.Medium : Severity.Low;
        var counts = reviews.GroupBy(r => r.Verdict).ToDictionary(g => g.Key, g => g.Count());
        string What(PurchaseBook.Verdict v) => string.Create(CultureInfo.InvariantCulture, $"{counts.GetValueOrDefault(v)} on {PurchaseBook.Describe(v)}");
        var kinds = string.Join(", ", counts.Keys.Order().Select(What));
        var polarity = episode.Praise ? "praising" : "complaining about";

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{n} review(s) {polarity} listing {episode.Listing} between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} from {accounts.Count} account(s) had no delivered purchase behind them: {kinds}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{accounts.Count} 个账号对商品 {episode.Listing} 发布的 {n} 条{(episode.Praise ? "好评" : "差评")}背后没有已签收的购买：{string.Join("，", counts.Keys.Order().Select(v => string.Create(CultureInfo.InvariantCulture, $"{counts.GetValueOrDefault(v)} 条基于{PurchaseBook.DescribeZh(v)}")))}。"),
                Cap(reviews.Select(r => r.EventId)),
                new Dictionary<string, double>
                {
                    ["reviews"] = n,
                    ["accounts"] = accounts.Count,
                    ["no_order"] = counts.GetValueOrDefault(PurchaseBook.Verdict.NoOrder) + counts.GetValueOrDefault(PurchaseBook.Verdict.UnknownOrder),
                    ["not_their_order"] = counts.GetValueOrDefault(PurchaseBook.Verdict.NotTheirs),
                    ["cancelled_order"] = counts.GetValueOrDefault(PurchaseBook.Verdict.Cancelled),
                    ["before_delivery"] = counts.GetValueOrDefault(PurchaseBook.Verdict.BeforeDelivery),
                }),
        };
        foreach (var review in reviews.Take(20))
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Review {review.Review} by {review.Account} at {EvidenceText.Time(new DateTimeOffset(review.Ticks, TimeSpan.Zero))} rests on {PurchaseBook.Describe(review.Verdict)}."),
                string.Create(CultureInfo.InvariantCulture, $"账号 {review.Account} 于 {EvidenceText.Time(new DateTimeOffset(review.Ticks, TimeSpan.Zero))} 发布的评价 {review.Review} 基于{PurchaseBook.DescribeZh(review.Verdict)}。"),
                [review.EventId],
                new Dictionary<string, double>()));
        }

        return ToFinding(
            episode.Listing,
            episode.Praise ? EntityRole.Beneficiary : EntityRole.Victim,
            score,
            severity,
            from,
            to,
            Actors(accounts, reviews.Select(r => r.Review)),
            evidence,
            string.Create(CultureInfo.InvariantCulture,
                $"review without the reviewer's own order of the listing delivered (or confirmed) before it; a listing's such reviews ≤ {_options.EpisodeGapDays} days apart form one episode; rating ≥ {_options.PraiseFromRating} praises (listing benefits), lower complains (listing is the victim)"));
    }

    internal readonly record struct Suspect(string Review, string Account, string EventId, PurchaseBook.Verdict Verdict, long Ticks);

    internal sealed class Episode(string listing, bool praise, long first) : IReviewBurst
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public string Listing { get; } = listing;

        public bool Praise { get; } = praise;

        public long FirstTicks { get; } = first;

        public long LastTicks { get; private set; } = first;

        public List<Suspect> Reviews { get; } = [];

        public void Add(Suspect review)
        {
            if (_seen.Add(review.Review))
            {
                Reviews.Add(review);
                LastTicks = Math.Max(LastTicks, review.Ticks);
            }
        }
    }
}
