using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>Options every fake-like detector has (bound by property name, like the detector's own).</summary>
public abstract class LikeOptions : DetectorOptions
{
    /// <summary>Days after which quiet listings, old likes and facts about accounts are forgotten.</summary>
    /// <value>Default 14.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 14;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every like.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}

/// <summary>Options of a fake-like detector that judges a sliding window of each listing and reports a case per listing.</summary>
public abstract class ListingCaseOptions : LikeOptions
{
    /// <summary>Hours of the sliding window of a listing's likes (and whatever else the detector weighs them against).</summary>
    /// <value>Default 24.</value>
    [Range(1, 24 * 30)]
    public int WindowHours { get; set; } = 24;

    /// <summary>Hours after the last window that met the rule before a listing's case is closed and reported.</summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int CaseGapHours { get; set; } = 24;
}
