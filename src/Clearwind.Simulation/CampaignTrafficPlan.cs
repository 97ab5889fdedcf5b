namespace Clearwind.Simulation;

/// <summary>A declared off-site campaign and the traffic it brings while it runs.</summary>
/// <param name="Campaign">The declared campaign (its window is when visitors come).</param>
/// <param name="VisitorsPerDay">Existing buyers who follow the campaign each day.</param>
/// <param name="Newcomers">Outside visitors who open an account to buy (they register while the campaign runs).</param>
internal sealed record CampaignTrafficPlan(CampaignPlan Campaign, int VisitorsPerDay, IReadOnlyList<AccountProfile> Newcomers);
