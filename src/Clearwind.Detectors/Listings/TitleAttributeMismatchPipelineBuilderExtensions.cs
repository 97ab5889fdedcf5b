using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.title_attribute_mismatch</c> to a pipeline.</summary>
public static class TitleAttributeMismatchPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.title_attribute_mismatch</c> (标题属性不一致: the title names a value the listing's attributes or category contradict).</summary>
    public static DetectionPipelineBuilder AddTitleAttributeMismatch(this DetectionPipelineBuilder builder, TitleAttributeMismatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new TitleAttributeMismatchOptions();
        return builder.Add(new TitleAttributeMismatchDetector(options), options);
    }
}
