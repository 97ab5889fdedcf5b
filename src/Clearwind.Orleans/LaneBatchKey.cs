namespace Clearwind.Orleans;

/// <summary>A detection batch: its run and number.</summary>
public readonly record struct LaneBatchKey(string Run, int Number);
