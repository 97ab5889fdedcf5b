using System.Text.Json;
using System.Text.Json.Serialization;
using Clearwind.Events;

namespace Clearwind.Output;

/// <summary>Outputs give every time in UTC (<c>…Z</c>), so files from different inputs compare as text.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    private static readonly EventTimeConverter Reader = new();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Reader.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(EventTimeConverter.Format(value.ToUniversalTime()));
}
