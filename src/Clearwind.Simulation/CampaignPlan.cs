namespace Clearwind.Simulation;

/// <summary>A campaign a shop declares ahead of time (times in ticks after the start).</summary>
internal sealed record CampaignPlan(string Id, ShopProfile Shop, IReadOnlyList<ListingProfile> Listings, long DeclaredAt,
    long From, long To, string Channel);
