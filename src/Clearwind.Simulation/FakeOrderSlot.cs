namespace Clearwind.Simulation;

/// <summary>One planned fake order of a brushing variant (self-dealing, empty parcels, brushing platform).</summary>
/// <param name="Buyer">The account that places it.</param>
/// <param name="Listing">The listing brushed.</param>
/// <param name="At">When it is placed (ticks after the start).</param>
/// <param name="Style">How it is fulfilled.</param>
internal readonly record struct FakeOrderSlot(AccountProfile Buyer, ListingProfile Listing, long At, FulfilmentStyle Style);
