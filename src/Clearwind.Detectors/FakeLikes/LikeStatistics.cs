namespace Clearwind.FakeLikes;

/// <summary>Small statistics the fake-like detectors share: the Poisson upper tail and a robust spread of gaps.</summary>
internal static class LikeStatistics
{
    /// <summary>
    /// P(X ≥ <paramref name="k"/>) for X ~ Poisson(<paramref name="mean"/>), computed in log space so that tails as small
    /// as 1e-300 do not underflow to zero before they are compared.
    /// </summary>
    public static double PoissonUpperTail(int k, double mean)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (mean <= 0)
        {
            return 0;
        }

        if (k <= mean)
        {
            // The bulk: 1 − P(X ≤ k − 1), summed directly.
            double term = Math.Exp(-mean), sum = term;
            for (var i = 1; i < k; i++)
            {
                term *= mean / i;
                sum += term;
            }

            return Math.Max(0, 1 - sum);
        }

        // The tail: P(X = k) × (1 + mean/(k+1) + mean²/((k+1)(k+2)) + …), starting from log P(X = k).
        var log = (k * Math.Log(mean)) - mean - LogFactorial(k);
        double ratio = 1, series = 1;
        for (var i = k + 1; i < k + 1000; i++)
        {
            ratio *= mean / i;
            series += ratio;
            if (ratio < 1e-16 * series)
            {
                break;
            }
        }

        return Math.Min(1, Math.Exp(log + Math.Log(series)));
    }

    /// <summary>−log10 of a probability, capped at 300 so that a zero reads as "beyond anything measured".</summary>
    public static double Surprise(double p) => p <= 1e-300 ? 300 : -Math.Log10(p);

    /// <summary>
    /// How irregular the gaps between sorted times are: the median absolute deviation of the gaps over their median.
    /// A script's steady pace gives about 0.05–0.15; independent people (a Poisson stream) about 0.7. Robust to the
    /// odd pause a script takes while it reconnects. Returns null with fewer than three gaps.
    /// </summary>
    public static double? GapSpread(IReadOnlyList<long> sortedTicks)
    {
        var ticks = new long[sortedTicks.Count];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = sortedTicks[i];
        }

        return GapSpread(ticks, new double[Math.Max(0, ticks.Length - 1)]);
    }

    /// <summary>The same, working in <paramref name="scratch"/> (at least one shorter than the ticks), so a caller judging often allocates nothing.</summary>
    public static double? GapSpread(ReadOnlySpan<long> sortedTicks, Span<double> scratch)
    {
        if (sortedTicks.Length < 4)
        {
            return null;
        }

        var gaps = scratch[..(sortedTicks.Length - 1)];
        for (var i = 1; i < sortedTicks.Length; i++)
        {
            gaps[i - 1] = sortedTicks[i] - sortedTicks[i - 1];
        }

        var median = Median(gaps);
        if (median <= 0)
        {
            return 0;
        }

        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = Math.Abs(gaps[i] - median);
        }

        return Median(gaps) / median;
    }

    /// <summary>Effective number of sources, <c>exp(H)</c> of the Shannon entropy of the counts.</summary>
    public static double EffectiveSources(IEnumerable<int> counts)
    {
        double total = 0, sumLog = 0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                total += c;
                sumLog += c * Math.Log(c);
            }
        }

        if (total <= 0)
        {
            return 0;
        }

        var entropy = Math.Log(total) - (sumLog / total);
        return Math.Exp(entropy);
    }

    public static double Median(double[] values) => Median(values.AsSpan());

    /// <summary>The median of <paramref name="values"/>, which it reorders in place (0 when empty).</summary>
    public static double Median(Span<double> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return 0;
        }

        // Selection instead of a sort: linear on average, and judges call this on windows of hundreds of gaps.
        var upper = Select(values, n / 2);
        if (n % 2 == 1)
        {
            return upper;
        }

        // Everything left of n/2 is ≤ the upper middle now, so the lower middle is the largest of them.
        var lower = values[0];
        for (var i = 1; i < n / 2; i++)
        {
            lower = Math.Max(lower, values[i]);
        }

        return (lower + upper) / 2;
    }

    /// <summary>
    /// Puts the <paramref name="k"/>-th smallest value (0-based) at index <paramref name="k"/>, smaller-or-equal ones before
    /// it and larger-or-equal ones after (Hoare's selection with a middle pivot), and returns it.
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + ((right - left) / 2)];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break; // j < k < i: values[k] equals the pivot and sits in place
            }
        }

        return values[k];
    }

    private static double LogFactorial(int n)
    {
        if (n < 2)
        {
            return 0;
        }

        if (n < 64)
        {
            double sum = 0;
            for (var i = 2; i <= n; i++)
            {
                sum += Math.Log(i);
            }

            return sum;
        }

        // Stirling's series: exact to double precision from n = 64 on.
        double x = n;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
    }
}
