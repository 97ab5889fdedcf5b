using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.duplicate</c> (重复铺货, SPEC §2.4): one company's listings, in one shop or across the shops
/// of its <c>shop.opened</c> company, that are the same product published again. Two listings are duplicates when
/// their titles are more than 70% alike (character bigrams, Dice) and they also share every attribute or the main
/// photo; titles alone are not enough, since one company's different products share its brand and slogan words.
/// </summary>
public sealed class DuplicateListingOptions : DetectorOptions
{
    /// <summary>Title similarity (Dice of character bigrams) above which two listings of one company can be duplicates.</summary>
    /// <value>Default 0.7: the 1688 rule's "more than 70% alike".</value>
    [Range(0.01, 1.0)]
    public double MinTitleSimilarity { get; set; } = 0.7;

    /// <summary>Title similarity at or above which a copy is near-identical (a heavy duplicate, when photo, description and price agree too).</summary>
    /// <value>Default 0.85: reordering one or two words of a title keeps it above this; a reworded one falls below.</value>
    [Range(0.01, 1.0)]
    public double HeavyTitleSimilarity { get; set; } = 0.85;

    /// <summary>
    /// Whether two titles naming different model codes (letters and digits such as KD-55X80K / KD-65X80K, sd1100 /
    /// sd1000; hyphens, slashes and spaces aside; no code agrees, none is a prefix of another, no 4-digit run shared)
    /// are never duplicates, however alike the rest of the titles: a range's models share brand, series and slogan
    /// words and often the seller's coarse attributes, yet are different products. Colours of one model are not
    /// different codes (dscw150 / dscw150b agree), so a copy per colour stays a duplicate.
    /// </summary>
    /// <value>Default true: on the Abt-Buy product-matching benchmark (train + valid) 33 of 6,059 pairs whose codes conflict are one product, mostly by a typo in a code.</value>
    public bool ModelCodeConflictVetoes { get; set; } = true;

    /// <summary>Bits two main-photo perceptual hashes (64 bits) may differ by and still be the same photo.</summary>
    /// <value>Default 2: re-saving or a light crop flips a bit or two; different photos differ by about 32.</value>
    [Range(0, 32)]
    public int MaxImageBits { get; set; } = 2;

    /// <summary>Bits the main photos of a heavy duplicate may differ by.</summary>
    /// <value>Default 1: a copy re-uploaded as it was.</value>
    [Range(0, 32)]
    public int HeavyMaxImageBits { get; set; } = 1;

    /// <summary>
    /// Largest ratio between two listings' prices for them to be duplicates at all: a copy re-offers the same goods at
    /// about the same price, while a listing at several times another's price is a different offer (another capacity,
    /// a bundle) even when the seller filled in the same coarse attributes.
    /// </summary>
    /// <value>Default 2.</value>
    [Range(1.0, 1_000_000.0)]
    public double MaxPriceRatio { get; set; } = 2;

    /// <summary>Largest price difference (yuan) of a heavy duplicate, or <see cref="HeavyMaxPriceRatio"/> of the price if larger.</summary>
    /// <value>Default 1: a copy priced a yuan or ten fen apart is still the same offer.</value>
    [Range(0.0, 1_000_000.0)]
    public double HeavyMaxPriceDifference { get; set; } = 1;

    /// <summary>Largest relative price difference of a heavy duplicate, or <see cref="HeavyMaxPriceDifference"/> if larger.</summary>
    /// <value>Default 0.02.</value>
    [Range(0.0, 1.0)]
    public double HeavyMaxPriceRatio { get; set; } = 0.02;

    /// <summary>Hours of event time a company's listings rest after the latest publish or edit before they are judged.</summary>
    /// <value>Default 6: a seller publishing a batch is judged once, on the whole batch.</value>
    [Range(0, 24 * 30)]
    public int SettleHours { get; set; } = 6;

    /// <summary>Days of event time after which a listing not published or edited again is forgotten.</summary>
    /// <value>Default 90: duplicates are usually published within weeks of each other.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Most listings remembered per company (the newest are kept); bounds the pairwise comparison.</summary>
    /// <value>Default 2000.</value>
    [Range(2, 100_000)]
    public int MaxListingsPerCompany { get; set; } = 2000;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (HeavyTitleSimilarity < MinTitleSimilarity)
        {
            yield return "heavy_title_similarity must be at least min_title_similarity";
        }

        if (HeavyMaxImageBits > MaxImageBits)
        {
            yield return "heavy_max_image_bits must be at most max_image_bits";
        }
    }
}
