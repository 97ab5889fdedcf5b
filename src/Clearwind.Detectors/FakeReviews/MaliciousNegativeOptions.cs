using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options of <c>fake_reviews.malicious_negative</c> (恶意差评, SPEC §2.3 and §2.5, seeds 000, 003 and 004): a burst of
/// low ratings on a listing from accounts that never received it (no order, an order cancelled or not yet delivered) or
/// that are tied to another shop's owner by shared identifiers. The listing and its shop are the victims; the writers, and
/// a competitor whose owner several of them are tied to, are the actors. Real buyers' bad reviews after a real bad
/// experience never count, however many there are.
/// </summary>
public sealed class MaliciousNegativeOptions : DetectorOptions
{
    /// <summary>Highest rating counted as an attack review.</summary>
    /// <value>Default 2: one and two stars.</value>
    [Range(1, 4)]
    public int MaxRating { get; set; } = 2;

    /// <summary>Suspect accounts (no delivered purchase, or tied to another shop's owner) posting low ratings on one listing within the window.</summary>
    /// <value>Default 4.</value>
    [Range(2, 10_000)]
    public int MinAccounts { get; set; } = 4;

    /// <summary>Share of the window's low ratings on the listing that must come from suspect accounts.</summary>
    /// <value>Default 0.5: a listing that really disappointed many buyers is not under attack.</value>
    [Range(0.0, 1.0)]
    public double MinSuspectShare { get; set; } = 0.5;

    /// <summary>Hours of event time a burst may span.</summary>
    /// <value>Default 24: attacks land within hours (seed 003, seed 004's coordinated groups).</value>
    [Range(1, 24 * 30)]
    public int WindowHours { get; set; } = 24;

    /// <summary>Suspect accounts tied to one shop's owner before that shop is named as the competitor behind the attack.</summary>
    /// <value>Default 2: one tie can be chance (a shared office building); two are a pattern.</value>
    [Range(1, 1000)]
    public int MinCompetitorAccounts { get; set; } = 2;

    /// <summary>Most accounts an IP address may have been seen on and still tie an account to a shop's owner.</summary>
    /// <value>Default 8.</value>
    [Range(0, 1000)]
    public int MaxIpAccounts { get; set; } = 8;

    /// <summary>Most accounts a delivery address may have been seen on and still tie an account to a shop's owner.</summary>
    /// <value>Default 20.</value>
    [Range(0, 1000)]
    public int MaxAddressAccounts { get; set; } = 20;

    /// <summary>Accounts at or above which an identifier is common (a NAT or carrier gateway) and never ties.</summary>
    /// <value>Default 100.</value>
    [Range(3, 100_000)]
    public int CommonAccounts { get; set; } = 100;

    /// <summary>Hours of event time a listing rests after its latest low rating before it is judged.</summary>
    /// <value>Default 2.</value>
    [Range(0, 24 * 7)]
    public int SettleHours { get; set; } = 2;

    /// <summary>Days of event time orders and accounts' identifiers are remembered.</summary>
    /// <value>Default 90.</value>
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
