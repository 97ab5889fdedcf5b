using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.image_quality</c> to a pipeline.</summary>
public static class ImageQualityPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.image_quality</c> (图片不合格: a main image too small or squashed to a strip).</summary>
    public static DetectionPipelineBuilder AddImageQuality(this DetectionPipelineBuilder builder, ImageQualityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new ImageQualityOptions();
        return builder.Add(new ImageQualityDetector(options), options);
    }
}
