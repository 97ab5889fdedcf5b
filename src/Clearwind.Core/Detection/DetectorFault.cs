namespace Clearwind.Detection;

/// <summary>How often a detector failed, with its first failure.</summary>
/// <param name="Count">Number of failures.</param>
/// <param name="First">The first failure, in words.</param>
/// <param name="FirstEventId">The event being observed at the first failure, if any.</param>
public sealed record DetectorFault(long Count, string First, string? FirstEventId);
