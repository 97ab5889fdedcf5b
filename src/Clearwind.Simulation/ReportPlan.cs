using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>A planned seller report (times in ticks after the start).</summary>
/// <param name="Id">Report id (given once every report is planned, in time order).</param>
/// <param name="Reporter">The reporting seller's account.</param>
/// <param name="Target">What is reported.</param>
/// <param name="Platform">The platform the target lives on, when it is another one.</param>
/// <param name="Reason">The policy the reporter names, if any.</param>
/// <param name="Description">The reporter's words.</param>
/// <param name="Evidence">Evidence items and when each was captured.</param>
/// <param name="At">When the report is filed.</param>
/// <param name="Defect">What makes the report invalid (<see cref="ReportDefect.None"/> for a valid one); never written to events.</param>
internal sealed record ReportPlan(string Id, AccountProfile Reporter, EntityRef Target, string? Platform, string? Reason,
    string Description, IReadOnlyList<ReportEvidencePlan> Evidence, long At, ReportDefect Defect);
