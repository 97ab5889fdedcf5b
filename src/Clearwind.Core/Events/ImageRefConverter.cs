using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Events;

/// <summary>Reads an image as <c>{hash, width, height}</c> or as a bare hash string.</summary>
public sealed class ImageRefConverter : JsonConverter<ImageRef>
{
    /// <inheritdoc/>
    public override ImageRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new ImageRef(reader.GetString());
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("expected an image object {hash, width, height} or a hash string");
        }

        string? hash = null;
        int? width = null, height = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "hash":
                    hash = reader.TokenType == JsonTokenType.Null ? null : reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("image hash must be a string");
                    break;
                case "width":
                    width = ReadInt(ref reader);
                    break;
                case "height":
                    height = ReadInt(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ImageRef(hash, width, height);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ImageRef value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Hash is not null)
        {
            writer.WriteString("hash", value.Hash);
        }

        if (value.Width is { } w)
        {
            writer.WriteNumber("width", w);
        }

        if (value.Height is { } h)
        {
            writer.WriteNumber("height", h);
        }

        writer.WriteEndObject();
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n))
        {
            return n;
        }

        if (reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new JsonException("image width and height must be whole numbers");
    }
}
