namespace Clearwind.Simulation;

/// <summary>One listing a like farm boosted: every like, in time order.</summary>
/// <param name="Listing">The boosted listing.</param>
/// <param name="Likes">Who liked it and when (ticks after the start), in time order.</param>
internal sealed record LikeJob(ListingProfile Listing, IReadOnlyList<(AccountProfile Member, long Ticks)> Likes);
