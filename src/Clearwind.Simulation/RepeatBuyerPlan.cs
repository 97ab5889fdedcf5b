namespace Clearwind.Simulation;

/// <summary>An honest buyer who orders from the same shop two or three times in one day (consumables, a forgotten item).</summary>
/// <param name="Buyer">The buyer.</param>
/// <param name="Shop">The shop.</param>
/// <param name="Orders">When each order is placed (ticks after the start) and on which listing; never more than two within an hour.</param>
internal sealed record RepeatBuyerPlan(AccountProfile Buyer, ShopProfile Shop, IReadOnlyList<(long At, ListingProfile Listing)> Orders);
