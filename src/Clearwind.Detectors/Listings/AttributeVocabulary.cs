namespace Clearwind.Listings;

/// <summary>
/// The attribute vocabulary <c>listing.title_attribute_mismatch</c> learns from the marketplace's listings: every value
/// sellers give each attribute (机芯类型: 石英, 机械 …; 适用性别: 男, 女, 男女通用), how many listings of each category
/// carry it, and a trie over all values that splits a title into the values it names in one pass, longest value first
/// (纯棉 before 棉, 男女通用 before 男). Values are folded (<see cref="BannedWordsMatcher.Fold"/>) so 'pu' and 'ＰＵ' are
/// the value PU.
/// </summary>
internal sealed class AttributeVocabulary
{
    private readonly List<Node> _nodes = [new Node()];
    private readonly Dictionary<string, Dictionary<string, int>> _keysByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoryStats> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), (int Agreeing, int Against)> _naming = [];
    private readonly Dictionary<string, (int Carriers, int NamingOwn)> _keys = new(StringComparer.Ordinal);

    private readonly List<string> _added = [];
    private readonly List<string> _keysBuffer = [];

    /// <summary>Counts every change of the counts (a listing counted in or out, a naming): unchanged counts judge alike.</summary>
    public long Changes { get; private set; }

    /// <summary>The number of values in the trie: changes whenever a new value joins (titles judged before may name it).</summary>
    public int Version => _added.Count;

    /// <summary>The values that joined since <paramref name="version"/>.</summary>
    public IReadOnlyList<string> AddedSince(int version) => _added.GetRange(version, _added.Count - version);

    /// <summary>Listings carrying <paramref name="value"/> for <paramref name="key"/>, market-wide.</summary>
    public int Listings(string key, string value)
        => _keysByValue.TryGetValue(value, out var keys) ? keys.GetValueOrDefault(key) : 0;

    /// <summary>Attributes the market gives <paramref name="value"/> with at least <paramref name="minListings"/> listings.</summary>
    public IEnumerable<string> KeysOf(string value, int minListings)
        => _keysByValue.TryGetValue(value, out var keys) ? keys.Where(k => k.Value >= minListings).Select(k => k.Key) : [];

    /// <summary>How many attributes the market gives <paramref name="value"/> with at least <paramref name="minListings"/> listings.</summary>
    public int CountKeysOf(string value, int minListings)
    {
        if (!_keysByValue.TryGetValue(value, out var keys))
        {
            return 0;
        }

        var count = 0;
        foreach (var (_, listings) in keys)
        {
            if (listings >= minListings)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The attributes the market gives <paramref name="value"/> with at least one listing (as <see cref="KeysOf(string, int)"/>
    /// with 1), copied into a reused list: the caller reads it before the next call.
    /// </summary>
    public List<string> KeysOf(string value)
    {
        _keysBuffer.Clear();
        if (_keysByValue.TryGetValue(value, out var keys))
        {
            foreach (var (key, listings) in keys)
            {
                if (listings >= 1)
                {
                    _keysBuffer.Add(key);
                }
            }
        }

        return _keysBuffer;
    }

    public CategoryStats? Category(string category) => _categories.GetValueOrDefault(category);

    /// <summary>
    /// Market-wide, the listings carrying <paramref name="key"/> whose titles name <paramref name="value"/>: how many
    /// of them have that value (or one containing it or contained in it) and how many another.
    /// </summary>
    public (int Agreeing, int Against) Naming(string key, string value)
        => _naming.TryGetValue((key, value), out var n) ? n : default;

    /// <summary>Market-wide, the share of the listings carrying <paramref name="key"/> whose titles name their own value.</summary>
    public double TitleNamingRate(string key)
        => _keys.TryGetValue(key, out var n) && n.Carriers > 0 ? (double)n.NamingOwn / n.Carriers : 0;

    /// <summary>Counts a listing whose title names its own value of <paramref name="key"/> in (or out).</summary>
    public void CountNamingOwn(string key, int step)
    {
        var (carriers, naming) = _keys.GetValueOrDefault(key);
        _keys[key] = (carriers, naming + step);
    }

    /// <summary>Counts a title naming a value of an attribute in (or out, with a negative step).</summary>
    public void CountNaming(string key, string value, bool agreeing, int step)
    {
        Changes++;
        var (agree, against) = Naming(key, value);
        (agree, against) = agreeing ? (agree + step, against) : (agree, against + step);
        if (agree <= 0 && against <= 0)
        {
            _naming.Remove((key, value));
        }
        else
        {
            _naming[(key, value)] = (agree, against);
        }
    }

    /// <summary>Counts a listing's category and attributes (folded values) in.</summary>
    public void Add(string category, IReadOnlyDictionary<string, string> attributes)
    {
        if (!_categories.TryGetValue(category, out var stats))
        {
            stats = new CategoryStats();
            _categories[category] = stats;
        }

        stats.Listings++;
        Changes++;
        foreach (var (key, value) in attributes)
        {
            Insert(value);
            if (!_keysByValue.TryGetValue(value, out var keys))
            {
                keys = new Dictionary<string, int>(StringComparer.Ordinal);
                _keysByValue[value] = keys;
            }

            keys[key] = keys.GetValueOrDefault(key) + 1;
            stats.Key(key).Add(value, 1);
            var (carriers, naming) = _keys.GetValueOrDefault(key);
            _keys[key] = (carriers + 1, naming);
        }
    }

    /// <summary>Counts a listing out again (it changed or was forgotten). Values stay in the trie.</summary>
    public void Remove(string category, IReadOnlyDictionary<string, string> attributes)
    {
        if (!_categories.TryGetValue(category, out var stats))
        {
            return;
        }

        stats.Listings--;
        Changes++;
        foreach (var (key, value) in attributes)
        {
            if (_keysByValue.TryGetValue(value, out var keys) && keys.TryGetValue(key, out var n))
            {
                keys[key] = n - 1;
            }

            var (carriers, naming) = _keys.GetValueOrDefault(key);
            _keys[key] = (carriers - 1, naming);

            stats.Key(key).Add(value, -1);
        }
    }

    /// <summary>
    /// The distinct values a folded title names, left to right, each the longest value starting at its place. A value
    /// made of ASCII letters or digits at an edge counts only when the title's next character there is not one too
    /// (M is not read out of M12 or Max).
    /// </summary>
    public List<string> ValuesIn(string title)
    {
        var found = new List<string>();
        var i = 0;
        while (i < title.Length)
        {
            string? best = null;
            var state = 0;
            for (var j = i; j < title.Length && _nodes[state].Next.TryGetValue(title[j], out var next); j++)
            {
                state = next;
                if (_nodes[state].Value is { } value && Bounded(title, i, j + 1))
                {
                    best = value;
                }
            }

            if (best is null)
            {
                i++;
                continue;
            }

            if (!found.Contains(best, StringComparer.Ordinal))
            {
                found.Add(best);
            }

            i += best.Length;
        }

        return found;
    }

    private static bool Bounded(string text, int start, int end)
    {
        static bool Ascii(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');
        return !(Ascii(text[start]) && start > 0 && Ascii(text[start - 1])) && !(Ascii(text[end - 1]) && end < text.Length && Ascii(text[end]));
    }

    private void Insert(string value)
    {
        var state = 0;
        foreach (var c in value)
        {
            if (!_nodes[state].Next.TryGetValue(c, out var next))
            {
                next = _nodes.Count;
                _nodes.Add(new Node());
                _nodes[state].Next[c] = next;
            }

            state = next;
        }

        if (_nodes[state].Value is null)
        {
            _nodes[state].Value = value;
            _added.Add(value);
        }
    }

    private sealed class Node
    {
        public Dictionary<char, int> Next { get; } = [];

        public string? Value { get; set; }
    }

    /// <summary>One category's listings and, per attribute, the listings carrying each value.</summary>
    internal sealed class CategoryStats
    {
        private readonly Dictionary<string, KeyStats> _keys = new(StringComparer.Ordinal);

        public int Listings { get; set; }

        public KeyStats Key(string key)
        {
            if (!_keys.TryGetValue(key, out var stats))
            {
                stats = new KeyStats();
                _keys[key] = stats;
            }

            return stats;
        }

        public KeyStats? Find(string key) => _keys.GetValueOrDefault(key);
    }

    /// <summary>A category's listings carrying an attribute, by value.</summary>
    internal sealed class KeyStats
    {
        public int Carriers { get; private set; }

        public Dictionary<string, int> Values { get; } = new(StringComparer.Ordinal);

        public void Add(string value, int delta)
        {
            Carriers += delta;
            var n = Values.GetValueOrDefault(value) + delta;
            if (n <= 0)
            {
                Values.Remove(value);
            }
            else
            {
                Values[value] = n;
            }
        }

        /// <summary>The value that at least <paramref name="share"/> of the carriers have, if any.</summary>
        public string? Dominant(double share)
        {
            foreach (var (value, n) in Values)
            {
                if (Carriers > 0 && n >= share * Carriers)
                {
                    return value;
                }
            }

            return null;
        }
    }
}
