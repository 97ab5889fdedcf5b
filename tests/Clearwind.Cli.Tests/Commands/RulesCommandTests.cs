using System.Globalization;
using System.Text.Json.Nodes;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

/// <summary>
/// <c>clearwind rules backtest</c> and <c>rules test</c> on a hand-built history: three shops, each with one buyer
/// placing all its orders within an hour: sA 3 orders (rate 3), sB 4 (rate 4), sC 5 (rate 5).
/// Under the default concentration rule (min_rate 3, review_below 0.6) the scores are
/// 1 − 0.5 × (3 / rate) × √(3 / orders): sA 0.5 (review), sB 0.6752 and sC 0.7676 (void_orders); each finding's buyer
/// gets the related-actor action, review.
/// </summary>
[Collection(CliTests.Name)]
public sealed class RulesCommandTests : IDisposable
{
    private const string Concentration = "order_brushing.concentration";
    private readonly CliHarness _cli = new();

    public RulesCommandTests() => History = _cli.WriteLines("history.ndjson", [.. Orders("sA", "bA", 3, 1), .. Orders("sB", "bB", 4, 3), .. Orders("sC", "bC", 5, 5)]);

    private string History { get; }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Backtest_ReviewBelowRaised_TurnsPenaltiesIntoReviewsWithOneDetectionRun()
    {
        var policy = Policy("raised.json", rule => rule["review_below"] = 0.8);

        var report = await BacktestAsync(policy);

        Assert.Equal(1, (int)report["detection_runs"]!);
        Assert.Contains("Detection ran once", _cli.Output, StringComparison.Ordinal);
        Assert.Equal([(Concentration, 3, 3)], Counts(report, "findings_by_pattern", "pattern"));
        Assert.Equal([("review", 4, 6), ("void_orders", 2, 0)], Counts(report, "decisions_by_action", "action"));
        Assert.Equal([("penalised", 2, 0), ("in_review", 4, 6)], Counts(report, "entities", "kind"));
        Assert.Empty(report["newly_penalised"]!.AsArray());
        Assert.Equal(
            [("sC", "void_orders", 0.7676, "review"), ("sB", "void_orders", 0.6752, "review")],
            Entities(report, "newly_cleared", "candidate_actions"));
        Assert.Empty(report["no_longer_flagged"]!.AsArray());
    }

    [Fact]
    public async Task Backtest_OptionsSpelledOutOrLeftToDefaults_CountAsTheSameDetection()
    {
        // Leaving out an option means its default, so the detector is the same one and detection runs once; only the
        // expiry changed, which changes no action.
        var policy = Policy("defaults.json", rule =>
        {
            rule["options"]!.AsObject().Remove("min_rate");
            rule["expires_after_days"] = 30;
        });

        var report = await BacktestAsync(policy);

        Assert.Equal(1, (int)report["detection_runs"]!);
        Assert.Equal([("review", 4, 4), ("void_orders", 2, 2)], Counts(report, "decisions_by_action", "action"));
    }

    [Fact]
    public async Task Backtest_PatternDisabled_ClearsItsEntities()
    {
        var policy = Policy("disabled.json", rule => rule["enabled"] = false);

        var report = await BacktestAsync(policy);

        Assert.Equal(2, (int)report["detection_runs"]!);
        Assert.Equal([(Concentration, 3, 0)], Counts(report, "findings_by_pattern", "pattern"));
        Assert.Equal([("review", 4, 0), ("void_orders", 2, 0)], Counts(report, "decisions_by_action", "action"));
        Assert.Equal(
            [("sC", "void_orders", 0.7676, ""), ("sB", "void_orders", 0.6752, "")],
            Entities(report, "newly_cleared", "candidate_actions"));
        Assert.Equal(["sC", "sB", "sA"], Flags(report, "no_longer_flagged"));
    }

