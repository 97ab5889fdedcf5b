namespace Clearwind.Simulation;

/// <summary>
/// A planned honest surge (times in ticks after the start): a livestream or an influencer's post sends a crowd of real
/// buyers to a shop's listings within hours.
/// </summary>
/// <param name="Scenario">The look-alike it is labelled as, e.g. <c>livestream_surge_declared</c>.</param>
/// <param name="Channel"><c>livestream</c> or <c>influencer</c>.</param>
/// <param name="Shop">The shop whose listings are promoted.</param>
/// <param name="Listings">The promoted listings.</param>
/// <param name="Start">When the stream or the post goes live.</param>
/// <param name="Duration">How long visitors keep arriving.</param>
/// <param name="Decay">For a post, the time constant of its fading audience; zero for a livestream.</param>
/// <param name="Viewers">Existing buyers who come to look.</param>
/// <param name="CampusIp">A campus NAT address shared by part of the audience (a post popular on one campus), if any.</param>
/// <param name="Newcomers">People who open an account on the spot to buy (they register during the surge).</param>
/// <param name="Campaign">The campaign declared for it, when the shop declared one.</param>
internal sealed record SurgePlan(string Scenario, string Channel, ShopProfile Shop, IReadOnlyList<ListingProfile> Listings,
    long Start, long Duration, long Decay, int Viewers, string? CampusIp, IReadOnlyList<AccountProfile> Newcomers, CampaignPlan? Campaign);
