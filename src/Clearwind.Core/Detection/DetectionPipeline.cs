using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Runs every detector over events in event-time order. A detector that throws is recorded in
/// <see cref="Diagnostics"/> and the event goes on to the others: one faulty detector never stops a run.
/// Findings go to one sink; reporting the same finding id again replaces the earlier version. Evidence a detector
/// lends with <see cref="DetectionContext.Corroborate"/> is appended to the matching findings of other patterns.
/// With a parallelism above one, events are batched and each detector runs over a batch on its own (detectors share no
/// state); what they report is buffered and replayed in the order a sequential run reports it, so the findings are the
/// same whatever the parallelism (see <see cref="ParallelLanes"/>).
/// </summary>
public sealed class DetectionPipeline
{
    private readonly Detector[] _detectors;
    private readonly TimeSpan _sweepInterval;
    private readonly Dictionary<Type, Detector[]> _routes = []; // the detectors that observe each event type
    private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly DetectionContext _context;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private bool _completed;
    private CorroborationIndex? _corroborations;
    private readonly ParallelLanes? _lanes;
    private readonly PipelineDiagnostics _diagnostics = new();

    internal DetectionPipeline(Detector[] detectors, TimeSpan sweepInterval, int parallelism = 1)
    {
        _detectors = detectors;
        _sweepInterval = sweepInterval;
        _context = new DetectionContext(Collect, Corroborate);
        if (parallelism > 1 && detectors.Length > 1)
        {
            _lanes = new ParallelLanes(this, parallelism);
        }
    }

    /// <summary>Raised for each finding as it is reported (also for a finding that replaces an earlier version).</summary>
    public event Action<Finding>? FindingReported;

    /// <summary>The detectors in the pipeline.</summary>
    public IReadOnlyList<Detector> Detectors => _detectors;

    /// <summary>Detector failures so far.</summary>
    public PipelineDiagnostics Diagnostics
    {
        get
        {
            _lanes?.Drain();
            return _diagnostics;
        }
    }

    /// <summary>Event time of the latest event observed.</summary>
    public DateTimeOffset Now => _context.Now;

    /// <summary>Every finding reported so far, latest version of each, in first-report order.</summary>
    public IReadOnlyList<Finding> Findings
    {
        get
        {
            _lanes?.Drain();
            return [.. _order.Select(id => _findings[id])];
        }
    }

    internal TimeSpan SweepInterval => _sweepInterval;

    /// <summary>Sends one event to every detector. Events must arrive in event-time order.</summary>
    public void Process(MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sweepAt = Advance(e.Ts);
        if (_lanes is not null)
        {
            _lanes.Add(e, sweepAt);
            return;
        }

        if (sweepAt is not null)
        {
            SweepAll();
        }

        if (!_routes.TryGetValue(e.GetType(), out var observers))
        {
            _routes[e.GetType()] = observers = Route(e.GetType());
        }

        foreach (var detector in observers)
        {
            try
            {
                detector.Observe(e, _context);
            }
            catch (Exception ex)
            {
                _diagnostics.Record(detector.Pattern, "observe", ex, e.Id);
            }
        }
    }

    /// <summary>
    /// Moves event time to <paramref name="ts"/>, an event's time (never back), and says whether the pipeline sweeps before the event, and at
    /// what time. <see cref="Process"/> calls it; a host running the detectors in <see cref="DetectorLane"/>s elsewhere
    /// calls it instead of <see cref="Process"/> to know where the lanes sweep, then <see cref="Replay"/>s their outputs.
    /// </summary>
    public DateTimeOffset? Advance(DateTimeOffset ts)
    {
        if (ts > _context.Now)
        {
            _context.Now = ts;
        }

        var sweep = _context.Now >= _nextSweep && _nextSweep != DateTimeOffset.MinValue;
        if (_context.Now >= _nextSweep)
        {
            _nextSweep = _context.Now + _sweepInterval;
        }

        return sweep ? _context.Now : null;
    }

    /// <summary>
    /// Takes what lanes reported over one batch (outputs of all lanes, any order) into the findings, in the order a
    /// sequential run reports in; <paramref name="sweeps"/> are the batch's sweeps, where corroborations expire.
    /// Outputs of <see cref="LaneOutput.CompletePhase"/> come last, by detector order, as <see cref="Complete"/> gives them.
    /// </summary>
    public void Replay(List<LaneOutput> outputs, IReadOnlyList<LaneSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(sweeps);
        outputs.Sort(static (a, b) => (a.Phase == LaneOutput.CompletePhase, a.Index, a.Phase, a.Order, a.Sequence)
            .CompareTo((b.Phase == LaneOutput.CompletePhase, b.Index, b.Phase, b.Order, b.Sequence)));
        var sweep = 0;
        foreach (var output in outputs)
        {
            // The sequential pipeline expires corroborations first thing in a sweep, before any detector sweeps.
            for (; sweep < sweeps.Count && (sweeps[sweep].Index <= output.Index || output.Phase == LaneOutput.CompletePhase); sweep++)
            {
                ExpireCorroborations(sweeps[sweep].Now);
            }

            if (output.Finding is { } finding)
            {
                Collect(finding);
            }
            else if (output.Corroboration is { } corroboration)
            {
                Corroborate(corroboration);
            }
            else if (output.Fault is { } fault)
            {
                _diagnostics.Record(fault.Pattern, fault.Description, fault.EventId);
            }
        }

        for (; sweep < sweeps.Count; sweep++)
        {
            ExpireCorroborations(sweeps[sweep].Now);
        }
    }

    /// <summary>Ends the input: every detector reports what it still holds open.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _lanes?.Drain();
        foreach (var detector in _detectors)
        {
            try
            {
                detector.Complete(_context);
            }
            catch (Exception ex)
            {
                _diagnostics.Record(detector.Pattern, "complete", ex, null);
            }
        }
    }

    internal static bool Observes(Detector detector, Type eventType, Action<Exception> fault)
    {
        try
        {
            return detector.Observes(eventType);
        }
        catch (Exception ex)
        {
            fault(ex);
            return true; // When in doubt, it sees the event.
        }
    }

    private Detector[] Route(Type eventType)
    {
        return [.. _detectors.Where(d => Observes(d, eventType, ex => _diagnostics.Record(d.Pattern, "observes", ex, null)))];
    }

    /// <summary>Expires corroborations at a sweep; a parallel replay calls it where the sequential sweep would have.</summary>
    internal void ExpireCorroborations(DateTimeOffset now) => _corroborations?.Expire(now);

    private void SweepAll()
    {
        ExpireCorroborations(_context.Now);
        foreach (var detector in _detectors)
        {
            try
            {
                detector.Sweep(_context);
            }
            catch (Exception ex)
            {
                _diagnostics.Record(detector.Pattern, "sweep", ex, null);
            }
        }
    }

    internal void Collect(Finding finding)
    {
        if (_corroborations is not null)
        {
            finding = _corroborations.Enrich(finding);
        }

        Store(finding);
    }

    internal void Corroborate(Corroboration corroboration)
    {
        _corroborations ??= new CorroborationIndex(_order.Select(id => _findings[id]));
        foreach (var joined in _corroborations.Add(corroboration, id => _findings.GetValueOrDefault(id)))
        {
            Store(joined);
        }
    }

    private void Store(Finding finding)
    {
        if (!_findings.ContainsKey(finding.Id))
        {
            _order.Add(finding.Id);
        }

        _findings[finding.Id] = finding;
        FindingReported?.Invoke(finding);
    }
}
