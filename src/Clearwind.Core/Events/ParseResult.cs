namespace Clearwind.Events;

/// <summary>The outcome of parsing one line.</summary>
/// <param name="Status">Whether an event was read.</param>
/// <param name="Event">The event when <paramref name="Status"/> is <see cref="ParseStatus.Ok"/>.</param>
/// <param name="TypeName">The <c>type</c> field when it was read.</param>
/// <param name="Error">Why the line is malformed, in words a user can act on (never the raw content).</param>
public readonly record struct ParseResult(ParseStatus Status, MarketEvent? Event, string? TypeName, string? Error)
{
    internal static ParseResult Malformed(string error, string? typeName = null) => new(ParseStatus.Malformed, null, typeName, error);
}
