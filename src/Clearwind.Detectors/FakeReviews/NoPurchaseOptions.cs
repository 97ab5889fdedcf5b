using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options of <c>fake_reviews.no_purchase</c> (SPEC §2.3, seeds 000 and 003): reviews with no completed order behind them
/// — no order at all, someone else's order, an order cancelled before the review — or written before the goods were
/// delivered (先评后发, the praise a seller buys before anything ships). A listing's such reviews are gathered into one
/// episode; praise makes the listing the beneficiary, complaints make it the victim.
/// </summary>
public sealed class NoPurchaseOptions : DetectorOptions
{
    /// <summary>
    /// Days of event time without another such review after which a listing's episode closes; a later one starts a new episode.
    /// </summary>
    /// <value>Default 7: a trickle of bought praise over several days stays one episode.</value>
    [Range(1, 365)]
    public int EpisodeGapDays { get; set; } = 7;

    /// <summary>Hours of event time an episode rests after its latest review before it is reported (or reported again).</summary>
    /// <value>Default 1: a burst is reported once it has paused, not once per review.</value>
    [Range(0, 24 * 7)]
    public int SettleHours { get; set; } = 1;

    /// <summary>Lowest rating counted as praise (the listing benefits); lower ratings are complaints (the listing suffers).</summary>
    /// <value>Default 4.</value>
    [Range(1, 5)]
    public int PraiseFromRating { get; set; } = 4;

    /// <summary>Days of event time an order is remembered after it was placed (a review later than that finds no order).</summary>
    /// <value>Default 90: reviews come days, at most a few weeks, after delivery.</value>
    [Range(1, 3650)]
    public int OrderRetentionDays { get; set; } = 90;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every review.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}
