using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.title_attribute_mismatch</c> (标题属性不一致, SPEC §2.4): the title says one thing, the attributes another
/// (title 石英, attribute 机芯类型 机械; a 男士外套 title on a listing whose 适用性别 is 女 or whose category is a women's
/// one). Nothing about products is built in: the detector learns every attribute's values from the listings it sees
/// (<see cref="AttributeVocabulary"/>), splits each title into the values it names (one trie pass, longest value
/// first), and flags a listing whose title names a known value of an attribute while its own value is another known
/// value that the title does not name too.
/// </summary>
/// <remarks>
/// Honest look-alikes it leaves alone: a title naming its own value beside another (棉麻 blends, 男女同款 on a 男
/// listing); a value that is part of the listing's own (男 or 女 on a 男女通用 listing, 丝 on 真丝); a value another
/// attribute of the listing holds; a listing without the attribute (unless its category implies it); lists of values
/// (title stuffing); values shared by many attributes; and words that titles contain for other reasons (跑步 in 跑步鞋),
/// which two learned statistics catch: attributes that titles seldom name
/// (<see cref="TitleAttributeMismatchOptions.MinTitleNamingRate"/>) are not judged, and a value is a claim only while
/// most titles naming it carry it (<see cref="TitleAttributeMismatchOptions.MinNamingShare"/>). A listing waits while its
/// category is young or its values are not settled, and is judged again as the market shows them. A
/// <c>listing.updated</c> that retitles or corrects the attribute closes the finding (re-reported with the fix and
/// <see cref="Finding.ClearedAt"/>).
/// </remarks>
internal sealed class TitleAttributeMismatchDetector : Detector
{
    public static readonly PatternId Id = new("listing.title_attribute_mismatch");

    private const int MaxEventIds = 20;

