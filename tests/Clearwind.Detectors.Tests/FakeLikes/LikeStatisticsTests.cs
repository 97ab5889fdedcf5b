using Clearwind.FakeLikes;

namespace Clearwind.Detectors.Tests.FakeLikes;

public sealed class LikeStatisticsTests
{
    [Theory]
    [InlineData(new double[] { 5 }, 5)]
    [InlineData(new double[] { 4, 1 }, 2.5)]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 7, 7, 7, 7 }, 7)]
    [InlineData(new double[] { 10, 0, 10, 0 }, 5)]
    [InlineData(new double[] { 60, 61, 59, 600, 60, 60 }, 60)]
    public void Median_SmallCases(double[] values, double expected)
        => Assert.Equal(expected, LikeStatistics.Median(values));

    [Fact]
    public void Median_Empty_IsZero() => Assert.Equal(0, LikeStatistics.Median(Array.Empty<double>()));

    [Fact]
    public void Median_ManyRandomWindows_EqualsTheMiddleOfASortedCopy()
    {
        // Gaps between likes: many repeats (script-like pacing) and long tails, odd and even lengths.
        var random = new Random(7);
        for (var round = 0; round < 2_000; round++)
        {
            var values = new double[random.Next(1, 400)];
            var spread = random.Next(1, 50);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.Next(4) == 0 ? random.Next(0, 100_000) : 60 + random.Next(spread);
            }

            var sorted = values.Order().ToArray();
            var n = sorted.Length;
            var expected = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;

            Assert.Equal(expected, LikeStatistics.Median(values));
            Assert.Equal(sorted, values.Order()); // reordered, nothing lost
        }
    }
}
