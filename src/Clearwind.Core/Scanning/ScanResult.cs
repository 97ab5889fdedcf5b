using Clearwind.Detection;
using Clearwind.Policy;
using Clearwind.Signals;

namespace Clearwind.Scanning;

/// <summary>Everything a scan produced and counted.</summary>
public sealed class ScanResult
{
    /// <summary>Per input.</summary>
    public required IReadOnlyList<InputStats> Inputs { get; init; }

    /// <summary>Valid events read from the inputs, by type (repeats included).</summary>
    public required IReadOnlyDictionary<string, long> EventsByType { get; init; }

    /// <summary>Lines with unknown types, by type.</summary>
    public required IReadOnlyDictionary<string, long> UnknownTypes { get; init; }

    /// <summary>Problems found (the first <see cref="ScanJob.MaxKeptProblems"/>).</summary>
    public required IReadOnlyList<InputProblem> Problems { get; init; }

    /// <summary>Events added to the store by this scan.</summary>
    public required long NewEvents { get; init; }

    /// <summary>Events in the store after the scan.</summary>
    public required long StoredEvents { get; init; }

    /// <summary>Events the detectors saw (the whole stored history, replayed in event-time order).</summary>
    public required long ProcessedEvents { get; init; }

    /// <summary>Current findings, in report order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The decision log after the scan.</summary>
    public required IReadOnlyList<Decision> Decisions { get; init; }

    /// <summary>Decisions this scan added to the log.</summary>
    public required int NewDecisions { get; init; }

    /// <summary>Detector failures, by pattern.</summary>
    public required IReadOnlyDictionary<string, DetectorFault> DetectorFaults { get; init; }

    /// <summary>Search signals: sales, rank multipliers, duplicate groups and shop health as of the last event.</summary>
    public SearchSignals Signals { get; init; } = SearchSignals.Empty;

    /// <summary>Appeals and reviews per pattern from the store's journal (empty unless the service worked cases on this store).</summary>
    public IReadOnlyList<Appeals.PatternOverturns> Overturns { get; init; } = [];

    /// <summary>Wall time taken.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Events read from the inputs.</summary>
    public long EventsRead => Inputs.Sum(i => i.Events);

    /// <summary>Malformed lines across inputs.</summary>
    public long BadLines => Inputs.Sum(i => i.BadLines);

    /// <summary>Repeated ids across inputs.</summary>
    public long Duplicates => Inputs.Sum(i => i.Duplicates);

    /// <summary>True when the inputs gave at least one event.</summary>
    public bool ReadAnything => EventsRead > 0;
}
