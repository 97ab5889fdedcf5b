using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.brand_infringement</c> to a pipeline.</summary>
public static class BrandInfringementPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.brand_infringement</c> (a brand word in the title of a shop not authorised for the brand).</summary>
    public static DetectionPipelineBuilder AddBrandInfringement(this DetectionPipelineBuilder builder, BrandInfringementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new BrandInfringementOptions();
        return builder.Add(new BrandInfringementDetector(options), options);
    }
}
