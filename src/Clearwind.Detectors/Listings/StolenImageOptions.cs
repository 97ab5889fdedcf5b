using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.stolen_image</c> (盗图, SPEC §2.4, seed 002): a listing whose main image is, by perceptual hash,
/// another company's earlier image. The copier's listing is the actor; the original listing is named as the victim.
/// </summary>
public sealed class StolenImageOptions : DetectorOptions
{
    /// <summary>Most differing bits between two 64-bit perceptual hashes that still count as the same picture.</summary>
    /// <value>Default 6: re-encoding, resizing or a light retouch moves a 64-bit perceptual hash by a few bits, while two
    /// unrelated pictures differ by about 32; the chance that two unrelated hashes fall within 6 bits is below 10⁻¹¹ a pair.</value>
    [Range(0, 15)]
    public int MaxDistance { get; set; } = 6;

    /// <summary>
    /// Number of other companies already using a picture at which it is read as a common stock image, not one seller's photo.
    /// </summary>
    /// <value>Default 5: a stolen photo is copied by one or two sellers; a picture five unrelated companies already use is
    /// a supplier's or stock picture nobody owns (SPEC §9: stock pictures).</value>
    [Range(2, 1_000)]
    public int StockImageCompanies { get; set; } = 5;

    /// <summary>Days an image stays in the index after it was last the main image of a listing.</summary>
    /// <value>Default 365: sellers copy photos of listings that have been selling for months; a year bounds memory.</value>
    [Range(1, 3_650)]
    public int RetainDays { get; set; } = 365;
}
