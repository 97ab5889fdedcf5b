using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options of <c>fake_reviews.farm</c> (SPEC §2.3, seeds 000 and 003): a burst of reviews on one listing from accounts
/// linked to each other by shared identifiers — a studio's few phones and payers behind dozens of accounts. A device,
/// phone or payment account shared by several accounts is a strong link; an address or an IP links only while few accounts
/// use it (a family's address, a home's IP), and an identifier many unrelated accounts use (a campus NAT, a carrier
/// gateway) never links.
/// </summary>
public sealed class ReviewFarmOptions : DetectorOptions
{
    /// <summary>Linked accounts reviewing one listing within the window before it is reported.</summary>
    /// <value>Default 4: a family of two or three reviewing what they bought together stays below it.</value>
    [Range(2, 10_000)]
    public int MinAccounts { get; set; } = 4;

    /// <summary>Hours of event time a burst may span: reviews of one listing this close are looked at together.</summary>
    /// <value>Default 24: farms post within hours (seed 003's 刷评 groups work through a task list in an evening).</value>
    [Range(1, 24 * 30)]
    public int WindowHours { get; set; } = 24;

    /// <summary>Most accounts an IP address may have been seen on and still link them (a home's or an office's).</summary>
    /// <value>Default 8.</value>
    [Range(0, 1000)]
    public int MaxIpAccounts { get; set; } = 8;

    /// <summary>
    /// Most accounts a /24 IP range may have been seen on and still link two reviewers who both lack a delivered purchase
    /// of their own (a studio's proxy range); buyers who received the goods are never linked by a range.
    /// </summary>
    /// <value>Default 30: a residential range serves more of the platform's buyers than that.</value>
    [Range(0, 1000)]
    public int MaxSubnetAccounts { get; set; } = 30;

    /// <summary>Most accounts a delivery address may have been seen on and still link them (a family's, a dormitory's).</summary>
    /// <value>Default 20.</value>
    [Range(0, 1000)]
    public int MaxAddressAccounts { get; set; } = 20;

    /// <summary>Accounts at or above which an identifier is common (a NAT or carrier gateway) and never links.</summary>
    /// <value>Default 100: a farm's device or payer serves dozens of accounts, a campus NAT hundreds.</value>
    [Range(3, 100_000)]
    public int CommonAccounts { get; set; } = 100;

    /// <summary>Lowest rating counted as praise (the listing benefits); lower ratings are complaints (the listing is the victim).</summary>
    /// <value>Default 4.</value>
    [Range(1, 5)]
    public int PraiseFromRating { get; set; } = 4;

    /// <summary>Hours of event time a listing rests after its latest review before its reviews are judged.</summary>
    /// <value>Default 2.</value>
    [Range(0, 24 * 7)]
    public int SettleHours { get; set; } = 2;

    /// <summary>Days of event time after which an account's identifiers are forgotten.</summary>
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
        if (MaxIpAccounts >= CommonAccounts || MaxAddressAccounts >= CommonAccounts || MaxSubnetAccounts >= CommonAccounts)
        {
            yield return "max_ip_accounts, max_address_accounts and max_subnet_accounts must be below common_accounts";
        }
    }
}
