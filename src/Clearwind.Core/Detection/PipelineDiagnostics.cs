namespace Clearwind.Detection;

/// <summary>Counts of detector failures; a detector that throws is reported here and the run goes on.</summary>
public sealed class PipelineDiagnostics
{
    private readonly Dictionary<string, DetectorFault> _faults = new(StringComparer.Ordinal);

    /// <summary>Failures by pattern id.</summary>
    public IReadOnlyDictionary<string, DetectorFault> Faults => _faults;

    /// <summary>Total detector failures.</summary>
    public long FaultCount => _faults.Values.Sum(f => f.Count);

    internal void Record(PatternId pattern, string stage, Exception ex, string? eventId) => Record(pattern.Value, Describe(stage, ex), eventId);

    internal void Record(string pattern, string description, string? eventId)
    {
        if (_faults.TryGetValue(pattern, out var fault))
        {
            _faults[pattern] = fault with { Count = fault.Count + 1 };
        }
        else
        {
            _faults[pattern] = new DetectorFault(1, description, eventId);
        }
    }

    internal static string Describe(string stage, Exception ex) => $"{stage}: {ex.GetType().Name}: {ex.Message}";
}
