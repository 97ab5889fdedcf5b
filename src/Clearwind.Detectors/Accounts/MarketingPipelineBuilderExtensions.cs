using Clearwind.Accounts;
using Clearwind.Detection;

namespace Clearwind;

/// <summary>Adds <c>accounts.marketing</c> to a pipeline.</summary>
public static class MarketingPipelineBuilderExtensions
{
    /// <summary>Adds <c>accounts.marketing</c> (营销号: marketing names, stock avatars, off-platform solicitation, copied content).</summary>
    public static DetectionPipelineBuilder AddMarketing(this DetectionPipelineBuilder builder, MarketingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new MarketingOptions();
        return builder.Add(new MarketingDetector(options), options);
    }
}
