namespace Clearwind.Orleans.Abstractions;

/// <summary>What a detection run did: events replayed, findings, the decision log, and where its lanes ran.</summary>
[GenerateSerializer, Immutable]
public sealed record DetectionSummary(
    [property: Id(0)] long Events,
    [property: Id(1)] int Findings,
    [property: Id(2)] int Decisions,
    [property: Id(3)] int NewDecisions,
    [property: Id(4)] int Lanes,
    [property: Id(5)] string[] Silos,
    [property: Id(6)] int Attempts,
    [property: Id(7)] TimeSpan Elapsed);
