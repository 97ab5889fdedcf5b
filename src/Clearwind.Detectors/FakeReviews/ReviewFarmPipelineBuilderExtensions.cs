using Clearwind.Detection;
using Clearwind.FakeReviews;

namespace Clearwind;

/// <summary>Adds <c>fake_reviews.farm</c> to a pipeline.</summary>
public static class ReviewFarmPipelineBuilderExtensions
{
    /// <summary>Adds <c>fake_reviews.farm</c> (review bursts on one listing from accounts linked by shared identifiers).</summary>
    public static DetectionPipelineBuilder AddReviewFarm(this DetectionPipelineBuilder builder, ReviewFarmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new ReviewFarmOptions();
        return builder.Add(new ReviewFarmDetector(options, builder.Shared), options);
    }
}
