using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Simulation.Evaluation;

/// <summary>A scan's outputs scored against a simulation's labels (<c>eval.json</c>).</summary>
public sealed record EvaluationReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Every family over all its patterns (an entity counts once per family).</summary>
    public required IReadOnlyList<PatternScore> Families { get; init; }

    /// <summary>Every pattern that was labelled or reported.</summary>
    public required IReadOnlyList<PatternScore> Patterns { get; init; }

    /// <summary>All families together, over (family, type, id).</summary>
    public required Score Overall { get; init; }

    /// <summary>Honest look-alikes flagged, by scenario.</summary>
    public required IReadOnlyList<LookAlikeResult> HardNegatives { get; init; }

    /// <summary>Victims of attacks and whether any was penalised.</summary>
    public required VictimResult Victims { get; init; }

    /// <summary>Item-level results for orders, clicks and reviews.</summary>
    public required IReadOnlyList<ItemScore> Items { get; init; }

    /// <summary>
    /// Mean absolute error of clean sales per listing against the labels, once the scan writes
    /// <c>listing_signals.csv</c>; null until then.
    /// </summary>
    public double? CleanSalesError { get; init; }

    /// <summary>
    /// Listings whose clean sales equal raw sales less the labelled fake paid orders (issue 8 asks ≥ 99%); null when the
    /// scan folder has no <c>listing_signals.csv</c> or the events were not given.
    /// </summary>
    public CleanSalesResult? CleanSales { get; init; }

    /// <summary>Total honest look-alikes flagged.</summary>
    public int HardNegativesFlagged => HardNegatives.Sum(h => h.Flagged);

    /// <summary>Writes the report as indented JSON.</summary>
    public void Write(Stream output) => JsonSerializer.Serialize(output, this, Json);
}
