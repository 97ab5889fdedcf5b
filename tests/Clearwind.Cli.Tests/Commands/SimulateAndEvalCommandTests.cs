using System.Text.Json;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Output;
using Clearwind.Simulation.Labels;

namespace Clearwind.Cli.Tests.Commands;

/// <summary><c>clearwind simulate</c>, <c>clearwind eval</c> and <c>clearwind demo</c>, run in-process.</summary>
[Collection(CliTests.Name)]
public sealed class SimulateAndEvalCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private MarketLabels Simulate(string folder)
    {
        Assert.Equal(0, SimulateCommand.Run(seed: 3, scale: 0.05, days: 2, _cli.PathOf(folder), quiet: true, CancellationToken.None));
        using var file = File.OpenRead(_cli.PathOf(folder, "labels.json"));
        return MarketLabels.Read(file);
    }

    private static JsonElement Overall(string evalJson) => JsonDocument.Parse(File.ReadAllText(evalJson)).RootElement.GetProperty("overall");

    [Fact]
    public void Simulate_SmallMarket_WritesEventsTheScannerReadsAndLabelsThatNameThem()
    {
        var labels = Simulate("sim");

        var lines = File.ReadAllLines(_cli.PathOf("sim", "events.ndjson"));
        var parsed = lines.Select(l => EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(l))).ToList();
        Assert.All(parsed, p => Assert.Equal(ParseStatus.Ok, p.Status));
        var shops = parsed.Select(p => p.Event).OfType<ShopOpened>().Select(s => s.Shop).ToHashSet();
        Assert.NotEmpty(labels.Entities);
        Assert.All(labels.Entities.Where(e => e.Type == "shop"), e => Assert.Contains(e.Id, shops));
        Assert.Equal((3, 0.05, 2), (labels.Seed, labels.Scale, labels.Days));
        Assert.Contains("labels.json", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ScaleOutOfRange_ExitsWithUsageError()
    {
        var exit = SimulateCommand.Run(seed: 1, scale: 0, days: 2, _cli.PathOf("sim"), quiet: true, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(_cli.PathOf("sim", "events.ndjson")));
    }

    [Fact]
    public void Eval_OracleFindingsFile_ScoresOne()
    {
        var labels = Simulate("sim");
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var oracle = labels.Entities.Select(e => new Finding
        {
            Id = Finding.MakeId(e.Pattern, new EntityRef(e.Type, e.Id), at),
            Pattern = e.Pattern,
            Entity = new EntityRef(e.Type, e.Id),
            Role = e.Role == "beneficiary" ? EntityRole.Beneficiary : EntityRole.Actor,
            Score = 1,
            Severity = Severity.High,
            From = at,
            To = at,
            Evidence = [new Evidence("labelled", "已标注", [], new Dictionary<string, double>())],
            Rule = "the labels themselves",
        });
        _cli.WriteLines(Path.Combine("scan", "findings.ndjson"), oracle.Select(OutputJson.Write));
        _cli.WriteText(Path.Combine("scan", "decisions.ndjson"), "");

        var exit = EvalCommand.Run(_cli.PathOf("sim", "labels.json"), _cli.PathOf("scan"));

        Assert.Equal(0, exit);
        var overall = Overall(_cli.PathOf("scan", "eval.json"));
        Assert.Equal(1.0, overall.GetProperty("precision").GetDouble());
        Assert.Equal(1.0, overall.GetProperty("recall").GetDouble());
        Assert.Contains("1.00", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_EmptyFindingsFile_ScoresZero()
    {
        Simulate("sim");
        _cli.WriteText(Path.Combine("scan", "findings.ndjson"), "");
        _cli.WriteText(Path.Combine("scan", "decisions.ndjson"), "");

        var exit = EvalCommand.Run(_cli.PathOf("sim", "labels.json"), _cli.PathOf("scan"));

        Assert.Equal(0, exit);
        var overall = Overall(_cli.PathOf("scan", "eval.json"));
        Assert.Equal(0.0, overall.GetProperty("recall").GetDouble());
        Assert.Equal(0.0, overall.GetProperty("f1").GetDouble());
    }

    [Fact]
    public void Eval_NoScanOutputs_ExitsWithUsageErrorSayingWhatToRun()
    {
        Simulate("sim");

        var exit = EvalCommand.Run(_cli.PathOf("sim", "labels.json"), _cli.PathOf("nothing-here"));

        Assert.Equal(2, exit);
        Assert.Contains("clearwind scan", _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_LabelsFileIsNotLabels_ExitsWithUsageError()
    {
        var notLabels = _cli.WriteText("labels.json", "[1, 2, 3]");

        Assert.Equal(2, EvalCommand.Run(notLabels, _cli.PathOf("scan")));
        Assert.Contains("not a labels file", _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SmallMarket_ScansIntoSqliteAndWritesTheEvaluation()
    {
        var exit = await DemoCommand.RunAsync(_cli.PathOf("demo"), seed: 2, scale: 0.05, days: 2, quiet: true, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(_cli.PathOf("demo", "clearwind.db")));
        var report = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("demo", "eval.json"))).RootElement;
        Assert.True(report.GetProperty("families").GetArrayLength() > 0);
        Assert.Contains("detection against the labels", _cli.Output, StringComparison.Ordinal);
    }
}
