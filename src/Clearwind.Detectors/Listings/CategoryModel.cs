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

    /// <summary>Listings of the category that carry the feature.</summary>
    public int Count(string feature, int category)
        => _counts.TryGetValue(feature, out var byCategory) ? byCategory.GetValueOrDefault(category) : 0;

    /// <summary>The categories in which some listing carries the feature.</summary>
    public IEnumerable<int> CategoriesOf(string feature)
        => _counts.TryGetValue(feature, out var byCategory) ? byCategory.Keys : [];

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

    /// <summary>Title features: the distinct character n-grams of the title (whitespace dropped, Latin lower-cased).</summary>
    public static IEnumerable<string> TitleGrams(string normalisedTitle, int min, int max)
    {
        for (var length = min; length <= max; length++)
        {
            for (var i = 0; i + length <= normalisedTitle.Length; i++)
            {
                yield return string.Concat(TitlePrefix, normalisedTitle.AsSpan(i, length));
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
