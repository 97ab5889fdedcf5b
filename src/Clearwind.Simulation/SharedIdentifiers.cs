namespace Clearwind.Simulation;

/// <summary>Identifiers a linked account takes over from another account (ground truth, never written to events).</summary>
[Flags]
internal enum SharedIdentifiers
{
    None = 0,
    Phone = 1,
    Device = 2,

    /// <summary>The same network address (so the same login IP history).</summary>
    Ip = 4,

    /// <summary>The same delivery address.</summary>
    Address = 8,
    Payment = 16,
}
