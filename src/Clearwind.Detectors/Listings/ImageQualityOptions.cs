using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.image_quality</c> (图片不合格, SPEC §2.4, seed 002): a main image too small to show the product, or
/// squashed into a strip. Only the image's width and height are used: the events carry no pixels, so collages (小图拼接) and
/// text-covered pictures (牛皮癣) cannot be seen here.
/// </summary>
public sealed class ImageQualityOptions : DetectorOptions
{
    /// <summary>Shortest side, in pixels, below which a main image is too small (主图尺寸过小).</summary>
    /// <value>Default 600: marketplace main images are 640 to 1200 pixels a side (750 × 750 and 800 × 800 are the usual
    /// upload sizes, 800 the size at which zoom works); a picture under 600 pixels is a thumbnail blown up in search results.</value>
    [Range(1, 10_000)]
    public int MinShortSide { get; set; } = 600;

    /// <summary>Long side ÷ short side above which a main image is a strip, not a product picture.</summary>
    /// <value>Default 2.0: main images are square or portrait 3:4 to 2:3 (at most 1.5); a picture twice as long as it is
    /// wide is a banner or a squashed photo.</value>
    [Range(1.0, 100.0)]
    public double MaxAspectRatio { get; set; } = 2.0;
}
