namespace Clearwind.Orleans.Abstractions;

/// <summary>
/// An accepted event on its way to the store: identifiers already keyed (on the silo that took the request, so raw
/// personal identifiers never travel between silos), its arrival number, and its JSON as the store keeps it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncomingEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Id,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset Ts,
    [property: Id(4)] byte[] Utf8Json);
