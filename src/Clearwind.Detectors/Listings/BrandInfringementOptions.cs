using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.brand_infringement</c> (SPEC §2.4): a brand word in the title of a listing whose shop is not
/// authorised for the brand. Brands and authorisations come from <c>shop.opened</c> (<c>brands</c>), brands also from a listing's declared brand; titles are compared
/// by confusables skeleton, so look-alike characters (雲朵 for 云朵) do not hide a brand.
/// </summary>
public sealed class BrandInfringementOptions : DetectorOptions
{
    /// <summary>Shortest brand looked for (one-character brands would match inside ordinary words).</summary>
    /// <value>Default 2.</value>
    [Range(1, 20)]
    public int MinBrandLength { get; set; } = 2;

    /// <summary>Words that mark a copy of the brand's goods (同款, 原单, 代工厂, 仿 …): a stronger sign than the bare brand word.</summary>
    /// <value>Default 同款, 原单, 代工, 仿, 高仿, 复刻, A货.</value>
    public string[] CopyWords { get; set; } = ["同款", "原单", "代工", "仿", "高仿", "复刻", "A货"];

    /// <summary>Score of an unauthorised brand word alone (clear rule break; the brand list is the shops' own declarations).</summary>
    /// <value>Default 0.8.</value>
    [Range(0.0, 1.0)]
    public double BrandScore { get; set; } = 0.8;

    /// <summary>Score when the title also carries a copy word (the seller says it is not the brand's own goods).</summary>
    /// <value>Default 0.95.</value>
    [Range(0.0, 1.0)]
    public double CopyScore { get; set; } = 0.95;

    /// <summary>Days an open case is kept without an edit (only needed to see a later fix).</summary>
    /// <value>Default 60.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 60;
}
