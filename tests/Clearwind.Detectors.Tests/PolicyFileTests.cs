using Clearwind.Policy;

namespace Clearwind.Detectors.Tests;

public sealed class PolicyFileTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Clearwind.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void DefaultPolicy_MatchesOptionsDefaults()
    {
        var checkedIn = File.ReadAllText(Path.Combine(RepositoryRoot(), "policy", "default.json"));

        // Regenerate with: dotnet run --project src/Clearwind.Cli -- rules list --json > policy/default.json
        Assert.Equal(DetectorCatalog.DefaultPolicy().ToJson(), checkedIn.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DefaultPolicy_CoversEveryBuiltInPatternAndBuilds()
    {
        var policy = EnforcementPolicy.Load(Path.Combine(RepositoryRoot(), "policy", "default.json"));

        var pipeline = policy.BuildPipeline(DetectorCatalog.BuiltIn);

        Assert.Equal(DetectorCatalog.BuiltIn.Select(r => r.Pattern.Value).Order(), policy.Patterns.Keys.Order());
        // Every pattern's detector, and the declared-campaign notes every pipeline carries.
        Assert.Equal(DetectorCatalog.BuiltIn.Select(r => r.Pattern.Value).Append("campaign.declared").Order(StringComparer.Ordinal), pipeline.Detectors.Select(d => d.Pattern.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefaultPolicy_HasNoTierAnywhere()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "policy", "default.json"));

        Assert.DoesNotContain("tier", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"patterns":{"order_brushing.concentration":{"action":"void_orders","options":{"min_rate":"x"}}}}""", "patterns.order_brushing.concentration.options.min_rate")]
    [InlineData("""{"patterns":{"order_brushing.concentration":{"action":"void_orders","options":{"minimum_rate":3}}}}""", "patterns.order_brushing.concentration.options.minimum_rate")]
    [InlineData("""{"patterns":{"order_brushing.concentration":{"action":"void_orders","options":{"min_rate":0}}}}""", "patterns.order_brushing.concentration.options")]
    [InlineData("""{"patterns":{"order_brushing.nonexistent":{"action":"warn"}}}""", "patterns.order_brushing.nonexistent")]
    public void BuildPipeline_BadOptions_NameTheKey(string json, string key)
    {
        var policy = EnforcementPolicy.Parse(json);

        var error = Assert.Throws<PolicyException>(() => policy.BuildPipeline(DetectorCatalog.BuiltIn));

        Assert.StartsWith(key, error.Key);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Policy_DisabledPattern_RunsNoDetector()
    {
        var policy = EnforcementPolicy.Parse("""{"patterns":{"order_brushing.concentration":{"enabled":false,"action":"void_orders"}}}""");

        Assert.Empty(policy.BuildPipeline(DetectorCatalog.BuiltIn).Detectors);
    }
}
