namespace Clearwind.Listings;

/// <summary>What two titles' model codes say about whether they name the same product.</summary>
public enum CodeAgreement
{
    /// <summary>At most one title names a model code: the codes say nothing.</summary>
    None,

    /// <summary>Both titles name model codes and none agree (KD-55X80K / KD-65X80K): strong evidence of two products.</summary>
    Conflict,

    /// <summary>
    /// A code of one title is a prefix of a code of the other, or they share a run of four or more digits
    /// (DSC-W150 / dscw150b, TV24746 / 24746): the same model, perhaps another colour or pack.
    /// </summary>
    Related,

    /// <summary>The same code in both titles, hyphens, slashes and spaces aside (LMVM2085WH / lmvm-2085 wh).</summary>
    Exact,
}

/// <summary>
/// A title reduced for matching: its character bigrams (whitespace dropped, the measure of the 1688 "70% alike"
/// rule), computed when the signature is made; and, computed on first use (only pairs that need them pay), character
/// trigrams of its letters and digits only (for the weighted similarity) and its Latin-and-digit tokens
/// (<c>dsc-w150</c> → <c>dscw150</c>; Chinese characters end a token, so <c>适用Note12手机壳</c> yields <c>note12</c>).
/// A token of four or more characters with a digit, and a letter unless it has five digits or more, is a model code,
/// unless it is a measure (digits then letters: 1080p, 64gb, 500ml).
/// </summary>
public sealed class TitleSignature
{
    private readonly string _title;
    private Parts? _parts;

    internal TitleSignature(string title, int[] bigrams)
    {
        _title = title;
        BigramArray = bigrams;
    }

    /// <summary>Distinct character bigrams, sorted (see <see cref="TitleText.Bigrams"/>).</summary>
    public IReadOnlyList<int> Bigrams => BigramArray;

    /// <summary>Tokens (lower-case Latin letters and digits, inner <c>- / .</c> removed), in title order.</summary>
    public IReadOnlyList<string> Tokens => Details.Tokens;

    /// <summary>The distinct tokens that are model codes.</summary>
    public IReadOnlyList<string> Codes => Details.Codes;

    internal int[] BigramArray { get; }

    internal int[] Trigrams => Details.Trigrams;

    internal string[] TokenArray => Details.Tokens;

    internal string[] CodeArray => Details.Codes;

    /// <summary>Colours the title names, one bit each (black/黑色, white/白色, …; see <see cref="TitleMatcher"/>).</summary>
    internal int Colours => Details.Colours;

    // Idempotent: two threads racing compute equal parts, either may win.
    private Parts Details => _parts ??= TitleMatcher.Parse(_title);

    internal sealed record Parts(int[] Trigrams, string[] Tokens, string[] Codes, int Colours);
}

/// <summary>The comparison of two titles: the separate pieces of evidence and their combined score.</summary>
/// <param name="Dice">Dice of the character bigram sets (the 1688 rule's "alike").</param>
/// <param name="WeightedCosine">Cosine of the trigram sets, each trigram weighted by its inverse document frequency.</param>
/// <param name="Codes">What the model codes say.</param>
/// <param name="TokenCosine">Cosine of the Latin-and-digit token sets, each token weighted by its rarity (0 for Chinese-only titles).</param>
/// <param name="RareToken">The rarest token (4+ characters) one title shares with the other, as IDF ÷ its maximum (0–1); 0 when none.</param>
/// <param name="ColourConflict">Both titles name colours and none in common (black / silver): another variant.</param>
/// <param name="Score">Probability-like combination (logistic) of the above with <see cref="TitleMatcher.Weights"/>.</param>
public readonly record struct TitleMatch(double Dice, double WeightedCosine, CodeAgreement Codes, double TokenCosine, double RareToken, bool ColourConflict, double Score)
{
    /// <summary>The features the logistic score weighs, in <see cref="TitleMatchWeights.ToArray"/> order (bias excluded).</summary>
    public double[] Features() =>
    [
        WeightedCosine, TokenCosine, Codes == CodeAgreement.Exact ? 1 : 0, Codes == CodeAgreement.Related ? 1 : 0,
        Codes == CodeAgreement.Conflict ? 1 : 0, RareToken, ColourConflict ? 1 : 0,
    ];
}

