using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Clearwind.Events;

/// <summary>Writing options for events: Chinese text and offsets stay readable (no \u escapes).</summary>
public static class EventJson
{
    private static readonly EventJsonContext Writer = new(new JsonSerializerOptions(EventJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Metadata that writes an event of its own runtime type.</summary>
    public static JsonTypeInfo TypeInfoFor(MarketEvent e) => Writer.GetTypeInfo(e.GetType())!;
}
