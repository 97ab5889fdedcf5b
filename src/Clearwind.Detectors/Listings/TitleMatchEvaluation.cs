using System.Globalization;

namespace Clearwind.Listings;

/// <summary>A labelled pair of product titles from an entity-matching benchmark.</summary>
/// <param name="Left">The first record's title.</param>
/// <param name="Right">The second record's title.</param>
/// <param name="Same">Whether the two records are the same product.</param>
public sealed record TitlePair(string Left, string Right, bool Same);

/// <summary>Precision, recall and F1 of a decision rule on labelled pairs.</summary>
/// <param name="Pairs">Pairs judged.</param>
/// <param name="TruePositives">Same-product pairs scored at or above the threshold.</param>
/// <param name="FalsePositives">Different-product pairs scored at or above the threshold.</param>
/// <param name="FalseNegatives">Same-product pairs scored below the threshold.</param>
public readonly record struct MatchQuality(int Pairs, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>TP ÷ (TP + FP); 0 when nothing is flagged.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP ÷ (TP + FN); 0 when there is no same-product pair.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>The outcome of <see cref="TitleMatchEvaluation.Run(string)"/>.</summary>
/// <param name="Weights">Logistic weights fitted on train + valid.</param>
/// <param name="Threshold">Score threshold that maximises F1 on train + valid.</param>
/// <param name="Tuning">Quality on train + valid at that threshold.</param>
/// <param name="Test">Quality on test at that threshold (the reported figure).</param>
public sealed record TitleMatchReport(TitleMatchWeights Weights, double Threshold, MatchQuality Tuning, MatchQuality Test);

/// <summary>
/// Scores <see cref="TitleMatcher"/> on an entity-matching benchmark in Ditto's serialised form
/// (<c>COL name VAL … COL description VAL …\tCOL name VAL …\tlabel</c>, files <c>train.txt</c>, <c>valid.txt</c>,
/// <c>test.txt</c>): only the <c>name</c> attributes are used, since the matcher compares titles. Rarity weights are
/// learned from the distinct train and valid titles, the logistic weights fitted and the threshold chosen on train +
/// valid; test is scored once with those choices frozen.
/// </summary>
public static class TitleMatchEvaluation
{
    /// <summary>Reads one Ditto-format file.</summary>
    public static IReadOnlyList<TitlePair> Load(string path)
    {
        var pairs = new List<TitlePair>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[^1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var label))
            {
                continue;
            }

            pairs.Add(new TitlePair(Attribute(parts[0], "name"), Attribute(parts[1], "name"), label == 1));
        }

        return pairs;
    }

    /// <summary>The value of one <c>COL attr VAL value</c> attribute of a serialised record ("" when absent).</summary>
    public static string Attribute(string record, string name)
    {
        ArgumentNullException.ThrowIfNull(record);
        var marker = "COL " + name + " VAL";
        var start = record.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += marker.Length;
        var end = record.IndexOf("COL ", start, StringComparison.Ordinal);
        return (end < 0 ? record[start..] : record[start..end]).Trim();
    }

    /// <summary>Runs the protocol on <paramref name="directory"/> (train.txt, valid.txt, test.txt).</summary>
    public static TitleMatchReport Run(string directory)
    {
        var tuning = Load(Path.Combine(directory, "train.txt")).Concat(Load(Path.Combine(directory, "valid.txt"))).ToList();
        var test = Load(Path.Combine(directory, "test.txt"));
        return Run(tuning, test);
    }

    /// <summary>Runs the protocol on given tuning (train + valid) and test pairs.</summary>
    public static TitleMatchReport Run(IReadOnlyList<TitlePair> tuning, IReadOnlyList<TitlePair> test)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        ArgumentNullException.ThrowIfNull(test);
        var matcher = new TitleMatcher();
        var signatures = new Dictionary<string, TitleSignature>(StringComparer.Ordinal);
        TitleSignature Sign(string title) => signatures.TryGetValue(title, out var s) ? s : signatures[title] = TitleMatcher.Sign(title);
        foreach (var pair in tuning)
        {
            foreach (var title in new[] { pair.Left, pair.Right })
            {
                if (!signatures.ContainsKey(title))
                {
                    matcher.Learn(Sign(title));
                }
            }
        }

        var features = tuning.Select(p => matcher.Compare(Sign(p.Left), Sign(p.Right)).Features()).ToList();
        var labels = tuning.Select(p => p.Same).ToList();
        matcher.Weights = Fit(features, labels);
        var tuningScores = tuning.Select(p => matcher.Compare(Sign(p.Left), Sign(p.Right)).Score).ToList();
        var threshold = BestThreshold(tuningScores, labels);
        var testScores = test.Select(p => matcher.Compare(Sign(p.Left), Sign(p.Right)).Score).ToList();
        return new TitleMatchReport(matcher.Weights, threshold, Quality(tuningScores, labels, threshold), Quality(testScores, [.. test.Select(p => p.Same)], threshold));
    }

    /// <summary>Logistic regression by full-batch gradient descent (deterministic; light L2 on the weights, not the bias).</summary>
    public static TitleMatchWeights Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels, int iterations = 2000, double rate = 2.0, double l2 = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var n = features[0].Length;
        var w = new double[n + 1];
        var g = new double[n + 1];
        for (var it = 0; it < iterations; it++)
        {
            Array.Clear(g);
            for (var k = 0; k < features.Count; k++)
            {
                var x = features[k];
                var z = w[n];
                for (var i = 0; i < n; i++)
                {
                    z += w[i] * x[i];
                }

                var e = (1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)))) - (labels[k] ? 1 : 0);
                for (var i = 0; i < n; i++)
                {
                    g[i] += e * x[i];
                }

                g[n] += e;
            }

            for (var i = 0; i <= n; i++)
            {
                w[i] -= rate * ((g[i] / features.Count) + (i < n ? l2 * w[i] : 0));
            }
        }

        return TitleMatchWeights.FromArray(w);
    }

    /// <summary>The score threshold (one of the scores) with the highest F1; the highest such on ties.</summary>
    public static double BestThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToList();
        var positives = labels.Count(l => l);
        int tp = 0, fp = 0;
        double best = -1, threshold = 1;
        for (var k = 0; k < order.Count; k++)
        {
            if (labels[order[k]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (k + 1 < order.Count && scores[order[k + 1]] == scores[order[k]])
            {
                continue; // a threshold takes every pair of equal score
            }

            var f1 = 2.0 * tp / (tp + fp + positives);
            if (f1 > best)
            {
                best = f1;
                threshold = scores[order[k]];
            }
        }

        return threshold;
    }

    /// <summary>Quality of "same when score ≥ threshold".</summary>
    public static MatchQuality Quality(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] >= threshold;
            if (flagged && labels[i])
            {
                tp++;
            }
            else if (flagged)
            {
                fp++;
            }
            else if (labels[i])
            {
                fn++;
            }
        }

        return new MatchQuality(scores.Count, tp, fp, fn);
    }
}
