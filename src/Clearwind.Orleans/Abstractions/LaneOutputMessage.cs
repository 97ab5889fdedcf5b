namespace Clearwind.Orleans.Abstractions;

/// <summary>A <c>Clearwind.Detection.LaneOutput</c> on the wire: its place in the sequential order and its payload as JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record LaneOutputMessage(
    [property: Id(0)] int Index,
    [property: Id(1)] int Phase,
    [property: Id(2)] int Order,
    [property: Id(3)] int Sequence,
    [property: Id(4)] LaneOutputKind Kind,
    [property: Id(5)] string Json);
