using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.title_stuffing</c> to a pipeline.</summary>
public static class TitleStuffingPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.title_stuffing</c> (标题堆砌: product words, a keyword, model numbers, brands or places piled into a title).</summary>
    public static DetectionPipelineBuilder AddTitleStuffing(this DetectionPipelineBuilder builder, TitleStuffingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new TitleStuffingOptions();
        return builder.Add(new TitleStuffingDetector(options), options);
    }
}
