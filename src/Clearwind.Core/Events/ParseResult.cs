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
    /// Applies <paramref name="prepare"/> (e.g. keying personal identifiers) to the event; if it fails, the line
    /// becomes malformed, so an event that could not be prepared is never kept.
    /// </summary>
    public ParseResult Prepare(Func<MarketEvent, MarketEvent>? prepare)
    {
        if (prepare is null || Event is null)
        {
            return this;
        }

        try
        {
            return this with { Event = prepare(Event) };
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return Malformed("an unknown field could not be read for keying (duplicate names in an object?)", TypeName);
        }
    }
}
