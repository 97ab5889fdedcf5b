using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Simulation.Labels;

/// <summary>
/// The ground truth of one simulated marketplace (<c>labels.json</c>): who cheated in which pattern, the fake items,
/// the honest look-alikes and the victims. <c>clearwind eval</c> scores a scan's outputs against it.
/// </summary>
public sealed record MarketLabels
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Seed the marketplace was generated with.</summary>
    public int Seed { get; init; }

    /// <summary>Scale (1 ≈ 500k events a week).</summary>
    public double Scale { get; init; }

    /// <summary>Days simulated.</summary>
    public int Days { get; init; }

    /// <summary>Time of the first event.</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>Cheating entities, one label per (entity, pattern).</summary>
    public IReadOnlyList<EntityLabel> Entities { get; init; } = [];

    /// <summary>Fake orders, clicks and reviews.</summary>
    public ItemLabels Items { get; init; } = ItemLabels.None;

    /// <summary>Honest entities that look like cheats.</summary>
    public IReadOnlyList<HardNegative> HardNegatives { get; init; } = [];

    /// <summary>Entities that were attacked.</summary>
    public IReadOnlyList<VictimLabel> Victims { get; init; } = [];

    /// <summary>Writes the labels as indented JSON (UTF-8, Chinese kept readable).</summary>
    public void Write(Stream output) => JsonSerializer.Serialize(output, this, Json);

    /// <summary>Reads labels written by <see cref="Write"/>.</summary>
    /// <exception cref="JsonException">The file is not labels.</exception>
    public static MarketLabels Read(Stream input)
        => JsonSerializer.Deserialize<MarketLabels>(input, Json) ?? throw new JsonException("labels file holds null");
}