/// <summary>Logistic weights of the title score: <c>σ(bias + Σ wᵢ·featureᵢ)</c>.</summary>
/// <param name="Bias">Intercept.</param>
/// <param name="Cosine">Weight of <see cref="TitleMatch.WeightedCosine"/>.</param>
/// <param name="TokenCosine">Weight of <see cref="TitleMatch.TokenCosine"/>.</param>
/// <param name="Exact">Weight of an exact shared model code.</param>
/// <param name="Related">Weight of a related model code (prefix, shared digit run).</param>
/// <param name="Conflict">Weight of conflicting model codes (negative).</param>
/// <param name="Rare">Weight of <see cref="TitleMatch.RareToken"/>.</param>
/// <param name="Colour">Weight of <see cref="TitleMatch.ColourConflict"/> (negative).</param>
public sealed record TitleMatchWeights(double Bias, double Cosine, double TokenCosine, double Exact, double Related, double Conflict, double Rare, double Colour)
{
    /// <summary>
    /// Fitted (logistic regression) on the Abt-Buy product-matching benchmark's train and valid pairs; see
    /// docs/patterns.md and <c>clearwind match-eval</c>. A shared code counts for much, a conflicting code against.
    /// </summary>
    public static TitleMatchWeights Default { get; } = new(-4.816, 2.027, 2.176, 2.664, 1.071, -2.4, 2.465, -1.145);

    /// <summary>
    /// Score at or above which two titles name the same product with <see cref="Default"/> weights: the threshold with
    /// the best F1 on Abt-Buy train + valid (test F1 0.889).
    /// </summary>
    public const double DefaultThreshold = 0.2825;

    /// <summary>The weights as an array, bias last, in <see cref="TitleMatch.Features"/> order.</summary>
    public double[] ToArray() => [Cosine, TokenCosine, Exact, Related, Conflict, Rare, Colour, Bias];

    /// <summary>Weights from an array laid out as <see cref="ToArray"/>.</summary>
    public static TitleMatchWeights FromArray(IReadOnlyList<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new(w[7], w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
    }
}

/// <summary>
/// Matches product titles, Chinese (no spaces) or English: character n-gram similarity, weighted by how rare each
/// n-gram is in the titles this matcher has learned (<see cref="Learn"/>: a marketplace's own listings), plus
/// model-code agreement. Signatures are cheap (one pass, two small sorts); comparing is a merge of sorted arrays and
/// a few dictionary look-ups. Not thread-safe while learning.
/// </summary>
public sealed class TitleMatcher
{
    private const int MinCodeLength = 4;
    private readonly Dictionary<int, int> _gramFrequency = [];
    private readonly Dictionary<string, int> _tokenFrequency = new(StringComparer.Ordinal);
    private int _documents;

    /// <summary>A matcher with the given weights (<see cref="TitleMatchWeights.Default"/> when null).</summary>
    public TitleMatcher(TitleMatchWeights? weights = null) => Weights = weights ?? TitleMatchWeights.Default;

    /// <summary>The logistic weights of <see cref="TitleMatch.Score"/>.</summary>
    public TitleMatchWeights Weights { get; set; }

    /// <summary>Titles learned so far.</summary>
    public int Documents => _documents;

    /// <summary>The signature of a title (empty for null or blank): its bigrams now, the rest when first needed.</summary>
    public static TitleSignature Sign(string? title)
        => string.IsNullOrEmpty(title) ? Empty : new TitleSignature(title, TitleText.Bigrams(title));

    internal static TitleSignature.Parts Parse(string title)
    {
        if (title.Length == 0)
        {
            return NoParts;
        }

        Span<char> squash = title.Length <= 512 ? stackalloc char[title.Length] : new char[title.Length];
        var n = 0;
        var tokens = new List<string>(8);
        Span<char> token = stackalloc char[64];
        var t = 0;
        for (var i = 0; i < title.Length; i++)
        {
            var c = char.ToLowerInvariant(title[i]);
            if (char.IsLetterOrDigit(c))
            {
                squash[n++] = c;
            }

            if (IsAsciiAlnum(c))
            {
                if (t < token.Length)
                {
                    token[t++] = c;
                }
            }
            else if (c is '-' or '/' or '.' && t > 0 && i + 1 < title.Length && IsAsciiAlnum(char.ToLowerInvariant(title[i + 1])))
            {
                // inside a token: lmvm-2085 is lmvm2085
            }
            else if (t > 0)
            {
                tokens.Add(new string(token[..t]));
                t = 0;
            }
        }

        if (t > 0)
        {
            tokens.Add(new string(token[..t]));
        }

        var codes = new List<string>();
        foreach (var candidate in tokens)
        {
            if (IsCode(candidate) && !codes.Contains(candidate))
            {
                codes.Add(candidate);
            }
        }

        return new TitleSignature.Parts(Trigrams(squash[..n]), [.. tokens], [.. codes], Colours(title, tokens));
    }

    /// <summary>Counts a title's trigrams and tokens towards the rarity weights.</summary>
    public void Learn(TitleSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        _documents++;
        foreach (var g in signature.Trigrams)
        {
            _gramFrequency[g] = _gramFrequency.GetValueOrDefault(g) + 1;
        }

        foreach (var token in signature.TokenArray.Distinct(StringComparer.Ordinal))
        {
            _tokenFrequency[token] = _tokenFrequency.GetValueOrDefault(token) + 1;
        }
    }

