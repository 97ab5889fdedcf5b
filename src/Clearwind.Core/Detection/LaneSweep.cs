namespace Clearwind.Detection;

/// <summary>A sweep the sequential pipeline runs before the event at <paramref name="Index"/> of a batch, at event time <paramref name="Now"/>.</summary>
/// <param name="Index">Place of the event in its batch.</param>
/// <param name="Now">Event time of the sweep.</param>
public readonly record struct LaneSweep(int Index, DateTimeOffset Now);
