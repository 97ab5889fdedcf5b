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

    [Fact]
    public void EveryBuiltInDetector_InLanesRunApart_ReplayedIntoAnotherPipeline_ReportsTheSameFindings()
    {
        // What the Orleans cluster does: lanes built from their own pipeline, run batch by batch, their outputs gathered
        // in any order and replayed into a pipeline whose own detectors never see an event.
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.25, days: 2, seed: 7)).Events().ToList();
        var sequential = Detect(events, 1);
        var policy = DetectorCatalog.DefaultPolicy();
        var collector = policy.BuildPipeline(DetectorCatalog.BuiltIn);
        var lanes = DetectorLane.Group(policy.BuildPipeline(DetectorCatalog.BuiltIn).Detectors).Reverse().ToArray();

        foreach (var batch in events.Chunk(1000))
        {
            var sweeps = new List<LaneSweep>();
            for (var i = 0; i < batch.Length; i++)
            {
                if (collector.Advance(batch[i].Ts) is { } at)
                {
                    sweeps.Add(new LaneSweep(i, at));
                }
            }

            var outputs = new List<LaneOutput>();
            foreach (var lane in lanes)
            {
                lane.Run(batch, sweeps);
                outputs.AddRange(lane.Outputs);
                lane.Outputs.Clear();
            }

            collector.Replay(outputs, sweeps);
        }

        var completions = new List<LaneOutput>();
        foreach (var lane in lanes)
        {
            lane.Complete();
            completions.AddRange(lane.Outputs);
        }

        collector.Replay(completions, []);

        Assert.True(lanes.Length > 10, "the built-ins should make many lanes");
        Assert.Equal(sequential.Findings, string.Join('\n', collector.Findings.Select(OutputJson.Write)));
        Assert.Equal(sequential.Faults, string.Join('\n', collector.Diagnostics.Faults.Select(f => f.Key + " " + f.Value)));
    }
}
