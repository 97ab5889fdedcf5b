namespace Clearwind.Listings;

/// <summary>Listing titles as sets of character bigrams: Chinese titles have no spaces, so words are not split.</summary>
internal static class TitleText
{
    /// <summary>Distinct character bigrams of a title (whitespace dropped, Latin letters lower-cased), sorted.</summary>
    public static int[] Bigrams(string? title)
    {
        if (string.IsNullOrEmpty(title) || title.Length < 2)
        {
            return [];
        }

        // One pass into a stack buffer, an in-place sort, no list: signatures are made for every listing event.
        Span<int> grams = title.Length <= 256 ? stackalloc int[title.Length] : new int[title.Length];
        var count = 0;
        var previous = -1;
        foreach (var raw in title)
        {
            if (raw <= ' ' ? char.IsWhiteSpace(raw) : raw >= '\u0080' && char.IsWhiteSpace(raw))
            {
                continue;
            }

            var c = raw < '\u0080' ? (raw is >= 'A' and <= 'Z' ? (char)(raw | 0x20) : raw) : char.ToLowerInvariant(raw);
            if (previous >= 0)
            {
                grams[count++] = (previous << 16) | c;
            }

            previous = c;
        }

        if (count == 0)
        {
            return [];
        }

        var used = grams[..count];
        used.Sort();
        var n = 1;
        for (var i = 1; i < used.Length; i++)
        {
            if (used[i] != used[n - 1])
            {
                used[n++] = used[i];
            }
        }

        return used[..n].ToArray();
    }

    /// <summary>Dice similarity <c>2|A∩B| ÷ (|A| + |B|)</c> of two sorted bigram sets; 0 when either is empty.</summary>
    public static double Dice(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (a.Length + b.Length);
    }
}
