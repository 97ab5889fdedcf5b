using System.Text;

namespace Clearwind.FakeReviews;

/// <summary>
/// Review text reduced to what a copy keeps: letters and digits only (punctuation, emoji, spaces and full-width forms
/// removed or folded by NFKC, Latin lower-cased), cut into overlapping character pairs. Pairs suit Chinese, where most
/// words are two characters and there are no spaces to split on; a small edit changes only the pairs it touches.
/// </summary>
internal static class ReviewText
{
    /// <summary>Most shingles taken from one text (a long text's first ones are plenty to recognise a copy).</summary>
    public const int MaxShingles = 512;

    /// <summary>Writes the distinct shingle codes of <paramref name="text"/> into <paramref name="shingles"/>; returns how many.</summary>
    public static int Shingles(string? text, Span<uint> shingles)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var source = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var count = 0;
        var previous = '\0';
        foreach (var raw in source)
        {
            if (!char.IsLetterOrDigit(raw))
            {
                continue; // punctuation, symbols, emoji halves, spaces
            }

            var c = char.ToLowerInvariant(raw);
            if (previous != '\0' && count < shingles.Length)
            {
                shingles[count++] = ((uint)previous << 16) | c;
            }

            previous = c;
        }

        if (count == 0)
        {
            return 0;
        }

        var used = shingles[..count];
        used.Sort();
        var distinct = 1;
        for (var i = 1; i < used.Length; i++)
        {
            if (used[i] != used[distinct - 1])
            {
                used[distinct++] = used[i];
            }
        }

        return distinct;
    }

    /// <summary>The text as a copy would keep it (letters and digits, NFKC, lower case), for evidence.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
