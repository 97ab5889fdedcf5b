using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Events;

/// <summary>
/// Reads listing attributes as a string map: numbers and booleans become their JSON text, nested values their raw
/// JSON, so a platform that types attribute values does not lose the event.
/// </summary>
public sealed class StringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object of name → value");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    map[name] = reader.GetString()!;
                    break;
                case JsonTokenType.Null:
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    using (var doc = JsonDocument.ParseValue(ref reader))
                    {
                        map[name] = doc.RootElement.GetRawText();
                    }

                    break;
                default:
                    map[name] = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
            }
        }

        return map;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
