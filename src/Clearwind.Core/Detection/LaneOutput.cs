namespace Clearwind.Detection;

/// <summary>
/// Something a detector lane reported (a finding, a corroboration or a fault), with its place in the order a sequential
/// pipeline reports in: the event's index in its batch, the phase (sweep before observe, complete last), the detector's
/// order in the pipeline and the report's sequence within its lane. Exactly one of the three payloads is set.
/// </summary>
/// <param name="Index">Index of the event in its batch (0 for completion).</param>
/// <param name="Phase">0 sweep, 1 observe, 2 complete.</param>
/// <param name="Order">The reporting detector's place in the pipeline.</param>
/// <param name="Sequence">Order of the report within its lane and batch.</param>
public sealed record LaneOutput(int Index, int Phase, int Order, int Sequence)
{
    /// <summary>Sweep phase.</summary>
    public const int SweepPhase = 0;

    /// <summary>Observe phase.</summary>
    public const int ObservePhase = 1;

    /// <summary>Completion phase, after the last event.</summary>
    public const int CompletePhase = 2;

    /// <summary>A reported finding.</summary>
    public Finding? Finding { get; init; }

    /// <summary>Lent evidence.</summary>
    public Corroboration? Corroboration { get; init; }

    /// <summary>A detector failure: its pattern, the description the pipeline's diagnostics keep, and the event.</summary>
    public LaneFault? Fault { get; init; }
}
