using System.Text;

namespace Clearwind.Storage;

/// <summary>An event as the store holds it: identifiers already keyed, JSON as read (with keyed identifiers spliced in) or as written by <c>EventParser.ToUtf8Json</c>.</summary>
/// <param name="Seq">Arrival sequence: breaks ties between equal times so replay order is stable.</param>
/// <param name="Id">Event id (unique).</param>
/// <param name="Type">Event type.</param>
/// <param name="Ts">Event time.</param>
/// <param name="Utf8Json">The event as one JSON object, UTF-8 (what stores write and read without converting).</param>
public sealed record StoredEvent(long Seq, string Id, string Type, DateTimeOffset Ts, byte[] Utf8Json)
{
    /// <summary>An event whose JSON is given as text.</summary>
    public StoredEvent(long seq, string id, string type, DateTimeOffset ts, string json)
        : this(seq, id, type, ts, Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))))
    {
    }

    /// <summary>The JSON as text.</summary>
    public string Json => Encoding.UTF8.GetString(Utf8Json);

    /// <summary>Equal when every field is, the JSON compared by content.</summary>
    public bool Equals(StoredEvent? other)
        => other is not null && Seq == other.Seq && Id == other.Id && Type == other.Type && Ts.Equals(other.Ts)
           && Utf8Json.AsSpan().SequenceEqual(other.Utf8Json);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Seq, Id, Type, Ts);
}
