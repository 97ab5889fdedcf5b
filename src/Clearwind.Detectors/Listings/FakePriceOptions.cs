using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.fake_price</c> (虚假价格, SPEC §2.4): a price far outside what the category's own listings
/// charge (0.01 yuan for a garment, 18,888 for a bedding set), or frequent large price swings. The normal range is
/// learned from the marketplace: the low and high quantiles of the category's current prices, widened by a factor, so
/// cheap wholesale goods and premium goods that the category really sells stay inside it.
/// </summary>
public sealed class FakePriceOptions : DetectorOptions
{
    /// <summary>Listings with a price a category needs before any of its prices is judged (a thin category has no normal range yet).</summary>
    /// <value>Default 40.</value>
    [Range(5, 1_000_000)]
    public int MinSample { get; set; } = 40;

    /// <summary>Quantile of the category's prices that marks the cheap end of its normal range.</summary>
    /// <value>Default 0.05: the cheapest goods a category really sells (screws at a few fen) shape it; a handful of bait prices cannot.</value>
    [Range(0.001, 0.5)]
    public double LowQuantile { get; set; } = 0.05;

    /// <summary>Quantile of the category's prices that marks the dear end of its normal range.</summary>
    /// <value>Default 0.95.</value>
    [Range(0.5, 0.999)]
    public double HighQuantile { get; set; } = 0.95;

    /// <summary>
    /// Factor by which a price must fall below the low quantile, or rise above the high quantile, to be far outside the
    /// normal range.
    /// </summary>
    /// <value>
    /// Default 10: honest prices scatter up to about six times either side of their product's usual price, and a rare
    /// premium or wholesale product's usual price can sit at the category's quantile itself; a bait or inflated price
    /// (0.01 yuan, 18,888 yuan) is tens to thousands of times off.
    /// </value>
    [Range(1.5, 1000)]
    public double FenceFactor { get; set; } = 10;

    /// <summary>
    /// Longest title ending, in characters, that names the product (…加湿器, …自攻螺丝). A price far outside its category
    /// is fake only if it is also far outside what listings with the same ending charge anywhere in the marketplace.
    /// </summary>
    /// <value>Default 3: most product words are two or three characters; the longest ending shared by <see cref="MinSample"/> listings is used.</value>
    [Range(2, 16)]
    public int ProductSuffixChars { get; set; } = 3;

    /// <summary>
    /// Hours of event time a price far outside its category waits for its product's listings to reach
    /// <see cref="MinSample"/> before it is judged on the category alone (early in a scan few listings are known).
    /// </summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int ProductWaitHours { get; set; } = 24;

    /// <summary>Ratio between an old and a new price (either way) at which an edit is a large swing.</summary>
    /// <value>Default 2.5: ordinary discounts and campaign prices take 10–50% off; a bait swing divides the price by four or more.</value>
    [Range(1.1, 1000)]
    public double SwingRatio { get; set; } = 2.5;

    /// <summary>Large swings within <see cref="SwingWindowDays"/> at which price changes are frequent.</summary>
    /// <value>Default 3: one cut and its reversal can be a mistake fixed; a third large swing is a habit.</value>
    [Range(2, 1000)]
    public int MinSwings { get; set; } = 3;

    /// <summary>Days of event time a large swing is remembered.</summary>
    /// <value>Default 30.</value>
    [Range(1, 3650)]
    public int SwingWindowDays { get; set; } = 30;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (LowQuantile >= HighQuantile)
        {
            yield return "low_quantile must be less than high_quantile";
        }
    }
}
