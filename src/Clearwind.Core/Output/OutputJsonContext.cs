using System.Text.Json.Serialization;
using Clearwind.Detection;
using Clearwind.Policy;

namespace Clearwind.Output;

/// <summary>Source-generated JSON for the SPEC §8 outputs (snake_case, enums as lower-case words).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(UtcTimeConverter), typeof(SnakeCaseEnumConverter<EntityRole>), typeof(SnakeCaseEnumConverter<Severity>)])]
[JsonSerializable(typeof(Finding))]
[JsonSerializable(typeof(Decision))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
