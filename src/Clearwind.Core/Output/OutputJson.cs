using System.Text.Encodings.Web;
using System.Text.Json;
using Clearwind.Detection;
using Clearwind.Policy;

namespace Clearwind.Output;

/// <summary>Reads and writes findings and decisions in the exact SPEC §8 shapes.</summary>
public static class OutputJson
{
    private static readonly OutputJsonContext Context = new(new JsonSerializerOptions(OutputJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    /// <summary>
    /// Makes <paramref name="options"/> write findings, decisions and whatever carries them in the SPEC §8 shapes
    /// (snake_case, UTC times, roles and severities as lower-case words): for hosts that serialise their own responses.
    /// </summary>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new UtcTimeConverter());
        options.Converters.Add(new SnakeCaseEnumConverter<EntityRole>());
        options.Converters.Add(new SnakeCaseEnumConverter<Severity>());
    }

    /// <summary>One finding as a JSON line.</summary>
    public static string Write(Finding finding) => JsonSerializer.Serialize(finding, Context.Finding);

    /// <summary>One decision as a JSON line.</summary>
    public static string Write(Decision decision) => JsonSerializer.Serialize(decision, Context.Decision);

    /// <summary>Reads a finding written by <see cref="Write(Finding)"/>.</summary>
    public static Finding ReadFinding(string json) => JsonSerializer.Deserialize(json, Context.Finding)
        ?? throw new InvalidDataException("empty finding");

    /// <summary>Reads a decision written by <see cref="Write(Decision)"/>.</summary>
    public static Decision ReadDecision(string json) => JsonSerializer.Deserialize(json, Context.Decision)
        ?? throw new InvalidDataException("empty decision");
}
