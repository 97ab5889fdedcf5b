namespace Clearwind.Simulation;

/// <summary>Bought reviews for one listing.</summary>
/// <param name="Style">How they are written.</param>
/// <param name="Listing">The boosted listing.</param>
/// <param name="Writers">Accounts that post them, with the time each posts (ticks after the start).</param>
/// <param name="Template">The clauses every paraphrase starts from (templated styles only).</param>
internal sealed record ReviewFarmPlan(
    ReviewFarmStyle Style,
    ListingProfile Listing,
    IReadOnlyList<(AccountProfile Writer, long Ticks)> Writers,
    IReadOnlyList<string[]>? Template);
