using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Clearwind.Detection;

namespace Clearwind.Policy;

/// <summary>Binds policy-file option blocks onto options classes (snake_case; an unknown key is an error).</summary>
internal static class OptionsJson
{
    public static readonly JsonSerializerOptions Binding = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static JsonObject ToJson(DetectorOptions options, Type optionsType)
        => JsonSerializer.SerializeToNode(options, optionsType, Binding) as JsonObject ?? [];

    public static DetectorOptions Bind(JsonObject block, Type optionsType, string key)
    {
        // Options classes hold lists and maps that detectors read without null checks; no option takes null.
        if (NullAt(block, "") is { } path)
        {
            throw new PolicyException(key + path, "null is not an option value; leave the option out for its default");
        }

        try
        {
            return (DetectorOptions)(block.Deserialize(optionsType, Binding)
                ?? throw new PolicyException(key, "must be an object"));
        }
        catch (JsonException ex)
        {
            var member = ex.Path is { Length: > 2 } p ? "." + p[2..] : "";
            var unknown = ex.Message.Contains("could not be mapped", StringComparison.Ordinal);
            var name = unknown ? ExtractQuoted(ex.Message) : null;
            throw new PolicyException(key + (name is null ? member : "." + name),
                unknown ? "unknown option for this pattern" : "wrong type or format");
        }
    }

    private static string? NullAt(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return path;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (NullAt(child, path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (NullAt(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                break;
        }

        return null;
    }

    private static string? ExtractQuoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }
}