    [Fact]
    public async Task Backtest_MinRateRaisedToFive_DropsTheShopsAtRatesThreeAndFour()
    {
        var policy = Policy("strict.json", rule => rule["options"]!["min_rate"] = 5);

        var report = await BacktestAsync(policy);

        Assert.Equal(2, (int)report["detection_runs"]!);
        Assert.Contains("Detection ran twice", _cli.Output, StringComparison.Ordinal);
        Assert.Equal([(Concentration, 3, 1)], Counts(report, "findings_by_pattern", "pattern"));
        // sC stays: rate 5 reaches the new cut, score 1 − 0.5 × (5 / 5) × √(3 / 5) = 0.6127, still void_orders.
        Assert.Equal([("review", 4, 1), ("void_orders", 2, 1)], Counts(report, "decisions_by_action", "action"));
        Assert.Equal([("sB", "void_orders", 0.6752, "")], Entities(report, "newly_cleared", "candidate_actions"));
        Assert.Equal(["sB", "sA"], Flags(report, "no_longer_flagged"));
        Assert.Empty(report["newly_flagged"]!.AsArray());
        Assert.Empty(report["newly_penalised"]!.AsArray());
    }

    [Fact]
    public async Task Backtest_BadPolicyFile_IsAUsageErrorNamingTheKey()
    {
        var policy = Policy("bad.json", rule => rule["options"]!["min_rate"] = "five");
        var output = _cli.PathOf("out");

        var exit = await RulesBacktestCommand.RunAsync(policy, [History], null, output, json: false, quiet: true, threads: 1, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("patterns.order_brushing.concentration.options.min_rate", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains("bad.json", _cli.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, RulesBacktestCommand.ReportFile)));
    }

    [Fact]
    public async Task Backtest_NoBaselineGiven_ComparesWithTheBuiltInDefault()
    {
        var strict = Policy("strict.json", rule => rule["options"]!["min_rate"] = 5);
        var shipped = Path.Combine(RepositoryFiles.Root, "policy", "default.json");

        var implicitBaseline = await BacktestAsync(strict);
        var explicitBaseline = await BacktestAsync(strict, baseline: shipped);

        Assert.Equal(RulesBacktestCommand.BuiltInName, (string?)implicitBaseline["baseline"]);
        Assert.Equal(shipped, (string?)explicitBaseline["baseline"]);
        foreach (var section in new[] { "findings_by_pattern", "decisions_by_action", "entities", "newly_penalised", "newly_cleared", "newly_flagged", "no_longer_flagged" })
        {
            Assert.True(JsonNode.DeepEquals(implicitBaseline[section], explicitBaseline[section]), section);
        }

        // The default against itself changes nothing, and detection runs once.
        var same = await BacktestAsync(shipped);
        Assert.Equal(1, (int)same["detection_runs"]!);
        Assert.All(same["decisions_by_action"]!.AsArray(), row => Assert.Equal(0, (int)row!["difference"]!));
        Assert.Empty(same["newly_cleared"]!.AsArray());
    }

