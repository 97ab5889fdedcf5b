using System.Collections.Frozen;

namespace Clearwind.Listings;

/// <summary>
/// One-pass matcher for <c>listing.banned_words</c> (Aho–Corasick over the word list, written here because the NuGet
/// list holds no maintained Aho–Corasick package). Text is folded first: full-width ASCII to half-width and ASCII
/// letters to upper case, so <c>no.1</c> and <c>ＮＯ.１</c> match <c>NO.1</c>.
/// </summary>
/// <remarks>
/// Bare forms that ordinary words also contain follow one rule: a bare form fires only when the character after it
/// does not make it an ordinary word. <c>最</c> is a claim (最好, 最低价, 最X) except in 最近, 最后, 最初, 最终;
/// <c>第一</c> is a claim (第一品牌, 销量第一) except in 第一次, 第一天, 第一步, 第一批, 第一代, 第一期, 第一时间 …; and a bare form
/// at the end of the text or before punctuation claims nothing. <c>极</c> and <c>超</c> are never matched bare: only
/// their extreme compounds are listed (极品, 极致, 极佳, 超级, 超强 …), so 极简, 北极光, 超市 never match.
/// </remarks>
internal sealed class BannedWordsMatcher
{
    private readonly List<Node> _nodes = [new Node()];
    private readonly FrozenDictionary<string, FrozenSet<char>> _ordinaryNext;

    public BannedWordsMatcher(IEnumerable<string> words, IReadOnlyDictionary<string, string> ordinaryNext)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(ordinaryNext);
        foreach (var raw in words)
        {
            var word = Fold(raw.Trim());
            if (word.Length > 0)
            {
                Add(word);
            }
        }

        _ordinaryNext = ordinaryNext.ToFrozenDictionary(p => Fold(p.Key), p => p.Value.ToFrozenSet(), StringComparer.Ordinal);
        Link();
    }

    /// <summary>The distinct words found in <paramref name="text"/>, in order of appearance, without words contained in a longer word found.</summary>
    public List<string> Find(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return found;
        }

        var folded = Fold(text);
        var state = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            while (state != 0 && !_nodes[state].Next.ContainsKey(c))
            {
                state = _nodes[state].Fail;
            }

            state = _nodes[state].Next.TryGetValue(c, out var next) ? next : 0;
            for (var s = state; s != 0; s = _nodes[s].Output)
            {
                if (_nodes[s].Word is { } word && Fires(word, folded, i + 1) && !found.Contains(word, StringComparer.Ordinal))
                {
                    found.Add(word);
                }
            }
        }

        // A word inside a longer word found too adds nothing (最 and 最低 inside 最低价).
        found.RemoveAll(w => found.Any(o => o.Length > w.Length && o.Contains(w, StringComparison.Ordinal)));
        return found;
    }

    /// <summary>Full-width ASCII to half-width, ASCII letters to upper case.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c is >= '\uFF01' and <= '\uFF5E')
                {
                    c = (char)(c - 0xFEE0);
                }

                span[i] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
            }
        });
    }

    private bool Fires(string word, string text, int end)
    {
        if (!_ordinaryNext.TryGetValue(word, out var ordinary))
        {
            return true;
        }

        return end < text.Length && char.IsLetterOrDigit(text[end]) && !ordinary.Contains(text[end]);
    }

    private void Add(string word)
    {
        var state = 0;
        foreach (var c in word)
        {
            if (!_nodes[state].Next.TryGetValue(c, out var next))
            {
                next = _nodes.Count;
                _nodes.Add(new Node());
                _nodes[state].Next[c] = next;
            }

            state = next;
        }

        _nodes[state].Word = word;
    }

    private void Link()
    {
        var queue = new Queue<int>();
        foreach (var child in _nodes[0].Next.Values)
        {
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var (c, child) in _nodes[s].Next)
            {
                var f = _nodes[s].Fail;
                while (f != 0 && !_nodes[f].Next.ContainsKey(c))
                {
                    f = _nodes[f].Fail;
                }

                var fail = _nodes[f].Next.TryGetValue(c, out var t) && t != child ? t : 0;
                _nodes[child].Fail = fail;
                _nodes[child].Output = _nodes[fail].Word is not null ? fail : _nodes[fail].Output;
                queue.Enqueue(child);
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<char, int> Next { get; } = [];

        public int Fail { get; set; }

        /// <summary>The nearest proper suffix state that ends a word (0: none).</summary>
        public int Output { get; set; }

        public string? Word { get; set; }
    }
}
