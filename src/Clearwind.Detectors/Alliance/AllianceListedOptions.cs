using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Alliance;

/// <summary>
/// Options of <c>alliance.listed</c> (SPEC §5, seeds 000 and 001: 反刷单联盟): an account here shows an identifier, or is
/// the account handle, that a partner platform listed. A partner's word is a risk signal with its source, never a ban:
/// the finding goes to review, and the match joins the evidence of this platform's own findings on the account in the
/// listed pattern's family.
/// </summary>
public sealed class AllianceListedOptions : DetectorOptions
{
    /// <summary>Entries below this confidence (the source's own) are not matched.</summary>
    /// <value>Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>
    /// An identifier seen here with more accounts than this (a shared device in an internet café, a family's address) is
    /// not matched: it would put strangers under review for one person's listing.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int MaxAccountsPerIdentifier { get; set; } = 3;

    /// <summary>The finding's score is the source's confidence times this: a partner's word weighs less than evidence seen here.</summary>
    /// <value>Default 0.6.</value>
    [Range(0.0, 1.0)]
    public double ScoreFactor { get; set; } = 0.6;
}