    /// <summary>Compares two titles.</summary>
    public TitleMatch Compare(TitleSignature a, TitleSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dice = TitleText.Dice(a.BigramArray, b.BigramArray);
        var cosine = WeightedCosine(a.Trigrams, b.Trigrams);
        var codes = CompareCodes(a, b);
        var rare = RareShared(a, b);
        var tokenCosine = TokenCosine(a.TokenArray, b.TokenArray);
        var colourConflict = a.Colours != 0 && b.Colours != 0 && (a.Colours & b.Colours) == 0;
        var z = Weights.Bias + (Weights.Cosine * cosine) + (Weights.TokenCosine * tokenCosine) + (Weights.Rare * rare)
            + (colourConflict ? Weights.Colour : 0) + codes switch
            {
                CodeAgreement.Exact => Weights.Exact,
                CodeAgreement.Related => Weights.Related,
                CodeAgreement.Conflict => Weights.Conflict,
                _ => 0,
            };
        return new TitleMatch(dice, cosine, codes, tokenCosine, rare, colourConflict, 1 / (1 + Math.Exp(-z)));
    }

    /// <summary>What the two titles' model codes say (no learning involved).</summary>
    public static CodeAgreement CompareCodes(TitleSignature a, TitleSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.CodeArray.Length == 0 && b.CodeArray.Length == 0)
        {
            return CodeAgreement.None;
        }

        // A code may be split by spaces on the other side (coolpix s550, dvp-fx820 / l): join up to 3 tokens.
        var joinedA = JoinedCodes(a.TokenArray);
        var joinedB = JoinedCodes(b.TokenArray);
        if (a.CodeArray.Any(joinedB.Contains) || b.CodeArray.Any(joinedA.Contains))
        {
            return CodeAgreement.Exact;
        }

        if (Prefixed(a.CodeArray, joinedB) || Prefixed(b.CodeArray, joinedA) || SharedDigitRun(a, b, joinedA, joinedB))
        {
            return CodeAgreement.Related;
        }

        return a.CodeArray.Length > 0 && b.CodeArray.Length > 0 ? CodeAgreement.Conflict : CodeAgreement.None;
    }

    private static readonly TitleSignature Empty = new(string.Empty, []);

    private static readonly TitleSignature.Parts NoParts = new([], [], [], 0);

    // A small universal list (colour is a variant, not another product): English words and Chinese X色, one bit per colour.
    private static readonly Dictionary<string, int> EnglishColours = new(StringComparer.Ordinal)
    {
        ["black"] = 1,
        ["white"] = 2,
        ["silver"] = 4,
        ["red"] = 8,
        ["blue"] = 16,
        ["pink"] = 32,
        ["green"] = 64,
        ["gold"] = 128,
        ["grey"] = 256,
        ["gray"] = 256,
        ["brown"] = 512,
        ["purple"] = 1024,
        ["orange"] = 2048,
        ["yellow"] = 4096,
        ["titanium"] = 8192,
        ["bronze"] = 16384,
        ["plum"] = 32768,
    };

    private static readonly Dictionary<char, int> ChineseColours = new()
    {
        ['黑'] = 1,
        ['白'] = 2,
        ['银'] = 4,
        ['红'] = 8,
        ['蓝'] = 16,
        ['粉'] = 32,
        ['绿'] = 64,
        ['金'] = 128,
        ['灰'] = 256,
        ['棕'] = 512,
        ['紫'] = 1024,
        ['橙'] = 2048,
        ['黄'] = 4096,
    };

    private static int Colours(string title, List<string> tokens)
    {
        var bits = 0;
        foreach (var token in tokens)
        {
            bits |= EnglishColours.GetValueOrDefault(token);
        }

        for (var i = title.IndexOf('色', StringComparison.Ordinal); i >= 0; i = title.IndexOf('色', i + 1))
        {
            bits |= i > 0 ? ChineseColours.GetValueOrDefault(title[i - 1]) : 0;
        }

        return bits;
    }

    private double TokenCosine(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var setA = a.ToHashSet(StringComparer.Ordinal);
        var setB = b.ToHashSet(StringComparer.Ordinal);
        double common = 0, na = 0, nb = 0;
        foreach (var t in setA)
        {
            var w = TokenRarity(t);
            na += w * w;
            if (setB.Contains(t))
            {
                common += w * w;
            }
        }

        foreach (var t in setB)
        {
            var w = TokenRarity(t);
            nb += w * w;
        }

        return na <= 0 || nb <= 0 ? 0 : common / Math.Sqrt(na * nb);
    }

