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
    public void EveryBuiltInDetector_OnASimulatedMarket_WritesEachEvidenceInChineseWithTheSameNumbers()
    {
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.5, days: 4, seed: 7)).Events();
        var pipeline = DetectorCatalog.DefaultPolicy().BuildPipeline(DetectorCatalog.BuiltIn);
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
}
