namespace Clearwind.Storage;

/// <summary>One record of the journal: what happened (<paramref name="Kind"/>), when, and its JSON body.</summary>
/// <param name="Kind">Record kind, e.g. <c>appeal_filed</c>.</param>
/// <param name="At">When it was recorded (wall time of the host that wrote it).</param>
/// <param name="Json">The record's body as JSON.</param>
public sealed record JournalRecord(string Kind, DateTimeOffset At, string Json);
