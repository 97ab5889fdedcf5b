using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeLikes;

/// <summary>
/// <c>fake_likes.concentration</c>: a listing's likes in a sliding window come from few IP addresses, /24 subnets or
/// devices. For each kind the likers are spread over sources and the effective number of sources is
/// <c>exp(H)</c> of that spread; the window is concentrated when distinct likers ÷ effective sources reaches
/// <see cref="LikeConcentrationOptions.MinAccountsPerSource"/>. The listing is the beneficiary; the likers behind a source
/// that <see cref="LikeConcentrationOptions.MinSourceAccounts"/> or more of them share are the actors, unless they bought
/// from the shop; students behind a campus NAT who like their campus shop's listing buy from it, so a window whose
/// shared-source likers bought in more than <see cref="LikeConcentrationOptions.MaxBuyerShare"/> is left alone.
/// </summary>
internal sealed class LikeConcentrationDetector : ListingCaseDetector<LikeConcentrationDetector.ListingState>
{
    public static readonly PatternId Id = new("fake_likes.concentration");

    private static readonly string[] KindNames = ["IP address", "/24 subnet", "device"];
    private static readonly string[] KindNamesZh = ["IP 地址", "/24 网段", "设备"];
    private static readonly string[] KindFigures = ["ip", "subnet", "device"];

    private readonly LikeConcentrationOptions _options;
    private readonly long _lookbackTicks;
    private readonly HashSet<ulong> _crowded = [];
    private readonly HashSet<ulong> _seenSources = [];
    private readonly HashSet<string> _withKind = new(StringComparer.Ordinal);
    private readonly HashSet<string> _behindAccounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _buyers = new(StringComparer.Ordinal);

    public LikeConcentrationDetector(LikeConcentrationOptions options, SharedState? shared = null)
        : base(options, int.MaxValue, shared)
    {
        _options = options;
        _lookbackTicks = TimeSpan.FromHours(options.BuyLookbackHours).Ticks;
    }

    public override PatternId Pattern => Id;

    protected override void AddLike(ListingState state, ListingLiked like, long now)
    {
        var added = new Like(like.Account, now, like.Id, Key(0, like.Ip), SubnetKey(like.Ip), Key(2, like.Device));
        state.Likes.PushBack(added);
        state.Counts.Add(added);
    }

    protected override ListingState NewState(string listing, long now) => new(listing);

