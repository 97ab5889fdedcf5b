using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.fake_price</c> to a pipeline.</summary>
public static class FakePricePipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.fake_price</c> (虚假价格: a price far outside the category's normal range, or frequent large swings).</summary>
    public static DetectionPipelineBuilder AddFakePrice(this DetectionPipelineBuilder builder, FakePriceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new FakePriceOptions();
        return builder.Add(new FakePriceDetector(options), options);
    }
}
