using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>
/// <c>fake_reviews.farm</c>: a burst of reviews on one listing from accounts linked by shared identifiers. The reviews of
/// each listing within the window are split by polarity; their writers are joined wherever two share a device, phone or
/// payment account (any number of accounts short of common); reviewers without a delivered purchase of their own are also
/// joined by an address or IP few accounts use, or a /24 IP range few accounts use (a studio's proxy range) — a household
/// that really bought the goods shares those too. A joined group of
/// enough accounts is a farm: praise makes the listing the beneficiary, complaints its victim; the writers are actors and
/// their reviews the related items judged fake. A listing's later bursts within the window extend the same episode.
/// </summary>
internal sealed class ReviewFarmDetector : ListingWindowDetector<ReviewFarmDetector.ListingReviews, ReviewFarmDetector.Posted>
{
    public static readonly PatternId Id = new("fake_reviews.farm");

    private readonly ReviewFarmOptions _options;

    public ReviewFarmDetector(ReviewFarmOptions options, SharedState? shared = null)
        : base(options, shared)
    {
        _options = options;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ReviewPosted), typeof(OrderPlaced), typeof(OrderDelivered), typeof(OrderConfirmed), typeof(OrderCancelled), typeof(ShopOpened), typeof(AccountRegistered), typeof(AccountLogin), typeof(OrderPaid));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ReviewPosted { Listing: { } listing } review)
        {
            ObserveAccountsAndOrders(e);
            return;
        }

        var reviews = Listing(listing);
        var purchased = Orders.Judge(review) == PurchaseBook.Verdict.Purchased;
        Add(reviews, new Posted(review.Review, review.Account, e.Id, (review.Rating ?? 5) >= _options.PraiseFromRating, purchased, e.Ts.UtcTicks));
    }

    protected override ListingReviews NewListing(string listing) => new(listing);

    protected override void Judge(ListingReviews reviews, DetectionContext context)
    {
        foreach (var praise in new[] { true, false })
        {
            if (FindFarm(reviews, praise) is { } farm && Extend(reviews, praise, farm) is { } episode)
            {
                context.Report(ToFinding(reviews.Listing, episode));
            }
        }
    }

    /// <summary>The writers of one polarity's reviews in the window that are linked into groups of enough accounts, with the links.</summary>
    private List<(Posted Review, string Link)>? FindFarm(ListingReviews reviews, bool praise)
    {
        var window = reviews.Window.Where(r => r.Praise == praise).ToList();
        var writers = window.Select(r => r.Account).Distinct(StringComparer.Ordinal).ToList();
        var unpurchased = window.Where(r => !r.Purchased).Select(r => r.Account).ToHashSet(StringComparer.Ordinal);
        if (writers.Count < _options.MinAccounts)
        {
            return null;
        }

        var parent = Enumerable.Range(0, writers.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                i = parent[i] = parent[parent[i]];
            }

            return i;
        }

        var byKey = new Dictionary<ulong, int>();
        var reasons = new Dictionary<int, string>();
        for (var i = 0; i < writers.Count; i++)
        {
            foreach (var (key, kind, accounts) in Links.Identifiers(writers[i]))
            {
                if (accounts < 2 || !Joins(kind, accounts) || (Weak(kind) && !unpurchased.Contains(writers[i])))
                {
                    continue;
                }

                if (byKey.TryGetValue(key, out var first))
                {
                    if (Weak(kind) && !unpurchased.Contains(writers[first]))
                    {
                        continue;
                    }

                    reasons.TryAdd(i, Name(kind));
                    reasons.TryAdd(first, Name(kind));
                    parent[Root(i)] = Root(first);
                }
                else
                {
                    byKey[key] = i;
                }
            }
        }

        var groups = Enumerable.Range(0, writers.Count).GroupBy(Root).Where(g => g.Count() >= _options.MinAccounts).SelectMany(g => g).ToHashSet();
        if (groups.Count == 0)
        {
            return null;
        }

        var index = writers.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        return [.. reviews.Window.Where(r => r.Praise == praise && groups.Contains(index[r.Account])).Select(r => (r, reasons.GetValueOrDefault(index[r.Account], "")))];
    }

    /// <summary>Kinds a household shares (an address, a home IP, a neighbourhood's range): they link only reviewers without a delivered purchase.</summary>
    private static bool Weak(AccountLinks.Kind kind) => kind is AccountLinks.Kind.Address or AccountLinks.Kind.Ip or AccountLinks.Kind.Subnet;

    private bool Joins(AccountLinks.Kind kind, int accounts) => kind switch
    {
        AccountLinks.Kind.Ip => accounts <= _options.MaxIpAccounts,
        AccountLinks.Kind.Address => accounts <= _options.MaxAddressAccounts,
        AccountLinks.Kind.Subnet => accounts <= _options.MaxSubnetAccounts,
        _ => true,
    };

    private Episode? Extend(ListingReviews reviews, bool praise, List<(Posted Review, string Link)> farm)
    {
        var first = farm.Min(f => f.Review.Ticks);
        var episode = praise ? reviews.PraiseEpisode : reviews.ComplaintEpisode;
        if (episode is null || episode.LastTicks + WindowTicks < first)
        {
            episode = new Episode(praise, first);
            if (praise)
            {
                reviews.PraiseEpisode = episode;
            }
            else
            {
                reviews.ComplaintEpisode = episode;
            }
        }

        var grew = false;
        foreach (var (review, link) in farm)
        {
            grew |= episode.Add(review, link);
        }

        return grew ? episode : null;
    }

    private Finding ToFinding(string listing, Episode episode)
    {
        var reviews = episode.Reviews.Values.OrderBy(r => r.Ticks).ThenBy(r => r.Review, StringComparer.Ordinal).ToList();
        var accounts = reviews.Select(r => r.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var from = new DateTimeOffset(episode.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(episode.LastTicks, TimeSpan.Zero);
        var n = accounts.Count;

        // Four linked accounts on one listing in a day could be a household and its friends; each more makes a studio
        // likelier: 0.6 at four, 0.7 at five, 0.8 at seven, 0.9 at twelve.
        var score = 1 - (1.2 / (n - 1));
        score = Math.Max(score, 0.6);
        var severity = n >= 10 ? Severity.High : Severity.Medium;
        var links = episode.Links.Values.Where(l => l.Length > 0).GroupBy(l => l, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ({g.Count()} account(s))"));
        var polarity = episode.Praise ? "praising" : "complaining about";

        return ToFinding(
            listing,
            episode.Praise ? EntityRole.Beneficiary : EntityRole.Victim,
            score,
            severity,
            from,
            to,
            Actors(accounts, reviews.Select(r => r.Review)),
            [
                new(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{reviews.Count} review(s) {polarity} listing {listing} between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} came from {n} accounts tied to each other by shared {string.Join(", ", links)}."),
                    string.Create(CultureInfo.InvariantCulture,
                        $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，商品 {listing} 的 {reviews.Count} 条{(episode.Praise ? "好评" : "差评")}来自 {n} 个相互关联的账号，它们共用{string.Join("、", episode.Links.Values.Where(l => l.Length > 0).GroupBy(l => l, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{NameZh(g.Key)}（{g.Count()} 个账号）")))}。"),
                    Cap(reviews.Select(r => r.EventId)),
                    new Dictionary<string, double>
                    {
                        ["reviews"] = reviews.Count,
                        ["linked_accounts"] = n,
                        ["window_hours"] = _options.WindowHours,
                        ["min_accounts"] = _options.MinAccounts,
                    }),
            ],
            string.Create(CultureInfo.InvariantCulture,
                $"≥ {_options.MinAccounts} accounts reviewing one listing within {_options.WindowHours} h, joined by a shared device, phone or payment account (seen on < {_options.CommonAccounts} accounts), or, between reviewers without a delivered purchase, an address (≤ {_options.MaxAddressAccounts} accounts), IP (≤ {_options.MaxIpAccounts}) or /24 range (≤ {_options.MaxSubnetAccounts})"));
    }

    private static string NameZh(string name) => name switch
    {
        "phone" => "手机号",
        "device" => "设备",
        "payment account" => "支付账号",
        "delivery address" => "收货地址",
        "IP range (/24)" => "IP 网段（/24）",
        "IP" => "IP 地址",
        _ => name,
    };

    private static string Name(AccountLinks.Kind kind) => kind switch
    {
        AccountLinks.Kind.Phone => "phone",
        AccountLinks.Kind.Device => "device",
        AccountLinks.Kind.Payment => "payment account",
        AccountLinks.Kind.Address => "delivery address",
        AccountLinks.Kind.Subnet => "IP range (/24)",
        _ => "IP",
    };

    internal readonly record struct Posted(string Review, string Account, string EventId, bool Praise, bool Purchased, long Ticks) : IPostedReview;

    /// <summary>A listing's reviews of the last window, and its current farm episodes.</summary>
    internal sealed class ListingReviews(string listing) : ListingWindow<Posted>(listing)
    {
        public Episode? PraiseEpisode { get; set; }

        public Episode? ComplaintEpisode { get; set; }
    }

    internal sealed class Episode(bool praise, long first)
    {
        public bool Praise { get; } = praise;

        public long FirstTicks { get; } = first;

        public long LastTicks { get; private set; } = first;

        public Dictionary<string, Posted> Reviews { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

        public bool Add(Posted review, string link)
        {
            if (!Reviews.TryAdd(review.Review, review))
            {
                return false;
            }

            Links.TryAdd(review.Account, link);
            LastTicks = Math.Max(LastTicks, review.Ticks);
            return true;
        }
    }
}
