using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.wrong_category</c> to a pipeline.</summary>
public static class WrongCategoryPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.wrong_category</c> (类目错放: a listing filed under a category its title and attributes disagree with).</summary>
    public static DetectionPipelineBuilder AddWrongCategory(this DetectionPipelineBuilder builder, WrongCategoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new WrongCategoryOptions();
        return builder.Add(new WrongCategoryDetector(options), options);
    }
}
