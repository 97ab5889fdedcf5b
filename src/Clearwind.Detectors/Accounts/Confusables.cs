using System.Collections.Frozen;
using System.Text;

namespace Clearwind.Accounts;

/// <summary>
/// A comparison skeleton for names and texts (the idea of Unicode TR39's confusable skeletons, extended to Chinese):
/// two strings that a buyer would read as the same name get the same skeleton. It folds full-width forms, case,
/// Cyrillic and Greek letters that look Latin, digits that look like letters, traditional characters to their
/// simplified forms (雲→云, 艦→舰) and characters that differ by a stroke (宫/官, 已/己), and drops everything that is
/// not a letter or a digit (spaces, dots, zero-width joiners), so 云·朵 and 云朵 compare equal. Skeletons are for
/// comparison only, never for display.
/// </summary>
internal static partial class Confusables
{
    // Built on first use, not as a static field: the tables live in another part of this partial class, and static
    // fields of different files initialise in no defined order.
    private static readonly Lazy<FrozenDictionary<char, char>> LazyMap = new(BuildMap);

    private static FrozenDictionary<char, char> Map => LazyMap.Value;

    /// <summary>The skeleton of <paramref name="text"/>: the same for every look-alike spelling.</summary>
    public static string Skeleton(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var mapped = SkeletonOfFolded(Fold(c));
            if (char.IsLetterOrDigit(mapped))
            {
                builder.Append(mapped); // separators, punctuation, zero-width and format characters are dropped
            }
        }

        return builder.ToString();
    }

    /// <summary>The skeleton of one character already <see cref="Fold(char)"/>ed: what <see cref="Skeleton"/> maps it to.</summary>
    public static char SkeletonOfFolded(char folded) => Map.TryGetValue(folded, out var mapped) ? mapped : folded;

    /// <summary>
    /// A character lower-cased, with full-width forms (ＡＢＣ１２３, U+FF01–FF5E) and the ideographic space folded to ASCII.
    /// The part of Unicode compatibility folding (NFKC) that names use; done by hand because the build runs with
    /// invariant globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text as it is.
    /// </summary>
    public static char Fold(char c)
    {
        var folded = c switch
        {
            >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
            '\u3000' => ' ',
            _ => c,
        };
        return char.ToLowerInvariant(folded);
    }

    /// <summary>A text with <see cref="Fold(char)"/> applied to every character.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });
    }

    /// <summary>
    /// True when <paramref name="text"/> holds a non-ASCII character that its skeleton replaces (雲, 艦, 宫, Cyrillic
    /// о): the name is spelled with look-alikes. Plain ASCII digits and letters do not count (a 0 in a year is no disguise).
    /// </summary>
    public static bool HasLookAlike(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            var lower = Fold(c);
            if (lower > '\u007F' && Map.ContainsKey(lower))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The skeleton of every character mapping, closed over chains (宮→宫→官 becomes 宮→官).</summary>
    private static FrozenDictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>();
        void Add(char from, char to)
        {
            if (from != to)
            {
                map.TryAdd(from, to);
            }
        }

        for (var i = 0; i + 1 < TraditionalSimplified.Length; i += 2)
        {
            Add(TraditionalSimplified[i], TraditionalSimplified[i + 1]);
        }

        foreach (var group in ShapeGroups)
        {
            for (var i = 1; i < group.Length; i++)
            {
                Add(group[i], group[0]);
            }
        }

        foreach (var (from, to) in LatinLookAlikes)
        {
            Add(from, to);
        }

        var closed = new Dictionary<char, char>(map.Count);
        foreach (var (from, first) in map)
        {
            var to = first;
            for (var hops = 0; hops < 8 && map.TryGetValue(to, out var next); hops++)
            {
                to = next;
            }

            if (to != from)
            {
                closed[from] = to;
            }
        }

        return closed.ToFrozenDictionary();
    }
}
