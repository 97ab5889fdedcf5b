namespace Clearwind.Fuzz.Engine;

/// <summary>The kinds of failure a run looks for.</summary>
internal enum FailureKind
{
    /// <summary>An exception other than the decoder's documented error escaped.</summary>
    Crash,

    /// <summary>An accepted input broke a property (stored JSON reads back differently, a raw identifier kept…).</summary>
    Property,

    /// <summary>One execution took longer than <see cref="FuzzSettings.HangAfter"/>, and did again when re-run alone.</summary>
    Hang,

    /// <summary>
    /// Over the limit once but under it when re-run alone: the machine was busy (it is shared), the input is not a hang.
    /// Reported, not kept.
    /// </summary>
    Slow,
}

/// <summary>One distinct failure: what it was, where it was thrown, how often, and the (minimised) input kept for it.</summary>
/// <param name="Kind">Crash, property or hang.</param>
/// <param name="Signature">Exception type and the method that threw (or the property), which tells failures apart.</param>
/// <param name="Input">The smallest failing input found.</param>
internal sealed record FuzzFailure(FailureKind Kind, string Signature, byte[] Input)
{
    /// <summary>Crash, property or hang; a hang not confirmed by a re-run becomes <see cref="FailureKind.Slow"/>.</summary>
    public FailureKind Kind { get; set; } = Kind;

    /// <summary>Executions that failed this way.</summary>
    public long Count { get; set; } = 1;

    /// <summary>Where the input was saved, when it was.</summary>
    public string? SavedAs { get; set; }
}
