using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>
/// Options of <c>fake_likes.mismatch</c> (SPEC §2.2, seed 003: "5,000 likes with under 0.5% conversion, against 800
/// likes with 3.2% in the same category"). A listing's likes in a sliding window are compared with what its views
/// (those with a real dwell) earn at its category's like rate, and with its orders at the category's orders per like.
/// The window's default of 24 hours is the seed's "within 24 hours".
/// </summary>
public sealed class LikeMismatchOptions : ListingCaseOptions
{
    /// <summary>Least dwell, in milliseconds, for a view to count as someone really looking (a glance earns no like).</summary>
    /// <value>Default 5,000.</value>
    [Range(0, 3_600_000)]
    public int MinDwellMs { get; set; } = 5_000;

    /// <summary>Least likes in the window before it is judged (the evidence floor).</summary>
    /// <value>Default 6.</value>
    [Range(1, 1_000_000)]
    public int MinLikes { get; set; } = 6;

    /// <summary>Least ratio of likes to what the viewed-with-dwell count earns at the category's like rate.</summary>
    /// <value>Default 4: a livestream audience likes about three times as readily as everyday shoppers.</value>
    [Range(1.0, 1_000_000)]
    public double MinRatio { get; set; } = 4;

    /// <summary>Poisson tail probability at or below which the likes are far above what the views support.</summary>
    /// <value>Default 1e-6.</value>
    [Range(1e-300, 0.5)]
    public double Alpha { get; set; } = 1e-6;

    /// <summary>
    /// Most orders in the window, as a share of what its likes would bring at the category's orders per like, for the
    /// likes to count as unsupported (real interest converts; bought likes do not).
    /// </summary>
    /// <value>Default 0.25.</value>
    [Range(0.0, 1.0)]
    public double MaxConversionShare { get; set; } = 0.25;

    /// <summary>Minutes before a like in which the liker's own dwelling view of the listing makes it a looked-at like.</summary>
    /// <value>Default 30.</value>
    [Range(1, 24 * 60)]
    public int LookMinutes { get; set; } = 30;

    /// <summary>
    /// Likes within ±<see cref="CrowdMinutes"/> (the like itself included) that make a like part of a crowd: a like after
    /// a real look is named only in a crowd, so an honest shopper's lone like on a boosted listing is not.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(2, 1_000_000)]
    public int CrowdLikes { get; set; } = 3;

    /// <summary>Half-width in minutes of the span in which <see cref="CrowdLikes"/> likes make a crowd.</summary>
    /// <value>Default 15.</value>
    [Range(1, 24 * 60)]
    public int CrowdMinutes { get; set; } = 15;

    /// <summary>Hours before a like in which the liker's order with the shop makes it a buyer, not an actor.</summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int BuyLookbackHours { get; set; } = 24;
}
