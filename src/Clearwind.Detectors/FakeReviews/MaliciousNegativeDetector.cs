using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>
/// <c>fake_reviews.malicious_negative</c> (恶意差评): a burst of low ratings on one listing from suspect accounts — ones
/// without a delivered purchase of their own behind the review, or tied by shared identifiers to the owner of another
/// shop. The listing is the victim (protected, never penalised) and so is its shop; the suspect writers are actors, and
/// so is any other shop whose owner several of them are tied to. Real buyers' bad reviews count only towards the share
/// that keeps a listing that really disappointed its buyers from looking attacked.
/// </summary>
internal sealed class MaliciousNegativeDetector : ListingWindowDetector<MaliciousNegativeDetector.ListingReviews, MaliciousNegativeDetector.Posted>
{
    public static readonly PatternId Id = new("fake_reviews.malicious_negative");

    private readonly MaliciousNegativeOptions _options;
    private readonly Dictionary<string, string> _shopOfListing = new(StringComparer.Ordinal);

    // Shop owners' identifiers, gathered at most once per judging and only when a listing needs them.
    private Dictionary<ulong, List<string>>? _owners;

    public MaliciousNegativeDetector(MaliciousNegativeOptions options, SharedState? shared = null)
        : base(options, shared)
    {
        _options = options;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ReviewPosted), typeof(ListingPublished), typeof(OrderPlaced), typeof(OrderDelivered), typeof(OrderConfirmed), typeof(OrderCancelled), typeof(ShopOpened), typeof(AccountRegistered), typeof(AccountLogin), typeof(OrderPaid));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ListingPublished { Shop: { } publishedShop } published:
                _shopOfListing[published.Listing] = publishedShop;
                return;
            case ReviewPosted { Listing: { } listing } review when (review.Rating ?? 5) <= _options.MaxRating:
                var reviews = Listing(listing);
                reviews.Shop ??= _shopOfListing.GetValueOrDefault(listing) ?? Orders.ShopOf(review.Order);
                Add(reviews, new Posted(review.Review, review.Account, e.Id, Orders.Judge(review), e.Ts.UtcTicks));
                return;
            case ReviewPosted:
                return;
        }

        ObserveAccountsAndOrders(e);
    }

    protected override ListingReviews NewListing(string listing) => new(listing);

    protected override void Judge(List<ListingReviews> ready, DetectionContext context)
    {
        _owners = null;
        base.Judge(ready, context);
    }

    protected override void Judge(ListingReviews reviews, DetectionContext context)
    {
        var window = reviews.Window.ToList();
        if (window.Select(r => r.Account).Distinct(StringComparer.Ordinal).Count() < _options.MinAccounts)
        {
            return;
        }

        var owners = _owners ??= OwnerIdentifiers();
        var suspects = new List<(Posted Review, string Why, List<string> Shops)>();
        foreach (var review in window)
        {
            var shops = TiedShops(review.Account, reviews.Shop, owners);
            if (review.Verdict != PurchaseBook.Verdict.Purchased || shops.Count > 0)
            {
                var why = review.Verdict != PurchaseBook.Verdict.Purchased ? PurchaseBook.Describe(review.Verdict) : "a delivered order";
                suspects.Add((review, shops.Count > 0 ? why + ", tied to the owner of " + string.Join(", ", shops) : why, shops));
            }
        }

        var accounts = suspects.Select(s => s.Review.Account).Distinct(StringComparer.Ordinal).Count();
        if (accounts < _options.MinAccounts || suspects.Count < _options.MinSuspectShare * window.Count)
        {
            return;
        }

        var episode = reviews.Episode;
        var first = suspects.Min(s => s.Review.Ticks);
        if (episode is null || episode.LastTicks + WindowTicks < first)
        {
            reviews.Episode = episode = new Episode(first);
        }

        var grew = false;
        foreach (var suspect in suspects)
        {
            grew |= episode.Add(suspect.Review, suspect.Why, suspect.Shops);
        }

        episode.Window = Math.Max(episode.Window, window.Count);
        if (grew)
        {
            context.Report(ToFinding(reviews, episode));
        }
    }

    /// <summary>Every shop owner's identifiers that may tie another account to it, by key.</summary>
    private Dictionary<ulong, List<string>> OwnerIdentifiers()
    {
        var owners = new Dictionary<ulong, List<string>>();
        foreach (var (owner, _) in Links.Owners)
        {
            foreach (var (key, kind, accounts) in Links.Identifiers(owner))
            {
                if (accounts >= 2 && Ties(kind, accounts))
                {
                    if (!owners.TryGetValue(key, out var list))
                    {
                        owners[key] = list = [];
                    }

                    list.Add(owner);
                }
            }
        }

        return owners;
    }

    /// <summary>Shops other than <paramref name="victimShop"/> whose owner is <paramref name="account"/> or shares a tying identifier with it.</summary>
    private List<string> TiedShops(string account, string? victimShop, Dictionary<ulong, List<string>> owners)
    {
        var tied = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var shop in Links.ShopsOwnedBy(account))
        {
            tied.Add(shop);
        }

        foreach (var (key, kind, accounts) in Links.Identifiers(account))
        {
            if (Ties(kind, accounts) && owners.TryGetValue(key, out var list))
            {
                foreach (var owner in list)
                {
                    if (owner != account)
                    {
                        tied.UnionWith(Links.ShopsOwnedBy(owner));
                    }
                }
            }
        }

        if (victimShop is not null)
        {
            tied.Remove(victimShop);
        }

        return [.. tied];
    }

    private bool Ties(AccountLinks.Kind kind, int accounts) => kind switch
    {
        AccountLinks.Kind.Ip => accounts <= _options.MaxIpAccounts,
        AccountLinks.Kind.Address => accounts <= _options.MaxAddressAccounts,
        AccountLinks.Kind.Subnet => false, // a neighbourhood is no tie to a competitor
        _ => true,
    };

    private Finding ToFinding(ListingReviews listing, Episode episode)
    {
        var reviews = episode.Reviews.Values.OrderBy(r => r.Review.Ticks).ThenBy(r => r.Review.Review, StringComparer.Ordinal).ToList();
        var accounts = reviews.Select(r => r.Review.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rivals = reviews.SelectMany(r => r.Shops.Select(s => (Shop: s, r.Review.Account))).Distinct()
            .GroupBy(x => x.Shop, StringComparer.Ordinal)
            .Where(g => g.Count() >= _options.MinCompetitorAccounts)
            .Select(g => (Shop: g.Key, Accounts: g.Count()))
            .OrderBy(g => g.Shop, StringComparer.Ordinal)
            .ToList();
        var from = new DateTimeOffset(episode.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(episode.LastTicks, TimeSpan.Zero);
        var n = accounts.Count;
        var noPurchase = reviews.Count(r => r.Review.Verdict != PurchaseBook.Verdict.Purchased);

        // Four suspect accounts could be an unlucky day; more, or a competitor behind them, make an attack likelier.
        var score = Math.Min(0.99, 1 - (1.0 / (n - 1)) + (rivals.Count > 0 ? 0.1 : 0));
        var severity = n >= 8 || rivals.Count > 0 ? Severity.High : Severity.Medium;
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{reviews.Count} low rating(s) (≤ {_options.MaxRating} stars) on listing {listing.Listing} between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} came from {n} suspect account(s): {noPurchase} without a delivered purchase of their own{(rivals.Count > 0 ? ", and accounts tied to the owner of " + string.Join(", ", rivals.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Shop} ({r.Accounts} account(s))"))) : "")}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，商品 {listing.Listing} 收到的 {reviews.Count} 条低分评价（不高于 {_options.MaxRating} 星）来自 {n} 个可疑账号：其中 {noPurchase} 条没有本人已签收的购买{(rivals.Count > 0 ? "，另有账号与 " + string.Join("、", rivals.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Shop}（{r.Accounts} 个账号）"))) + " 的店主关联" : "")}。"),
                Cap(reviews.Select(r => r.Review.EventId)),
                new Dictionary<string, double>
                {
                    ["reviews"] = reviews.Count,
                    ["suspect_accounts"] = n,
                    ["without_purchase"] = noPurchase,
                    ["low_ratings_in_window"] = episode.Window,
                    ["competitor_shops"] = rivals.Count,
                }),
        };
        foreach (var review in reviews.Take(20))
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Review {review.Review.Review} by {review.Review.Account}: {review.Why}."),
                string.Create(CultureInfo.InvariantCulture, $"账号 {review.Review.Account} 的评价 {review.Review.Review}：基于{PurchaseBook.DescribeZh(review.Review.Verdict)}{(review.Shops.Count > 0 ? "，且与 " + string.Join("、", review.Shops) + " 的店主关联" : "")}。"),
                [review.Review.EventId],
                new Dictionary<string, double>()));
        }

        List<RelatedEntity> related = [];
        if (listing.Shop is not null)
        {
            related.Add(new RelatedEntity(EntityTypes.Shop, listing.Shop, EntityRole.Victim));
        }

        related.AddRange(accounts.Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor)));
        related.AddRange(rivals.Select(r => new RelatedEntity(EntityTypes.Shop, r.Shop, EntityRole.Actor)));
        related.AddRange(reviews.Select(r => new RelatedEntity(EntityTypes.Review, r.Review.Review, EntityRole.Actor)));
        return ToFinding(
            listing.Listing,
            EntityRole.Victim,
            score,
            severity,
            from,
            to,
            related,
            evidence,
            string.Create(CultureInfo.InvariantCulture,
                $"≥ {_options.MinAccounts} accounts rating one listing ≤ {_options.MaxRating} stars within {_options.WindowHours} h without a delivered purchase of their own or tied to another shop's owner, ≥ {100 * _options.MinSuspectShare:0}% of the window's low ratings; a shop whose owner ≥ {_options.MinCompetitorAccounts} of them are tied to is named"));
    }

    internal readonly record struct Posted(string Review, string Account, string EventId, PurchaseBook.Verdict Verdict, long Ticks) : IPostedReview;

    internal sealed record Suspect(Posted Review, string Why, List<string> Shops);

    internal sealed class ListingReviews(string listing) : ListingWindow<Posted>(listing)
    {
        public string? Shop { get; set; }

        public Episode? Episode { get; set; }
    }

    internal sealed class Episode(long first)
    {
        public long FirstTicks { get; } = first;

        public long LastTicks { get; private set; } = first;

        public int Window { get; set; }

        public Dictionary<string, Suspect> Reviews { get; } = new(StringComparer.Ordinal);

        public bool Add(Posted review, string why, List<string> shops)
        {
            if (!Reviews.TryAdd(review.Review, new Suspect(review, why, shops)))
            {
                return false;
            }

            LastTicks = Math.Max(LastTicks, review.Ticks);
            return true;
        }
    }
}
