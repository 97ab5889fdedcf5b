using System.Collections.Concurrent;
using System.Diagnostics;
using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Runs a pipeline's detectors side by side. Events gather in batches; each detector (a lane) goes through a whole batch
/// on its own, with its own event-time clock, sweeping where the sequential pipeline sweeps, while the reader fills the
/// next batch. What a lane reports (findings, corroborations, faults) is buffered with its place (event, sweep before
/// observe, detector order) and replayed into the pipeline in that order, which is the order a sequential run reports
/// in: outputs do not depend on the parallelism. Detectors that share state (<see cref="Detector.SharedPart"/>) go in one
/// lane and take each event in pipeline order, as the sequential pipeline gives it to them; lanes share nothing, so a
/// lane needs no locks.
/// </summary>
internal sealed class ParallelLanes
{
    private const int BatchSize = 4096;

    private readonly DetectionPipeline _pipeline;
    private readonly Lane[] _lanes;
    private readonly ParallelOptions _options;
    // Event types numbered once per process, so a lane asks "does this detector observe it?" of an array, not a hash table.
    private static readonly ConcurrentDictionary<Type, int> TypeIds = new();

    private MarketEvent[] _batch = new MarketEvent[BatchSize];
    private int[] _types = new int[BatchSize];
    private List<(int Index, DateTimeOffset Now)> _sweeps = [];
    private int _count;
    private Task? _running;
    private List<(int Index, DateTimeOffset Now)> _runningSweeps = [];
    private bool _replaying;

    public ParallelLanes(DetectionPipeline pipeline, int parallelism)
    {
        _pipeline = pipeline;
        _lanes = [.. pipeline.Detectors.Select((detector, order) => (detector, order))
            .GroupBy(d => d.detector.SharedPart ?? d.detector)
            .Select(group => new Lane([.. group.Select(d => new Member(d.detector, d.order))]))];
        _options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
    }

    /// <summary>Queues an event; <paramref name="sweepAt"/> is set when the sequential pipeline would sweep before it.</summary>
    public void Add(MarketEvent e, DateTimeOffset? sweepAt)
    {
        if (sweepAt is { } now)
        {
            _sweeps.Add((_count, now));
        }

        _types[_count] = TypeId(e.GetType());
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

    private static int TypeId(Type type)
    {
        if (TypeIds.TryGetValue(type, out var id))
        {
            return id;
        }

        lock (TypeIds)
        {
            return TypeIds.GetOrAdd(type, TypeIds.Count); // numbers are given out under the lock: no two types share one
        }
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
        var outputs = new List<Output>();
        foreach (var lane in _lanes)
        {
            outputs.AddRange(lane.Outputs);
            lane.Outputs.Clear();
        }

        outputs.Sort(static (a, b) => (a.Index, a.Phase, a.Order, a.Sequence).CompareTo((b.Index, b.Phase, b.Order, b.Sequence)));
        var sweep = 0;
        foreach (var output in outputs)
        {
            // The sequential pipeline expires corroborations first thing in a sweep, before any detector sweeps.
            for (; sweep < _runningSweeps.Count && _runningSweeps[sweep].Index <= output.Index; sweep++)
            {
                _pipeline.ExpireCorroborations(_runningSweeps[sweep].Now);
            }

            output.Apply(_pipeline);
        }

        for (; sweep < _runningSweeps.Count; sweep++)
        {
            _pipeline.ExpireCorroborations(_runningSweeps[sweep].Now);
        }

        _replaying = false;
    }

    /// <summary>Something a lane reported, at its place in the sequential order.</summary>
    private sealed record Output(int Index, int Phase, int Order, int Sequence, Action<DetectionPipeline> Apply);

    /// <summary>A detector of a lane and the event types it observes.</summary>
    private sealed class Member(Detector detector, int order)
    {
        public Detector Detector { get; } = detector;

        public int Order { get; } = order;

        /// <summary>Whether it observes each event type, by type number: 0 not asked yet, 1 yes, 2 no.</summary>
        public byte[] Observes { get; set; } = new byte[32];
    }

    /// <summary>One detector (or several that share state, in pipeline order), its clock and what it reported from the current batch.</summary>
    private sealed class Lane
    {
        private const int SweepPhase = 0, ObservePhase = 1;

        private readonly Member[] _members;
        private readonly DetectionContext _context;
        private Member _current;
        private int _index;
        private int _phase;

        public Lane(Member[] members)
        {
            _members = members;
            _current = members[0];
            _context = new DetectionContext(
                finding => Buffer(p => p.Collect(finding)),
                corroboration => Buffer(p => p.Corroborate(corroboration)));
        }

        public List<Output> Outputs { get; } = [];

        public long LastElapsed { get; private set; }

        public void Run(MarketEvent[] batch, int[] types, int count, List<(int Index, DateTimeOffset Now)> sweeps)
        {
            var started = Stopwatch.GetTimestamp();
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var e = batch[i];
                if (e.Ts > _context.Now)
                {
                    _context.Now = e.Ts;
                }

                _index = i;
                if (next < sweeps.Count && sweeps[next].Index == i)
                {
                    next++;
                    _phase = SweepPhase;
                    foreach (var member in _members)
                    {
                        _current = member;
                        try
                        {
                            member.Detector.Sweep(_context);
                        }
                        catch (Exception ex)
                        {
                            Fault("sweep", ex, null);
                        }
                    }
                }

                _phase = ObservePhase;
                var type = types[i];
                foreach (var member in _members)
                {
                    _current = member;
                    if (type >= member.Observes.Length)
                    {
                        var grown = member.Observes;
                        Array.Resize(ref grown, Math.Max(type + 1, grown.Length * 2));
                        member.Observes = grown;
                    }

                    if (member.Observes[type] == 0)
                    {
                        member.Observes[type] = DetectionPipeline.Observes(member.Detector, e.GetType(), ex => Fault("observes", ex, null)) ? (byte)1 : (byte)2;
                    }

                    if (member.Observes[type] == 1)
                    {
                        try
                        {
                            member.Detector.Observe(e, _context);
                        }
                        catch (Exception ex)
                        {
                            Fault("observe", ex, e.Id);
                        }
                    }
                }
            }

            LastElapsed = Stopwatch.GetTimestamp() - started;
        }

        private void Fault(string stage, Exception ex, string? eventId)
        {
            var pattern = _current.Detector.Pattern;
            Buffer(p => p.RecordFault(pattern, stage, ex, eventId));
        }

        private void Buffer(Action<DetectionPipeline> apply) => Outputs.Add(new Output(_index, _phase, _current.Order, Outputs.Count, apply));
    }
}
