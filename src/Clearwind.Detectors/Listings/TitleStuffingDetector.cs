using System.Globalization;
using Clearwind.Accounts;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.title_stuffing</c> (标题堆砌, SPEC §2.4, seed 002): a title that lists searches instead of naming a product.
/// Six signs, each naming the stuffed words: several product words of the listing's category (learned from the
/// marketplace's titles by <see cref="TitleStuffingLexicon"/>), one keyword again and again, a string of model numbers,
/// several brands, a run of place names, and a brand the shop is not authorised for that is tacked on after the
/// product word or borrowed with 赛/比. One or two product words, a brand with one model, and long honest titles of
/// attributes are normal. A listing waits (at most <c>max_wait_hours</c>) until its category has enough titles for a
/// lexicon. The listing is the actor. As for <c>listing.banned_words</c>, an edit that leaves no sign re-reports the
/// finding as fixed and closes the case.
/// </summary>
internal sealed class TitleStuffingDetector : Detector
{
    public static readonly PatternId Id = new("listing.title_stuffing");

    private const int MaxEventIds = 20;

    private readonly TitleStuffingOptions _options;
    private readonly BrandBook _brands = new(2);
    private readonly ListingOffences<ListingCase> _cases;
    private readonly Dictionary<string, TitleStuffingLexicon> _lexicons = new(StringComparer.Ordinal);
    private readonly HashSet<string> _excluded;
    private readonly string[] _places;
    private readonly string[] _tailWords;
    private readonly string[] _borrowing;
    private readonly string[] _copyWords;
    private readonly Dictionary<string, List<ListingEvent>> _pendingByCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pendingListings = new(StringComparer.Ordinal);

    // Work lists, reused from title to title.
    private readonly List<string> _values = [];
    private readonly List<(string Word, int Start)> _products = [];
    private List<(int Start, int Length)> _bestRun = [];
    private List<(int Start, int Length)> _run = [];

