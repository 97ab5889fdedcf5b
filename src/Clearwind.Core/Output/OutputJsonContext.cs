using System.Text.Json.Serialization;
using Clearwind.Detection;
using Clearwind.Policy;

namespace Clearwind.Output;

/// <summary>Source-generated JSON for the SPEC §8 outputs (snake_case, enums as lower-case words).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    Converters = [typeof(UtcTimeConverter), typeof(JsonStringEnumConverter<EntityRole>), typeof(JsonStringEnumConverter<Severity>)])]
[JsonSerializable(typeof(Finding))]
[JsonSerializable(typeof(Decision))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
