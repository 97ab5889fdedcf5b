using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeLikes;

/// <summary>
/// <c>fake_likes.burst</c>: a listing's likes in a sliding window far above its own past rate. The baseline is an
/// exponentially weighted rate of the listing's earlier likes (never below a floor), and the window's count must have a
/// Poisson tail below <see cref="LikeBurstOptions.Alpha"/>, reach <see cref="LikeBurstOptions.MinLikes"/> and be
/// <see cref="LikeBurstOptions.MinRatio"/> times the expectation. A burst stays open while each new like keeps the window
/// significant, with the baseline frozen; when it ends, it is reported unless its likers bought from the shop (a
/// livestream, a viral listing or a converting campaign), in which case its likes join the baseline. Inside a campaign
/// the seller declared for the listing ahead of time, lower conversion bars apply (declared off-site traffic converts
/// less, but it converts). The listing is the beneficiary, the likers who did not buy are the actors.
/// </summary>
internal sealed class LikeBurstDetector : ListingLikeDetector<LikeBurstDetector.ListingState>
{
    public static readonly PatternId Id = new("fake_likes.burst");

    private readonly LikeBurstOptions _options;
    private readonly long _windowTicks;
    private readonly double _tauTicks;
    private readonly double _floorPerTick;
    private readonly HashSet<ListingState> _open = [];
    private readonly DeclaredCampaigns _campaigns = new();
    private readonly Dictionary<string, long> _firstLikes = new(StringComparer.Ordinal); // a listing's first like, which may start its baseline
    private long _forgetCampaignsAt;

    public LikeBurstDetector(LikeBurstOptions options, SharedState? shared = null)
        : base(options, int.MaxValue, shared)
    {
        _options = options;
        _windowTicks = TimeSpan.FromMinutes(options.WindowMinutes).Ticks;
        _tauTicks = TimeSpan.FromDays(options.BaselineDays).Ticks;
        _floorPerTick = options.MinBaselinePerDay / TimeSpan.TicksPerDay;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => base.Observes(eventType) || eventType == typeof(CampaignDeclared);

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is CampaignDeclared declared)
        {
            _campaigns.Observe(declared);
            return;
        }

        Ledger.Observe(e);
        if (e is OrderPlaced { Listing: { } ordered } && Listings.TryGetValue(ordered, out var orderedState) && orderedState.Episode is { } running)
        {
            running.Orders++;
        }

        if (e is not ListingLiked like)
        {
            return;
        }

        var now = e.Ts.UtcTicks;
        _firstLikes.TryAdd(like.Listing, now);
        Ledger.Touch(like.Account, now);
        var state = State(like.Listing, now);
        Slide(state, now);
        state.Window.PushBack(new WindowLike(like.Account, now, e.Id));
        var count = state.Window.Count;

        if (state.Episode is { } episode)
        {
            if (LikeStatistics.PoissonUpperTail(count, episode.Mean) <= _options.KeepAlpha)
            {
                state.Window.Back.InEpisode = true;
                episode.Add(like.Account, now, e.Id);
                episode.Peak = Math.Max(episode.Peak, count);
            }

            return;
        }

        var mean = Math.Max(state.RatePerTick(now - _windowTicks, _tauTicks), _floorPerTick) * _windowTicks;
        if (count < _options.MinLikes || count < _options.MinRatio * mean)
        {
            return;
        }

        var p = LikeStatistics.PoissonUpperTail(count, mean);
        if (p > _options.Alpha)
        {
            return;
        }

        var opened = new Episode(mean, p, count);
        for (var i = 0; i < state.Window.Count; i++)
        {
            ref var w = ref state.Window[i];
            w.InEpisode = true;
            opened.Add(w.Account, w.Ticks, w.EventId);
        }

