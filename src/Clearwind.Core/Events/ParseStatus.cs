namespace Clearwind.Events;

/// <summary>What became of one input line.</summary>
public enum ParseStatus
{
    /// <summary>A typed event was read.</summary>
    Ok,

    /// <summary>Valid JSON with a <c>type</c> the engine does not know: counted and skipped.</summary>
    UnknownType,

    /// <summary>Not a usable event: reported with its line number and skipped.</summary>
    Malformed,
}