    /// <summary>The /24 of an IPv4 address or the /64 of an IPv6 one; null when the address is keyed or missing.</summary>
    internal static string? Subnet(string? ip)
    {
        if (string.IsNullOrEmpty(ip) || ip.StartsWith(Privacy.IdentifierKeyer.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var dot = ip.LastIndexOf('.');
        if (dot > 0)
        {
            return ip[..dot];
        }

        var parts = ip.Split(':');
        return parts.Length >= 4 ? string.Join(':', parts.Take(4)) : null;
    }

    /// <summary><c>Key(1, Subnet(ip))</c>, without the string for an IPv4 address.</summary>
    private static ulong SubnetKey(string? ip)
    {
        if (string.IsNullOrEmpty(ip) || ip.StartsWith(Privacy.IdentifierKeyer.Prefix, StringComparison.Ordinal))
        {
            return 0;
        }

        var dot = ip.LastIndexOf('.');
        return dot > 0 ? IdentifierHash.Of(21, ip.AsSpan(0, dot)) | 1 : Key(1, Subnet(ip));
    }

    private static ulong Key(int kind, string? value) => string.IsNullOrEmpty(value) ? 0 : IdentifierHash.Of(20 + kind, value) | 1;

    protected override void Judge(ListingState state, long now)
    {
        var likes = state.Likes;
        while (likes.Count > 0 && likes.Front.Ticks <= now - WindowTicks)
        {
            state.Counts.Remove(likes.PopFront());
        }

        if (likes.Count < _options.MinAccounts || !state.Counts.MayBeConcentrated(_options))
        {
            return;
        }

        var accountCount = state.Counts.Accounts;
        if (accountCount < _options.MinAccounts)
        {
            return;
        }

        // A window is judged every minute it takes likes, so the sets below are reused and the sentences are written
        // only for a window that becomes its case's strongest.
        var crowded = _crowded;
        crowded.Clear();
        var strength = 0.0;
        Span<KindSpread> spreads = stackalloc KindSpread[3];
        for (var kind = 0; kind < 3; kind++)
        {
            // Distinct accounts behind each source of this kind (the window's running counts), taken in the order the
            // sources first appear in the window, which is the order the entropy is summed in.
            var seen = _seenSources;
            seen.Clear();
            var withKind = _withKind;
            withKind.Clear();
            double total = 0, sumLog = 0;
            var shared = 0;
            for (var i = 0; i < likes.Count; i++)
            {
                var source = likes[i].Source(kind);
                if (source == 0)
                {
                    continue;
                }

                withKind.Add(likes[i].Account);
                if (seen.Add(source))
                {
                    var behind = state.Counts.AccountsBehind(kind, source);
                    total += behind;
                    sumLog += behind * Math.Log(behind);
                    if (behind >= _options.MinSourceAccounts)
                    {
                        shared++;
                    }
                }
            }

            if (withKind.Count < _options.MinAccounts)
            {
                continue;
            }

            var effective = total <= 0 ? 0 : Math.Exp(Math.Log(total) - (sumLog / total));
            var perSource = withKind.Count / Math.Max(effective, 1);
            spreads[kind] = new KindSpread(true, withKind.Count, seen.Count, effective, perSource, shared);
            if (perSource < _options.MinAccountsPerSource)
            {
                continue;
            }

            strength = Math.Max(strength, perSource);
            foreach (var source in seen)
            {
                if (state.Counts.AccountsBehind(kind, source) >= _options.MinSourceAccounts)
                {
                    crowded.Add(source);
                }
            }
        }

        if (crowded.Count == 0)
        {
            return;
        }

        // Students behind a campus NAT, or a family, who like their own shop's listing also buy from it; a farm's
        // accounts never do. The likers behind shared sources are judged only when few of them bought from the shop.
        var shop = Ledger.Listing(state.Listing, now).Shop;
        var behindAccounts = _behindAccounts;
        behindAccounts.Clear();
        var buyers = _buyers;
        buyers.Clear();
        for (var i = 0; i < likes.Count; i++)
        {
            var l = likes[i];
            if ((crowded.Contains(l.Ip) || crowded.Contains(l.Subnet) || crowded.Contains(l.Device))
                && behindAccounts.Add(l.Account) && Ledger.Bought(l.Account, shop, state.Listing, l.Ticks - _lookbackTicks))
            {
                buyers.Add(l.Account);
            }
        }

        var buyerShare = buyers.Count / (double)behindAccounts.Count;
        if (buyerShare > _options.MaxBuyerShare || behindAccounts.Count == buyers.Count)
        {
            return;
        }

        var likeCase = CaseMet(state, likes.Front.Ticks, now);
        var events = new List<string>();
        for (var i = 0; i < likes.Count; i++)
        {
            var l = likes[i];
            if ((crowded.Contains(l.Ip) || crowded.Contains(l.Subnet) || crowded.Contains(l.Device)) && !buyers.Contains(l.Account))
            {
                likeCase.Add(l.Account, l.Ticks, l.EventId);
                events.Add(l.EventId);
            }
        }

        if (strength <= likeCase.BestStrength)
        {
            return; // an earlier window of the case was stronger: its evidence stays
        }

        var figures = new Dictionary<string, double> { ["likes"] = likes.Count, ["accounts"] = accountCount };
        var parts = new List<string>();
        var partsZh = new List<string>();
        for (var kind = 0; kind < 3; kind++)
        {
            var spread = spreads[kind];
            if (!spread.Judged)
            {
                continue;
            }

            figures[KindFigures[kind] + "_sources"] = spread.Sources;
            figures[KindFigures[kind] + "_effective_sources"] = Math.Round(spread.Effective, 2);
            figures[KindFigures[kind] + "_accounts_per_source"] = Math.Round(spread.PerSource, 2);
            if (spread.PerSource < _options.MinAccountsPerSource)
            {
                continue;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{spread.Accounts} likers came through {spread.Sources} {KindNames[kind]}(es) worth {spread.Effective:0.#} by entropy ({spread.PerSource:0.#} likers each; {spread.Shared} shared by {_options.MinSourceAccounts}+ likers)"));
            partsZh.Add(string.Create(CultureInfo.InvariantCulture,
                $"{spread.Accounts} 个点赞账号来自 {spread.Sources} 个{KindNamesZh[kind]}，按熵折算相当于 {spread.Effective:0.#} 个（每个 {spread.PerSource:0.#} 个账号；其中 {spread.Shared} 个被 {_options.MinSourceAccounts} 个以上账号共用）"));
        }

        figures["shared_source_likers"] = behindAccounts.Count;
        figures["shared_source_buyers"] = buyers.Count;
        figures["min_accounts_per_source"] = _options.MinAccountsPerSource;
        likeCase.Offer(
            strength,
            string.Create(CultureInfo.InvariantCulture,
                $"In the {_options.WindowHours} hours to {EvidenceText.Time(new DateTimeOffset(now, TimeSpan.Zero))} listing {state.Listing} was liked {likes.Count} times by {accountCount} accounts: {string.Join("; ", parts)}."),
            string.Create(CultureInfo.InvariantCulture,
                $"截至 {EvidenceText.Time(new DateTimeOffset(now, TimeSpan.Zero))} 的 {_options.WindowHours} 小时内，商品 {state.Listing} 被 {accountCount} 个账号点赞 {likes.Count} 次：{string.Join("；", partsZh)}。"),
            figures,
            [.. events.Take(_options.MaxEvidenceEvents)]);
    }

    /// <summary>How a window's likers spread over the sources of one kind (judged: enough likers had a source of it).</summary>
    private readonly record struct KindSpread(bool Judged, int Accounts, int Sources, double Effective, double PerSource, int Shared);

    protected override Finding ToFinding(LikeCase likeCase)
    {
        var from = new DateTimeOffset(likeCase.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(likeCase.LastTicks, TimeSpan.Zero);
        var entity = new EntityRef(EntityTypes.Listing, likeCase.Listing);

        // Four likers per source (the threshold) scores 0.6; twenty or more, 0.95.
        var score = Math.Min(0.95, 0.5 + (0.1 * Math.Log2(Math.Max(1, likeCase.BestStrength) / 2)));
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Beneficiary,
            Score = Math.Round(Math.Max(0.5, score), 4),
            Severity = likeCase.BestStrength >= 20 ? Severity.High : Severity.Medium,
            From = from,
            To = to,
            Related = [.. likeCase.Accounts.Keys.Order(StringComparer.Ordinal).Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor))],
            Evidence =
            [
                new(likeCase.BestText, likeCase.BestTextZh, likeCase.BestEvents, likeCase.BestFigures),
                new(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} {likeCase.Accounts.Count} accounts liked listing {likeCase.Listing} through shared addresses or devices ({likeCase.EventIds.Count} likes)."),
                    string.Create(CultureInfo.InvariantCulture,
                        $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{likeCase.Accounts.Count} 个账号通过共用的网络地址或设备为商品 {likeCase.Listing} 点赞（共 {likeCase.EventIds.Count} 次）。"),
                    [.. likeCase.EventIds.Take(_options.MaxEvidenceEvents)],
                    new Dictionary<string, double> { ["likes"] = likeCase.EventIds.Count, ["accounts"] = likeCase.Accounts.Count }),
            ],
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"in {_options.WindowHours} h, ≥ {_options.MinAccounts} likers and likers ÷ exp(entropy of their IPs, /24 subnets or devices) ≥ {_options.MinAccountsPerSource:0.##}; likers behind a source shared by {_options.MinSourceAccounts}+ of them are named unless they bought from the shop, and only while at most {_options.MaxBuyerShare:P0} of those likers did"),
        };
    }

    internal readonly record struct Like(string Account, long Ticks, string EventId, ulong Ip, ulong Subnet, ulong Device)
    {
        public ulong Source(int kind) => kind switch { 0 => Ip, 1 => Subnet, _ => Device };
    }

    internal sealed class ListingState(string listing) : ListingCaseState(listing)
    {
        public RingBuffer<Like> Likes { get; } = new();

        /// <summary>Running counts of the window's likes, kept as likes enter and leave it.</summary>
        public WindowCounts Counts { get; } = new();
    }

    /// <summary>
    /// Running counts of a listing's window: likes per account, and per kind of source likes per (source, account), distinct
    /// accounts per source and how many sources have each number of distinct accounts. From these an upper bound of the
    /// likers per effective source comes in a few steps, so that most windows (honest likers, one to a source) are left
    /// without building the sets of <see cref="Judge"/>: a window is judged in full only when the bound could meet the rule.
    /// </summary>
    internal sealed class WindowCounts
    {
        private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
        private readonly Dictionary<(ulong Source, string Account), int>[] _pairs = [new(), new(), new()];
        private readonly Dictionary<ulong, int>[] _sourceAccounts = [new(), new(), new()];

        // _sourcesWith[kind][c]: sources of the kind with exactly c distinct accounts (c ≥ 1).
        private readonly List<int>[] _sourcesWith = [[0], [0], [0]];

        /// <summary>Distinct accounts in the window.</summary>
        public int Accounts => _accounts.Count;

        /// <summary>Distinct accounts in the window behind <paramref name="source"/> (of the kind).</summary>
        public int AccountsBehind(int kind, ulong source) => _sourceAccounts[kind].GetValueOrDefault(source);

        public void Add(Like like)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_accounts, like.Account, out _)++;
            for (var kind = 0; kind < 3; kind++)
            {
                var source = like.Source(kind);
                if (source == 0)
                {
                    continue;
                }

                ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs[kind], (source, like.Account), out _);
                if (pair++ == 0)
                {
                    ref var distinct = ref CollectionsMarshal.GetValueRefOrAddDefault(_sourceAccounts[kind], source, out _);
                    Move(kind, distinct, distinct + 1);
                    distinct++;
                }
            }
        }

        public void Remove(Like like)
        {
            Decrement(_accounts, like.Account);
            for (var kind = 0; kind < 3; kind++)
            {
                var source = like.Source(kind);
                if (source != 0 && Decrement(_pairs[kind], (source, like.Account)))
                {
                    var distinct = _sourceAccounts[kind][source];
                    Move(kind, distinct, distinct - 1);
                    Decrement(_sourceAccounts[kind], source);
                }
            }
        }

        /// <summary>
        /// False only when no kind of source can meet the rule in <see cref="Judge"/>: fewer distinct likers than
        /// <see cref="LikeConcentrationOptions.MinAccounts"/>, or for every kind either no source with
        /// <see cref="LikeConcentrationOptions.MinSourceAccounts"/> likers or all likers ÷ exp(H) (an upper bound of the
        /// judged figure, which counts only likers with that kind) below the threshold with a margin for rounding.
        /// </summary>
        public bool MayBeConcentrated(LikeConcentrationOptions options)
        {
            if (_accounts.Count < options.MinAccounts)
            {
                return false;
            }

            for (var kind = 0; kind < 3; kind++)
            {
                var with = _sourcesWith[kind];
                if (with.Count <= options.MinSourceAccounts)
                {
                    continue; // No source has that many likers (the list grows only as far as the largest count).
                }

                double total = 0, sumLog = 0;
                var crowded = false;
                for (var c = 1; c < with.Count; c++)
                {
                    if (with[c] > 0)
                    {
                        total += (double)c * with[c];
                        sumLog += with[c] * (c * Math.Log(c));
                        crowded |= c >= options.MinSourceAccounts;
                    }
                }

                if (!crowded || total <= 0)
                {
                    continue;
                }

                var effective = Math.Exp(Math.Log(total) - (sumLog / total));
                if (_accounts.Count / Math.Max(effective, 1) >= options.MinAccountsPerSource * (1 - 1e-9))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Decrement<TKey>(Dictionary<TKey, int> counts, TKey key)
            where TKey : notnull
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(counts, key);
            if (--count == 0)
            {
                counts.Remove(key);
                return true;
            }

            return false;
        }

        private void Move(int kind, int from, int to)
        {
            var with = _sourcesWith[kind];
            while (with.Count <= to)
            {
                with.Add(0);
            }

            if (from > 0)
            {
                with[from]--;
            }

            if (to > 0)
            {
                with[to]++;
            }

            while (with.Count > 1 && with[^1] == 0)
            {
                with.RemoveAt(with.Count - 1);
            }
        }
    }
}
