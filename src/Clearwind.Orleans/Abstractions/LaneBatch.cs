namespace Clearwind.Orleans.Abstractions;

/// <summary>
/// A batch of stored events in event-time order for every detector lane, with the places where the sequential
/// pipeline sweeps (before the event at <see cref="SweepIndexes"/>[i], at event time <see cref="SweepTimes"/>[i]).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LaneBatch(
    [property: Id(0)] string Run,
    [property: Id(1)] int Number,
    [property: Id(2)] byte[][] Events,
    [property: Id(3)] int[] SweepIndexes,
    [property: Id(4)] DateTimeOffset[] SweepTimes);
