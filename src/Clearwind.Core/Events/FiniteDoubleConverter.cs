using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Events;

/// <summary>
/// Reads a floating-point field (a number, or a number in a string) and refuses one too large to be finite
/// (<c>1e309</c> reads as infinity): an event holding it could never be written as JSON again.
/// </summary>
public sealed class FiniteDoubleConverter : JsonConverter<double>
{
    /// <inheritdoc/>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            value = reader.GetDouble();
        }
        else if (reader.TokenType == JsonTokenType.String
            && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            // A number written as a string, as the events' number handling allows.
        }
        else
        {
            throw new JsonException();
        }

        return double.IsFinite(value) ? value : throw new JsonException("must be a finite number");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