    [Fact]
    public async Task Backtest_HistoryFileMissing_IsAUsageError()
    {
        var exit = await RulesBacktestCommand.RunAsync(Path.Combine(RepositoryFiles.Root, "policy", "default.json"), [_cli.PathOf("nope.ndjson")], null, null, json: false, quiet: true, threads: 1, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("nope.ndjson: no such file", _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ShowsTheLadder_DefaultAndFromAPolicyFile()
    {
        var custom = _cli.WriteText("closing.json", """{"ladder":{"close_at_strikes":4},"patterns":{}}""");

        var exitDefault = RulesCommand.List(null, json: false);
        var exitCustom = RulesCommand.List(custom, json: false);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (exitDefault, exitCustom));
        Assert.Contains("ladder (shops): throttle at 3 strikes for 30 days, close at 5 strikes", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("ladder (shops): close at 4 strikes", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("grace (h)", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_EventsThatFire_ShowTheFindingWithRuleScoreAndFigures()
    {
        var events = _cli.WriteLines("fires.ndjson", Orders("sC", "bC", 5, 5));

        var exit = await RulesTestCommand.RunAsync(Concentration, [events], null, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        var output = _cli.Output;
        Assert.Contains("1 finding(s)", output, StringComparison.Ordinal);
        Assert.Contains("shop sC", output, StringComparison.Ordinal);
        Assert.Contains("orders ÷ distinct buyers ≥ 3", output, StringComparison.Ordinal);
        Assert.Contains("0.7676", output, StringComparison.Ordinal);
        Assert.Contains("max_rate=5", output, StringComparison.Ordinal);
        Assert.Contains("void_orders shop sC", output, StringComparison.Ordinal);
        Assert.Contains("review account bC", output, StringComparison.Ordinal);

        // Margins: the rate reached 5, so it fires up to min_rate 5; five orders 5 minutes apart need a window of 10
        // minutes for three of them.
        Assert.Contains("min_rate above 5 (policy 3)", output, StringComparison.Ordinal);
        Assert.Contains("window_seconds below 600 (policy 3600)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_EventsThatDoNotFire_ShowTheThresholds()
    {
        // Two orders from one buyer in an hour: rate 2, below 3.
        var events = _cli.WriteLines("quiet.ndjson", Orders("sD", "bD", 2, 1));

        var exit = await RulesTestCommand.RunAsync(Concentration, [events], null, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("0 finding(s)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing fired", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("window_seconds=3600", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("min_rate=3", _cli.Output, StringComparison.Ordinal);

        // Why not: the one condition that failed and by how much; no window makes two orders reach 3.
        Assert.Contains("min_rate = 2 (policy 3)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("allowed range of window_seconds changes the outcome", _cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_PolicyGiven_AppliesItsOptions()
    {
        var strict = Policy("strict.json", rule => rule["options"]!["min_rate"] = 6);
        var events = _cli.WriteLines("fires.ndjson", Orders("sC", "bC", 5, 5));

        var exit = await RulesTestCommand.RunAsync(Concentration, [events], strict, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Nothing fired", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("min_rate=6", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UnknownPattern_IsAUsageErrorListingTheKnownOnes()
    {
        var exit = await RulesTestCommand.RunAsync("order_brushing.nonsense", [History], null, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown pattern 'order_brushing.nonsense'", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains(Concentration, _cli.Errors, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Orders(string shop, string buyer, int count, int hour)
        => Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"{{shop}}-e{{i}}","type":"order.placed","ts":"2026-11-11T{{hour:00}}:{{i * 5:00}}:00+08:00","order":"{{shop}}-o{{i}}","buyer":"{{buyer}}","shop":"{{shop}}","listing":"{{shop}}-l","quantity":1,"amount":10}"""));

    /// <summary>The shipped default policy with the concentration block changed.</summary>
    private string Policy(string name, Action<JsonObject> change)
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "policy", "default.json")))!.AsObject();
        policy.Remove("$schema");
        change(policy["patterns"]![Concentration]!.AsObject());
        return _cli.WriteText(name, policy.ToJsonString());
    }

    private async Task<JsonObject> BacktestAsync(string policy, string? baseline = null)
    {
        var output = _cli.PathOf("out-" + Guid.NewGuid().ToString("N"));
        var exit = await RulesBacktestCommand.RunAsync(policy, [History], baseline, output, json: false, quiet: true, threads: 2, CancellationToken.None);
        Assert.True(exit == ExitCodes.Ok, _cli.Errors);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(output, RulesBacktestCommand.ReportFile)))!.AsObject();
    }

    private static List<(string, int, int)> Counts(JsonObject report, string section, string key)
        => [.. report[section]!.AsArray().Select(r => ((string)r![key]!, (int)r["baseline"]!, (int)r["candidate"]!))];

    private static List<(string, string, double, string)> Entities(JsonObject report, string section, string other)
        => [.. report[section]!.AsArray().Select(r => (
            (string)r!["entity"]!["id"]!, (string)r["action"]!, (double)r["score"]!,
            string.Join(",", r[other]!.AsArray().Select(a => (string)a!))))];

    private static List<string> Flags(JsonObject report, string section)
        => [.. report[section]!.AsArray().Select(r => (string)r!["entity"]!["id"]!)];
}
