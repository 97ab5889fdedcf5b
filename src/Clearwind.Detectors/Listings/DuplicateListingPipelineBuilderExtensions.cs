using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.duplicate</c> to a pipeline.</summary>
public static class DuplicateListingPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.duplicate</c> (重复铺货: one company publishing the same product several times).</summary>
    public static DetectionPipelineBuilder AddDuplicateListing(this DetectionPipelineBuilder builder, DuplicateListingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new DuplicateListingOptions();
        return builder.Add(new DuplicateListingDetector(options), options);
    }
}
