namespace Clearwind.Simulation;

/// <summary>A planned flash sale (times in ticks after the start).</summary>
internal sealed record FlashSalePlan(ShopProfile Shop, ListingProfile Listing, long Start, long Duration, int Buyers,
    CampaignPlan? Campaign);
