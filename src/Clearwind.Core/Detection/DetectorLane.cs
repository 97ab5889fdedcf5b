using System.Collections.Concurrent;
using System.Diagnostics;
using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// One detector, or several that share state (<see cref="Detector.SharedPart"/>, in pipeline order), run over batches
/// of events on their own clock, sweeping where the sequential pipeline sweeps. What they report is kept as
/// <see cref="LaneOutput"/>s with their place in the sequential order, for <see cref="DetectionPipeline.Replay"/>.
/// Lanes share nothing, so each may run on its own thread (<c>ParallelLanes</c>) or on its own machine (an Orleans grain).
/// </summary>
public sealed class DetectorLane
{
    // Event types numbered once per process, so a lane asks "does this detector observe it?" of an array, not a hash table.
    private static readonly ConcurrentDictionary<Type, int> TypeIds = new();

    private readonly Member[] _members;
    private readonly DetectionContext _context;
    private Member _current;
    private int _index;
    private int _phase;

    private DetectorLane(Member[] members)
    {
        _members = members;
        _current = members[0];
        _context = new DetectionContext(
            finding => Outputs.Add(new LaneOutput(_index, _phase, _current.Order, Outputs.Count) { Finding = finding }),
            corroboration => Outputs.Add(new LaneOutput(_index, _phase, _current.Order, Outputs.Count) { Corroboration = corroboration }));
    }

    /// <summary>What the lane reported since the outputs were last cleared.</summary>
    public List<LaneOutput> Outputs { get; } = [];

    /// <summary>Stopwatch ticks the last <see cref="Run(MarketEvent[], int[], int, IReadOnlyList{LaneSweep})"/> took.</summary>
    public long LastElapsed { get; private set; }

    /// <summary>The pipeline order of the lane's first detector.</summary>
    public int FirstOrder => _members[0].Order;

    /// <summary>
    /// Groups a pipeline's detectors into lanes: detectors sharing a part go together. Lanes come in the order of their
    /// first detector, so every process grouping the same pipeline numbers the lanes alike.
    /// </summary>
    public static DetectorLane[] Group(IReadOnlyList<Detector> detectors)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        return [.. detectors.Select((detector, order) => (detector, order))
            .GroupBy(d => d.detector.SharedPart ?? d.detector)
            .Select(group => new DetectorLane([.. group.Select(d => new Member(d.detector, d.order))]))];
    }

    /// <summary>The process-wide number of an event type, for the <c>types</c> argument of <see cref="Run(MarketEvent[], int[], int, IReadOnlyList{LaneSweep})"/>.</summary>
    public static int TypeId(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (TypeIds.TryGetValue(type, out var id))
        {
            return id;
        }

        lock (TypeIds)
        {
            return TypeIds.GetOrAdd(type, TypeIds.Count); // numbers are given out under the lock: no two types share one
        }
    }

    /// <summary>Runs a batch in event-time order, the types numbered by the caller.</summary>
    public void Run(IReadOnlyList<MarketEvent> batch, IReadOnlyList<LaneSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var events = batch as MarketEvent[] ?? [.. batch];
        var types = new int[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            types[i] = TypeId(events[i].GetType());
        }

        Run(events, types, events.Length, sweeps);
    }

    /// <summary>Runs the first <paramref name="count"/> events of a batch; <paramref name="types"/> holds each one's <see cref="TypeId"/>.</summary>
    public void Run(MarketEvent[] batch, int[] types, int count, IReadOnlyList<LaneSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(sweeps);
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
                _phase = LaneOutput.SweepPhase;
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

            _phase = LaneOutput.ObservePhase;
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

    /// <summary>Ends the input: each detector reports what it still holds open (<see cref="LaneOutput.CompletePhase"/>).</summary>
    public void Complete()
    {
        _index = 0;
        _phase = LaneOutput.CompletePhase;
        foreach (var member in _members)
        {
            _current = member;
            try
            {
                member.Detector.Complete(_context);
            }
            catch (Exception ex)
            {
                Fault("complete", ex, null);
            }
        }
    }

    private void Fault(string stage, Exception ex, string? eventId)
        => Outputs.Add(new LaneOutput(_index, _phase, _current.Order, Outputs.Count) { Fault = new LaneFault(_current.Detector.Pattern.Value, PipelineDiagnostics.Describe(stage, ex), eventId) });

    /// <summary>A detector of a lane and the event types it observes.</summary>
    private sealed class Member(Detector detector, int order)
    {
        public Detector Detector { get; } = detector;

        public int Order { get; } = order;

        /// <summary>Whether it observes each event type, by type number: 0 not asked yet, 1 yes, 2 no.</summary>
        public byte[] Observes { get; set; } = new byte[32];
    }
}
