namespace Clearwind.Orleans.Placement;

/// <summary>
/// Places detector lane <c>n</c> on the n-th active silo (silos in address order, round robin), so a run's lanes spread
/// evenly over the cluster instead of wherever the activation counts, which lag a burst of activations, point.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LaneSpreadPlacement : PlacementStrategy
{
    internal static LaneSpreadPlacement Instance { get; } = new();
}
