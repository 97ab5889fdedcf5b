using Clearwind.Detection;
using Clearwind.FakeReviews;

namespace Clearwind;

/// <summary>Adds <c>fake_reviews.no_purchase</c> to a pipeline.</summary>
public static class NoPurchasePipelineBuilderExtensions
{
    /// <summary>Adds <c>fake_reviews.no_purchase</c> (reviews with no completed order behind them, or written before delivery (先评后发)).</summary>
    public static DetectionPipelineBuilder AddNoPurchase(this DetectionPipelineBuilder builder, NoPurchaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new NoPurchaseOptions();
        return builder.Add(new NoPurchaseDetector(options, builder.Shared), options);
    }
}
