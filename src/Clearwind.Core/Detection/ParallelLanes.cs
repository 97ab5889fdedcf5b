using System.Collections.Concurrent;
using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Runs a pipeline's detectors side by side. Events gather in batches; each <see cref="DetectorLane"/> goes through a
/// whole batch on its own, while the reader fills the next batch. What the lanes report is replayed into the pipeline
/// in the order a sequential run reports in (<see cref="DetectionPipeline.Replay"/>): outputs do not depend on the
/// parallelism. Lanes share nothing, so a lane needs no locks.
/// </summary>
internal sealed class ParallelLanes
{
    private const int BatchSize = 4096;

    private readonly DetectionPipeline _pipeline;
    private readonly DetectorLane[] _lanes;
    private readonly ParallelOptions _options;

    private MarketEvent[] _batch = new MarketEvent[BatchSize];
    private int[] _types = new int[BatchSize];
    private List<LaneSweep> _sweeps = [];
    private int _count;
    private Task? _running;
    private List<LaneSweep> _runningSweeps = [];
    private bool _replaying;

    public ParallelLanes(DetectionPipeline pipeline, int parallelism)
    {
        _pipeline = pipeline;
        _lanes = DetectorLane.Group(pipeline.Detectors);
        _options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
    }

    /// <summary>Queues an event; <paramref name="sweepAt"/> is set when the sequential pipeline would sweep before it.</summary>
    public void Add(MarketEvent e, DateTimeOffset? sweepAt)
    {
        if (sweepAt is { } now)
        {
            _sweeps.Add(new LaneSweep(_count, now));
        }

        _types[_count] = DetectorLane.TypeId(e.GetType());
        _batch[_count++] = e;
        if (_count == BatchSize)
        {
            Dispatch();
        }
    }

    /// <summary>Runs what is queued, waits for every batch and replays what the detectors reported.</summary>
    public void Drain()
    {
        if (_replaying)
        {
            return; // a finding handler reading the pipeline while its batch is replayed
        }

        Dispatch();
        Replay();
    }

    private void Dispatch()
    {
        if (_count == 0)
        {
            return;
        }

        Replay();
        var (batch, types, count, sweeps) = (_batch, _types, _count, _sweeps);
        (_batch, _types, _count, _sweeps, _runningSweeps) = (new MarketEvent[BatchSize], new int[BatchSize], 0, [], sweeps);

        // Longest lanes first, by their time on the previous batch, so that no core is left with a long one at the end.
        Array.Sort(_lanes, (a, b) => b.LastElapsed.CompareTo(a.LastElapsed));
        _running = Task.Run(() => Parallel.ForEach(Partitioner.Create(_lanes, loadBalance: true), _options, lane => lane.Run(batch, types, count, sweeps)));
    }

    private void Replay()
    {
        if (_running is null)
        {
            return;
        }

        _running.GetAwaiter().GetResult();
        _running = null;
        _replaying = true;
        var outputs = new List<LaneOutput>();
        foreach (var lane in _lanes)
        {
            outputs.AddRange(lane.Outputs);
            lane.Outputs.Clear();
        }

        _pipeline.Replay(outputs, _runningSweeps);
        _replaying = false;
    }
}
