namespace Clearwind.Detection;

/// <summary>What a detector may use while observing: the event-time clock and the finding sink.</summary>
public sealed class DetectionContext
{
    private readonly Action<Finding> _sink;

    /// <summary>Creates a context that sends findings to <paramref name="sink"/>.</summary>
    public DetectionContext(Action<Finding> sink) => _sink = sink;

    /// <summary>Event time of the latest event seen by the pipeline.</summary>
    public DateTimeOffset Now { get; internal set; }

    /// <summary>Reports a finding. Reporting the same id again replaces the earlier version (the evidence grew).</summary>
    public void Report(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        _sink(finding);
    }
}
