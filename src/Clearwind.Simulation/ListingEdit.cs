namespace Clearwind.Simulation;

/// <summary>A planned edit of a listing (<c>listing.updated</c>): a fix, a price swing, a cheat added after publishing.</summary>
/// <param name="Listing">The listing edited.</param>
/// <param name="At">When, in ticks after the start.</param>
/// <param name="Content">Everything the listing shows after the edit.</param>
internal sealed record ListingEdit(ListingProfile Listing, long At, ListingContent Content);
