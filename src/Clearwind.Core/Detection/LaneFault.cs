namespace Clearwind.Detection;

/// <summary>A detector failure inside a lane, as <see cref="PipelineDiagnostics"/> records it.</summary>
/// <param name="Pattern">The failing detector's pattern id.</param>
/// <param name="Description">Stage, exception type and message.</param>
/// <param name="EventId">The event being observed, if any.</param>
public sealed record LaneFault(string Pattern, string Description, string? EventId);
