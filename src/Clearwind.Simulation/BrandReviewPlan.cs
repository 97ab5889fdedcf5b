namespace Clearwind.Simulation;

/// <summary>A buyer who orders a branded item and later writes a negative review that names the brand.</summary>
/// <param name="Buyer">The buyer.</param>
/// <param name="Listing">What they buy.</param>
/// <param name="Brand">The brand their review names.</param>
/// <param name="OrderedAt">When they order (ticks after the start).</param>
/// <param name="Alert">The review calls it a fake or a scam (假货, 骗人…), which the brand's keyword watch must raise.</param>
internal sealed record BrandReviewPlan(AccountProfile Buyer, ListingProfile Listing, string Brand, long OrderedAt, bool Alert);
