namespace Clearwind.Orleans.Abstractions;

/// <summary>What a lane reported over one batch, and the silo it ran on.</summary>
[GenerateSerializer, Immutable]
public sealed record LaneReport([property: Id(0)] LaneOutputMessage[] Outputs, [property: Id(1)] string Silo);
