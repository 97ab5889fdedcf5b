using Clearwind.Detection;
using Clearwind.Orleans.Placement;
using Clearwind.Orleans.Abstractions;

namespace Clearwind.Orleans.Grains;

/// <summary>
/// A detector lane of one run: builds the policy's pipeline, keeps the lane with its number (the same grouping as
/// <c>ParallelLanes</c>, so a detector and those sharing its state live together) and runs Core's
/// <see cref="DetectorLane"/> over each batch. Its state lives in memory for the run only: a run that loses it starts
/// again from the store.
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
[LaneSpreadPlacement]
internal sealed class DetectionLaneGrain(ClusterEngine engine) : Grain, IDetectionLaneGrain
{
    private DetectorLane? _lane;
    private string _run = "";
    private int _expected;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var number = (int)this.GetPrimaryKeyLong(out var run);
        _run = run ?? "";
        // The partners' entries as the store holds them when the lane starts (alliance.listed; empty without an import).
        var lanes = DetectorLane.Group(engine.NewPipeline(await engine.WatchlistAsync(_run)).Detectors);
        if (number < 0 || number >= lanes.Length)
        {
            throw new InvalidOperationException($"lane {number} of {lanes.Length}");
        }

        _lane = lanes[number];
    }

    public Task<LaneReport> RunAsync(LaneBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Run != _run || batch.Number != _expected)
        {
            throw new LaneStateLostException($"lane of run {_run} expected batch {_expected}, got {batch.Run}/{batch.Number}");
        }

        _expected++;
        var events = engine.Parsed(new LaneBatchKey(batch.Run, batch.Number), batch.Events);
        var sweeps = new LaneSweep[batch.SweepIndexes.Length];
        for (var i = 0; i < sweeps.Length; i++)
        {
            sweeps[i] = new LaneSweep(batch.SweepIndexes[i], batch.SweepTimes[i]);
        }

        _lane!.Run(events, sweeps);
        return Task.FromResult(Report());
    }

    public Task<LaneReport> CompleteAsync()
    {
        _lane!.Complete();
        var report = Report();
        engine.Forget(_run);
        DeactivateOnIdle();
        return Task.FromResult(report);
    }

    private LaneReport Report()
    {
        var outputs = _lane!.Outputs.Select(LaneOutputCodec.ToMessage).ToArray();
        _lane.Outputs.Clear();
        return new LaneReport(outputs, RuntimeIdentity);
    }
}
