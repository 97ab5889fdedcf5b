using Clearwind.Detection;
using Clearwind.FakeReviews;

namespace Clearwind;

/// <summary>Adds <c>fake_reviews.malicious_negative</c> to a pipeline.</summary>
public static class MaliciousNegativePipelineBuilderExtensions
{
    /// <summary>Adds <c>fake_reviews.malicious_negative</c> (恶意差评: bursts of low ratings on a competitor from accounts without real purchases or tied to another shop; the listing is the victim).</summary>
    public static DetectionPipelineBuilder AddMaliciousNegative(this DetectionPipelineBuilder builder, MaliciousNegativeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new MaliciousNegativeOptions();
        return builder.Add(new MaliciousNegativeDetector(options, builder.Shared), options);
    }
}
