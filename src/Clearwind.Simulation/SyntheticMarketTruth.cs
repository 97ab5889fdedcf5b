namespace Clearwind.Simulation;

/// <summary>What was injected into a synthetic marketplace: the labels an evaluation scores against.</summary>
/// <param name="BrushingShops">Shops that bought fake orders, ascending.</param>
/// <param name="Brushers">Accounts that placed fake orders, ascending.</param>
/// <param name="BrushingEpisodes">Every brushing episode, by time.</param>
/// <param name="FlashSales">Honest surges that must not be flagged, by time.</param>
public sealed record SyntheticMarketTruth(
    IReadOnlyList<string> BrushingShops,
    IReadOnlyList<string> Brushers,
    IReadOnlyList<BrushingEpisode> BrushingEpisodes,
    IReadOnlyList<FlashSale> FlashSales);
