using System.Text.RegularExpressions;
using Clearwind.Accounts;

namespace Clearwind.Listings;

/// <summary>
/// A title in the form the stuffing rules read: letters and digits only (separators, spaces and punctuation dropped),
/// full-width forms and Latin case folded (<see cref="Text"/>), with the confusables skeleton of each character at the
/// same position (<see cref="Skeleton"/>, for brands) and the original characters for quoting (<see cref="Shown"/>).
/// </summary>
internal sealed partial class FlatTitle
{
    private FlatTitle(string text, string skeleton, string shown)
    {
        Text = text;
        Skeleton = skeleton;
        Shown = shown;
    }

    /// <summary>Folded letters and digits.</summary>
    public string Text { get; }

    /// <summary>The confusables skeleton, character by character aligned with <see cref="Text"/>.</summary>
    public string Skeleton { get; }

    /// <summary>The original characters kept, aligned with <see cref="Text"/> (for evidence).</summary>
    public string Shown { get; }

    public static FlatTitle Of(string? title)
    {
        title ??= "";
        var length = title.Length;
        var rented = length <= 128 ? null : new char[length * 3];
        var chars = rented is null ? stackalloc char[length * 3] : rented;
        var text = chars[..length];
        var skeleton = chars.Slice(length, length);
        var shown = chars.Slice(2 * length, length);
        var n = 0;
        foreach (var c in title)
        {
            var folded = Confusables.Fold(c);
            var sk = Confusables.SkeletonOfFolded(folded); // Skeleton of the one character, without a string per character
            if (!char.IsLetterOrDigit(folded) || !char.IsLetterOrDigit(sk))
            {
                continue;
            }

            text[n] = folded;
            skeleton[n] = sk;
            shown[n] = c;
            n++;
        }

        return new FlatTitle(new string(text[..n]), new string(skeleton[..n]), new string(shown[..n]));
    }

    /// <summary>Folds a word the way titles are folded (for lists of words in options): <see cref="Of"/>'s <see cref="Text"/> alone.</summary>
    public static string Fold(string word)
    {
        var chars = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        var n = 0;
        foreach (var c in word)
        {
            var folded = Confusables.Fold(c);
            if (char.IsLetterOrDigit(folded) && char.IsLetterOrDigit(Confusables.SkeletonOfFolded(folded)))
            {
                chars[n++] = folded;
            }
        }

        return n == word.Length && chars[..n].SequenceEqual(word) ? word : new string(chars[..n]);
    }

    /// <summary>
    /// Model numbers: Latin letters, then digits (X20, Note12, Mate40). Read on the folded title with its separators
    /// (Note60、A9), and without trailing letters, so that models written together (X20K30) still come apart.
    /// </summary>
    [GeneratedRegex("[a-z]+-?[0-9]+", RegexOptions.CultureInvariant)]
    public static partial Regex ModelNumber();

    /// <summary>A model number at the end of a folded title, with the 适用 ("fits") before it.</summary>
    [GeneratedRegex("(适用)?[a-z]+-?[0-9]+[a-z]*$", RegexOptions.CultureInvariant)]
    public static partial Regex TrailingModel();
}

/// <summary>
/// The product words of one category, learned from the ends of its listings' titles. A Chinese listing title ends with
/// its product word, after which only audience words, the listing's own attribute values and a fitted model may follow
/// (…真皮凉鞋女, …保温杯白色, …钢化膜适用X52): those are stripped, and every ending of 2 to <c>max_word_length</c>
/// characters of what is left is counted with the characters before it and the shops using it. An ending that
/// enough titles of enough shops share, after enough different characters (accessor variety: 连衣裙 follows many
/// characters, 衣裙 only 连), is a word; a word that ends with a shorter word is a modified form of it (静音加湿器) and
/// is dropped. Memory: one small record per ending, at most <c>max_words_per_category</c>.
/// </summary>
internal sealed class TitleStuffingLexicon(TitleStuffingOptions options, IReadOnlySet<string> excluded)
{
    private readonly Dictionary<string, Ending> _endings = new(StringComparer.Ordinal);
    private string[] _words = [];
    private int _titlesAtBuild = -1;

    /// <summary>Titles learned.</summary>
    public int Titles { get; private set; }

    /// <summary>Learns one title: its folded text with the tail stripped.</summary>
    public void Learn(string stripped, string? shop)
    {
        Titles++;
        var endings = _endings.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var n = 2; n <= options.MaxWordLength && n <= stripped.Length; n++)
        {
            var ending = stripped.AsSpan(stripped.Length - n);
            if (!endings.TryGetValue(ending, out var stat))
            {
                if (_endings.Count + 1 > options.MaxWordsPerCategory)
                {
                    continue;
                }

                stat = new Ending();
                _endings.Add(new string(ending), stat);
            }

            stat.Count++;
            var before = n < stripped.Length ? stripped[^(n + 1)] : '^';
            if (stat.Preceding.Count < options.LexiconMinPrecedingChars)
            {
                stat.Preceding.Add(before);
            }

            if (shop is not null && stat.Shops.Count < options.LexiconMinShops)
            {
                stat.Shops.Add(shop);
            }
        }
    }

    /// <summary>The product words, longest first; rebuilt when the category has grown since the last build.</summary>
    public string[] Words()
    {
        if (_titlesAtBuild >= 0 && Titles - _titlesAtBuild < Math.Max(1, _titlesAtBuild / 20))
        {
            return _words;
        }

        _titlesAtBuild = Titles;
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ending, stat) in _endings)
        {
            if (stat.Count >= options.LexiconMinTitles && stat.Preceding.Count >= options.LexiconMinPrecedingChars
                && stat.Shops.Count >= options.LexiconMinShops && !excluded.Contains(ending))
            {
                words.Add(ending);
            }
        }

        // 静音加湿器 is 加湿器 with a modifier: keep the shortest word of each family.
        _words = [.. words.Where(w => !Enumerable.Range(1, w.Length - 2).Any(i => words.Contains(w[i..])))
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];
        return _words;
    }

    private sealed class Ending
    {
        public int Count { get; set; }

        public HashSet<char> Preceding { get; } = [];

        public HashSet<string> Shops { get; } = new(StringComparer.Ordinal);
    }
}
