using System.ComponentModel.DataAnnotations;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options of <c>fake_reviews.malicious_negative</c> (恶意差评, SPEC §2.3 and §2.5, seeds 000, 003 and 004): a burst of
/// low ratings on a listing from accounts that never received it (no order, an order cancelled or not yet delivered) or
/// that are tied to another shop's owner by shared identifiers. The listing and its shop are the victims; the writers, and
/// a competitor whose owner several of them are tied to, are the actors. Real buyers' bad reviews after a real bad
/// experience never count, however many there are.
/// </summary>
public sealed class MaliciousNegativeOptions : LinkedReviewOptions
{
    /// <summary>Highest rating counted as an attack review.</summary>
    /// <value>Default 2: one and two stars.</value>
    [Range(1, 4)]
    public int MaxRating { get; set; } = 2;

    /// <summary>Share of the window's low ratings on the listing that must come from suspect accounts.</summary>
    /// <value>Default 0.5: a listing that really disappointed many buyers is not under attack.</value>
    [Range(0.0, 1.0)]
    public double MinSuspectShare { get; set; } = 0.5;

    /// <summary>Suspect accounts tied to one shop's owner before that shop is named as the competitor behind the attack.</summary>
    /// <value>Default 2: one tie can be chance (a shared office building); two are a pattern.</value>
    [Range(1, 1000)]
    public int MinCompetitorAccounts { get; set; } = 2;
}