    public TitleStuffingDetector(TitleStuffingOptions options)
    {
        _options = options;
        _cases = new ListingOffences<ListingCase>(TimeSpan.FromDays(options.RetentionDays));
        _places = [.. options.Places.Select(FlatTitle.Fold).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)];
        _tailWords = [.. options.TailWords.Select(FlatTitle.Fold).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)];
        _borrowing = [.. options.BorrowingWords.Select(FlatTitle.Fold).Where(p => p.Length > 0)];
        _copyWords = [.. options.CopyWords.Select(FlatTitle.Fold).Where(p => p.Length > 0)];
        _excluded = [.. _places, .. _tailWords];
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ShopOpened shop:
                _brands.LearnShop(shop.Shop, shop.Brands, e.Id);
                break;
            case ListingEvent listing when listing.Title is not null:
                _brands.LearnBrand(listing.Brand);
                if (listing.Category is null && _cases.Find(listing.Listing)?.Category is { } known)
                {
                    // A field an edit leaves out is unchanged: judge the new title in the listing's category.
                    listing = listing with { Category = known };
                }

                var lexicon = listing.Category is null ? null : LexiconOf(listing.Category);
                FlatTitle? flat = null;
                if (listing is ListingPublished && lexicon is not null)
                {
                    flat = FlatTitle.Of(listing.Title);
                    lexicon.Learn(StripTail(flat.Text, listing.Attributes), listing.Shop);
                }

                if (listing.Category is { } category && (lexicon!.Titles < _options.MinCategoryTitles || _pendingListings.ContainsKey(listing.Listing)))
                {
                    Wait(category, listing);
                    if (lexicon.Titles >= _options.MinCategoryTitles)
                    {
                        Release(category, context, _ => true);
                    }

                    return;
                }

                if (listing.Category is { } ready && _pendingByCategory.ContainsKey(ready))
                {
                    Release(ready, context, _ => true);
                }

                Judge(listing, context, flat);
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        var before = context.Now.UtcTicks - TimeSpan.FromHours(_options.MaxWaitHours).Ticks;
        foreach (var category in _pendingByCategory.Keys.ToList())
        {
            Release(category, context, e => e.Ts.UtcTicks <= before);
        }

        _cases.Forget(context.Now.UtcTicks);
    }

    public override void Complete(DetectionContext context)
    {
        foreach (var category in _pendingByCategory.Keys.ToList())
        {
            Release(category, context, _ => true);
        }

        _cases.Forget(context.Now.UtcTicks);
    }

    private TitleStuffingLexicon LexiconOf(string category)
    {
        if (!_lexicons.TryGetValue(category, out var lexicon))
        {
            lexicon = new TitleStuffingLexicon(_options, _excluded);
            _lexicons[category] = lexicon;
        }

        return lexicon;
    }

    private void Wait(string category, ListingEvent listing)
    {
        if (!_pendingByCategory.TryGetValue(category, out var waiting))
        {
            waiting = [];
            _pendingByCategory[category] = waiting;
        }

        waiting.Add(listing);
        _pendingListings[listing.Listing] = _pendingListings.GetValueOrDefault(listing.Listing) + 1;
    }

    /// <summary>Judges, in arrival order, the waiting events of a category that <paramref name="due"/> lets go.</summary>
    private void Release(string category, DetectionContext context, Func<ListingEvent, bool> due)
    {
        if (!_pendingByCategory.TryGetValue(category, out var waiting))
        {
            return;
        }

        var count = 0;
        while (count < waiting.Count && due(waiting[count]))
        {
            count++;
        }

        if (count == 0)
        {
            return;
        }

        var released = waiting.GetRange(0, count);
        waiting.RemoveRange(0, count);
        if (waiting.Count == 0)
        {
            _pendingByCategory.Remove(category);
        }

        foreach (var listing in released)
        {
            if (--_pendingListings[listing.Listing] == 0)
            {
                _pendingListings.Remove(listing.Listing);
            }

            Judge(listing, context);
        }
    }

    /// <summary>The folded title without what may follow the product word: audience words, the listing's own attribute values, a fitted model.</summary>
    private string StripTail(string text, IReadOnlyDictionary<string, string>? attributes)
    {
        // The listing's own values, folded, longest first (ties in attribute order).
        var values = _values;
        values.Clear();
        foreach (var value in attributes?.Values ?? [])
        {
            var folded = FlatTitle.Fold(value);
            if (folded.Length == 0)
            {
                continue;
            }

            var at = values.Count;
            while (at > 0 && values[at - 1].Length < folded.Length)
            {
                at--;
            }

            values.Insert(at, folded);
        }

        for (var changed = true; changed && text.Length > 0;)
        {
            changed = false;
            if (FlatTitle.TrailingModel().Match(text) is { Success: true } model && model.Index > 0)
            {
                text = text[..model.Index];
                changed = true;
                continue;
            }

            if (StripWord(ref text, values) || StripWord(ref text, _tailWords))
            {
                changed = true;
            }
        }

        return text;
    }

    /// <summary>Cuts the first of <paramref name="words"/> that ends the text (and is shorter than it).</summary>
    private static bool StripWord(ref string text, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            if (word.Length < text.Length && text.EndsWith(word, StringComparison.Ordinal))
            {
                text = text[..^word.Length];
                return true;
            }
        }

        return false;
    }

    private void Judge(ListingEvent listing, DetectionContext context, FlatTitle? flat = null)
    {
        flat ??= FlatTitle.Of(listing.Title);
        var words = listing.Category is { } category && _lexicons.TryGetValue(category, out var lexicon) && lexicon.Titles >= _options.LexiconMinTitles
            ? lexicon.Words()
            : [];
        var signs = Read(flat, words, listing);
        var open = _cases.Find(listing.Listing);
        if (signs.Count == 0)
        {
            if (_cases.Close(listing) is { } fixedCase)
            {
                context.Report(ToFinding(listing.Listing, fixedCase));
            }

            return;
        }

        open ??= _cases.Open(listing.Listing, new ListingCase(listing.Ts.UtcTicks));
        open.Offended(listing, MaxEventIds);
        open.Title = listing.Title!;
        open.Category = listing.Category ?? open.Category;
        open.Signs = signs;
        context.Report(ToFinding(listing.Listing, open));
    }

    /// <summary>The signs of stuffing in a title, each with the words that show it.</summary>
    private List<Sign> Read(FlatTitle flat, string[] productWords, ListingEvent listing)
    {
        var text = flat.Text;
        var signs = new List<Sign>(2);

        // Product words of the category, longest first, without overlap.
        var used = text.Length <= 256 ? stackalloc bool[text.Length] : new bool[text.Length];
        var products = _products;
        products.Clear();
        foreach (var word in productWords)
        {
            for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal))
            {
                if (!AnyUsed(used.Slice(i, word.Length)))
                {
                    used.Slice(i, word.Length).Fill(true);
                    products.Add((word, i));
                }
            }
        }

        // Distinct words are never more than the words found: most titles stop here without a string.
        var distinctProducts = products.Count < _options.MinProductWords
            ? []
            : products.OrderBy(p => p.Start).Select(p => flat.Shown.Substring(p.Start, p.Word.Length)).Distinct(StringComparer.Ordinal).ToList();
        if (distinctProducts.Count >= _options.MinProductWords)
        {
            signs.Add(new Sign("product_words", $"{distinctProducts.Count} product words ({string.Join("、", distinctProducts)})", distinctProducts.Count, distinctProducts));
        }

        // One keyword again and again: the longest that repeats.
        for (var n = Math.Min(_options.MaxWordLength, text.Length / _options.MinRepeats); n >= 2; n--)
        {
            var at = FirstRepeated(text, n, _options.MinRepeats);
            if (at >= 0)
            {
                var word = text.Substring(at, n);
                var times = Occurrences(text, word);
                var shown = flat.Shown.Substring(text.IndexOf(word, StringComparison.Ordinal), n);
                signs.Add(new Sign("repeated_keyword", string.Create(CultureInfo.InvariantCulture, $"the keyword {shown} {times} times"), times, [shown]));
                break;
            }
        }

        // Model numbers.
        var folded = Confusables.Fold(listing.Title ?? "");
        var models = FlatTitle.ModelNumber().Count(folded) < _options.MinModelNumbers
            ? []
            : FlatTitle.ModelNumber().Matches(folded).Select(m => listing.Title!.Substring(m.Index, m.Length)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (models.Count >= _options.MinModelNumbers)
        {
            signs.Add(new Sign("model_numbers", $"{models.Count} model numbers ({string.Join("、", models)})", models.Count, models));
        }

        // A run of place names.
        var run = PlaceRun(text);
        var places = run.Count < _options.MinPlaceRun ? [] : run.Select(p => flat.Shown.Substring(p.Start, p.Length)).ToList();
        if (places.Distinct(StringComparer.Ordinal).Count() >= _options.MinPlaceRun)
        {
            signs.Add(new Sign("place_names", $"a run of {places.Count} place names ({string.Join("、", places)})", places.Count, places));
        }

        // Brands: several, or one the shop is not authorised for, tacked on after the product word or borrowed.
        var found = _brands.Find(flat.Skeleton);
        var brands = found.Count <= 1 ? found : found.GroupBy(f => f.Brand.Skeleton).Select(g => g.First()).ToList();
        if (brands.Count >= _options.MinBrands)
        {
            var names = brands.OrderBy(b => b.Start).Select(b => flat.Shown.Substring(b.Start, b.Brand.Skeleton.Length)).ToList();
            signs.Add(new Sign("brands", $"{names.Count} brands ({string.Join("、", names)})", names.Count, names));
        }
        else if (brands.Count == 1)
        {
            var (brand, start) = brands[0];
            var own = Confusables.Skeleton(listing.Brand);
            var authorised = listing.Shop is null ? [] : _brands.AuthorisedFor(listing.Shop);
            if (brand.Skeleton != own && !authorised.Contains(brand.Skeleton, StringComparer.Ordinal))
            {
                var name = flat.Shown.Substring(start, brand.Skeleton.Length);
                var borrowed = _borrowing.FirstOrDefault(w => start >= w.Length && string.CompareOrdinal(text, start - w.Length, w, 0, w.Length) == 0);
                var product = products.Where(p => p.Start + p.Word.Length <= start).OrderBy(p => p.Start).Select(p => flat.Shown.Substring(p.Start, p.Word.Length)).FirstOrDefault();
                if (borrowed is not null)
                {
                    signs.Add(new Sign("unrelated_brand", $"the brand {name} borrowed as {borrowed}{name}", 1, [borrowed + name]));
                }
                else if (product is not null)
                {
                    signs.Add(new Sign("unrelated_brand", $"the brand {name} added after the product word {product}", 1, [name]));
                }
                else if (start > 0 && !_copyWords.Any(w => Touches(text, start, brand.Skeleton.Length, w)))
                {
                    // A brand names a listing from the head of its title; one buried among the modifiers is a keyword.
                    signs.Add(new Sign("unrelated_brand", $"the brand {name} slipped in among the modifiers", 1, [name]));
                }
            }
        }

        return signs;
    }

    /// <summary>Whether <paramref name="word"/> stands right before or right after the span.</summary>
    private static bool Touches(string text, int start, int length, string word)
        => (start >= word.Length && string.CompareOrdinal(text, start - word.Length, word, 0, word.Length) == 0)
            || (start + length + word.Length <= text.Length && string.CompareOrdinal(text, start + length, word, 0, word.Length) == 0);

    /// <summary>
    /// Where the first <paramref name="n"/>-character substring (by first occurrence, not all digits) that occurs at least
    /// <paramref name="minRepeats"/> times without overlap starts; −1 when none does. Spans only: no string per candidate.
    /// </summary>
    private static int FirstRepeated(string text, int n, int minRepeats)
    {
        var all = text.AsSpan();
        for (var i = 0; i + n <= all.Length; i++)
        {
            var gram = all.Slice(i, n);
            if (all[..(i + n - 1)].IndexOf(gram) >= 0 || AllDigits(gram))
            {
                continue; // met before (counted there), or a number
            }

            var times = 0;
            for (var from = i; from + n <= all.Length;)
            {
                var next = all[from..].IndexOf(gram);
                if (next < 0)
                {
                    break;
                }

                times++;
                from += next + n;
            }

            if (times >= minRepeats)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AnyUsed(ReadOnlySpan<bool> span)
    {
        foreach (var b in span)
        {
            if (b)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every character is an ASCII digit (a loop: the generic span search boxes in unoptimised code).</summary>
    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static int Occurrences(string text, string word)
    {
        var times = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            times++;
        }

        return times;
    }

    /// <summary>The longest unbroken run of place names in a folded title.</summary>
    private List<(int Start, int Length)> PlaceRun(string text)
    {
        // Two reused lists: the best run so far and the current one, swapped when the current one is longer.
        var best = _bestRun;
        var run = _run;
        best.Clear();
        run.Clear();
        for (var i = 0; i < text.Length;)
        {
            var place = FirstPlaceAt(text, i);
            if (place is not null)
            {
                run.Add((i, place.Length));
                i += place.Length;
                continue;
            }

            if (run.Count > best.Count)
            {
                (best, run) = (run, best);
            }

            run.Clear();
            i++;
        }

        (_bestRun, _run) = (best, run);
        return run.Count > best.Count ? run : best;
    }

    private string? FirstPlaceAt(string text, int i)
    {
        foreach (var place in _places)
        {
            if (string.CompareOrdinal(text, i, place, 0, place.Length) == 0)
            {
                return place;
            }
        }

        return null;
    }

    private Finding ToFinding(string listing, ListingCase open)
    {
        var entity = new EntityRef(EntityTypes.Listing, listing);
        var from = new DateTimeOffset(open.FromTicks, TimeSpan.Zero);

        // To stays at the last offending event even after a fix: the policy makes a decision effective at To.
        var to = new DateTimeOffset(open.LastTicks, TimeSpan.Zero);
        var signs = open.Signs;
        var figures = new Dictionary<string, double> { ["signs"] = signs.Count };
        foreach (var sign in signs)
        {
            figures[sign.Name] = sign.Count;
        }

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Listing {listing}{(open.Shop is null ? "" : " of shop " + open.Shop)} has a stuffed title (标题堆砌) since {EvidenceText.Time(from)}: \"{open.Title}\" has {string.Join("; ", signs.Select(s => s.Text))}. Name the listing's own product once; drop the other words."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{(open.Shop is null ? "" : "店铺 " + open.Shop + " 的")}商品 {listing} 自 {EvidenceText.Time(from)} 起标题堆砌：“{open.Title}”中有{string.Join("；", signs.Select(SignZh))}。标题只写本商品的品名一次，删去其他词。"),
                [.. open.EventIds],
                figures),
        };
        if (open.FixEvidence("the stuffed words", "删除了堆砌的关键词", "signs_left") is { } fixedBy)
        {
            evidence.Add(fixedBy);
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(1 - Math.Pow(1 - _options.PerSignScore, signs.Count), 4),
            Severity = open.Fix is null ? Severity.Medium : Severity.Low,
            From = from,
            To = to,
            ClearedAt = open.ClearedAt,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"title has {_options.MinProductWords}+ product words of its category (learned from the marketplace's titles), a keyword {_options.MinRepeats}+ times, {_options.MinModelNumbers}+ model numbers, {_options.MinBrands}+ brands, a run of {_options.MinPlaceRun}+ place names, or an unauthorised brand after the product word, after {string.Join("/", _options.BorrowingWords)}, or inside the title without copy wording; score 1 − (1 − {_options.PerSignScore:0.##})^signs"),
        };
    }

    private static string SignZh(Sign sign) => sign.Name switch
    {
        "product_words" => string.Create(CultureInfo.InvariantCulture, $"{sign.Count} 个商品词（{string.Join("、", sign.Words)}）"),
        "repeated_keyword" => string.Create(CultureInfo.InvariantCulture, $"关键词 {string.Join("、", sign.Words)} 重复 {sign.Count} 次"),
        "model_numbers" => string.Create(CultureInfo.InvariantCulture, $"{sign.Count} 个型号（{string.Join("、", sign.Words)}）"),
        "place_names" => string.Create(CultureInfo.InvariantCulture, $"连续 {sign.Count} 个地名（{string.Join("、", sign.Words)}）"),
        "brands" => string.Create(CultureInfo.InvariantCulture, $"{sign.Count} 个品牌（{string.Join("、", sign.Words)}）"),
        "unrelated_brand" => "蹭用的无关品牌 " + string.Join("、", sign.Words),
        _ => sign.Text,
    };

    private sealed record Sign(string Name, string Text, int Count, IReadOnlyList<string> Words);

    private sealed class ListingCase(long fromTicks) : ListingOffence(fromTicks)
    {
        public string Title { get; set; } = "";

        public string? Category { get; set; }

        public List<Sign> Signs { get; set; } = [];
    }
}
