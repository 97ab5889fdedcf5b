namespace Clearwind.Simulation;

/// <summary>
/// A listing that goes viral on its own: its daily audience grows along a logistic curve, from a trickle to
/// <paramref name="PeakViewersPerDay"/>, and stays there.
/// </summary>
/// <param name="Listing">The listing.</param>
/// <param name="Start">When word starts to spread (ticks after the start).</param>
/// <param name="PeakViewersPerDay">Daily viewers once it has spread.</param>
/// <param name="MidpointDays">Days after <paramref name="Start"/> when it reaches half its peak.</param>
/// <param name="WidthDays">How fast it spreads (days per e-fold of the logistic curve).</param>
internal sealed record ViralListingPlan(ListingProfile Listing, long Start, int PeakViewersPerDay, double MidpointDays, double WidthDays);
