using Clearwind.Detection;
using Clearwind.FakeReviews;

namespace Clearwind;

/// <summary>Adds <c>fake_reviews.duplicate_text</c> to a pipeline.</summary>
public static class DuplicateTextPipelineBuilderExtensions
{
    /// <summary>Adds <c>fake_reviews.duplicate_text</c> (near-identical review texts on one listing from different accounts).</summary>
    public static DetectionPipelineBuilder AddDuplicateText(this DetectionPipelineBuilder builder, DuplicateTextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new DuplicateTextOptions();
        return builder.Add(new DuplicateTextDetector(options), options);
    }
}
