namespace Clearwind.Orleans.Abstractions;

/// <summary>What a partition stored: the events received and how many were new (a repeated id is ignored).</summary>
[GenerateSerializer, Immutable]
public sealed record IngestReceipt([property: Id(0)] int Received, [property: Id(1)] int Added);
