using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.wrong_category</c> (类目错放, SPEC §2.4): a listing filed under a category that its title and attributes
/// disagree with. A <see cref="CategoryModel"/> learns from every listing what each category's titles and attributes
/// carry. A listing is misfiled when, against some other category, (1) its title has a word (character n-gram) common
/// there and almost never seen in the declared category, and no word that speaks for the declared category; and (2) its
/// attributes likewise (a key or key=value common there and almost absent from the declared category, none the other
/// way). A product honestly sold in two categories is common in both and never says "elsewhere"; a title that only
/// names another category's word while its attributes are the declared category's own (a stuffed title, a title that
/// disagrees with its attributes) is left to those patterns. Judged once the model has settled; re-judged on every
/// <c>listing.updated</c>, so a move back to the right category clears the finding.
/// </summary>
internal sealed class WrongCategoryDetector : Detector
{
    public static readonly PatternId Id = new("listing.wrong_category");

    private const int MaxEventIds = 20;
    private const int MaxWordsShown = 3;
    private const int MaxAttributesShown = 4;
    private static readonly long RetryTicks = TimeSpan.FromHours(1).Ticks;

    private readonly WrongCategoryOptions _options;
    private readonly CategoryModel _model = new();
    private readonly Dictionary<string, ListingState> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListingState> _pending = new(StringComparer.Ordinal);
    private readonly ListingOffences<MisfiledCase> _cases;
    private readonly long _pendingTicks;
    private long _nextRetry = long.MinValue;

    // Work buffers, reused from listing to listing.
    private readonly List<int> _gramList = [];
    private readonly List<int> _featureList = [];
    private readonly List<int> _oldFeatures = [];
    private readonly HashSet<int> _featureSet = [];
    private int[] _inDeclared = new int[64];
    private bool[] _titleFor = new bool[16];
    private bool[] _attributesFor = new bool[16];

    public WrongCategoryDetector(WrongCategoryOptions options)
    {
        _options = options;
        _cases = new ListingOffences<MisfiledCase>(TimeSpan.FromDays(options.RetentionDays));
        _pendingTicks = TimeSpan.FromDays(options.PendingDays).Ticks;
    }

    public override PatternId Pattern => Id;

