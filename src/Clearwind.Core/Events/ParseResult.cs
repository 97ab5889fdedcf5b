namespace Clearwind.Events;

/// <summary>The outcome of parsing one line.</summary>
/// <param name="Status">Whether an event was read.</param>
/// <param name="Event">The event when <paramref name="Status"/> is <see cref="ParseStatus.Ok"/>.</param>
/// <param name="TypeName">The <c>type</c> field when it was read.</param>
/// <param name="Error">Why the line is malformed, in words a user can act on (never the raw content).</param>
public readonly record struct ParseResult(ParseStatus Status, MarketEvent? Event, string? TypeName, string? Error)
{
    internal static ParseResult Malformed(string error, string? typeName = null) => new(ParseStatus.Malformed, null, typeName, error);

    /// <summary>
    /// The prepared event as UTF-8 JSON (what a store keeps), when the reader was asked to serialise; readers do it
    /// on their parsing threads so the single consumer does not have to.
    /// </summary>
    public byte[]? Utf8Json { get; init; }

    /// <summary>
    /// Applies <paramref name="prepare"/> (e.g. keying personal identifiers) to the event and, when
    /// <paramref name="serialize"/> is set, fills <see cref="Utf8Json"/>; if either fails, the line becomes malformed,
    /// so an event that could not be prepared is never kept. Given the <paramref name="source"/> line the event was
    /// parsed from, the JSON is that line with the changed identifiers replaced (far cheaper than serialising) whenever
    /// that is sure to read back as the prepared event.
    /// </summary>
    public ParseResult Prepare(Func<MarketEvent, MarketEvent>? prepare, bool serialize = false, ReadOnlySpan<byte> source = default)
    {
        if (Event is null || (prepare is null && !serialize))
        {
            return this;
        }

        try
        {
            var e = prepare is null ? Event : prepare(Event);
            var json = !serialize ? null
                : (source.IsEmpty ? null : EventJsonSplice.TryWrite(source, Event, e)) ?? EventParser.ToUtf8Json(e);
            return this with { Event = e, Utf8Json = json };
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return Malformed("an unknown field could not be read for keying (duplicate names in an object?)", TypeName);
        }
    }
}