    /// <summary>Longer attribute texts are descriptions, not values a title can name.</summary>
    private const int MaxValueLength = 24;

    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;
    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);

    private readonly TitleAttributeMismatchOptions _options;
    private readonly HashSet<string> _ignored;
    private readonly HashSet<string> _folded = new(StringComparer.Ordinal);
    private readonly List<string> _against = [];
    private readonly List<string> _distinctKeys = [];
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _foldedBySpan;
    private readonly AttributeVocabulary _vocabulary = new();
    private readonly Dictionary<string, ListingState> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pending> _quiet = new(StringComparer.Ordinal);
    private readonly ListingOffences<MismatchCase> _cases;
    private readonly long _pendingTicks;
    private long _nextHousekeeping = long.MinValue;
    private int _quietVersion;
    private long _activeChanges = -1;
    private long _nextExpiryCheck = long.MinValue;

    public TitleAttributeMismatchDetector(TitleAttributeMismatchOptions options)
    {
        _options = options;
        _ignored = options.IgnoredAttributes.Select(BannedWordsMatcher.Fold).ToHashSet(StringComparer.Ordinal);
        _foldedBySpan = _folded.GetAlternateLookup<ReadOnlySpan<char>>();
        _cases = new ListingOffences<MismatchCase>(TimeSpan.FromDays(options.RetentionDays));
        _pendingTicks = TimeSpan.FromHours(options.PendingHours).Ticks;
    }

    public override PatternId Pattern => Id;

    /// <summary>Distinct folded attribute names and values kept for sharing (<see cref="Folded"/>); beyond it, new strings.</summary>
    private const int MaxFolded = 200_000;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ListingEvent listing)
        {
            return;
        }

        // A field an edit leaves out is unchanged.
        _listings.TryGetValue(listing.Listing, out var old);
        var category = listing.Category ?? old?.Category;
        var displayTitle = listing.Title ?? old?.DisplayTitle;
        var title = listing.Title is null ? old?.Title : BannedWordsMatcher.Fold(listing.Title);
        var attributes = listing.Attributes is null ? old?.Attributes ?? Empty : Normalise(listing.Attributes);
        if (old is not null)
        {
            Uncount(old);
        }

        if (category is null || title is null || displayTitle is null)
        {
            _listings.Remove(listing.Listing);
            Settle(listing.Listing);
            return;
        }

        var state = new ListingState(category, title, displayTitle, attributes) { Ticks = listing.Ts.UtcTicks };
        _listings[listing.Listing] = state;
        _vocabulary.Add(category, attributes);
        Judge(listing, state, context, fromSweep: false, final: false);
    }

    public override void Sweep(DetectionContext context) => Sweep(context, final: false);

    public override void Complete(DetectionContext context) => Sweep(context, final: true);

    private void Sweep(DetectionContext context, bool final)
    {
        var now = context.Now.UtcTicks;
        // Pending listings are judged again when the counts changed since the last sweep (a judgment on unchanged
        // counts would be the same), and at least hourly for their expiry.
        var judge = final || _vocabulary.Changes != _activeChanges;
        if (judge || now >= _nextExpiryCheck)
        {
            _nextExpiryCheck = now + TimeSpan.TicksPerHour;
            foreach (var (id, pending) in _pending.ToList())
            {
                if (!_listings.TryGetValue(id, out var state))
                {
                    _pending.Remove(id);
                    continue;
                }

                var expired = final || now - pending.Event.Ts.UtcTicks >= _pendingTicks;
                if (expired || (judge && now >= pending.NextCheck && Ready(state)))
                {
                    Judge(pending.Event, state, context, fromSweep: true, final: expired);

                    // Backs off while the listing stays unsettled: checked after 1, 2, 4 … minutes, at most hourly.
                    pending.Interval = Math.Min(2 * pending.Interval, TimeSpan.TicksPerHour);
                    pending.NextCheck = now + pending.Interval;
                }

                if (expired)
                {
                    Settle(id);
                }
            }
        }

        // Quiet listings (their titles named nothing against their attributes) are judged again only when a new value
        // that their titles contain joined the vocabulary since.
        if (_quietVersion != _vocabulary.Version && !final)
        {
            var added = _vocabulary.AddedSince(_quietVersion);
            _quietVersion = _vocabulary.Version;
            foreach (var (id, pending) in _quiet.ToList())
            {
                if (now - pending.Event.Ts.UtcTicks >= _pendingTicks || !_listings.TryGetValue(id, out var state))
                {
                    _quiet.Remove(id);
                }
                else if (added.Any(v => state.Title.Contains(v, StringComparison.Ordinal)))
                {
                    Judge(pending.Event, state, context, fromSweep: true, final: false);
                }
            }
        }

        // The sweep's own judgments count their namings out and in again.
        _activeChanges = _vocabulary.Changes;
        _cases.Forget(now);
        if (final)
        {
            _quiet.Clear();
        }

        if (now < _nextHousekeeping)
        {
            return;
        }

        _nextHousekeeping = now + HousekeepingTicks;
        foreach (var (id, pending) in _quiet)
        {
            if (now - pending.Event.Ts.UtcTicks >= _pendingTicks)
            {
                _quiet.Remove(id);
            }
        }

        var before = now - TimeSpan.FromDays(_options.RetentionDays).Ticks;
        foreach (var (id, state) in _listings)
        {
            if (state.Ticks < before && !_pending.ContainsKey(id) && !_quiet.ContainsKey(id))
            {
                Uncount(state);
                _listings.Remove(id);
            }
        }
    }

    /// <summary>Judges the listing as it stands: opens, grows or closes its case, or leaves it pending.</summary>
    private void Judge(ListingEvent e, ListingState state, DetectionContext context, bool fromSweep, bool final)
    {
        var (candidates, agreeing) = Candidates(state);
        Count(state, candidates, agreeing);
        var open = _cases.Find(e.Listing);
        if (open is not null)
        {
            if (candidates.Count == 0)
            {
                Settle(e.Listing);
                if (!fromSweep && _cases.Close(e) is { } fixedCase)
                {
                    context.Report(ToFinding(e.Listing, fixedCase));
                }

                return;
            }

            if (!fromSweep)
            {
                open.Offended(e, MaxEventIds);
                open.Claims = candidates;
                open.Title = state.DisplayTitle;
                context.Report(ToFinding(e.Listing, open));
            }

            return;
        }

        var ready = final || Ready(state);
        var confirmed = ready ? candidates.Where(Trusted).ToList() : [];
        if (confirmed.Count > 0)
        {
            Settle(e.Listing);
            open = _cases.Open(e.Listing, new MismatchCase(e.Ts.UtcTicks));
            open.Offended(e, MaxEventIds);
            open.Claims = confirmed;
            open.Title = state.DisplayTitle;
            context.Report(ToFinding(e.Listing, open));
        }
        else if (final)
        {
            Settle(e.Listing);
        }
        else if (ready && candidates.Count == 0)
        {
            // Not (yet) a finding: judged again while the market settles, a quiet listing (its title names nothing
            // against its attributes) only when a new value joins the vocabulary.
            _pending.Remove(e.Listing);
            _quiet[e.Listing] = new Pending(e);
        }
        else
        {
            _quiet.Remove(e.Listing);
            if (fromSweep && _pending.TryGetValue(e.Listing, out var pending))
            {
                pending.Event = e;
            }
            else
            {
                _pending[e.Listing] = new Pending(e);
            }
        }
    }

    private void Settle(string listing)
    {
        _pending.Remove(listing);
        _quiet.Remove(listing);
    }

    private bool Ready(ListingState state) => _vocabulary.Category(state.Category) is { } stats && stats.Listings >= _options.MinCategoryListings;

    /// <summary>
    /// The attribute values the title names against the listing's own value (untrusted ones included), and the values
    /// it names in agreement with its own (which teach the market's naming statistics).
    /// </summary>
    private (List<Claim> Claims, List<(string Key, string Value)> Agreeing) Candidates(ListingState state)
    {
        var claims = new List<Claim>();
        var agreeing = new List<(string Key, string Value)>();
        var named = _vocabulary.ValuesIn(state.Title);
        if (named.Count == 0)
        {
            return (claims, agreeing);
        }

        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in named)
        {
            // Values fewer than min_value_listings carry yet are candidates too (the listing waits for them to settle,
            // see Trusted); whether a value is generic is judged on the settled ones.
            if (_vocabulary.CountKeysOf(value, _options.MinValueListings) > _options.MaxAttributesPerValue)
            {
                continue;
            }

            foreach (var key in _vocabulary.KeysOf(value))
            {
                if (!byKey.TryGetValue(key, out var values))
                {
                    values = [];
                    byKey[key] = values;
                }

                values.Add(value);
            }
        }

        var stats = _vocabulary.Category(state.Category);
        foreach (var (key, values) in byKey)
        {
            var implied = false;
            if (!state.Attributes.TryGetValue(key, out var own))
            {
                own = Implied(stats, key);
                implied = true;
                if (own is null)
                {
                    continue;
                }
            }

            // The title names the listing's own value (or a part of it, or a value containing it): nothing is claimed
            // against it, even beside another value (棉麻, 男女同款).
            var agrees = false;
            foreach (var v in values)
            {
                if (Consistent(v, own))
                {
                    agrees = true;
                    if (!implied)
                    {
                        agreeing.Add((key, v));
                    }
                }
            }

            if (agrees)
            {
                continue;
            }

            var against = _against;
            against.Clear();
            foreach (var v in values)
            {
                if (!ConsistentWithAny(v, state.Attributes))
                {
                    against.Add(v);
                }
            }

            if (against.Count == 0 || against.Count > _options.MaxValuesNamed)
            {
                continue;
            }

            foreach (var v in against)
            {
                claims.Add(new Claim(key, v, own, implied));
            }
        }

        return (claims, agreeing);
    }

    private string? Implied(AttributeVocabulary.CategoryStats? stats, string key)
    {
        if (stats?.Find(key) is not { } keyStats || keyStats.Carriers < _options.MinSupport || 2 * keyStats.Carriers < stats.Listings)
        {
            return null;
        }

        return keyStats.Dominant(_options.ImpliedValueShare);
    }

    /// <summary>
    /// Whether both values are settled (each carried by min_value_listings listings), whether titles describe the
    /// attribute at all (a quarter of them name their own value) and whether the market's titles that name the value
    /// mostly carry it: a real claim word (石英, 真皮, 新疆) is named by the listings that have it and by a few cheaters;
    /// a value inside another word (跑步 in 跑步鞋, 健身 in 健身垫) is
    /// named whatever the listing's value.
    /// </summary>
    private bool Trusted(Claim claim)
    {
        if (_vocabulary.Listings(claim.Key, claim.Value) < _options.MinValueListings
            || _vocabulary.Listings(claim.Key, claim.Own) < _options.MinValueListings
            || _vocabulary.TitleNamingRate(claim.Key) < _options.MinTitleNamingRate)
        {
            return false;
        }

        var (agreeing, against) = _vocabulary.Naming(claim.Key, claim.Value);
        var naming = agreeing + against;
        return naming >= _options.MinSupport && agreeing >= _options.MinNamingShare * naming;
    }

    private static bool ConsistentWithAny(string value, Dictionary<string, string> attributes)
    {
        foreach (var (_, a) in attributes)
        {
            if (Consistent(value, a))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Consistent(string a, string b)
        => a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);

    private void Count(ListingState state, List<Claim> claims, List<(string Key, string Value)> agreeing)
    {
        Uncount(state, attributes: false);
        foreach (var claim in claims)
        {
            _vocabulary.CountNaming(claim.Key, claim.Value, agreeing: false, 1);
            state.Counted.Add((claim.Key, claim.Value, false));
        }

        foreach (var (key, value) in agreeing)
        {
            _vocabulary.CountNaming(key, value, agreeing: true, 1);
            state.Counted.Add((key, value, true));
        }

        foreach (var key in DistinctKeys(agreeing))
        {
            _vocabulary.CountNamingOwn(key, 1);
            state.NamedOwn.Add(key);
        }
    }

    /// <summary>The keys in first-seen order, each once (as <c>Distinct</c>), in a reused list.</summary>
    private List<string> DistinctKeys(List<(string Key, string Value)> pairs)
    {
        var keys = _distinctKeys;
        keys.Clear();
        foreach (var (key, _) in pairs)
        {
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private void Uncount(ListingState state, bool attributes = true)
    {
        foreach (var (key, value, agreeing) in state.Counted)
        {
            _vocabulary.CountNaming(key, value, agreeing, -1);
        }

        state.Counted.Clear();
        foreach (var key in state.NamedOwn)
        {
            _vocabulary.CountNamingOwn(key, -1);
        }

        state.NamedOwn.Clear();
        if (attributes)
        {
            _vocabulary.Remove(state.Category, state.Attributes);
        }
    }

    private Dictionary<string, string> Normalise(IReadOnlyDictionary<string, string> attributes)
    {
        var normalised = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach (var (name, raw) in attributes)
        {
            var key = Folded(name);
            var value = Folded(raw);
            if (key.Length > 0 && value.Length is > 0 and <= MaxValueLength && !_ignored.Contains(key))
            {
                normalised[key] = value;
            }
        }

        return normalised;
    }

    /// <summary>
    /// <c>BannedWordsMatcher.Fold(text.Trim())</c>, as one shared string per distinct result: attribute names and values
    /// repeat across listings, so each listing keeps references, not copies.
    /// </summary>
    private string Folded(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 256)
        {
            return BannedWordsMatcher.Fold(text.Trim());
        }

        Span<char> folded = stackalloc char[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }

            folded[i] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        }

        if (_foldedBySpan.TryGetValue(folded, out var known))
        {
            return known;
        }

        var created = new string(folded);
        if (_folded.Count < MaxFolded)
        {
            _folded.Add(created);
        }

        return created;
    }

    private Finding ToFinding(string listing, MismatchCase open)
    {
        var entity = new EntityRef(EntityTypes.Listing, listing);
        var from = new DateTimeOffset(open.FromTicks, TimeSpan.Zero);
        // To stays at the last offending event even after a fix: the policy makes a decision effective at To.
        var to = new DateTimeOffset(open.LastTicks, TimeSpan.Zero);
        var claims = open.Claims;
        var keys = claims.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
        var score = 1.0;
        foreach (var key in keys)
        {
            score *= 1 - (claims.Any(c => c.Key == key && !c.Implied) ? _options.PerClaimScore : _options.ImpliedClaimScore);
        }

        var parts = claims.Select(c => c.Implied
            ? $"title says {c.Value} ({c.Key}) but the listing has no {c.Key} and its category's listings are {c.Own}"
            : $"title says {c.Value} ({c.Key}) but the attribute {c.Key} is {c.Own}");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Listing {listing}{(open.Shop is null ? "" : " of shop " + open.Shop)} since {EvidenceText.Time(from)}, title 「{open.Title}」: {string.Join("; ", parts)}.");
        var textZh = string.Create(CultureInfo.InvariantCulture,
            $"{(open.Shop is null ? "" : "店铺 " + open.Shop + " 的")}商品 {listing} 自 {EvidenceText.Time(from)} 起标题为「{open.Title}」：{string.Join("；", claims.Select(c => c.Implied
                ? $"标题写的是 {c.Value}（{c.Key}），但商品没有填写 {c.Key}，而其类目的商品为 {c.Own}"
                : $"标题写的是 {c.Value}（{c.Key}），但属性 {c.Key} 为 {c.Own}"))}。");
        var evidence = new List<Evidence>
        {
            new(text, textZh, [.. open.EventIds], new Dictionary<string, double>
            {
                ["attributes_contradicted"] = keys.Count,
                ["values_claimed"] = claims.Count,
                ["implied_by_category"] = claims.Count(c => c.Implied),
            }),
        };
        if (open.FixEvidence("the contradiction (title and attributes now agree)", "消除了矛盾（标题与属性现已一致）", "contradictions_left") is { } fixedBy)
        {
            evidence.Add(fixedBy);
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(1 - score, 4),
            Severity = open.Fix is null ? Severity.Medium : Severity.Low,
            From = from,
            To = to,
            ClearedAt = open.ClearedAt,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"the title names a value of an attribute (learned from the market's listings: ≥ {_options.MinValueListings} listings carry it, ≤ {_options.MaxAttributesPerValue} attributes use it) while the listing's own value, or its category's (≥ {_options.ImpliedValueShare:0.##} of its listings), is another the title does not name; trusted while ≥ {_options.MinTitleNamingRate:0.##} of the market's titles name their own value of the attribute and ≥ {_options.MinNamingShare:0.##} of those naming the value carry it; score 1 − Π(1 − {_options.PerClaimScore:0.##} per attribute, {_options.ImpliedClaimScore:0.##} when implied)"),
        };
    }

    private sealed record Claim(string Key, string Value, string Own, bool Implied);

    /// <summary>A listing not (yet) found offending: the event it is judged as, and when it is judged again.</summary>
    private sealed class Pending(ListingEvent e)
    {
        public ListingEvent Event { get; set; } = e;

        public long Interval { get; set; } = TimeSpan.TicksPerMinute / 2;

        public long NextCheck { get; set; } = long.MinValue;
    }

    private sealed class ListingState(string category, string title, string displayTitle, Dictionary<string, string> attributes)
    {
        /// <summary>The title as the seller wrote it (for the evidence).</summary>
        public string DisplayTitle { get; } = displayTitle;

        public string Category { get; } = category;

        public string Title { get; } = title;

        public Dictionary<string, string> Attributes { get; } = attributes;

        public long Ticks { get; init; }

        /// <summary>The namings (claims and agreements) this listing adds to the market's naming counts.</summary>
        public List<(string Key, string Value, bool Agreeing)> Counted { get; } = [];

        /// <summary>The attributes whose own value the title names.</summary>
        public List<string> NamedOwn { get; } = [];
    }

    private sealed class MismatchCase(long fromTicks) : ListingOffence(fromTicks)
    {
        public List<Claim> Claims { get; set; } = [];

        public string Title { get; set; } = "";
    }
}
