namespace Clearwind.Listings;

/// <summary>Listing titles as sets of character bigrams: Chinese titles have no spaces, so words are not split.</summary>
internal static class TitleText
{
    /// <summary>Distinct character bigrams of a title (whitespace dropped, Latin letters lower-cased), sorted.</summary>
    public static int[] Bigrams(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return [];
        }

        var chars = new List<char>(title.Length);
        foreach (var c in title)
        {
            if (!char.IsWhiteSpace(c))
            {
                chars.Add(char.ToLowerInvariant(c));
            }
        }

        if (chars.Count < 2)
        {
            return [];
        }

        var grams = new int[chars.Count - 1];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = (chars[i] << 16) | chars[i + 1];
        }

        Array.Sort(grams);
        var n = 1;
        for (var i = 1; i < grams.Length; i++)
        {
            if (grams[i] != grams[n - 1])
            {
                grams[n++] = grams[i];
            }
        }

        return grams[..n];
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
