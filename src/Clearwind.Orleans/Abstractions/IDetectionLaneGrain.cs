namespace Clearwind.Orleans.Abstractions;

/// <summary>
/// One detector lane of one detection run: a detector, or the detectors that share state with it, grouped the way
/// <c>DetectorLane.Group</c> groups them. Key: the lane's number, and the run as key extension, so every run starts
/// from fresh detectors.
/// </summary>
[Alias("Clearwind.IDetectionLaneGrain")]
public interface IDetectionLaneGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Runs the lane's detectors over the batch; batches must come numbered 0, 1, 2…</summary>
    [Alias("Run")]
    Task<LaneReport> RunAsync(LaneBatch batch);

    /// <summary>Ends the input: the detectors report what they still hold open, and the grain goes away.</summary>
    [Alias("Complete")]
    Task<LaneReport> CompleteAsync();
}
