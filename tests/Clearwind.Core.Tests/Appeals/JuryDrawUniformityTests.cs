using Clearwind.Appeals;

namespace Clearwind.Core.Tests.Appeals;

public sealed class JuryDrawUniformityTests
{
    private const int Candidates = 40;
    private const int Size = 13;
    private const int Draws = 4000;

    // Chi-square critical value for 39 degrees of freedom at p = 0.001. The seeds are fixed, so the statistic is a
    // fixed number: the test cannot flake, and a biased ranking (e.g. one favouring early or low ids) would blow it.
    private const double ChiSquare39At999 = 72.05;

    private static readonly CaseParties NoParties = new();

    [Fact]
    public void Draw_OverManySeeds_DrawsEveryEligibleJurorAboutSizeOverEligibleOfTheTime()
    {
        var pool = Enumerable.Range(0, Candidates).Select(i => new JurorProfile($"juror-{i:D3}")).ToList();
        var seated = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var profile in pool)
        {
            seated[profile.AccountId] = 0;
            first[profile.AccountId] = 0;
        }

        for (var d = 0; d < Draws; d++)
        {
            var jury = JuryDraw.Draw(pool, NoParties, Size, $"uniformity-seed-{d:D6}").Jurors;
            foreach (var id in jury)
            {
                seated[id]++;
            }

            first[jury[0]]++;
        }

        var expectedSeats = (double)Draws * Size / Candidates;  // 1300
        var expectedFirst = (double)Draws / Candidates;         // 100
        Assert.InRange(ChiSquare(seated.Values, expectedSeats), 0, ChiSquare39At999);
        Assert.InRange(ChiSquare(first.Values, expectedFirst), 0, ChiSquare39At999);
        // And no single juror far off: ±15 % of 1300 is about 7 standard deviations of a fair draw.
        Assert.All(seated.Values, n => Assert.InRange(n, expectedSeats * 0.85, expectedSeats * 1.15));
    }

    [Fact]
    public void Draw_ExcludedCandidates_AreNeverDrawnAndTheRestStayUniform()
    {
        // Half the pool competes with the party in its category; the draw must spread over the other half only.
        var parties = new CaseParties { Categories = new HashSet<string> { "cat-1" } };
        var pool = Enumerable.Range(0, 2 * Candidates)
            .Select(i => i % 2 == 0
                ? new JurorProfile($"juror-{i:D3}")
                : new JurorProfile($"juror-{i:D3}") { Shops = new HashSet<string> { $"shop-{i}" }, Categories = new HashSet<string> { "cat-1" } })
            .ToList();
        var seated = pool.Where((_, i) => i % 2 == 0).ToDictionary(p => p.AccountId, _ => 0, StringComparer.Ordinal);

        for (var d = 0; d < Draws; d++)
        {
            foreach (var id in JuryDraw.Draw(pool, parties, Size, $"uniformity-excl-seed-{d:D6}").Jurors)
            {
                seated[id]++; // throws KeyNotFoundException for a competitor
            }
        }

        Assert.InRange(ChiSquare(seated.Values, (double)Draws * Size / Candidates), 0, ChiSquare39At999);
    }

    private static double ChiSquare(IEnumerable<int> observed, double expected)
        => observed.Sum(o => (o - expected) * (o - expected) / expected);
}
