using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>
/// Options of <c>fake_likes.lockstep</c> (SPEC §2.2: "groups of accounts that act on the same listings within minutes of
/// each other, again and again"; after CopyCatch, Beutel et al., WWW 2013, and SynchroTrap, Cao et al., CCS 2014). Two
/// accounts are in step on a listing when they like it within <see cref="WindowMinutes"/> of each other; accounts in
/// step on <see cref="MinCommonListings"/> or more listings are linked, and linked groups are judged on their listings.
/// </summary>
public sealed class LikeLockstepOptions : LikeOptions
{
    /// <summary>Minutes within which two likes of one listing are in step.</summary>
    /// <value>Default 10.</value>
    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 10;

    /// <summary>
    /// Most earlier likes of the listing each like is paired with (the latest ones within the window): bounds the work per
    /// like when thousands arrive at once. A script walking its accounts in order keeps neighbours next to each other.
    /// </summary>
    /// <value>Default 24.</value>
    [Range(1, 10_000)]
    public int MaxPartners { get; set; } = 24;

    /// <summary>Distinct listings two accounts must be in step on to be linked, and that a member must share with the group.</summary>
    /// <value>Default 3: CopyCatch's "again and again"; two can be chance (a shared friend's link).</value>
    [Range(2, 1_000)]
    public int MinCommonListings { get; set; } = 3;

    /// <summary>Least linked accounts for a group to be judged.</summary>
    /// <value>Default 10.</value>
    [Range(2, 1_000_000)]
    public int MinGroupAccounts { get; set; } = 10;

    /// <summary>Least share of the linked accounts that liked a listing for it to be one of the group's listings.</summary>
    /// <value>Default 0.3.</value>
    [Range(0.0, 1.0)]
    public double MinListingShare { get; set; } = 0.3;

    /// <summary>Most share of a group's members who bought from the shops for the group to be reported.</summary>
    /// <value>Default 0.2: a streamer's loyal audience returns stream after stream and buys; a like group does not.</value>
    [Range(0.0, 1.0)]
    public double MaxBuyerShare { get; set; } = 0.2;

    /// <summary>Hours of event time between sweeps that judge the linked groups (and once at the end).</summary>
    /// <value>Default 6.</value>
    [Range(1, 24 * 30)]
    public int SweepHours { get; set; } = 6;

    /// <summary>Hours before a like in which the liker's order with the shop makes it a buyer, not an actor.</summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int BuyLookbackHours { get; set; } = 24;
}
