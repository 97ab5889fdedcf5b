using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Simulation;

namespace Clearwind.Acceptance.Tests;

/// <summary>Detectors running side by side give exactly the findings of a run that takes them one at a time.</summary>
[Trait("Category", "Acceptance")]
public sealed class ParallelDetectionTests
{
    private static (string Findings, string Faults) Detect(IReadOnlyList<Events.MarketEvent> events, int parallelism)
    {
        var pipeline = DetectorCatalog.DefaultPolicy().BuildPipeline(DetectorCatalog.BuiltIn, new DetectionPipelineBuilder { Parallelism = parallelism });
        foreach (var e in events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return (string.Join('\n', pipeline.Findings.Select(OutputJson.Write)), string.Join('\n', pipeline.Diagnostics.Faults.Select(f => f.Key + " " + f.Value)));
    }

    [Fact]
    public void EveryBuiltInDetector_InParallel_ReportsTheSameFindingsInTheSameOrder()
    {
        // Two simulated days: every pattern and look-alike, corroborating reports included, over many batches.
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.25, days: 2, seed: 7)).Events().ToList();

        var sequential = Detect(events, 1);
        var parallel = Detect(events, 4);

        Assert.True(sequential.Findings.Split('\n').Length > 50, "the market should give many findings");
        Assert.Contains("\"cleared_at\"", sequential.Findings, StringComparison.Ordinal);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void DetectorsSharingALedger_ReportWhatEachReportsWithALedgerOfItsOwn()
    {
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.25, days: 2, seed: 11)).Events().ToList();
        var sharing = new DetectionPipelineBuilder();
        var apart = new DetectionPipelineBuilder();
        foreach (var registration in DetectorCatalog.BuiltIn)
        {
            sharing.Add(registration.Create(registration.CreateDefaultOptions(), sharing.Shared));
            apart.Add(registration.Create(registration.CreateDefaultOptions()));
        }

        var shared = sharing.Build();
        var separate = apart.Build();
        foreach (var e in events)
        {
            shared.Process(e);
            separate.Process(e);
        }

        shared.Complete();
        separate.Complete();

        var parts = shared.Detectors.Where(d => d.SharedPart is not null).ToList();
        Assert.True(parts.Count > parts.Select(d => d.SharedPart).Distinct().Count(), "some detectors should share a ledger");
        Assert.All(separate.Detectors.Where(d => d.SharedPart is not null).GroupBy(d => d.SharedPart), group => Assert.Single(group));
        Assert.True(shared.Findings.Count > 50, "the market should give many findings");
        Assert.Equal(string.Join('\n', separate.Findings.Select(OutputJson.Write)), string.Join('\n', shared.Findings.Select(OutputJson.Write)));
    }
}
