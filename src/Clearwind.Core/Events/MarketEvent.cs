using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Events;

/// <summary>
/// One marketplace event (SPEC §7). Every event has a unique <see cref="Id"/>, a <see cref="Type"/> and an
/// event time <see cref="Ts"/>; fields the engine does not know are kept in <see cref="Extra"/>.
/// </summary>
public abstract record MarketEvent
{
    /// <summary>Unique event id; a repeated id is ignored, so sending an event twice is safe.</summary>
    [JsonPropertyOrder(-3)]
    public required string Id { get; init; }

    /// <summary>The event type, e.g. <c>order.placed</c>.</summary>
    [JsonPropertyOrder(-2)]
    public abstract string Type { get; }

    /// <summary>Event time. Detectors use this clock only, never the wall clock.</summary>
    [JsonPropertyOrder(-1)]
    public required DateTimeOffset Ts { get; init; }

    /// <summary>Fields not defined by SPEC §7, kept as they arrived (personal identifiers among them are keyed).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
