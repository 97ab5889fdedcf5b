namespace Clearwind.Storage;

/// <summary>An event as the store holds it: identifiers already keyed, JSON as written by <c>EventParser.ToJson</c>.</summary>
/// <param name="Seq">Arrival sequence: breaks ties between equal times so replay order is stable.</param>
/// <param name="Id">Event id (unique).</param>
/// <param name="Type">Event type.</param>
/// <param name="Ts">Event time.</param>
/// <param name="Json">The event as one JSON object.</param>
public sealed record StoredEvent(long Seq, string Id, string Type, DateTimeOffset Ts, string Json);
