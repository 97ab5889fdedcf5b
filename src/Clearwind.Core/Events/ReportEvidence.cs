namespace Clearwind.Events;

/// <summary>One evidence item of a seller report.</summary>
/// <param name="Kind">link, screenshot, text, listing…</param>
/// <param name="Value">The link, image hash or copied text.</param>
/// <param name="Ts">When the evidence was captured.</param>
public sealed record ReportEvidence(string? Kind, string? Value, DateTimeOffset? Ts = null);
