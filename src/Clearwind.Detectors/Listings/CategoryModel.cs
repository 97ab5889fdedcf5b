namespace Clearwind.Listings;

/// <summary>
/// What the marketplace's own listings say each category looks like, learned online for <c>listing.wrong_category</c>:
/// per category the listings filed under it, and per feature (a title character n-gram, an attribute key, an attribute
/// key=value) how many of those listings carry it. A listing counts once, with its current content: an edit takes its
/// old features out and puts the new ones in.
/// </summary>
internal sealed class CategoryModel
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<int> _sizes = [];
    private readonly Dictionary<string, Dictionary<int, int>> _counts = new(StringComparer.Ordinal);

    /// <summary>Listings counted, over every category.</summary>
    public int Listings { get; private set; }

    /// <summary>Categories seen so far.</summary>
    public int Categories => _names.Count;

    /// <summary>The index of a category, added when new.</summary>
    public int IndexOf(string category)
    {
        if (!_index.TryGetValue(category, out var c))
        {
            _index[category] = c = _names.Count;
            _names.Add(category);
            _sizes.Add(0);
        }

        return c;
    }

    public string Name(int category) => _names[category];

    /// <summary>Listings currently filed under the category.</summary>
    public int Size(int category) => _sizes[category];

    /// <summary>A feature's listing counts by category index (null when no listing has it): one lookup, then per-category reads.</summary>
    public IReadOnlyDictionary<int, int>? CountsOf(string feature) => _counts.GetValueOrDefault(feature);

    public void Add(int category, string[] features)
    {
        _sizes[category]++;
        Listings++;
        foreach (var feature in features)
        {
            if (!_counts.TryGetValue(feature, out var byCategory))
            {
                _counts[feature] = byCategory = [];
            }

            byCategory[category] = byCategory.GetValueOrDefault(category) + 1;
        }
    }

    public void Remove(int category, string[] features)
    {
        _sizes[category]--;
        Listings--;
        foreach (var feature in features)
        {
            if (!_counts.TryGetValue(feature, out var byCategory) || !byCategory.TryGetValue(category, out var count))
            {
                continue;
            }

            if (count <= 1)
            {
                byCategory.Remove(category);
                if (byCategory.Count == 0)
                {
                    _counts.Remove(feature);
                }
            }
            else
            {
                byCategory[category] = count - 1;
            }
        }
    }

    /// <summary>
    /// Title features: the character n-grams of the title (whitespace dropped, Latin lower-cased), prefixed. A feature the
    /// model already counts is returned as the model's own string, so a listing's features cost no new strings but its
    /// unseen ones.
    /// </summary>
    public IEnumerable<string> TitleGrams(string normalisedTitle, int min, int max)
    {
        var known = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffer = new char[TitlePrefix.Length + max];
        TitlePrefix.CopyTo(buffer);
        for (var length = min; length <= max; length++)
        {
            for (var i = 0; i + length <= normalisedTitle.Length; i++)
            {
                normalisedTitle.AsSpan(i, length).CopyTo(buffer.AsSpan(TitlePrefix.Length));
                var gram = buffer.AsSpan(0, TitlePrefix.Length + length);
                yield return known.TryGetValue(gram, out var existing, out _) ? existing : new string(gram);
            }
        }
    }

    /// <summary>A title without whitespace, Latin letters lower-cased.</summary>
    public static string Normalise(string title)
    {
        var chars = new char[title.Length];
        var n = 0;
        foreach (var c in title)
        {
            if (!char.IsWhiteSpace(c))
            {
                chars[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(chars, 0, n);
    }

    public const string TitlePrefix = "t:";

    public const string KeyPrefix = "k:";

    public const string ValuePrefix = "v:";
}
