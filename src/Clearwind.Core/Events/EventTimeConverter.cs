using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Events;

/// <summary>
/// Reads an event time given as ISO-8601 with an offset (<c>2026-11-11T00:00:00+08:00</c>) or as Unix epoch
/// milliseconds (a number, or digits in a string). A time without an offset is rejected: it is ambiguous.
/// Writes ISO-8601 with the offset it holds (<c>Z</c> for UTC).
/// </summary>
public sealed class EventTimeConverter : JsonConverter<DateTimeOffset>
{
    // Epoch ms beyond year 9999 cannot be a DateTimeOffset.
    private const long MaxEpochMs = 253_402_300_799_999;

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out var ms))
            {
                throw new JsonException("expected Unix epoch milliseconds as a whole number");
            }

            return FromEpochMs(ms);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected ISO-8601 with an offset or Unix epoch milliseconds");
        }

        ReadOnlySpan<byte> span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (span.Length > 0 && span.Length <= 16 && Utf8Parser.TryParse(span, out long digits, out var consumed) && consumed == span.Length)
        {
            return FromEpochMs(digits);
        }

        var text = reader.GetString()!;
        return ParseIso(text);
    }

    /// <summary>Parses ISO-8601 text that must carry an offset (<c>Z</c> or <c>±hh:mm</c>).</summary>
    /// <exception cref="JsonException">The text is not ISO-8601 or has no offset.</exception>
    public static DateTimeOffset ParseIso(string text)
    {
        if (!HasOffset(text))
        {
            throw new JsonException("time has no offset; write it as ISO-8601 with an offset (…+08:00 or …Z) or as Unix epoch milliseconds");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new JsonException("time is not ISO-8601 with an offset nor Unix epoch milliseconds");
        }

        return value;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(Format(value));

    /// <summary>Formats a time as ISO-8601 with its offset, <c>Z</c> when the offset is zero.</summary>
    public static string Format(DateTimeOffset value)
        => value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset FromEpochMs(long ms)
    {
        if (ms < 0 || ms > MaxEpochMs)
        {
            throw new JsonException("epoch milliseconds out of range");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            t = text.IndexOf(' ', StringComparison.Ordinal);
        }

        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }
}
