using Clearwind.Detection;
using Clearwind.Policy;

namespace Clearwind.Detectors.Tests;

/// <summary>Every pattern has the Chinese name sellers and analysts know it by (report.html, decision explanations).</summary>
public sealed class PatternNamesTests
{
    [Fact]
    public void EveryBuiltInPattern_HasItsOwnChineseName()
    {
        var patterns = DetectorCatalog.BuiltIn.Select(r => r.Pattern.Value).Append(StrikeLadder.Rule).ToList();

        var missing = patterns.Where(p => !PatternNames.ByPattern.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "patterns without a Chinese name in PatternNames.ByPattern: " + string.Join(", ", missing));
        Assert.All(patterns, p => Assert.False(string.IsNullOrWhiteSpace(PatternNames.Chinese(p))));
        // No stale names: every named pattern is one the catalog (or the ladder) has.
        Assert.Empty(PatternNames.ByPattern.Keys.Except(patterns, StringComparer.Ordinal));
        Assert.Equal(PatternNames.ByPattern.Count, PatternNames.ByPattern.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryBuiltInPattern_HasItsRuleInChinese()
    {
        var patterns = DetectorCatalog.BuiltIn.Select(r => r.Pattern.Value).Append(StrikeLadder.Rule).ToList();

        var missing = patterns.Where(p => PatternNames.ChineseRule(p) is not { } rule || !rule.Any(c => c >= '\u4e00' && c <= '\u9fff')).ToList();
        Assert.True(missing.Count == 0, "patterns without a Chinese rule in PatternNames.RulesByPattern: " + string.Join(", ", missing));
        Assert.Empty(PatternNames.RulesByPattern.Keys.Except(patterns, StringComparer.Ordinal));
        Assert.Null(PatternNames.ChineseRule("custom.unknown"));
    }
}
