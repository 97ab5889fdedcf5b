namespace Clearwind.Appeals;

/// <summary>
/// Orders strings by Unicode code point, which is the byte order of their UTF-8 form and so the order of
/// <c>LC_ALL=C sort</c>: what an auditor's tools produce. Plain ordinal order differs only where a surrogate pair
/// (a code point above U+FFFF) meets a character in U+E000–U+FFFF.
/// </summary>
internal static class CodePointOrder
{
    public static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var common = Math.Min(a.Length, b.Length);
        for (var i = 0; i < common; i++)
        {
            if (a[i] != b[i])
            {
                return Lift(a[i]).CompareTo(Lift(b[i]));
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    // Moves surrogates (D800–DFFF) above E000–FFFF, keeping everything else in place relative to each other.
    private static int Lift(char c) => c switch
    {
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };
}
