using Clearwind.Listings;
using Clearwind.Listings.Corpus;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class TitleNearDuplicatesTests
{
    /// <summary>Every pair with Dice ≥ t, by comparing every pair with <see cref="TitleText.Dice"/>.</summary>
    private static HashSet<(int, int)> BruteForce(IReadOnlyList<int[]> signatures, double threshold)
    {
        var pairs = new HashSet<(int, int)>();
        for (var a = 0; a < signatures.Count; a++)
        {
            for (var b = a + 1; b < signatures.Count; b++)
            {
                if (TitleText.Dice(signatures[a], signatures[b]) >= threshold)
                {
                    pairs.Add((a, b));
                }
            }
        }

        return pairs;
    }

    private static HashSet<(int, int)> Found(TitleNearDuplicateResult result) => [.. result.Pairs.Select(p => (p.First, p.Second))];

    [Theory]
    [InlineData(1, TitleNearDuplicates.DefaultShared)]
    [InlineData(2, TitleNearDuplicates.DefaultShared)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    public void Find_GeneratedTitlesWithPlantedCopies_ReturnsExactlyTheBruteForcePairs(int seed, int shared)
    {
        var corpus = TitleCorpus.Generate(3_000, copyShare: 0.1, seed);
        var signatures = corpus.Titles.Select(TitleText.Bigrams).ToArray();

        var result = TitleNearDuplicates.Find(signatures, shared: shared);
        var expected = BruteForce(signatures, 0.70);

        // Recall 1.0 and nothing below the threshold: the same set of pairs as comparing everything.
        Assert.Equal(expected.Count, result.Pairs.Length);
        Assert.True(expected.SetEquals(Found(result)));
        Assert.All(result.Pairs, p =>
        {
            Assert.True(p.First < p.Second);
            Assert.Equal(TitleText.Dice(signatures[p.First], signatures[p.Second]), p.Similarity);
            Assert.True(p.Similarity >= 0.70);
        });

        // The planted copies span the threshold: enough above it to matter, some below it, and those below are not returned.
        var plantedAbove = corpus.Planted.Where(p => TitleText.Dice(signatures[p.Original], signatures[p.Copy]) >= 0.70).ToList();
        var plantedBelow = corpus.Planted.Where(p => TitleText.Dice(signatures[p.Original], signatures[p.Copy]) < 0.70).ToList();
        Assert.True(plantedAbove.Count >= 150, $"{plantedAbove.Count} planted copies at ≥ 0.70");
        Assert.True(plantedBelow.Count >= 20, $"{plantedBelow.Count} planted copies below 0.70");
        var found = Found(result);
        Assert.All(plantedAbove, p => Assert.Contains((Math.Min(p.Original, p.Copy), Math.Max(p.Original, p.Copy)), found));
        Assert.All(plantedBelow, p => Assert.DoesNotContain((Math.Min(p.Original, p.Copy), Math.Max(p.Original, p.Copy)), found));

        // The filters do their work: far fewer exact checks than pairs.
        Assert.True(result.Candidates < 3_000L * 2_999 / 2 / 50, $"{result.Candidates} candidates checked");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.6)]
    [InlineData(0.8)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Find_OtherThresholds_ReturnsExactlyTheBruteForcePairs(double threshold)
    {
        var corpus = TitleCorpus.Generate(2_000, copyShare: 0.1, seed: 7);
        var signatures = corpus.Titles.Select(TitleText.Bigrams).ToArray();

        var result = TitleNearDuplicates.Find(signatures, threshold);

        var expected = BruteForce(signatures, threshold);
        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(Found(result)));
        Assert.Equal(expected.Count, result.Pairs.Length);
    }

    [Fact]
    public void Find_OneThreadOrAll_SamePairsInTheSameOrder()
    {
        var signatures = TitleCorpus.Generate(5_000, copyShare: 0.05, seed: 11).Titles.Select(TitleText.Bigrams).ToArray();

        var one = TitleNearDuplicates.Find(signatures, maxDegreeOfParallelism: 1);
        var all = TitleNearDuplicates.Find(signatures, maxDegreeOfParallelism: -1);

        Assert.NotEmpty(one.Pairs);
        Assert.Equal(one.Pairs, all.Pairs);
        Assert.Equal(one.Candidates, all.Candidates);
    }

    [Fact]
    public void Find_PairsAtTheBounds_IncludedExactlyAtTheThreshold()
    {
        int[] Range(int from, int count) => [.. Enumerable.Range(from, count)];
        int[] Both(int[] a, int[] b) => [.. a, .. b];
        var signatures = new List<int[]>
        {
            Range(0, 10), // 0
            Both(Range(0, 7), Range(100, 3)), // 1: 7 of 10 shared with 0 → Dice 0.70 exactly
            Both(Range(0, 6), Range(200, 4)), // 2: 6 of 10 shared with 0 → 0.60; with 1: 6 → 0.60
            Range(1_000, 7), // 3: inside 4 → 2·7 ÷ 20 = 0.70 exactly (the length filter's edge: 7 = 0.7·13 ÷ 1.3)
            Range(1_000, 13), // 4
            Range(2_000, 6), // 5: inside 6 → 2·6 ÷ 19 ≈ 0.63
            Range(2_000, 13), // 6
            Array.Empty<int>(), // 7: an empty signature matches nothing, not even another empty one
            Array.Empty<int>(),
            Range(3_000, 1), // 9 and 10: one bigram each, the same → 1.0
            Range(3_000, 1),
            Range(4_000, 40), // 11 and 12: 28 of 40 shared → 0.70 exactly at the long end
            Both(Range(4_000, 28), Range(5_000, 12)),
            Both(Range(4_000, 27), Range(6_000, 13)), // 13: 27 of 40 with 11 → 0.675; with 12: 27 → 0.675
        };

        var result = TitleNearDuplicates.Find(signatures);

        var expected = new HashSet<(int, int)> { (0, 1), (3, 4), (9, 10), (11, 12) };
        Assert.True(expected.SetEquals(Found(result)), string.Join(" ", result.Pairs));
        Assert.True(BruteForce(signatures, 0.70).SetEquals(expected));
    }

    [Theory]
    [InlineData(0.55, 3, 1)]
    [InlineData(0.55, 3, 3)]
    [InlineData(0.70, 4, 1)]
    [InlineData(0.70, 4, 3)]
    [InlineData(0.70, 6, 5)]
    [InlineData(0.85, 5, 2)]
    [InlineData(0.85, 5, 3)]
    public void Find_DenseRandomSetsOfManyLengths_ReturnsExactlyTheBruteForcePairs(double threshold, int seed, int shared)
    {
        // A small universe of bigrams, so sets overlap a lot, and lengths from 1 to 60: every filter is exercised.
        var random = new Random(seed);
        var signatures = new List<int[]>();
        for (var i = 0; i < 1_500; i++)
        {
            if (i > 0 && random.NextDouble() < 0.3)
            {
                var source = signatures[random.Next(i)];
                var copy = source.Where(_ => random.NextDouble() < 0.85).Concat(Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(120))).Distinct().Order().ToArray();
                signatures.Add(copy);
            }
            else
            {
                signatures.Add([.. Enumerable.Range(0, 1 + random.Next(60)).Select(_ => random.Next(120)).Distinct().Order()]);
            }
        }

        var result = TitleNearDuplicates.Find(signatures, threshold, shared: shared);

        var expected = BruteForce(signatures, threshold);
        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(Found(result)));
        Assert.Equal(expected.Count, result.Pairs.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Find_PairsAtTheBoundsWithLongerPrefixes_StillExact(int shared)
    {
        // Short sets, where ℓ exceeds the overlap needed: the rule falls back to sharing every needed bigram.
        var signatures = new List<int[]> { new[] { 1 }, new[] { 1 }, new[] { 1, 2 }, new[] { 1, 2, 3 }, new[] { 2, 3 }, new[] { 5, 6, 7, 8 }, new[] { 5, 6, 7, 9 } };

        var result = TitleNearDuplicates.Find(signatures, shared: shared);

        Assert.True(BruteForce(signatures, 0.70).SetEquals(Found(result)));
        // {0,1} 1.0, {2,3} 0.8, {3,4} 0.8, {5,6} 0.75; not {0,2} or {1,2} (2·1 ÷ 3 ≈ 0.67), {2,4} 0.5, {0,3} 0.5.
        Assert.Equal(new HashSet<(int, int)> { (0, 1), (2, 3), (3, 4), (5, 6) }, Found(result));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Find_ThresholdOutsideZeroToOne_Throws(double threshold)
        => Assert.Throws<ArgumentOutOfRangeException>(() => TitleNearDuplicates.Find([[1, 2]], threshold));
}
