using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Output;

/// <summary>Enums as lower snake_case words (<c>actor</c>, <c>high</c>), as SPEC §8 spells them.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
