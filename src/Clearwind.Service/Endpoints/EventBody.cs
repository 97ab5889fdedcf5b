using System.Runtime.InteropServices;
using System.Text.Json;
using Clearwind.Events;

namespace Clearwind.Service.Endpoints;

/// <summary>
/// Reads a request body of events: NDJSON (one event a line), a JSON array of events, or one JSON object. Each event
/// is parsed as <c>scan</c> parses a line; a malformed one is reported with its line (NDJSON) or position (array, from 1)
/// and the rest go on. Events are keyed (personal identifiers HMAC'd) before anything keeps them.
/// </summary>
internal static class EventBody
{
    public static ParsedBody Parse(ReadOnlyMemory<byte> body, Func<MarketEvent, MarketEvent> key)
    {
        var parsed = new ParsedBody();
        var span = body.Span;
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start < span.Length && span[start] == (byte)'[')
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var position = 0;
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    position++;
                    Add(parsed, position, JsonMarshal.GetRawUtf8Value(element), key);
                }
            }
            catch (JsonException ex)
            {
                parsed.Rejected.Add(new RejectedLine(0, "the body is not a JSON array of events: " + ex.Message));
            }

            return parsed;
        }

        if (start < span.Length && span[start] == (byte)'{' && IsOneValue(span))
        {
            Add(parsed, 1, span[start..], key);
            return parsed;
        }

        var line = 0;
        var rest = span;
        while (rest.Length > 0)
        {
            line++;
            var end = rest.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (current.Trim((byte)'\r').Trim((byte)' ').Length == 0)
            {
                continue;
            }

            Add(parsed, line, current, key);
        }

        return parsed;
    }

    // One JSON object, however laid out; NDJSON's second object on the next line makes this false. A reader that allows
    // several values finds the second without throwing (NDJSON is the common body), and checks without allocating.
    private static bool IsOneValue(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Add(ParsedBody parsed, int line, ReadOnlySpan<byte> utf8, Func<MarketEvent, MarketEvent> key)
    {
        var result = EventParser.Parse(utf8).Prepare(key, serialize: true, utf8);
        switch (result.Status)
        {
            case ParseStatus.Ok:
                parsed.Events.Add((result.Event!, result.Utf8Json!));
                break;
            case ParseStatus.UnknownType:
                var type = result.TypeName ?? "?";
                parsed.UnknownTypes[type] = parsed.UnknownTypes.GetValueOrDefault(type) + 1;
                break;
            default:
                parsed.Rejected.Add(new RejectedLine(line, result.Error ?? "malformed"));
                break;
        }
    }
}

/// <summary>A body's events (keyed, with their stored JSON), the lines refused, and the unknown types skipped.</summary>
internal sealed class ParsedBody
{
    public List<(MarketEvent Event, byte[] Json)> Events { get; } = [];

    public List<RejectedLine> Rejected { get; } = [];

    public SortedDictionary<string, int> UnknownTypes { get; } = new(StringComparer.Ordinal);
}

/// <summary>A line (or array position) refused, and why.</summary>
/// <param name="Line">Line number from 1 (array position for a JSON array; 0 for the whole body).</param>
/// <param name="Error">What is wrong with it.</param>
public sealed record RejectedLine(int Line, string Error);