        state.Episode = opened;
        _open.Add(state);
    }

    /// <summary>A listing's baseline starts at its first sighting: a listing event, an order or its first like, whichever came first.</summary>
    protected override ListingState NewState(string listing, long now)
    {
        var firstLike = _firstLikes.GetValueOrDefault(listing, now);
        return new(listing, Math.Min(Ledger.Listing(listing, firstLike).FirstSeen, firstLike));
    }

    /// <summary>Moves likes that left the window into the baseline (likes of a burst never do, unless it proved honest).</summary>
    private void Slide(ListingState state, long now)
    {
        while (state.Window.Count > 0 && state.Window.Front.Ticks <= now - _windowTicks)
        {
            var gone = state.Window.PopFront();
            if (!gone.InEpisode)
            {
                state.AddToBaseline(gone.Ticks, _tauTicks);
            }
        }
    }

    protected override void Advance(long now, DetectionContext context, bool atEnd)
    {
        if (now >= _forgetCampaignsAt)
        {
            // A burst is judged within a few windows of its last like: campaigns over for a day cover nothing still open.
            _forgetCampaignsAt = now + TimeSpan.TicksPerHour;
            _campaigns.Forget(new DateTimeOffset(now - TimeSpan.TicksPerDay, TimeSpan.Zero));
        }

        if (_open.Count == 0)
        {
            return;
        }

        List<ListingState>? ended = null;
        foreach (var state in _open)
        {
            // Orders follow likes: a burst is judged a window after its last like, when its likers have had time to buy.
            if (atEnd || state.Episode!.LastTicks + (2 * _windowTicks) <= now)
            {
                (ended ??= []).Add(state);
            }
        }

        if (ended is null)
        {
            return;
        }

        foreach (var state in ended.OrderBy(s => s.Listing, StringComparer.Ordinal))
        {
            _open.Remove(state);
            var episode = state.Episode!;
            state.Episode = null;
            if (Judge(state, episode) is { } finding)
            {
                context.Report(finding);
            }
            else
            {
                foreach (var (_, ticks, _) in episode.Likes)
                {
                    state.AddToBaseline(ticks, _tauTicks);
                }
            }

            for (var i = 0; i < state.Window.Count; i++)
            {
                state.Window[i].InEpisode = false;
            }
        }
    }

    private Finding? Judge(ListingState state, Episode episode)
    {
        var facts = Ledger.Listing(state.Listing, episode.FirstTicks);
        var since = episode.FirstTicks - TimeSpan.FromHours(_options.BuyLookbackHours).Ticks;
        var likers = new List<string>();
        var buyers = 0;
        foreach (var account in episode.Accounts)
        {
            if (Ledger.Bought(account, facts.Shop, state.Listing, since))
            {
                buyers++;
            }
            else
            {
                likers.Add(account);
            }
        }

        var buyerShare = buyers / (double)episode.Accounts.Count;
        var ordersPerLike = episode.Orders / (double)episode.Likes.Count;
        var from = new DateTimeOffset(episode.FirstTicks, TimeSpan.Zero);
        var declared = _campaigns.Covering(facts.Shop, state.Listing, from) is not null;
        var maxBuyerShare = declared ? _options.DeclaredMaxBuyerShare : _options.MaxBuyerShare;
        var minOrdersPerLike = declared ? _options.DeclaredMinOrdersPerLike : _options.MinOrdersPerLike;
        if (buyerShare > maxBuyerShare || ordersPerLike >= minOrdersPerLike || likers.Count == 0)
        {
            return null;
        }

        likers.Sort(StringComparer.Ordinal);
        var to = new DateTimeOffset(episode.LastTicks, TimeSpan.Zero);
        var entity = new EntityRef(EntityTypes.Listing, state.Listing);
        var perDay = episode.Mean / _windowTicks * TimeSpan.TicksPerDay;
        var surprise = LikeStatistics.Surprise(episode.P);
        var ratio = episode.TriggerCount / episode.Mean;

        // Six orders of magnitude (the opening test) score 0.65; twenty or more, 0.95.
        var score = Math.Min(0.95, 0.5 + (0.025 * surprise)) * (1 - buyerShare);
        var severity = surprise >= 20 && episode.Likes.Count >= 5 * _options.MinLikes ? Severity.High : Severity.Medium;
        var shop = facts.Shop is null ? string.Empty : $" (shop {facts.Shop})";
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Listing {state.Listing}{shop} received {episode.TriggerCount} likes within {_options.WindowMinutes} minutes where its own past rate of {perDay:0.##} likes a day expects {episode.Mean:0.##} (Poisson tail {episode.P:0.##E+0}, {ratio:0.#}×)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"商品 {state.Listing}{(facts.Shop is null ? "" : "（店铺 " + facts.Shop + "）")}在 {_options.WindowMinutes} 分钟内获得 {episode.TriggerCount} 个点赞，而按其以往每天 {perDay:0.##} 个点赞的水平只应有 {episode.Mean:0.##} 个（泊松尾概率 {episode.P:0.##E+0}，{ratio:0.#} 倍）。"),
                Cap(episode.Likes.Take(episode.TriggerCount).Select(l => l.EventId)),
                new Dictionary<string, double>
                {
                    ["window_likes"] = episode.TriggerCount,
                    ["expected_likes"] = Math.Round(episode.Mean, 4),
                    ["baseline_likes_per_day"] = Math.Round(perDay, 4),
                    ["ratio"] = Math.Round(ratio, 2),
                    ["poisson_tail_log10"] = -Math.Round(surprise, 2),
                    ["alpha"] = _options.Alpha,
                    ["min_likes"] = _options.MinLikes,
                }),
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"The burst ran from {EvidenceText.Time(from)} to {EvidenceText.Time(to)}: {episode.Likes.Count} likes from {episode.Accounts.Count} accounts, of whom {buyers} bought from the shop (share {buyerShare:0.###}), and the listing took {episode.Orders} orders meanwhile ({ordersPerLike:0.###} per like); likers who did not buy are named."),
                string.Create(CultureInfo.InvariantCulture,
                    $"点赞突增从 {EvidenceText.Time(from)} 持续到 {EvidenceText.Time(to)}：{episode.Accounts.Count} 个账号点赞 {episode.Likes.Count} 次，其中 {buyers} 个在该店铺买过东西（占比 {buyerShare:0.###}），同期该商品只成交 {episode.Orders} 笔订单（每个点赞 {ordersPerLike:0.###} 笔）；未购买的点赞账号被点名。"),
                Cap(episode.Likes.Select(l => l.EventId)),
                new Dictionary<string, double>
                {
                    ["likes"] = episode.Likes.Count,
                    ["accounts"] = episode.Accounts.Count,
                    ["buyers"] = buyers,
                    ["buyer_share"] = Math.Round(buyerShare, 4),
                    ["max_buyer_share"] = maxBuyerShare,
                    ["peak_window_likes"] = episode.Peak,
                    ["orders"] = episode.Orders,
                    ["orders_per_like"] = Math.Round(ordersPerLike, 4),
                    ["min_orders_per_like"] = minOrdersPerLike,
                }),
        };

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Beneficiary,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related = [.. likers.Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor))],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"likes in {_options.WindowMinutes} min ≥ {_options.MinLikes} and ≥ {_options.MinRatio:0.##}× the listing's own rate (EWMA over {_options.BaselineDays:0.##} d, at least {_options.MinBaselinePerDay:0.##}/day) with Poisson tail ≤ {_options.Alpha:0.##E+0}; reported when at most {_options.MaxBuyerShare:P0} of the likers bought from the shop and the listing took fewer than {_options.MinOrdersPerLike:0.##} orders per like meanwhile ({_options.DeclaredMaxBuyerShare:P0} and {_options.DeclaredMinOrdersPerLike:0.##} inside a campaign the seller declared ahead of time)"),
        };
    }

    private List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];

    internal record struct WindowLike(string Account, long Ticks, string EventId)
    {
        public bool InEpisode { get; set; }
    }

    /// <summary>One open burst: the expectation it was tested against (frozen), and every like that joined it.</summary>
    internal sealed class Episode(double mean, double p, int triggerCount)
    {
        public double Mean { get; } = mean;

        public double P { get; } = p;

        public int TriggerCount { get; } = triggerCount;

        public int Peak { get; set; } = triggerCount;

        /// <summary>Orders on the listing while the burst was open (until it is judged).</summary>
        public int Orders { get; set; }

        public List<(string Account, long Ticks, string EventId)> Likes { get; } = [];

        public HashSet<string> Accounts { get; } = new(StringComparer.Ordinal);

        public long FirstTicks => Likes[0].Ticks;

        public long LastTicks { get; private set; }

        public void Add(string account, long ticks, string eventId)
        {
            Likes.Add((account, ticks, eventId));
            Accounts.Add(account);
            LastTicks = ticks;
        }
    }

    internal sealed class ListingState(string listing, long firstSeen) : ListingLikeState(listing)
    {
        private double _decayed; // Σ exp(−(ref − t)/τ) over baseline likes
        private long _ref = firstSeen;

        public long FirstSeen { get; } = firstSeen;

        public RingBuffer<WindowLike> Window { get; } = new();

        public Episode? Episode { get; set; }

        public override bool HasOpenCase => Episode is not null;

        public void AddToBaseline(long ticks, double tau)
        {
            if (ticks > _ref)
            {
                _decayed *= Math.Exp(-(ticks - _ref) / tau);
                _ref = ticks;
            }

            _decayed += Math.Exp(-(_ref - ticks) / tau);
        }

        /// <summary>Likes per tick before <paramref name="until"/>, corrected for a history shorter than the time constant.</summary>
        public double RatePerTick(long until, double tau)
        {
            var observed = until - FirstSeen;
            if (observed <= 0)
            {
                return 0;
            }

            var decayed = _decayed * Math.Exp(-Math.Max(0, until - _ref) / tau);
            return decayed / (tau * (1 - Math.Exp(-observed / tau)));
        }
    }
}
