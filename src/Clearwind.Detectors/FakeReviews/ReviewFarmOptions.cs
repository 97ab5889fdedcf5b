using System.ComponentModel.DataAnnotations;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options of <c>fake_reviews.farm</c> (SPEC §2.3, seeds 000 and 003): a burst of reviews on one listing from accounts
/// linked to each other by shared identifiers — a studio's few phones and payers behind dozens of accounts. A device,
/// phone or payment account shared by several accounts is a strong link; an address or an IP links only while few accounts
/// use it (a family's address, a home's IP), and an identifier many unrelated accounts use (a campus NAT, a carrier
/// gateway) never links.
/// </summary>
public sealed class ReviewFarmOptions : LinkedReviewOptions
{
    /// <summary>
    /// Most accounts a /24 IP range may have been seen on and still link two reviewers who both lack a delivered purchase
    /// of their own (a studio's proxy range); buyers who received the goods are never linked by a range.
    /// </summary>
    /// <value>Default 30: a residential range serves more of the platform's buyers than that.</value>
    [Range(0, 1000)]
    public int MaxSubnetAccounts { get; set; } = 30;

    /// <summary>Lowest rating counted as praise (the listing benefits); lower ratings are complaints (the listing is the victim).</summary>
    /// <value>Default 4.</value>
    [Range(1, 5)]
    public int PraiseFromRating { get; set; } = 4;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (MaxIpAccounts >= CommonAccounts || MaxAddressAccounts >= CommonAccounts || MaxSubnetAccounts >= CommonAccounts)
        {
            yield return "max_ip_accounts, max_address_accounts and max_subnet_accounts must be below common_accounts";
        }
    }
}
