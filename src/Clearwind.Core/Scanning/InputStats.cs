namespace Clearwind.Scanning;

/// <summary>What one input held.</summary>
public sealed class InputStats
{
    /// <summary>Input name.</summary>
    public required string Name { get; init; }

    /// <summary>Non-blank lines (or rows) read.</summary>
    public long Lines { get; internal set; }

    /// <summary>Events read (including repeats of an id).</summary>
    public long Events { get; internal set; }

    /// <summary>Events whose id was already read or stored: ignored.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Lines with a type the engine does not know: counted and skipped.</summary>
    public long UnknownTypes { get; internal set; }

    /// <summary>Malformed lines: reported and skipped.</summary>
    public long BadLines { get; internal set; }

    /// <summary>Whether the input could be opened and read to its end.</summary>
    public bool ReadToEnd { get; internal set; }
}
