using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeLikes;

/// <summary>
/// <c>fake_likes.lockstep</c> (CopyCatch / SynchroTrap): groups of accounts that like the same listings within minutes
/// of each other, again and again. As likes arrive, each is paired with the latest earlier likes of the same listing
/// within <see cref="LikeLockstepOptions.WindowMinutes"/> (at most <see cref="LikeLockstepOptions.MaxPartners"/>), and a
/// pair counts the distinct listings it was in step on; at <see cref="LikeLockstepOptions.MinCommonListings"/> the pair
/// is linked. Every <see cref="LikeLockstepOptions.SweepHours"/> the linked accounts are grouped (connected parts); a
/// group of <see cref="LikeLockstepOptions.MinGroupAccounts"/> or more has as its listings those that a share of it
/// liked, each with the time span its linked members liked it in; its members are every account that liked
/// <see cref="LikeLockstepOptions.MinCommonListings"/> or more of those listings within their spans (CopyCatch's
/// bipartite core), except those who bought from the shop; a group whose members mostly bought (a shop's loyal livestream
/// audience) is left alone. The listings are beneficiaries, the members actors.
/// </summary>
internal sealed class LikeLockstepDetector : LikeDetector
{
    public static readonly PatternId Id = new("fake_likes.lockstep");

    private readonly LikeLockstepOptions _options;
    private readonly long _windowTicks;
    private readonly long _sweepTicks;

    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);
    private readonly List<string> _accountNames = [];
    private readonly Dictionary<string, int> _listingIndex = new(StringComparer.Ordinal);
    private readonly List<string> _listingNames = [];
    private readonly List<RingBuffer<Recent>?> _recent = [];        // per listing: likes within the window
    private readonly List<List<LikeRecord>?> _listingLikes = [];    // per listing: likes within the retention
    private readonly List<List<LikeRecord>?> _accountLikes = [];    // per account: likes within the retention
    private readonly Dictionary<ulong, PairStat> _pairs = new(PairKeyComparer.Instance);
    private readonly HashSet<ulong> _linked = new(PairKeyComparer.Instance);
    private readonly Dictionary<string, string> _reportedGroups = new(StringComparer.Ordinal); // first listing → finding id
    private bool _linksChanged;
    private long _nextSweep = long.MinValue;

    public LikeLockstepDetector(LikeLockstepOptions options, SharedState? shared = null)
        : base(options, int.MaxValue, shared)
    {
        _options = options;
        _windowTicks = TimeSpan.FromMinutes(options.WindowMinutes).Ticks;
        _sweepTicks = TimeSpan.FromHours(options.SweepHours).Ticks;
    }

    public override PatternId Pattern => Id;

    /// <summary>Linked pairs held now (for benchmarks and tests).</summary>
    internal int LinkedPairs => _linked.Count;

    /// <summary>Pairs counted now (for benchmarks and tests).</summary>
    internal int Pairs => _pairs.Count;

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ListingLiked like)
        {
            if (e is OrderPlaced or ListingEvent or AccountRegistered)
            {
                Ledger.Observe(e);
            }

            return;
        }

        var now = e.Ts.UtcTicks;
        var account = Index(_accountIndex, _accountNames, like.Account, _accountLikes);
        var listing = Index(_listingIndex, _listingNames, like.Listing, _listingLikes);
        while (_recent.Count <= listing)
        {
            _recent.Add(null);
        }

        var recent = _recent[listing] ??= new RingBuffer<Recent>();
        while (recent.Count > 0 && recent.Front.Ticks < now - _windowTicks)
        {
            recent.PopFront();
        }

        // Pair with the latest likes first: a script's neighbours, a task's first responders.
        var partners = 0;
        for (var i = recent.Count - 1; i >= 0 && partners < _options.MaxPartners; i--)
        {
            var other = recent[i].Account;
            if (other == account)
            {
                continue;
            }

            partners++;
            var key = other < account ? ((ulong)(uint)other << 32) | (uint)account : ((ulong)(uint)account << 32) | (uint)other;
            ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, key, out var known);
            if (!known)
            {
                pair.LastListing = -1;
            }

            if (pair.LastListing != listing)
            {
                pair.LastListing = listing;
                if (++pair.Listings == _options.MinCommonListings)
                {
                    _linked.Add(key);
                    _linksChanged = true;
                }
            }

            pair.LastTicks = now;
        }

        recent.PushBack(new Recent(account, now));
        var record = new LikeRecord(account, listing, now, e.Id);
        (_listingLikes[listing] ??= []).Add(record);
        (_accountLikes[account] ??= []).Add(record);
    }

    protected override void Advance(long now, DetectionContext context, bool atEnd)
    {
        if (atEnd)
        {
            // At the end every group is judged on all its likes, links changed or not.
            _linksChanged = true;
            Judge(context);
        }
        else if (_nextSweep == long.MinValue)
        {
            _nextSweep = now + _sweepTicks;
        }
        else if (now >= _nextSweep)
        {
            Judge(context);
            _nextSweep = now + _sweepTicks;
        }
    }

    private static int Index(Dictionary<string, int> index, List<string> names, string name, List<List<LikeRecord>?> likes)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, name, out var known);
        if (!known)
        {
            slot = names.Count;
            names.Add(name);
            likes.Add(null);
        }

        return slot;
    }

    private void Judge(DetectionContext context)
    {
        // Between sweeps, groups are re-judged when new links formed (a group grows through them); a member who joins
        // without a new link waits for the next one, or for the end.
        if (_linked.Count == 0 || !_linksChanged)
        {
            return;
        }

        _linksChanged = false;

        // Connected parts of the linked accounts.
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            if (!parent.TryGetValue(x, out var p))
            {
                parent[x] = x;
                return x;
            }

            while (p != x)
            {
                var grand = parent[p];
                parent[x] = grand;
                x = p;
                p = grand;
            }

            return x;
        }

        foreach (var key in _linked)
        {
            int a = Find((int)(key >> 32)), b = Find((int)(uint)key);
            if (a != b)
            {
                parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }

        var groups = parent.Keys.GroupBy(Find).Where(g => g.Count() >= _options.MinGroupAccounts).Select(g => g.Order().ToList()).ToList();
        foreach (var core in groups)
        {
            if (JudgeGroup(core) is { } finding)
            {
                context.Report(finding);
            }
        }
    }

    private Finding? JudgeGroup(List<int> core)
    {
        // The group's listings: those a share of the linked accounts liked, each with the span they liked it in.
        var spans = new Dictionary<int, (int Members, long From, long To)>();
        foreach (var account in core)
        {
            foreach (var like in _accountLikes[account] ?? [])
            {
                ref var span = ref CollectionsMarshal.GetValueRefOrAddDefault(spans, like.Listing, out var known);
                span = known
                    ? (span.Members + 1, Math.Min(span.From, like.Ticks), Math.Max(span.To, like.Ticks))
                    : (1, like.Ticks, like.Ticks);
            }
        }

        var needed = Math.Max(2, (int)Math.Ceiling(_options.MinListingShare * core.Count));
        var listings = spans.Where(s => s.Value.Members >= needed).Select(s => s.Key).ToList();
        if (listings.Count < _options.MinCommonListings)
        {
            return null;
        }

        // Members: every account with likes on enough of the group's listings inside their spans (CopyCatch's core).
        var hits = new Dictionary<int, List<LikeRecord>>();
        foreach (var listing in listings)
        {
            var (_, spanFrom, spanTo) = spans[listing];
            foreach (var like in _listingLikes[listing] ?? [])
            {
                if (like.Ticks >= spanFrom - _windowTicks && like.Ticks <= spanTo + _windowTicks)
                {
                    ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(hits, like.Account, out _);
                    (list ??= []).Add(like);
                }
            }
        }

        var lookback = TimeSpan.FromHours(_options.BuyLookbackHours).Ticks;
        var members = new List<(string Account, List<LikeRecord> Likes)>();
        var buyers = 0;
        foreach (var (account, likes) in hits)
        {
            if (likes.Select(l => l.Listing).Distinct().Count() < _options.MinCommonListings)
            {
                continue;
            }

            var name = _accountNames[account];
            var bought = likes.Any(l => Ledger.Bought(name, Ledger.Listing(_listingNames[l.Listing], l.Ticks).Shop, _listingNames[l.Listing], l.Ticks - lookback));
            if (bought)
            {
                buyers++;
            }
            else
            {
                members.Add((name, likes));
            }
        }

        // Loyal fans of a shop's livestreams come together stream after stream, and buy; a like group never does.
        if (members.Count < _options.MinGroupAccounts || buyers > _options.MaxBuyerShare * (buyers + members.Count))
        {
            return null;
        }

        members.Sort((x, y) => StringComparer.Ordinal.Compare(x.Account, y.Account));
        var memberLikes = members.SelectMany(m => m.Likes).ToList();
        var byListing = listings
            .Select(l => (Listing: _listingNames[l], Likes: memberLikes.Where(m => m.Listing == l).ToList()))
            .Where(l => l.Likes.Count > 0)
            .OrderBy(l => l.Likes.Min(x => x.Ticks))
            .ThenBy(l => l.Listing, StringComparer.Ordinal)
            .ToList();
        var first = byListing[0];
        var fromTicks = memberLikes.Min(l => l.Ticks);
        var from = new DateTimeOffset(fromTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(memberLikes.Max(l => l.Ticks), TimeSpan.Zero);
        var entity = new EntityRef(EntityTypes.Listing, first.Listing);

        // One group keeps one id as it grows: the first listing it was seen on and the time it was first reported.
        if (!_reportedGroups.TryGetValue(first.Listing, out var id))
        {
            _reportedGroups[first.Listing] = id = Finding.MakeId(Id.Value, entity, from);
        }

        var meanListings = members.Average(m => m.Likes.Select(l => l.Listing).Distinct().Count());
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{members.Count} accounts liked {byListing.Count} listings in step: each liked {_options.MinCommonListings} or more of them (on average {meanListings:0.#}) within the minutes its group did, {core.Count} of them within {_options.WindowMinutes} minutes of a partner on {_options.MinCommonListings}+ listings, between {EvidenceText.Time(from)} and {EvidenceText.Time(to)}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{members.Count} 个账号同步为 {byListing.Count} 个商品点赞：每个账号都在本组点赞的几分钟内点赞了其中至少 {_options.MinCommonListings} 个（平均 {meanListings:0.#} 个），其中 {core.Count} 个账号在 {_options.MinCommonListings} 个以上商品上与同伙的点赞相隔不到 {_options.WindowMinutes} 分钟。"),
                [.. memberLikes.OrderBy(l => l.Ticks).Select(l => l.EventId).Take(_options.MaxEvidenceEvents)],
                new Dictionary<string, double>
                {
                    ["accounts"] = members.Count,
                    ["linked_accounts"] = core.Count,
                    ["listings"] = byListing.Count,
                    ["likes"] = memberLikes.Count,
                    ["mean_listings_per_account"] = Math.Round(meanListings, 2),
                    ["buyers_left_out"] = buyers,
                    ["window_minutes"] = _options.WindowMinutes,
                    ["min_common_listings"] = _options.MinCommonListings,
                }),
        };
        foreach (var (listing, likes) in byListing)
        {
            var start = likes.Min(l => l.Ticks);
            var end = likes.Max(l => l.Ticks);
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"Listing {listing}: {likes.Count} of the accounts liked it between {EvidenceText.Time(new DateTimeOffset(start, TimeSpan.Zero))} and {EvidenceText.Time(new DateTimeOffset(end, TimeSpan.Zero))} ({(end - start) / (double)TimeSpan.TicksPerMinute:0.#} minutes)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"商品 {listing}：其中 {likes.Count} 个账号在 {EvidenceText.Time(new DateTimeOffset(start, TimeSpan.Zero))} 至 {EvidenceText.Time(new DateTimeOffset(end, TimeSpan.Zero))} 期间为其点赞（前后 {(end - start) / (double)TimeSpan.TicksPerMinute:0.#} 分钟）。"),
                [.. likes.OrderBy(l => l.Ticks).Select(l => l.EventId).Take(_options.MaxEvidenceEvents)],
                new Dictionary<string, double> { ["likes"] = likes.Count, ["minutes"] = Math.Round((end - start) / (double)TimeSpan.TicksPerMinute, 2) }));
        }

        // Three shared listings (the threshold) score 0.6; each more adds 0.1, up to 0.95.
        var score = Math.Min(0.95, 0.6 + (0.1 * (byListing.Count - _options.MinCommonListings)));
        return new Finding
        {
            Id = id,
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Beneficiary,
            Score = Math.Round(score, 4),
            Severity = members.Count >= 50 ? Severity.High : Severity.Medium,
            From = from,
            To = to,
            Related =
            [
                .. byListing.Skip(1).Select(l => new RelatedEntity(EntityTypes.Listing, l.Listing, EntityRole.Beneficiary)),
                .. members.Select(m => new RelatedEntity(EntityTypes.Account, m.Account, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"accounts liking {_options.MinCommonListings}+ common listings within {_options.WindowMinutes} min of each other are linked; a linked group of {_options.MinGroupAccounts}+ has as listings those {_options.MinListingShare:P0}+ of it liked, and as members every account that liked {_options.MinCommonListings}+ of them within the group's span (CopyCatch), buyers of the shop left out and the group dropped when more than {_options.MaxBuyerShare:P0} of them bought"),
        };
    }

    protected override void Forget(long now)
    {
        base.Forget(now);
        var before = now - RetentionTicks;
        foreach (var list in _listingLikes)
        {
            list?.RemoveAll(l => l.Ticks < before);
        }

        foreach (var list in _accountLikes)
        {
            list?.RemoveAll(l => l.Ticks < before);
        }

        foreach (var (key, pair) in _pairs)
        {
            if (pair.LastTicks < before)
            {
                _pairs.Remove(key);
                _linked.Remove(key);
            }
        }
    }

    private readonly record struct Recent(int Account, long Ticks);

    /// <summary>
    /// Hashes a pair key (two account numbers, high and low half) by multiplying with a 64-bit odd constant. The default
    /// hash of a <see cref="ulong"/> is the xor of its halves, which sends every pair of neighbouring numbers (a script's
    /// accounts, registered one after another) to a handful of buckets.
    /// </summary>
    private sealed class PairKeyComparer : IEqualityComparer<ulong>
    {
        public static readonly PairKeyComparer Instance = new();

        public bool Equals(ulong x, ulong y) => x == y;

        public int GetHashCode(ulong obj) => (int)((obj * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private readonly record struct LikeRecord(int Account, int Listing, long Ticks, string EventId);

    /// <summary>A pair of accounts: distinct listings they were in step on, the last one (so it counts once), when last.</summary>
    private struct PairStat
    {
        public int Listings;

        public int LastListing;

        public long LastTicks;
    }
}
