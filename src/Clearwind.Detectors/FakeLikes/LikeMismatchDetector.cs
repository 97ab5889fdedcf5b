using System.Runtime.InteropServices;
using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeLikes;

/// <summary>
/// <c>fake_likes.mismatch</c>: a listing whose likes far exceed what its behaviour supports. Within a sliding window,
/// its views with a real dwell times its category's like rate (likes ÷ dwelling views across the category) give the
/// likes honest shoppers leave; the listing is reported when its likes are <see cref="LikeMismatchOptions.MinRatio"/> times
/// that with a Poisson tail below <see cref="LikeMismatchOptions.Alpha"/>, and its orders stay under a share of what its
/// likes would bring at the category's orders per like. The listing is the beneficiary; the likers of the windows that
/// met the rule, except those who bought from the shop, are the actors.
/// </summary>
internal sealed class LikeMismatchDetector : ListingCaseDetector<LikeMismatchDetector.ListingState>
{
    public static readonly PatternId Id = new("fake_likes.mismatch");

    private readonly LikeMismatchOptions _options;
    private readonly long _lookTicks;
    private readonly Dictionary<string, CategoryTotals> _categories = new(StringComparer.Ordinal);

    public LikeMismatchDetector(LikeMismatchOptions options, SharedState? shared = null)
        : base(options, int.MaxValue, shared)
    {
        _options = options;
        _lookTicks = TimeSpan.FromMinutes(options.LookMinutes).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingLiked), typeof(AccountRegistered), typeof(ListingEvent), typeof(OrderPlaced), typeof(ListingViewed));

    protected override void AddLike(ListingState state, ListingLiked like, long now)
    {
        state.Likes.PushBack((like.Account, now, like.Id));
        Totals(state).Likes++;
    }

    protected override void ObserveOther(MarketEvent e)
    {
        var now = e.Ts.UtcTicks;
        switch (e)
        {
            case ListingViewed view:
                var viewed = State(view.Listing, now);
                // A view without a dwell figure (an export that has none, such as Taobao's) counts as a real look: the
                // rule then rests on likes per view and orders alone, and never on a missing figure.
                var dwelt = view.DwellMs is not { } dwell || dwell >= _options.MinDwellMs;
                viewed.Views.PushBack((now, dwelt));
                if (dwelt)
                {
                    viewed.CountDwellView();
                    // The first look of a visit counts: a second view after the like must not hide the look before it.
                    if (view.Account is not null)
                    {
                        ref var looked = ref CollectionsMarshal.GetValueRefOrAddDefault(viewed.LookedAt, view.Account, out var known);
                        if (!known || looked < now - _lookTicks)
                        {
                            looked = now;
                            viewed.LatestLook = Math.Max(viewed.LatestLook, now);
                        }
                    }

                    Totals(viewed).DwellViews++;
                }

                break;
            case ListingEvent listing when Listings.TryGetValue(listing.Listing, out var changed):
                // The ledger has taken the event's category (if any); the listing's totals are looked up afresh.
                changed.Totals = null;
                break;
            case OrderPlaced order when order.Listing is not null:
                var ordered = State(order.Listing, now);
                ordered.Orders.PushBack(now);
                Totals(ordered).Orders++;
                break;
        }
    }

    protected override ListingState NewState(string listing, long now) => new(listing);

    /// <summary>The totals of the listing's category, kept on the listing until a listing event may change its category.</summary>
    private CategoryTotals Totals(ListingState state)
    {
        if (state.Totals is { } cached)
        {
            return cached;
        }

        var category = Ledger.Listing(state.Listing, state.LastTicks).Category ?? string.Empty;
        if (!_categories.TryGetValue(category, out var totals))
        {
            _categories[category] = totals = new CategoryTotals();
        }

        state.Totals = totals;
        return totals;
    }

    protected override void Judge(ListingState state, long now)
    {
        state.Slide(now - WindowTicks);
        var likes = state.Likes.Count;
        if (likes < _options.MinLikes)
        {
            return;
        }

        var totals = Totals(state);
        var dwellViews = state.DwellViews;
        var likeRate = totals.DwellViews > 0 ? Math.Min(1, totals.Likes / totals.DwellViews) : 1;
        var ordersPerLike = totals.Likes > 0 ? totals.Orders / totals.Likes : 0;
        var expected = likeRate * dwellViews;
        var ratio = likes / Math.Max(expected, 1e-9);
        if (ratio < _options.MinRatio)
        {
            return;
        }

        var p = LikeStatistics.PoissonUpperTail(likes, expected);
        var expectedOrders = ordersPerLike * likes;
        if (p > _options.Alpha || state.Orders.Count > _options.MaxConversionShare * expectedOrders)
        {
            return;
        }

        var likeCase = CaseMet(state, state.Likes.Front.Ticks, now);
        var events = new List<string>(likes);
        var crowdTicks = TimeSpan.FromMinutes(_options.CrowdMinutes).Ticks;
        int lo = 0, hi = 0;
        for (var i = 0; i < likes; i++)
        {
            var (account, ticks, eventId) = state.Likes[i];
            while (state.Likes[lo].Ticks < ticks - crowdTicks)
            {
                lo++;
            }

            while (hi + 1 < likes && state.Likes[hi + 1].Ticks <= ticks + crowdTicks)
            {
                hi++;
            }

            // A like is named when it came in a crowd of likes, or when no real look at the listing came before it
            // from an account that never bought anything: a lone like after a proper look, or from a shopper, is
            // what honest people leave, even on a boosted listing.
            var looked = state.LookedAt.TryGetValue(account, out var at) && at <= ticks && at >= ticks - _lookTicks;
            if ((!looked && !Ledger.HasOrdered(account)) || hi - lo + 1 >= _options.CrowdLikes)
            {
                likeCase.Add(account, ticks, eventId);
                events.Add(eventId);
            }
        }

        var surprise = LikeStatistics.Surprise(p);
        if (surprise <= likeCase.BestStrength)
        {
            return; // an earlier window of the case was more surprising: its evidence stays (and no sentence is written)
        }

        var category = Ledger.Listing(state.Listing, now).Category ?? "(unknown)";
        likeCase.Offer(
            surprise,
            string.Create(CultureInfo.InvariantCulture,
                $"In the {_options.WindowHours} hours to {EvidenceText.Time(new DateTimeOffset(now, TimeSpan.Zero))} listing {state.Listing} got {likes} likes from {state.Views.Count} views, of which {dwellViews} with a dwell of {_options.MinDwellMs / 1000.0:0.#} s or more; at its category's ({category}) rate of {likeRate:0.###} likes per such view those earn {expected:0.##} likes ({ratio:0.#}×, Poisson tail {p:0.##E+0}). It had {state.Orders.Count} orders where its likes would bring {expectedOrders:0.#} at the category's {ordersPerLike:0.##} orders per like."),
            string.Create(CultureInfo.InvariantCulture,
                $"截至 {EvidenceText.Time(new DateTimeOffset(now, TimeSpan.Zero))} 的 {_options.WindowHours} 小时内，商品 {state.Listing} 有 {state.Views.Count} 次浏览、{likes} 个点赞，其中停留 {_options.MinDwellMs / 1000.0:0.#} 秒以上的浏览 {dwellViews} 次；按其类目（{(category == "(unknown)" ? "未知" : category)}）每次此类浏览 {likeRate:0.###} 个点赞的水平，应得 {expected:0.##} 个点赞（实际为 {ratio:0.#} 倍，泊松尾概率 {p:0.##E+0}）。按类目每个点赞 {ordersPerLike:0.##} 笔订单计，这些点赞应带来 {expectedOrders:0.#} 笔订单，实际只有 {state.Orders.Count} 笔。"),
            new Dictionary<string, double>
            {
                ["likes"] = likes,
                ["views"] = state.Views.Count,
                ["dwell_views"] = dwellViews,
                ["category_likes_per_dwell_view"] = Math.Round(likeRate, 4),
                ["expected_likes"] = Math.Round(expected, 4),
                ["ratio"] = Math.Round(Math.Min(ratio, 1e9), 2),
                ["poisson_tail_log10"] = -Math.Round(surprise, 2),
                ["orders"] = state.Orders.Count,
                ["category_orders_per_like"] = Math.Round(ordersPerLike, 4),
                ["conversion"] = state.Views.Count > 0 ? Math.Round(state.Orders.Count / (double)state.Views.Count, 4) : 0,
                ["min_ratio"] = _options.MinRatio,
            },
            [.. events.Take(_options.MaxEvidenceEvents)]);
    }

    protected override Finding? ToFinding(LikeCase likeCase)
    {
        var facts = Ledger.Listing(likeCase.Listing, likeCase.FirstTicks);
        var lookback = TimeSpan.FromHours(_options.BuyLookbackHours).Ticks;
        var actors = likeCase.Accounts
            .Where(a => !Ledger.Bought(a.Key, facts.Shop, likeCase.Listing, a.Value - lookback))
            .Select(a => a.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (actors.Count == 0)
        {
            return null;
        }

        var buyers = likeCase.Accounts.Count - actors.Count;
        var from = new DateTimeOffset(likeCase.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(likeCase.LastTicks, TimeSpan.Zero);
        var entity = new EntityRef(EntityTypes.Listing, likeCase.Listing);
        var score = Math.Min(0.95, 0.5 + (0.025 * likeCase.BestStrength));
        var shop = facts.Shop is null ? string.Empty : $" (shop {facts.Shop})";
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Beneficiary,
            Score = Math.Round(score, 4),
            Severity = likeCase.BestStrength >= 20 ? Severity.High : Severity.Medium,
            From = from,
            To = to,
            Related = [.. actors.Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor))],
            Evidence =
            [
                new(likeCase.BestText, likeCase.BestTextZh, likeCase.BestEvents, likeCase.BestFigures),
                new(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} listing {likeCase.Listing}{shop} had {likeCase.EventIds.Count} likes in windows like this, from {likeCase.Accounts.Count} accounts; {buyers} of them bought from the shop and are not named."),
                    string.Create(CultureInfo.InvariantCulture,
                        $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，商品 {likeCase.Listing}{(facts.Shop is null ? "" : "（店铺 " + facts.Shop + "）")}在此类时段内共获得 {likeCase.EventIds.Count} 个点赞，来自 {likeCase.Accounts.Count} 个账号；其中 {buyers} 个账号在该店铺买过东西，不予点名。"),
                    [.. likeCase.EventIds.Take(_options.MaxEvidenceEvents)],
                    new Dictionary<string, double>
                    {
                        ["likes"] = likeCase.EventIds.Count,
                        ["accounts"] = likeCase.Accounts.Count,
                        ["buyers"] = buyers,
                    }),
            ],
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"likes in {_options.WindowHours} h ≥ {_options.MinLikes} and ≥ {_options.MinRatio:0.##}× (views with dwell ≥ {_options.MinDwellMs} ms × the category's likes per such view), Poisson tail ≤ {_options.Alpha:0.##E+0}, and orders ≤ {_options.MaxConversionShare:0.##} × likes × the category's orders per like; likers named when their like had no dwelling view of theirs in the {_options.LookMinutes} min before and they never bought, or came with {_options.CrowdLikes}+ likes within ±{_options.CrowdMinutes} min"),
        };
    }

    protected override void Tidy(ListingState state, long now)
    {
        state.Slide(now - WindowTicks);
        var stale = now - WindowTicks;
        if (state.LatestLook < stale)
        {
            state.LookedAt.Clear(); // Every look is at or before the latest, so every one is stale.
            return;
        }

        foreach (var (account, at) in state.LookedAt)
        {
            if (at < stale)
            {
                state.LookedAt.Remove(account);
            }
        }
    }

    internal sealed class CategoryTotals
    {
        public double DwellViews { get; set; }

        public double Likes { get; set; }

        public double Orders { get; set; }
    }

    internal sealed class ListingState(string listing) : ListingCaseState(listing)
    {
        public RingBuffer<(string Account, long Ticks, string EventId)> Likes { get; } = new();

        public RingBuffer<(long Ticks, bool Dwelt)> Views { get; } = new();

        public RingBuffer<long> Orders { get; } = new();

        public int DwellViews { get; private set; }

        /// <summary>Its category's totals, or null until looked up (again after a listing event).</summary>
        public CategoryTotals? Totals { get; set; }

        /// <summary>When each account last viewed the listing with a real dwell.</summary>
        public Dictionary<string, long> LookedAt { get; } = new(StringComparer.Ordinal);

        /// <summary>The latest look ever noted: no time in <see cref="LookedAt"/> is after it.</summary>
        public long LatestLook { get; set; } = long.MinValue;

        public void Slide(long after)
        {
            while (Likes.Count > 0 && Likes.Front.Ticks <= after)
            {
                Likes.PopFront();
            }

            while (Views.Count > 0 && Views.Front.Ticks <= after)
            {
                if (Views.PopFront().Dwelt)
                {
                    DwellViews--;
                }
            }

            while (Orders.Count > 0 && Orders.Front <= after)
            {
                Orders.PopFront();
            }
        }

        public void CountDwellView() => DwellViews++;
    }
}
