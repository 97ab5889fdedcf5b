using System.Collections.Concurrent;
using System.Diagnostics;
using Clearwind.Appeals;
using Xunit.Abstractions;

namespace Clearwind.Core.Tests.Appeals;

/// <summary>
/// Issue 9 acceptance: 10,000 juries drawn on a generated linked-account graph seat no conflicted juror. Conflicts are
/// judged by an oracle that walks the graph itself (accounts, shops, orders), not by <see cref="JuryDraw.Conflicts"/>.
/// </summary>
public sealed class JuryDrawPropertyTests(ITestOutputHelper output)
{
    private const int Juries = 10_000;
    private const int JurySize = 13;
    private const int CasesCheckedInFull = 300;

    [Fact]
    public void Draw_TenThousandJuriesOnALinkedAccountGraph_SeatNoConflictedJuror()
    {
        var market = LinkedMarket.Generate(new Random(20261203));
        var pool = market.Profiles();
        var failures = new ConcurrentQueue<string>();
        var excludedByReason = new ConcurrentDictionary<JuryConflict, int>();
        var oracleConflicted = 0L;
        var shortJuries = 0;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Juries, i =>
        {
            var rng = new Random(7919 * i + 1);
            var c = market.RandomCase(rng);
            var result = JuryDraw.Draw(pool, market.PartiesOf(c), JurySize, $"property-seed-{i:D6}-clearwind");

            if (result.IsShort)
            {
                Interlocked.Increment(ref shortJuries);
            }

            foreach (var juror in result.Jurors)
            {
                if (market.OracleConflict(market.IndexOf(juror), c) is { } link)
                {
                    failures.Enqueue($"jury {i}: {juror} seated despite {link} (case shop {market.ShopIds[c.Shop]})");
                }
            }

            foreach (var exclusion in result.Excluded)
            {
                excludedByReason.AddOrUpdate(exclusion.Reason, 1, (_, n) => n + 1);
            }

            // For a slice of the cases, the excluded set must be exactly the oracle's: nobody conflicted slips through the
            // eligible pool, and nobody honest is turned away.
            if (i < CasesCheckedInFull)
            {
                var excluded = result.Excluded.Select(e => e.AccountId).ToHashSet(StringComparer.Ordinal);
                foreach (var a in market.Volunteers)
                {
                    var conflicted = market.OracleConflict(a, c) is not null;
                    if (conflicted)
                    {
                        Interlocked.Increment(ref oracleConflicted);
                    }

                    if (conflicted != excluded.Contains(market.AccountIds[a]))
                    {
                        failures.Enqueue($"jury {i}: {market.AccountIds[a]} oracle says conflicted={conflicted}, draw disagrees");
                    }
                }
            }
        });
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine($"{Juries:N0} draws from {pool.Count:N0} candidates ({market.AccountCount:N0} accounts) in {clock.Elapsed.TotalSeconds:F1} s ({cpu.TotalSeconds:F1} s CPU); exclusions: {string.Join(", ", excludedByReason.OrderBy(kv => kv.Key).Select(kv => $"{JuryDraw.ReasonName(kv.Key)} {kv.Value:N0}"))}");

        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
        Assert.Equal(0, shortJuries);
        // The graph must actually produce every kind of link, or the property would hold vacuously.
        Assert.All(Enum.GetValues<JuryConflict>(), reason => Assert.True(excludedByReason.GetValueOrDefault(reason) > 100, $"{reason}: {excludedByReason.GetValueOrDefault(reason)}"));
        Assert.True(oracleConflicted > CasesCheckedInFull * 20, $"the oracle found only {oracleConflicted} conflicts");
    }

    [Fact]
    public void Draw_CompanyNamesWrittenDifferently_AreStillOneCompany()
    {
        // Profiles spell each company in several ways (case, padding); the parties always in upper case. The oracle
        // compares company numbers, so a same-company exclusion between two different spellings is a real one.
        var market = LinkedMarket.Generate(new Random(42));
        var pool = market.Profiles();
        var companyOf = pool.ToDictionary(p => p.AccountId, p => p.Company, StringComparer.Ordinal);
        var differentlySpelled = 0;
        for (var i = 0; i < 500 && differentlySpelled < 20; i++)
        {
            var c = market.RandomCase(new Random(i));
            var parties = market.PartiesOf(c);
            var result = JuryDraw.Draw(pool, parties, JurySize, $"company-seed-{i:D6}-clearwind");
            foreach (var e in result.Excluded.Where(e => e.Reason == JuryConflict.SameCompany))
            {
                Assert.Equal("same company", market.OracleConflict(market.IndexOf(e.AccountId), c));
                if (!parties.Companies.Contains(companyOf[e.AccountId]!))
                {
                    differentlySpelled++;
                }
            }
        }

        Assert.True(differentlySpelled >= 20, $"only {differentlySpelled} same-company exclusions across spellings in 500 cases");
    }
}
