using System.Text.RegularExpressions;
using Clearwind.Detection;
using Clearwind.Simulation;

namespace Clearwind.Acceptance.Tests;

/// <summary>
/// Every piece of evidence the built-in detectors write on a simulated marketplace reads in Simplified Chinese too: a
/// Chinese sentence beside the English one, with the same figures, for the seller page and the Chinese explanation.
/// </summary>
[Trait("Category", "Acceptance")]
public sealed partial class EvidenceInChineseTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    // Numbers of two or more digits (counts, times, thresholds): each one the English text states, the Chinese states too.
    [GeneratedRegex(@"(?<![\w.])\d{2,}(?:\.\d+)?(?![\w.])")]
    private static partial Regex Number();

    [Fact]
    public async Task EveryBuiltInDetector_OnASimulatedMarket_WritesEachEvidenceInChineseWithTheSameNumbers()
    {
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.5, days: 4, seed: 7)).Events().ToList();
        // A partner listed three of the market's buyers, so alliance.listed has evidence to write too.
        var builder = new DetectionPipelineBuilder();
        var watchlist = await PartnerListingAsync(events.OfType<Events.OrderPlaced>().Select(o => o.Buyer).Distinct().Take(3));
        builder.Shared.GetOrAdd(Alliance.AllianceWatchlist.SharedKey, () => watchlist);
        var pipeline = DetectorCatalog.DefaultPolicy().BuildPipeline(DetectorCatalog.BuiltIn, builder);
        foreach (var e in events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        var findings = pipeline.Findings;
        var patterns = findings.Select(f => f.Pattern).ToHashSet(StringComparer.Ordinal);

        // Four simulated days give findings of every built-in pattern, so the check reaches the evidence of every detector.
        var unseen = DetectorCatalog.BuiltIn.Select(r => r.Pattern.Value).Where(p => !patterns.Contains(p)).ToList();
        Assert.True(unseen.Count == 0, "patterns the simulated market gave no finding of: " + string.Join(", ", unseen));

        var problems = new List<string>();
        foreach (var finding in findings)
        {
            foreach (var evidence in finding.Evidence)
            {
                if (string.IsNullOrWhiteSpace(evidence.TextZh) || !Chinese().IsMatch(evidence.TextZh))
                {
                    problems.Add($"{finding.Pattern}: no Chinese text beside “{evidence.Text}”");
                    continue;
                }

                var missing = Number().Matches(evidence.Text).Select(m => m.Value).Distinct(StringComparer.Ordinal)
                    .Where(n => !evidence.TextZh.Contains(n, StringComparison.Ordinal)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add($"{finding.Pattern}: the Chinese text lacks {string.Join(", ", missing)}: “{evidence.Text}” / “{evidence.TextZh}”");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct(StringComparer.Ordinal).Take(40)));
    }

    private static async Task<Alliance.AllianceWatchlist> PartnerListingAsync(IEnumerable<string> accounts)
    {
        var hasher = new Alliance.AllianceHasher("the alliance's shared key, 2016");
        var start = SyntheticMarketOptions.DefaultStart;
        var entries = accounts.Select(a => new Alliance.AllianceEntry(
            Alliance.AllianceKinds.Account, hasher.Hash(Alliance.AllianceKinds.Account, a), "order_brushing.ring", 0.9, start.AddDays(-40), start.AddDays(-10), start.AddDays(90), "platform-b")).ToList();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var store = new Storage.InMemoryStore();
        var file = Alliance.AllianceFile.Write(new Alliance.AlliancePayload(Alliance.AllianceFile.FormatName, "platform-b", start, entries, []), key);
        await Alliance.AllianceExchange.ImportAsync(store, file, key, start);
        return Alliance.AllianceWatchlist.Build(await Alliance.AllianceBook.ReadAsync(((Storage.IClearwindStore)store).Journal), hasher, start);
    }
}
