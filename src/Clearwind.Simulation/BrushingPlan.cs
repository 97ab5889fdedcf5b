namespace Clearwind.Simulation;

/// <summary>A planned brushing episode (times in ticks after the start).</summary>
internal sealed record BrushingPlan(ShopProfile Shop, ListingProfile Listing, IReadOnlyList<AccountProfile> Brushers,
    long Start, long Duration, IReadOnlyList<int> OrdersPerBrusher);
