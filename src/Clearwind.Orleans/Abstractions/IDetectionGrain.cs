namespace Clearwind.Orleans.Abstractions;

/// <summary>
/// The cluster's detection and decision round (key 0): replays the stored history in event-time order through the
/// detector lanes, takes their findings in the sequential order, applies the policy and saves findings and decisions.
/// </summary>
[Alias("Clearwind.IDetectionGrain")]
public interface IDetectionGrain : IGrainWithIntegerKey
{
    /// <summary>Runs detection and decisions over everything stored; a run that loses a silo starts again from the store.</summary>
    [Alias("Run")]
    Task<DetectionSummary> RunAsync();

    /// <summary>
    /// Runs a round every <paramref name="every"/> when events arrived since the last one, on a reminder kept in the
    /// cluster's reminder table (it survives the silo and the whole cluster restarting); <see cref="TimeSpan.Zero"/> stops it.
    /// </summary>
    [Alias("RunEvery")]
    Task RunEveryAsync(TimeSpan every);
}
