using Clearwind.Brand;
using Clearwind.Detection;

namespace Clearwind;

/// <summary>Adds <c>brand.alert</c> to a pipeline.</summary>
public static class BrandAlertPipelineBuilderExtensions
{
    /// <summary>Adds <c>brand.alert</c> (a brand owner's keyword watch: reviews pairing the brand with 假货, 骗人, 山寨…).</summary>
    public static DetectionPipelineBuilder AddBrandAlert(this DetectionPipelineBuilder builder, BrandAlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new BrandAlertOptions();
        return builder.Add(new BrandAlertDetector(options), options);
    }
}
