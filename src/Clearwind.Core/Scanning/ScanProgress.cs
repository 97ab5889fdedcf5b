namespace Clearwind.Scanning;

/// <summary>Progress of a scan: which phase, how far.</summary>
/// <param name="Phase">Current phase.</param>
/// <param name="Done">Units done in this phase (bytes while reading, events otherwise).</param>
/// <param name="Total">Units in this phase, when known.</param>
/// <param name="Input">Input being read, while reading.</param>
public readonly record struct ScanProgress(ScanPhase Phase, long Done, long? Total, string? Input = null);
