using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>A planned seller report (time in ticks after the start).</summary>
internal sealed record ReportPlan(string Id, AccountProfile Reporter, EntityRef Target, string? Platform, string? Reason,
    string Description, IReadOnlyList<(string Kind, string Value)> Evidence, long At);