    private static bool IsAsciiAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary>Letters and digits with a digit, 4+ long; letter-free only from 5 digits; not a measure like 1080p or 64gb.</summary>
    internal static bool IsCode(string token)
    {
        if (token.Length < MinCodeLength)
        {
            return false;
        }

        int digits = 0, letters = 0, leadingDigits = 0;
        foreach (var c in token)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
                if (letters == 0)
                {
                    leadingDigits++;
                }
            }
            else
            {
                letters++;
            }
        }

        if (digits == 0 || (letters == 0 && digits < 5))
        {
            return false;
        }

        // digits then 1–5 letters (and nothing else): a measure, not a model.
        return !(letters is > 0 and <= 5 && leadingDigits == digits && leadingDigits > 0);
    }

    private static int[] Trigrams(ReadOnlySpan<char> s)
    {
        if (s.Length < 3)
        {
            return [];
        }

        var grams = new int[s.Length - 2];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = Hash(s.Slice(i, 3));
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

        return n == grams.Length ? grams : grams[..n];
    }

    private static int Hash(ReadOnlySpan<char> s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked((h * 65599) + c);
        }

        return h;
    }

    private double Idf(int gram) => Math.Log((_documents + 1.0) / (_gramFrequency.GetValueOrDefault(gram) + 1.0));

    private double WeightedCosine(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        double common = 0, na = 0, nb = 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j >= b.Length || (i < a.Length && a[i] < b[j]))
            {
                var w = Idf(a[i++]);
                na += w * w;
            }
            else if (i >= a.Length || b[j] < a[i])
            {
                var w = Idf(b[j++]);
                nb += w * w;
            }
            else
            {
                var w = Idf(a[i]);
                common += w * w;
                na += w * w;
                nb += w * w;
                i++;
                j++;
            }
        }

        return na <= 0 || nb <= 0 ? 0 : common / Math.Sqrt(na * nb);
    }

    private double RareShared(TitleSignature a, TitleSignature b)
    {
        if (a.TokenArray.Length == 0 || b.TokenArray.Length == 0)
        {
            return 0;
        }

        var joinedA = Joined(a.TokenArray);
        var joinedB = Joined(b.TokenArray);
        var best = 0.0;
        foreach (var (tokens, other) in new[] { (a.TokenArray, joinedB), (b.TokenArray, joinedA) })
        {
            foreach (var token in tokens)
            {
                if (token.Length >= MinCodeLength && other.Contains(token))
                {
                    best = Math.Max(best, TokenRarity(token));
                }
            }
        }

        return best;
    }

    private double TokenRarity(string token)
    {
        var max = Math.Log(_documents + 1.0);
        return max <= 0 ? 1 : Math.Log((_documents + 1.0) / (_tokenFrequency.GetValueOrDefault(token) + 1.0)) / max;
    }

    private static HashSet<string> Joined(string[] tokens)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            var s = tokens[i];
            set.Add(s);
            for (var j = i + 1; j < Math.Min(i + 3, tokens.Length); j++)
            {
                s += tokens[j];
                set.Add(s);
            }
        }

        return set;
    }

    private static HashSet<string> JoinedCodes(string[] tokens)
    {
        var set = Joined(tokens);
        set.RemoveWhere(s => !IsCode(s));
        return set;
    }

    private static bool Prefixed(string[] codes, HashSet<string> other)
    {
        foreach (var code in codes)
        {
            foreach (var x in other)
            {
                var (shortOne, longOne) = code.Length < x.Length ? (code, x) : (x, code);
                if (shortOne.Length >= MinCodeLength && longOne.StartsWith(shortOne, StringComparison.Ordinal) && shortOne.Any(char.IsAsciiDigit))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool SharedDigitRun(TitleSignature a, TitleSignature b, HashSet<string> joinedA, HashSet<string> joinedB)
    {
        var runsA = DigitRuns(a.CodeArray);
        var runsB = DigitRuns(b.CodeArray);
        return (runsA.Count > 0 && runsA.Overlaps(DigitRuns(joinedB))) || (runsB.Count > 0 && runsB.Overlaps(DigitRuns(joinedA)));
    }

    /// <summary>Runs of 4+ digits inside codes (tv24746 → 24746).</summary>
    private static HashSet<string> DigitRuns(IEnumerable<string> codes)
    {
        var runs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var start = -1;
            for (var i = 0; i <= code.Length; i++)
            {
                var digit = i < code.Length && char.IsAsciiDigit(code[i]);
                if (digit && start < 0)
                {
                    start = i;
                }
                else if (!digit && start >= 0)
                {
                    if (i - start >= 4)
                    {
                        runs.Add(code[start..i]);
                    }

                    start = -1;
                }
            }
        }

        return runs;
    }
}
