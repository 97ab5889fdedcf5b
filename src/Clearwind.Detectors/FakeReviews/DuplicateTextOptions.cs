using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeReviews;

/// <summary>
/// Options of <c>fake_reviews.duplicate_text</c> (SPEC §2.3, seeds 000 and 003): near-identical review texts posted on one
/// listing by different accounts — a farm's template, or the text a seller hands out with cashback (好评返现). Texts are
/// compared after punctuation, emoji and spacing are dropped, as sets of character pairs (MinHash with LSH banding), so
/// a dropped clause, a swapped word or a new ending still matches. Texts too short to carry a signature (很好, 不错, 好评)
/// are never compared, and a phrase common across the whole market is not a copy.
/// </summary>
public sealed class DuplicateTextOptions : DetectorOptions
{
    /// <summary>
    /// Distinct character pairs a text needs before it is compared at all: below this, identical texts are what everyone
    /// writes (很好, 不错, 质量很好物流很快), not a copy.
    /// </summary>
    /// <value>Default 8: about nine characters of letters and digits.</value>
    [Range(2, 1000)]
    public int MinShingles { get; set; } = 8;

    /// <summary>Estimated Jaccard similarity of two texts' character pairs at which they count as near-identical.</summary>
    /// <value>Default 0.6: one clause of six changed, or a clause dropped, still matches; two texts sharing a fragment do not.</value>
    [Range(0.3, 1.0)]
    public double MinSimilarity { get; set; } = 0.6;

    /// <summary>
    /// Estimated similarity at which a review joins a listing's group that already has <see cref="MinAccounts"/> accounts:
    /// a paraphrase that changed two clauses of a template the listing's group already shows.
    /// </summary>
    /// <value>Default 0.4: looser than <see cref="MinSimilarity"/>, used only where a copy campaign is already established.</value>
    [Range(0.1, 1.0)]
    public double JoinSimilarity { get; set; } = 0.4;

    /// <summary>Distinct accounts posting near-identical texts on one listing before it is reported (one account repeating itself is never enough).</summary>
    /// <value>Default 4.</value>
    [Range(2, 10_000)]
    public int MinAccounts { get; set; } = 4;

    /// <summary>
    /// Share of a group's near-identical pairs that must be on its own listing rather than with the same words written by a
    /// few buyers each of other listings: a phrase many listings' buyers write independently is common language, while a
    /// template or a handed-out text stays on the listing it was written for.
    /// </summary>
    /// <value>Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double MinListingShare { get; set; } = 0.5;

    /// <summary>Lowest rating counted as praise (the listing benefits); lower ratings are complaints (the listing is the victim).</summary>
    /// <value>Default 4.</value>
    [Range(1, 5)]
    public int PraiseFromRating { get; set; } = 4;

    /// <summary>Hours of event time a group rests after its latest review before it is reported (or reported again).</summary>
    /// <value>Default 2.</value>
    [Range(0, 24 * 7)]
    public int SettleHours { get; set; } = 2;

    /// <summary>Days of event time after which a text group with no new review is forgotten.</summary>
    /// <value>Default 30: cashback texts trickle in over weeks.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Most review signatures held for comparison (the oldest are replaced beyond it); 68 bytes each.</summary>
    /// <value>Default 4,000,000 (about 272 MB when full).</value>
    [Range(1_000, 100_000_000)]
    public int MaxSignatures { get; set; } = 4_000_000;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every review.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}
