using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options shared by the fake-review detectors that judge a listing's reviews of a window against the writers' shared
/// identifiers and purchases: <see cref="ReviewFarmOptions"/> and <see cref="MaliciousNegativeOptions"/>. An address or an
/// IP links (or ties) accounts only while few accounts use it, and an identifier many unrelated accounts use (a campus NAT,
/// a carrier gateway) never does.
/// </summary>
public abstract class LinkedReviewOptions : DetectorOptions
{
    /// <summary>
    /// Accounts reviewing one listing within the window before it is reported: for <c>fake_reviews.farm</c> accounts linked
    /// to each other, for <c>fake_reviews.malicious_negative</c> suspect accounts (no delivered purchase, or tied to another
    /// shop's owner) posting low ratings.
    /// </summary>
    /// <value>Default 4: a family of two or three reviewing what they bought together stays below it.</value>
    [Range(2, 10_000)]
    public int MinAccounts { get; set; } = 4;

    /// <summary>Hours of event time a burst may span: reviews of one listing this close are looked at together.</summary>
    /// <value>Default 24: farms post, and attacks land, within hours (seed 003's 刷评 groups work through a task list in an evening; seed 004's coordinated groups).</value>
    [Range(1, 24 * 30)]
    public int WindowHours { get; set; } = 24;

    /// <summary>Most accounts an IP address may have been seen on and still link them, or tie an account to a shop's owner (a home's or an office's).</summary>
    /// <value>Default 8.</value>
    [Range(0, 1000)]
    public int MaxIpAccounts { get; set; } = 8;

    /// <summary>Most accounts a delivery address may have been seen on and still link them, or tie an account to a shop's owner (a family's, a dormitory's).</summary>
    /// <value>Default 20.</value>
    [Range(0, 1000)]
    public int MaxAddressAccounts { get; set; } = 20;

    /// <summary>Accounts at or above which an identifier is common (a NAT or carrier gateway) and never links or ties.</summary>
    /// <value>Default 100: a farm's device or payer serves dozens of accounts, a campus NAT hundreds.</value>
    [Range(3, 100_000)]
    public int CommonAccounts { get; set; } = 100;

    /// <summary>Hours of event time a listing rests after its latest counted review before its reviews are judged.</summary>
    /// <value>Default 2.</value>
    [Range(0, 24 * 7)]
    public int SettleHours { get; set; } = 2;

    /// <summary>Days of event time orders and accounts' identifiers are remembered.</summary>
    /// <value>Default 90: farm accounts are registered in a batch days or weeks before they are used.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Most identifiers remembered per account.</summary>
    /// <value>Default 64.</value>
    [Range(1, 10_000)]
    public int MaxIdentifiersPerAccount { get; set; } = 64;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every review.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (MaxIpAccounts >= CommonAccounts || MaxAddressAccounts >= CommonAccounts)
        {
            yield return "max_ip_accounts and max_address_accounts must be below common_accounts";
        }
    }
}
