using Clearwind.Listings;

namespace Clearwind.Detectors.Tests.Listings;

/// <summary>
/// The title matcher on a real entity-matching benchmark: Abt-Buy (../shared/data/entity-matching/Abt-Buy, the
/// Magellan/DeepMatcher benchmark in Ditto's format, Apache-2.0; published test F1: Ditto 89.33, DeepMatcher about 63).
/// Weights and threshold are chosen on train + valid only; test is scored once.
/// </summary>
public sealed class AbtBuyMatchingTests
{
    [Fact]
    public void AbtBuy_ThresholdChosenOnTrainAndValid_ReachesTestF1OfAtLeast085()
    {
        var directory = SharedData("entity-matching", "Abt-Buy");
        var train = TitleMatchEvaluation.Load(Path.Combine(directory, "train.txt"));
        var valid = TitleMatchEvaluation.Load(Path.Combine(directory, "valid.txt"));
        var test = TitleMatchEvaluation.Load(Path.Combine(directory, "test.txt"));
        Assert.Equal((5743, 1916, 1916), (train.Count, valid.Count, test.Count));
        Assert.Equal(206, test.Count(p => p.Same));

        var report = TitleMatchEvaluation.Run([.. train, .. valid], test);

        Assert.True(report.Test.F1 >= 0.85, $"test F1 {report.Test.F1:0.####} (P {report.Test.Precision:0.####}, R {report.Test.Recall:0.####}) at threshold {report.Threshold:0.####}");
    }

    [Fact]
    public void Load_ReadsTheNameAttributeOfEachRecord()
    {
        const string record = "COL name VAL sony learning remote control rmvl600 COL description VAL silver finish COL price VAL 19.99 ";

        Assert.Equal("sony learning remote control rmvl600", TitleMatchEvaluation.Attribute(record, "name"));
        Assert.Equal("19.99", TitleMatchEvaluation.Attribute(record, "price"));
        Assert.Equal(string.Empty, TitleMatchEvaluation.Attribute(record, "brand"));
    }

    [Fact]
    public void BestThreshold_PicksTheF1Maximum()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.5];
        bool[] labels = [true, true, false, true, false];

        // ≥0.9: F1 0.5; ≥0.8: 0.8; ≥0.7: 0.667; ≥0.6: 0.857; ≥0.5: 0.75.
        Assert.Equal(0.6, TitleMatchEvaluation.BestThreshold(scores, labels));
        Assert.Equal(new MatchQuality(5, 3, 1, 0), TitleMatchEvaluation.Quality(scores, labels, 0.6));
    }

    private static string SharedData(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearwind.slnx")))
            {
                return Path.GetFullPath(Path.Combine([dir.FullName, "..", "shared", "data", .. parts]));
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds Clearwind.slnx");
    }
}
