using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>
/// Options of <c>fake_likes.burst</c> (SPEC §2.2, seed 003: a like group lifts a new listing "from a few dozen to
/// thousands of likes within 24 hours"). A listing's likes in a sliding window are tested against the listing's own
/// past rate with a Poisson tail, not against a fixed count; a burst whose likers buy (a livestream, a post that goes
/// viral, a declared campaign that converts) is real interest and is not reported.
/// </summary>
public sealed class LikeBurstOptions : LikeOptions
{
    /// <summary>Minutes of the sliding window whose likes are counted against the baseline.</summary>
    /// <value>Default 60: a like group posts a task and its members act within the hour.</value>
    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 60;

    /// <summary>Time constant in days of the listing's own like rate (an exponentially weighted average of its past likes).</summary>
    /// <value>Default 3: long enough to smooth the daily rhythm, short enough to follow a listing that grows.</value>
    [Range(0.1, 60)]
    public double BaselineDays { get; set; } = 3;

    /// <summary>Least baseline rate assumed, in likes per day: a new or quiet listing is not held to a rate of zero.</summary>
    /// <value>Default 2.</value>
    [Range(0.01, 100_000)]
    public double MinBaselinePerDay { get; set; } = 2;

    /// <summary>Least likes in the window before a burst is considered (the evidence floor).</summary>
    /// <value>Default 20.</value>
    [Range(2, 1_000_000)]
    public int MinLikes { get; set; } = 20;

    /// <summary>Least ratio of the window's likes to what the baseline expects .</summary>
    /// <value>Default 8: the evening peak of a listing that is growing reaches 5× its average day.</value>
    [Range(1.0, 1_000_000)]
    public double MinRatio { get; set; } = 8;

    /// <summary>Poisson tail probability at or below which the window's likes open a burst.</summary>
    /// <value>Default 1e-6.</value>
    [Range(1e-300, 0.5)]
    public double Alpha { get; set; } = 1e-6;

    /// <summary>Poisson tail probability at or below which a later like still belongs to an open burst.</summary>
    /// <value>Default 1e-3: one honest like an hour after the farm stopped does not.</value>
    [Range(1e-300, 0.5)]
    public double KeepAlpha { get; set; } = 1e-3;

    /// <summary>Most share of a burst's likers who bought from the shop (real interest) for the burst to be reported.</summary>
    /// <value>Default 0.05: a livestream or a viral post converts a third or more of its likers; a like group none.</value>
    [Range(0.0, 1.0)]
    public double MaxBuyerShare { get; set; } = 0.05;

    /// <summary>
    /// Orders on the listing per like while the burst is open at or above which the burst is real interest: a listing
    /// that goes viral takes about one order for every two likes, a like farm's listing next to none.
    /// </summary>
    /// <value>Default 0.1.</value>
    [Range(0.0, 1_000.0)]
    public double MinOrdersPerLike { get; set; } = 0.1;

    /// <summary>
    /// Share of the likers who bought above which a burst inside a campaign the seller declared ahead of time for the listing
    /// is real interest. Declared off-site traffic converts less than the marketplace's own (visitors who came for one post),
    /// but it converts; a like group behind a declaration still buys nothing.
    /// </summary>
    /// <value>Default 0.01.</value>
    [Range(0.0, 1.0)]
    public double DeclaredMaxBuyerShare { get; set; } = 0.01;

    /// <summary>Orders per like at or above which a burst inside a declared campaign is real interest.</summary>
    /// <value>Default 0.02.</value>
    [Range(0.0, 1_000.0)]
    public double DeclaredMinOrdersPerLike { get; set; } = 0.02;

    /// <summary>Hours before a burst in which a liker's order with the shop still counts as buying.</summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int BuyLookbackHours { get; set; } = 24;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (KeepAlpha < Alpha)
        {
            yield return "keep_alpha must be at least alpha";
        }

        if (DeclaredMaxBuyerShare > MaxBuyerShare || DeclaredMinOrdersPerLike > MinOrdersPerLike)
        {
            yield return "a declared campaign's bars (declared_max_buyer_share, declared_min_orders_per_like) must not be above the ordinary ones";
        }
    }
}
