using Orleans.Placement;

namespace Clearwind.Orleans.Placement;

/// <summary>Marks a grain class keyed by lane number for <see cref="LaneSpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LaneSpreadPlacementAttribute() : PlacementAttribute(LaneSpreadPlacement.Instance);
