using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>
/// Options of <c>fake_likes.zombies</c> (SPEC §2.2, seed 003: "僵尸号，无真实用户画像", accounts registered in bulk by
/// emulators and scripts). A listing's likes in a sliding window mostly come from throwaway accounts — registered
/// recently, no picture of their own, never bought anything — at a script's steady pace.
/// </summary>
public sealed class LikeZombiesOptions : ListingCaseOptions
{
    /// <summary>Initializes the options with their defaults; retention here is 30 days where the other like detectors keep 14.</summary>
    public LikeZombiesOptions() => RetentionDays = 30;

    /// <summary>Days since registration within which an account counts as new.</summary>
    /// <value>Default 30.</value>
    [Range(0, 3650)]
    public int NewAccountDays { get; set; } = 30;

    /// <summary>Accounts carrying one avatar picture at or above which it is a default picture, not the account's own.</summary>
    /// <value>Default 200: the platform's default picture is on thousands; a stock picture a studio reuses on dozens.</value>
    [Range(2, 100_000_000)]
    public int DefaultAvatarAccounts { get; set; } = 200;

    /// <summary>Least likes from throwaway accounts in the window.</summary>
    /// <value>Default 6.</value>
    [Range(2, 1_000_000)]
    public int MinThrowawayLikes { get; set; } = 6;

    /// <summary>Least share of the window's likes that come from throwaway accounts.</summary>
    /// <value>Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double MinThrowawayShare { get; set; } = 0.5;

    /// <summary>
    /// Most spread of the gaps between the throwaway likes (median absolute deviation ÷ median gap) for the timing to
    /// count as a script's: a steady pace gives about 0.1, people acting on their own (a Poisson stream) about 0.7.
    /// </summary>
    /// <value>Default 0.35.</value>
    [Range(0.0, 10.0)]
    public double MaxGapSpread { get; set; } = 0.35;
}
