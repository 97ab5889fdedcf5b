namespace Clearwind.Simulation;

/// <summary>Distributions on top of a seeded <see cref="Random"/>.</summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Inclusive of both ends.</summary>
    public static int Between(this Random random, int min, int max) => random.Next(min, max + 1);

    /// <summary>A uniform time span in [min, max).</summary>
    public static long NextTicks(this Random random, TimeSpan min, TimeSpan max)
        => min.Ticks + (long)(random.NextDouble() * (max.Ticks - min.Ticks));

    /// <summary>Standard normal (Box–Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal around <paramref name="median"/>; <paramref name="sigma"/> is the spread of its logarithm.</summary>
    public static double NextLogNormal(this Random random, double median, double sigma)
        => median * Math.Exp(sigma * random.NextGaussian());

    /// <summary>Geometric count ≥ 1 with the given mean.</summary>
    public static int NextGeometric(this Random random, double mean)
    {
        var p = 1.0 / mean;
        var n = 1;
        while (n < 64 && !random.Chance(p))
        {
            n++;
        }

        return n;
    }

    /// <summary>Sixteen lower-case hex digits (a 64-bit perceptual image hash, a device fingerprint).</summary>
    public static string NextHex16(this Random random)
    {
        var value = ((ulong)random.NextInt64() << 1) ^ (ulong)random.Next(2);
        return string.Create(16, value, static (span, v) =>
        {
            for (var i = span.Length - 1; i >= 0; i--)
            {
                span[i] = "0123456789abcdef"[(int)(v & 0xF)];
                v >>= 4;
            }
        });
    }

    /// <summary>A string of decimal digits.</summary>
    public static string NextDigits(this Random random, int count)
    {
        return string.Create(count, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + r.Next(10));
            }
        });
    }
}
