namespace Clearwind.Signals;

/// <summary>One row of <c>listing_signals.csv</c> (SPEC §8).</summary>
/// <param name="Listing">Listing id.</param>
/// <param name="Shop">The shop that owns it (empty when no event named one).</param>
/// <param name="RawSales">Paid orders of the listing.</param>
/// <param name="CleanSales">Paid orders less those voided as fake (never below 0).</param>
/// <param name="RankMultiplier">Search weight in [0, 1] from the punitive decisions in force on the listing and its shop.</param>
/// <param name="DuplicateGroup">The listing's duplicate group (named after its representative), or null.</param>
/// <param name="Representative">The group's representative (the listing search keeps), or null.</param>
public sealed record ListingSignal(
    string Listing,
    string Shop,
    int RawSales,
    int CleanSales,
    double RankMultiplier,
    string? DuplicateGroup,
    string? Representative);
