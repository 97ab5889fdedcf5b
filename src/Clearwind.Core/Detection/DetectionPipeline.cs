using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Runs every detector over events in event-time order. A detector that throws is recorded in
/// <see cref="Diagnostics"/> and the event goes on to the others: one faulty detector never stops a run.
/// Findings go to one sink; reporting the same finding id again replaces the earlier version. Evidence a detector
/// lends with <see cref="DetectionContext.Corroborate"/> is appended to the matching findings of other patterns.
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

    internal DetectionPipeline(Detector[] detectors, TimeSpan sweepInterval)
    {
        _detectors = detectors;
        _sweepInterval = sweepInterval;
        _context = new DetectionContext(Collect, Corroborate);
    }

    /// <summary>Raised for each finding as it is reported (also for a finding that replaces an earlier version).</summary>
    public event Action<Finding>? FindingReported;

    /// <summary>The detectors in the pipeline.</summary>
    public IReadOnlyList<Detector> Detectors => _detectors;

    /// <summary>Detector failures so far.</summary>
    public PipelineDiagnostics Diagnostics { get; } = new();

    /// <summary>Event time of the latest event observed.</summary>
    public DateTimeOffset Now => _context.Now;

    /// <summary>Every finding reported so far, latest version of each, in first-report order.</summary>
    public IReadOnlyList<Finding> Findings => [.. _order.Select(id => _findings[id])];

    /// <summary>Sends one event to every detector. Events must arrive in event-time order.</summary>
    public void Process(MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Ts > _context.Now)
        {
            _context.Now = e.Ts;
        }

        if (_context.Now >= _nextSweep)
        {
            if (_nextSweep != DateTimeOffset.MinValue)
            {
                SweepAll();
            }

            _nextSweep = _context.Now + _sweepInterval;
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
                Diagnostics.Record(detector.Pattern, "observe", ex, e.Id);
            }
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
        foreach (var detector in _detectors)
        {
            try
            {
                detector.Complete(_context);
            }
            catch (Exception ex)
            {
                Diagnostics.Record(detector.Pattern, "complete", ex, null);
            }
        }
    }

    private Detector[] Route(Type eventType)
    {
        var observers = new List<Detector>();
        foreach (var detector in _detectors)
        {
            try
            {
                if (detector.Observes(eventType))
                {
                    observers.Add(detector);
                }
            }
            catch (Exception ex)
            {
                Diagnostics.Record(detector.Pattern, "observes", ex, null);
                observers.Add(detector); // When in doubt, it sees the event.
            }
        }

        return [.. observers];
    }

    private void SweepAll()
    {
        _corroborations?.Expire(_context.Now);
        foreach (var detector in _detectors)
        {
            try
            {
                detector.Sweep(_context);
            }
            catch (Exception ex)
            {
                Diagnostics.Record(detector.Pattern, "sweep", ex, null);
            }
        }
    }

    private void Collect(Finding finding)
    {
        if (_corroborations is not null)
        {
            finding = _corroborations.Enrich(finding);
        }

        Store(finding);
    }

    private void Corroborate(Corroboration corroboration)
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
