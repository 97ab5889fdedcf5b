using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Clearwind.Events;

/// <summary>Parses one NDJSON line (UTF-8) into a typed <see cref="MarketEvent"/>.</summary>
public static class EventParser
{
    /// <summary>Parses a UTF-8 JSON object. Errors name the field and never quote the content.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return ParseResult.Malformed("not valid UTF-8 text");
        }

        string? typeName;
        try
        {
            typeName = FindTypeName(utf8, out var error);
            if (typeName is null)
            {
                return ParseResult.Malformed(error!);
            }
        }
        catch (JsonException ex)
        {
            return ParseResult.Malformed(DescribeSyntaxError(ex));
        }
        catch (InvalidOperationException)
        {
            // The reader decodes escapes only when asked: a lone surrogate (\ud800) shows up here.
            return ParseResult.Malformed("field `type` is not valid text (an escape that is no character?)");
        }

        var typeInfo = MarketEventTypes.Find(typeName);
        if (typeInfo is null)
        {
            return new ParseResult(ParseStatus.UnknownType, null, typeName, null);
        }

        try
        {
            var e = (MarketEvent?)JsonSerializer.Deserialize(utf8, typeInfo);
            if (e is null)
            {
                return ParseResult.Malformed("not a JSON object", typeName);
            }

            if (string.IsNullOrWhiteSpace(e.Id))
            {
                return ParseResult.Malformed("field `id` is empty", typeName);
            }

            // `"buyer": null` satisfies the serializer's required check but not the event: it would be stored without the
            // field and could not be read back.
            if (NullRequired(e, typeInfo) is { } field)
            {
                return ParseResult.Malformed($"missing required field(s): {field} (null)", typeName);
            }

            e.Extra?.Remove("type");
            return new ParseResult(ParseStatus.Ok, e, typeName, null);
        }
        catch (JsonException ex)
        {
            return ParseResult.Malformed(DescribeValueError(ex, utf8, typeInfo), typeName);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            return ParseResult.Malformed($"a value could not be read ({ex.GetType().Name})", typeName);
        }
    }

    /// <summary>Reads the top-level <c>type</c> without materialising anything else.</summary>
    private static string? FindTypeName(ReadOnlySpan<byte> utf8, out string? error)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "not a JSON object";
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    error = "field `type` must be a string";
                    return null;
                }

                error = null;
                return reader.GetString();
            }

            reader.Skip();
        }

        error = "missing required field `type`";
        return null;
    }

    private static string? NullRequired(MarketEvent e, JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsRequired && !property.PropertyType.IsValueType && property.Get is { } get && get(e) is null)
            {
                return property.Name;
            }
        }

        return null;
    }

    private static string DescribeSyntaxError(JsonException ex)
    {
        var truncated = ex.Message.Contains("reached end of data", StringComparison.Ordinal)
            || ex.Message.Contains("end of the JSON payload", StringComparison.Ordinal);
        var where = ex.BytePositionInLine is { } pos ? $" at byte {pos + 1}" : "";
        return truncated ? $"invalid JSON: the line ends before the object is complete{where} (truncated?)" : $"invalid JSON{where}";
    }

    private static string DescribeValueError(JsonException ex, ReadOnlySpan<byte> utf8, JsonTypeInfo typeInfo)
    {
        if (ex.InnerException?.GetType().Name == "JsonReaderException")
        {
            return DescribeSyntaxError(ex);
        }

        if (ex.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "missing required field(s): " + string.Join(", ", MissingRequired(utf8, typeInfo));
        }

        var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var reason = OwnReason(ex);
        if (field is null)
        {
            return reason ?? DescribeSyntaxError(ex);
        }

        return reason is null ? $"field `{field}` has the wrong type or format" : $"field `{field}`: {reason}";
    }

    // Our converters throw with a reason of their own; the serializer's messages are replaced by the generic text.
    private static string? OwnReason(JsonException ex)
    {
        var message = ex.Message;
        if (ex.InnerException is not null || message.StartsWith("The JSON value", StringComparison.Ordinal))
        {
            return null;
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }

    private static List<string> MissingRequired(ReadOnlySpan<byte> utf8, JsonTypeInfo typeInfo)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null)
            {
                present.Add(name);
            }

            reader.Skip();
        }

        var missing = new List<string>();
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsRequired && !present.Contains(property.Name))
            {
                missing.Add(property.Name);
            }
        }

        return missing;
    }

    /// <summary>Serialises an event back to one JSON line (its own type, snake_case, unknown fields kept).</summary>
    public static string ToJson(MarketEvent e) => JsonSerializer.Serialize(e, EventJson.TypeInfoFor(e));

    /// <summary>Serialises an event to UTF-8 JSON.</summary>
    public static byte[] ToUtf8Json(MarketEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, EventJson.TypeInfoFor(e));

    /// <summary>Parses a stored event (trusted JSON written by <see cref="ToJson"/>).</summary>
    /// <exception cref="InvalidDataException">The JSON is not an event.</exception>
    public static MarketEvent FromJson(string json) => FromJson(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses a stored event from UTF-8 (JSON a store holds: an input line with its identifiers keyed, or <see cref="ToUtf8Json"/>'s output).</summary>
    /// <exception cref="InvalidDataException">The JSON is not an event.</exception>
    public static MarketEvent FromJson(ReadOnlySpan<byte> utf8Json)
    {
        var result = Parse(utf8Json);
        return result.Event ?? throw new InvalidDataException($"stored event is not readable: {result.Error ?? "unknown type " + result.TypeName}");
    }
}