    /// <summary>The model learned so far (for tests).</summary>
    internal CategoryModel Model => _model;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ListingEvent listing)
        {
            return;
        }

        if (!_listings.TryGetValue(listing.Listing, out var state))
        {
            _listings[listing.Listing] = state = new ListingState();
        }

        var before = state.Category;
        var beforeTitle = state.Title;
        var beforeAttributes = state.Attributes;

        // A field an edit leaves out is unchanged.
        state.Shop = listing.Shop ?? state.Shop;
        if (listing.Title is not null)
        {
            state.Title = CategoryModel.Normalise(listing.Title);
        }

        if (listing.Attributes is not null)
        {
            state.Attributes = listing.Attributes;
        }

        if (listing.Category is not null)
        {
            state.Category = _model.IndexOf(listing.Category);
        }

        if (state.Category is not { } category)
        {
            return;
        }

        // The new content is counted in, then the old taken out: the listing keeps no list of its features, so the old
        // ones are read again from its previous title and attributes (the same features, found under the same ids).
        var titleFeatures = Features(state.Title, state.Attributes, _featureList);
        _model.Add(category, _featureList);
        if (before is { } old)
        {
            Features(beforeTitle, beforeAttributes, _oldFeatures);
            _model.Remove(old, _oldFeatures);
        }

        state.Last = listing;
        _pending[listing.Listing] = state;
        if (_model.Listings >= _options.MinListings)
        {
            TryJudge(listing.Listing, state, context, titleFeatures);
        }
    }

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        _cases.Forget(now);
        if (now < _nextRetry || _pending.Count == 0 || _model.Listings < _options.MinListings)
        {
            return;
        }

        _nextRetry = now + RetryTicks;
        RetryPending(context, now);
    }

    public override void Complete(DetectionContext context)
    {
        if (_model.Listings >= _options.MinListings)
        {
            RetryPending(context, context.Now.UtcTicks);
        }
    }

    private void RetryPending(DetectionContext context, long now)
    {
        foreach (var (listing, state) in _pending.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            if (!TryJudge(listing, state, context) && now - state.Last!.Ts.UtcTicks > _pendingTicks)
            {
                _pending.Remove(listing);
                state.Last = null;
            }
        }
    }

    /// <summary>
    /// Judges the listing's current content; false when its declared category is still too thin to judge. When its
    /// features are in <c>_featureList</c> already, <c>titleFeatures</c> says how many are title n-grams; else it is −1.
    /// </summary>
    private bool TryJudge(string listing, ListingState state, DetectionContext context, int titleFeatures = -1)
    {
        var declared = state.Category!.Value;
        if (_model.Size(declared) - 1 < _options.MinCategoryListings)
        {
            return false;
        }

        var last = state.Last!;
        _pending.Remove(listing);
        state.Last = null;
        if (titleFeatures < 0)
        {
            titleFeatures = Features(state.Title, state.Attributes, _featureList);
        }

        var verdict = Judge(state, declared, _featureList, titleFeatures);
        if (verdict is null)
        {
            if (_cases.Close(last) is { } fixedCase)
            {
                fixedCase.FixedUnder = _model.Name(declared);
                context.Report(ToFinding(listing, fixedCase));
            }

            return true;
        }

        var open = _cases.Find(listing) ?? _cases.Open(listing, new MisfiledCase(last.Ts.UtcTicks));
        open.Offended(last, MaxEventIds);
        open.Verdict = verdict;
        open.Title = state.Title;
        context.Report(ToFinding(listing, open));
        return true;
    }

    /// <summary>
    /// The feature ids of a listing's content into <paramref name="into"/>, each once, in a fixed order: the title's
    /// n-grams (shortest first, left to right), then per attribute its key and its key=value. Returns how many come from
    /// the title.
    /// </summary>
    private int Features(string? title, IReadOnlyDictionary<string, string> attributes, List<int> into)
    {
        into.Clear();
        _featureSet.Clear();
        if (title is not null)
        {
            _gramList.Clear();
            _model.TitleGrams(title, _options.MinGram, _options.MaxGram, _gramList);
            foreach (var id in _gramList)
            {
                if (_featureSet.Add(id))
                {
                    into.Add(id);
                }
            }
        }

        var titleFeatures = into.Count;
        foreach (var (key, value) in attributes)
        {
            var keyId = _model.Intern(CategoryModel.KeyPrefix, key);
            if (_featureSet.Add(keyId))
            {
                into.Add(keyId);
            }

            var valueId = _model.Intern(CategoryModel.ValuePrefix, key, "=", value);
            if (_featureSet.Add(valueId))
            {
                into.Add(valueId);
            }
        }

        return titleFeatures;
    }

    /// <summary>The category the listing's title and attributes point to instead of its own; null when none does.</summary>
    private Verdict? Judge(ListingState state, int declared, List<int> featureList, int titleFeatures)
    {
        // The listing itself is counted in its declared category: its own features are left out of the comparison.
        var declaredSize = _model.Size(declared) - 1;
        var hasAttributes = state.Attributes.Count > 0;
        var features = CollectionsMarshal.AsSpan(featureList);
        if (_inDeclared.Length < features.Length)
        {
            _inDeclared = new int[Math.Max(features.Length, _inDeclared.Length * 2)];
        }

        var categories = _model.Categories;
        if (_titleFor.Length < categories)
        {
            _titleFor = new bool[Math.Max(categories, _titleFor.Length * 2)];
            _attributesFor = new bool[_titleFor.Length];
        }

        Array.Clear(_titleFor, 0, categories);
        Array.Clear(_attributesFor, 0, categories);

        // Which other categories some title feature (and, with attributes, some attribute) speaks for: only those can
        // have a verdict, since a category without such a sign of each kind is passed over below.
        var candidates = false;
        for (var f = 0; f < features.Length; f++)
        {
            var inDeclared = _model.Count(features[f], declared) - 1;
            _inDeclared[f] = inDeclared;
            var shareDeclared = (double)inDeclared / declaredSize;
            if (shareDeclared > _options.MaxDeclaredShare)
            {
                continue;
            }

            var pairs = _model.Pairs(features[f]);
            for (var p = 0; p < pairs.Length; p += 2)
            {
                var other = pairs[p];
                var inOther = pairs[p + 1];
                if (other == declared || inOther < _options.MinSupport)
                {
                    continue;
                }

                var otherSize = _model.Size(other);
                if (otherSize < _options.MinCategoryListings)
                {
                    continue;
                }

                var shareOther = (double)inOther / otherSize;
                if (shareOther >= _options.MinShare && shareOther >= _options.MinRatio * shareDeclared)
                {
                    (f < titleFeatures ? _titleFor : _attributesFor)[other] = true;
                    candidates = true;
                }
            }
        }

        if (!candidates)
        {
            return null;
        }

        Verdict? best = null;
        for (var other = 0; other < categories; other++)
        {
            if (!_titleFor[other] || (hasAttributes && !_attributesFor[other]))
            {
                continue;
            }

            var otherSize = _model.Size(other);
            var titleFor = new List<Sign>();
            var attributesFor = new List<Sign>();
            var against = false;
            var likelihood = 0.0;
            for (var f = 0; f < features.Length; f++)
            {
                var inOther = _model.Count(features[f], other);
                var inDeclared = _inDeclared[f];
                likelihood += Math.Log((inOther + 1.0) / (otherSize + 2.0)) - Math.Log((inDeclared + 1.0) / (declaredSize + 2.0));
                var shareOther = (double)inOther / otherSize;
                var shareDeclared = (double)inDeclared / declaredSize;
                if (inDeclared >= _options.MinSupport && shareDeclared >= _options.MinShare && shareDeclared >= _options.OwnRatio * shareOther)
                {
                    against = true;
                    break;
                }

                if (inOther >= _options.MinSupport && shareOther >= _options.MinShare && shareDeclared <= _options.MaxDeclaredShare
                    && shareOther >= _options.MinRatio * shareDeclared)
                {
                    var sign = new Sign(_model.Feature(features[f]), inOther, inDeclared);
                    (f < titleFeatures ? titleFor : attributesFor).Add(sign);
                }
            }

            if (against || titleFor.Count == 0 || (hasAttributes && attributesFor.Count == 0) || likelihood <= 0)
            {
                continue;
            }

            if (best is null || likelihood > best.Likelihood)
            {
                best = new Verdict(declared, declaredSize, other, otherSize, titleFor, attributesFor, likelihood);
            }
        }

        return best;
    }

    private Finding ToFinding(string listing, MisfiledCase open)
    {
        var verdict = open.Verdict!;
        var entity = new EntityRef(EntityTypes.Listing, listing);
        var from = new DateTimeOffset(open.FromTicks, TimeSpan.Zero);
        // To stays at the last offending event even after a fix: the policy makes a decision effective at To.
        var to = new DateTimeOffset(open.LastTicks, TimeSpan.Zero);
        var declared = _model.Name(verdict.Declared);
        var other = _model.Name(verdict.Other);
        var words = Words(open.Title, verdict);
        var attributeKeys = verdict.AttributesFor.Select(s => AttributeKey(s.Feature)).Distinct(StringComparer.Ordinal).ToList();
        var signs = words.Count + attributeKeys.Count;
        var score = verdict.AttributesFor.Count == 0
            ? _options.TitleOnlyScore
            : Math.Min(0.95, _options.BaseScore + (_options.ScorePerSign * Math.Max(0, signs - 2)));

        string Share(Sign s) => string.Create(CultureInfo.InvariantCulture,
            $"in {Percent(s.InOther, verdict.OtherSize)} of {other}'s {verdict.OtherSize:N0} listings ({s.InOther:N0}) and {Percent(s.InDeclared, verdict.DeclaredSize)} of {declared}'s {verdict.DeclaredSize:N0} ({s.InDeclared:N0})");

        var text = string.Create(CultureInfo.InvariantCulture,
            $"Listing {listing}{(open.Shop is null ? "" : " of shop " + open.Shop)} is filed under {declared} since {EvidenceText.Time(from)}, but its title{(verdict.AttributesFor.Count > 0 ? " and attributes say" : " says")} {other}.");
        text += " Title: " + string.Join("; ", words.Take(MaxWordsShown).Select(w => Gram(w.Sign) == w.Word
            ? $"{w.Word} is {Share(w.Sign)}"
            : $"{w.Word} ({Gram(w.Sign)} is {Share(w.Sign)})")) + ".";
        if (verdict.AttributesFor.Count > 0)
        {
            var shown = verdict.AttributesFor.OrderByDescending(s => s.InOther).ThenBy(s => s.Feature, StringComparer.Ordinal).Take(MaxAttributesShown);
            text += " Attributes: " + string.Join("; ", shown.Select(s => $"{Attribute(s.Feature)} is {Share(s)}")) + ".";
        }

        string ShareZh(Sign s) => string.Create(CultureInfo.InvariantCulture,
            $"在{other}的 {verdict.OtherSize:N0} 个商品中占 {Percent(s.InOther, verdict.OtherSize)}（{s.InOther:N0} 个），在{declared}的 {verdict.DeclaredSize:N0} 个商品中占 {Percent(s.InDeclared, verdict.DeclaredSize)}（{s.InDeclared:N0} 个）");
        var textZh = string.Create(CultureInfo.InvariantCulture,
            $"{(open.Shop is null ? "" : "店铺 " + open.Shop + " 的")}商品 {listing} 自 {EvidenceText.Time(from)} 起放在类目“{declared}”下，但其标题{(verdict.AttributesFor.Count > 0 ? "和属性" : "")}表明应属于“{other}”。");
        textZh += "标题：" + string.Join("；", words.Take(MaxWordsShown).Select(w => Gram(w.Sign) == w.Word
            ? $"{w.Word} {ShareZh(w.Sign)}"
            : $"{w.Word}（{Gram(w.Sign)} {ShareZh(w.Sign)}）")) + "。";
        if (verdict.AttributesFor.Count > 0)
        {
            var shownZh = verdict.AttributesFor.OrderByDescending(s => s.InOther).ThenBy(s => s.Feature, StringComparer.Ordinal).Take(MaxAttributesShown);
            textZh += "属性：" + string.Join("；", shownZh.Select(s => $"{(s.Feature.StartsWith(CategoryModel.KeyPrefix, StringComparison.Ordinal) ? "属性 " + s.Feature[CategoryModel.KeyPrefix.Length..] : s.Feature[CategoryModel.ValuePrefix.Length..])} {ShareZh(s)}")) + "。";
        }

        var top = words.Count > 0 ? words[0].Sign : verdict.TitleFor[0];
        var evidence = new List<Evidence>
        {
            new(text, textZh, [.. open.EventIds], new Dictionary<string, double>
            {
                ["declared_category_listings"] = verdict.DeclaredSize,
                ["pointed_category_listings"] = verdict.OtherSize,
                ["title_words"] = words.Count,
                ["attribute_keys"] = attributeKeys.Count,
                ["top_word_share_pointed"] = Math.Round((double)top.InOther / verdict.OtherSize, 4),
                ["top_word_share_declared"] = Math.Round((double)top.InDeclared / verdict.DeclaredSize, 4),
            }),
        };
        if (open.FixEvidence($"the disagreement: the listing's category ({open.FixedUnder}) now agrees with its title and attributes", $"消除了不一致：商品的类目（{open.FixedUnder}）现已与标题和属性相符", "categories_disagreeing") is { } fixedBy)
        {
            evidence.Add(fixedBy);
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = open.Fix is null ? Severity.Medium : Severity.Low,
            From = from,
            To = to,
            Evidence = evidence,
            ClearedAt = open.ClearedAt,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"title and attributes each carry a word or attribute found in ≥ {_options.MinShare:0.###} of another category's listings (≥ {_options.MinSupport}) and ≥ {_options.MinRatio:0.#}× rarer (≤ {_options.MaxDeclaredShare:0.###}) in the declared one, and nothing ≥ {_options.OwnRatio:0.#}× more common in the declared one; categories of ≥ {_options.MinCategoryListings} listings, judged after {_options.MinListings} listings"),
        };
    }

    /// <summary>The title's words that say the other category: runs of the title covered by such n-grams, strongest first.</summary>
    private static List<(string Word, Sign Sign)> Words(string? title, Verdict verdict)
    {
        if (string.IsNullOrEmpty(title))
        {
            return [];
        }

        var covered = new bool[title.Length];
        var byGram = verdict.TitleFor.ToDictionary(s => s.Feature[CategoryModel.TitlePrefix.Length..], StringComparer.Ordinal);
        foreach (var gram in byGram.Keys)
        {
            for (var at = title.IndexOf(gram, StringComparison.Ordinal); at >= 0; at = title.IndexOf(gram, at + 1, StringComparison.Ordinal))
            {
                Array.Fill(covered, true, at, gram.Length);
            }
        }

        var words = new List<(string Word, Sign Sign)>();
        for (var i = 0; i < title.Length;)
        {
            if (!covered[i])
            {
                i++;
                continue;
            }

            var end = i;
            while (end < title.Length && covered[end])
            {
                end++;
            }

            var word = title[i..end];
            var sign = byGram.Where(g => word.Contains(g.Key, StringComparison.Ordinal))
                .OrderByDescending(g => g.Value.InOther * g.Key.Length).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal).First().Value;
            words.Add((word, sign));
            i = end;
        }

        return [.. words.OrderByDescending(w => w.Sign.InOther).ThenBy(w => w.Word, StringComparer.Ordinal)];
    }

    private static string Gram(Sign sign) => sign.Feature[CategoryModel.TitlePrefix.Length..];

    private static string AttributeKey(string feature)
    {
        var text = feature[CategoryModel.KeyPrefix.Length..];
        return feature.StartsWith(CategoryModel.ValuePrefix, StringComparison.Ordinal) && text.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? text[..at] : text;
    }

    private static string Attribute(string feature)
        => feature.StartsWith(CategoryModel.KeyPrefix, StringComparison.Ordinal) ? "attribute " + feature[CategoryModel.KeyPrefix.Length..] : feature[CategoryModel.ValuePrefix.Length..];

    private static string Percent(int count, int of) => (100.0 * count / Math.Max(1, of)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private sealed class ListingState
    {
        public string? Shop { get; set; }

        public string? Title { get; set; }

        public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

        public int? Category { get; set; }


        /// <summary>The latest event, while the listing waits to be judged.</summary>
        public ListingEvent? Last { get; set; }
    }

    /// <summary>A word or attribute of the listing that says the other category, with its counts there and in the declared one.</summary>
    private sealed record Sign(string Feature, int InOther, int InDeclared);

    private sealed record Verdict(int Declared, int DeclaredSize, int Other, int OtherSize, List<Sign> TitleFor, List<Sign> AttributesFor, double Likelihood);

    private sealed class MisfiledCase(long fromTicks) : ListingOffence(fromTicks)
    {
        public Verdict? Verdict { get; set; }

        public string? Title { get; set; }

        /// <summary>The category the listing was filed under when an edit fixed it.</summary>
        public string? FixedUnder { get; set; }
    }
}
