using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.stolen_image</c> to a pipeline.</summary>
public static class StolenImagePipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.stolen_image</c> (盗图: a main image that is another company's earlier picture).</summary>
    public static DetectionPipelineBuilder AddStolenImage(this DetectionPipelineBuilder builder, StolenImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new StolenImageOptions();
        return builder.Add(new StolenImageDetector(options), options);
    }
}
