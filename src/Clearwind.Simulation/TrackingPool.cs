namespace Clearwind.Simulation;

/// <summary>The tracking numbers an empty-parcel site (空包网) sells: one carrier, a small stock handed out many times.</summary>
internal sealed record TrackingPool(string Carrier, IReadOnlyList<string> Numbers);
