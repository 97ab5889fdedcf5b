using System.Runtime.CompilerServices;

namespace Clearwind.FakeReviews;

/// <summary>
/// The MinHash signature of a set of shingles: for each of <see cref="Length"/> hash functions, the smallest hash over the
/// set. Two sets agree at any one position with probability equal to their Jaccard similarity.
/// </summary>
[InlineArray(Length)]
internal struct MinHashSignature
{
    /// <summary>Hash functions in a signature.</summary>
    public const int Length = 32;

    private static readonly ulong[] Multipliers = MakeMultipliers();

    private uint _element;

    /// <summary>The signature of <paramref name="shingles"/> (distinct shingle codes, at least one).</summary>
    public static MinHashSignature Of(ReadOnlySpan<uint> shingles)
    {
        var signature = default(MinHashSignature);
        Span<uint> mins = signature;
        mins.Fill(uint.MaxValue);
        var multipliers = Multipliers;
        foreach (var shingle in shingles)
        {
            var x = Mix(shingle);
            for (var i = 0; i < Length; i++)
            {
                // Multiply-shift hashing over a mixed 64-bit key: a different odd multiplier per function.
                var h = (uint)((x * multipliers[i]) >> 32);
                if (h < mins[i])
                {
                    mins[i] = h;
                }
            }
        }

        return signature;
    }

    private static ulong Mix(uint value)
    {
        // SplitMix64's finaliser: spreads the two characters' bits over the whole word.
        var z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] MakeMultipliers()
    {
        // Fixed, so signatures are the same in every run and on every machine.
        var multipliers = new ulong[Length];
        var state = 0x5EED_C1EA_2B1D_0001UL;
        for (var i = 0; i < Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            multipliers[i] = Mix((uint)state ^ (uint)(state >> 32)) | 1UL;
        }

        return multipliers;
    }
}
