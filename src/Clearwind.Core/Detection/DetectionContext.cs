namespace Clearwind.Detection;

/// <summary>What a detector may use while observing: the event-time clock and the finding sink.</summary>
public sealed class DetectionContext
{
    private readonly Action<Finding> _sink;
    private readonly Action<Corroboration>? _corroborations;

    /// <summary>Creates a context that sends findings to <paramref name="sink"/> (corroborations are dropped).</summary>
    public DetectionContext(Action<Finding> sink) => _sink = sink;

    /// <summary>Creates a context that sends findings to <paramref name="sink"/> and corroborations to <paramref name="corroborations"/>.</summary>
    public DetectionContext(Action<Finding> sink, Action<Corroboration> corroborations)
    {
        _sink = sink;
        _corroborations = corroborations;
    }

    /// <summary>Event time of the latest event seen by the pipeline.</summary>
    public DateTimeOffset Now { get; internal set; }

    /// <summary>Reports a finding. Reporting the same id again replaces the earlier version (the evidence grew).</summary>
    public void Report(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        _sink(finding);
    }

    /// <summary>
    /// Lends evidence to the findings of other patterns about the same entities (see <see cref="Corroboration"/>):
    /// findings already reported and findings reported until <see cref="Corroboration.To"/> get it appended.
    /// </summary>
    public void Corroborate(Corroboration corroboration)
    {
        ArgumentNullException.ThrowIfNull(corroboration);
        _corroborations?.Invoke(corroboration);
    }
}
