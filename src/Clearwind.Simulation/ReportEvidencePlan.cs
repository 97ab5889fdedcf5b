namespace Clearwind.Simulation;

/// <summary>One evidence item of a planned report.</summary>
/// <param name="Kind">link, screenshot, text or listing.</param>
/// <param name="Value">The link, image hash, copied text or listing id.</param>
/// <param name="At">When it was captured (ticks after the start).</param>
internal sealed record ReportEvidencePlan(string Kind, string Value, long At);
