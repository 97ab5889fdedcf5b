namespace Clearwind.Detection;

/// <summary>Counts of detector failures; a detector that throws is reported here and the run goes on.</summary>
public sealed class PipelineDiagnostics
{
    private readonly Dictionary<string, DetectorFault> _faults = new(StringComparer.Ordinal);

    /// <summary>Failures by pattern id.</summary>
    public IReadOnlyDictionary<string, DetectorFault> Faults => _faults;

    /// <summary>Total detector failures.</summary>
    public long FaultCount => _faults.Values.Sum(f => f.Count);

    internal void Record(PatternId pattern, string stage, Exception ex, string? eventId)
    {
        if (_faults.TryGetValue(pattern.Value, out var fault))
        {
            _faults[pattern.Value] = fault with { Count = fault.Count + 1 };
        }
        else
        {
            _faults[pattern.Value] = new DetectorFault(1, $"{stage}: {ex.GetType().Name}: {ex.Message}", eventId);
        }
    }
}
