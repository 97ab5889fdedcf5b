namespace Clearwind.Listings;

/// <summary>
/// What the marketplace's own listings say each category looks like, learned online for <c>listing.wrong_category</c>:
/// per category the listings filed under it, and per feature (a title character n-gram, an attribute key, an attribute
/// key=value) how many of those listings carry it. A listing counts once, with its current content: an edit takes its
/// old features out and puts the new ones in.
/// </summary>
/// <remarks>
/// A feature is an id (<see cref="Intern(ReadOnlySpan{char})"/>) into flat arrays: its text and its (category, count) pairs, a handful per
/// feature, in one small array each, instead of a dictionary per feature. An id lives while some listing counted in the
/// model carries the feature; when its last listing leaves, the id is freed and may be handed to another feature.
/// </remarks>
internal sealed class CategoryModel
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<int> _sizes = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _idsBySpan;
    private readonly Stack<int> _freeIds = new();
    private string[] _features = new string[1024];
    private Entry[] _entries = new Entry[1024];
    private int _nextId;
    private char[] _buffer = new char[64];

    public CategoryModel() => _idsBySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

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

    /// <summary>The feature's text (with its prefix).</summary>
    public string Feature(int id) => _features[id];

    /// <summary>Listings of the category that carry the feature.</summary>
    public int Count(int id, int category)
    {
        ref var entry = ref _entries[id];
        var pairs = entry.Pairs;
        for (var i = 0; i < entry.Used; i += 2)
        {
            if (pairs![i] == category)
            {
                return pairs[i + 1];
            }
        }

        return 0;
    }

    /// <summary>The feature's (category, count) pairs, interleaved, in no particular order; only counts above zero.</summary>
    public ReadOnlySpan<int> Pairs(int id) => _entries[id].Pairs.AsSpan(0, _entries[id].Used);

    /// <summary>The id of a feature, added (carried by no listing yet) when new: a known feature costs no string.</summary>
    public int Intern(ReadOnlySpan<char> feature)
    {
        if (_idsBySpan.TryGetValue(feature, out var id))
        {
            return id;
        }

        var text = new string(feature);
        if (!_freeIds.TryPop(out id))
        {
            id = _nextId++;
            if (id == _features.Length)
            {
                Array.Resize(ref _features, id * 2);
                Array.Resize(ref _entries, id * 2);
            }
        }

        _features[id] = text;
        _ids[text] = id;
        return id;
    }

    /// <summary>The id of a feature made of a prefix and up to three parts (an attribute's key, '=', its value).</summary>
    public int Intern(string prefix, string first, string second = "", string third = "")
    {
        var length = prefix.Length + first.Length + second.Length + third.Length;
        if (_buffer.Length < length)
        {
            _buffer = new char[Math.Max(length, _buffer.Length * 2)];
        }

        var span = _buffer.AsSpan(0, length);
        prefix.CopyTo(span);
        first.CopyTo(span[prefix.Length..]);
        second.CopyTo(span[(prefix.Length + first.Length)..]);
        third.CopyTo(span[(prefix.Length + first.Length + second.Length)..]);
        return Intern(span);
    }

    public void Add(int category, IReadOnlyList<int> features)
    {
        _sizes[category]++;
        Listings++;
        foreach (var id in features)
        {
            ref var entry = ref _entries[id];
            entry.Listings++;
            var pairs = entry.Pairs;
            var i = 0;
            while (i < entry.Used && pairs![i] != category)
            {
                i += 2;
            }

            if (i < entry.Used)
            {
                pairs![i + 1]++;
                continue;
            }

            if (pairs is null || entry.Used == pairs.Length)
            {
                Array.Resize(ref entry.Pairs, pairs is null ? 2 : pairs.Length * 2);
                pairs = entry.Pairs;
            }

            pairs[entry.Used] = category;
            pairs[entry.Used + 1] = 1;
            entry.Used += 2;
        }
    }

    public void Remove(int category, IReadOnlyList<int> features)
    {
        _sizes[category]--;
        Listings--;
        foreach (var id in features)
        {
            ref var entry = ref _entries[id];
            var pairs = entry.Pairs;
            var i = 0;
            while (i < entry.Used && pairs![i] != category)
            {
                i += 2;
            }

            if (i == entry.Used)
            {
                continue;
            }

            entry.Listings--;
            if (--pairs![i + 1] == 0)
            {
                // Swap the last pair in: the pairs have no order.
                entry.Used -= 2;
                pairs[i] = pairs[entry.Used];
                pairs[i + 1] = pairs[entry.Used + 1];
            }

            if (entry.Listings == 0)
            {
                _ids.Remove(_features[id]);
                _features[id] = null!;
                entry = default;
                _freeIds.Push(id);
            }
        }
    }

    /// <summary>
    /// Adds the ids of the title's features to <paramref name="into"/>: its character n-grams (the title normalised),
    /// prefixed, shortest first and left to right.
    /// </summary>
    public void TitleGrams(string normalisedTitle, int min, int max, List<int> into)
    {
        if (_buffer.Length < TitlePrefix.Length + max)
        {
            _buffer = new char[TitlePrefix.Length + max];
        }

        var buffer = _buffer;
        TitlePrefix.CopyTo(buffer);
        for (var length = min; length <= max; length++)
        {
            for (var i = 0; i + length <= normalisedTitle.Length; i++)
            {
                normalisedTitle.AsSpan(i, length).CopyTo(buffer.AsSpan(TitlePrefix.Length));
                into.Add(Intern(buffer.AsSpan(0, TitlePrefix.Length + length)));
            }
        }
    }

    /// <summary>A title without whitespace, Latin letters lower-cased.</summary>
    public static string Normalise(string title)
    {
        var chars = title.Length <= 256 ? stackalloc char[title.Length] : new char[title.Length];
        var n = 0;
        foreach (var c in title)
        {
            if (!char.IsWhiteSpace(c))
            {
                chars[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(chars[..n]);
    }

    public const string TitlePrefix = "t:";

    public const string KeyPrefix = "k:";

    public const string ValuePrefix = "v:";

    private struct Entry
    {
        /// <summary>(category, count) pairs, interleaved; null until the feature is first counted.</summary>
        public int[]? Pairs;

        /// <summary>Ints of <see cref="Pairs"/> in use.</summary>
        public int Used;

        /// <summary>Listings carrying the feature, over every category.</summary>
        public int Listings;
    }
}
