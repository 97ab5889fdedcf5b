using Clearwind.Detection;
using Clearwind.OrderBrushing;

namespace Clearwind;

/// <summary>Adds <c>order_brushing.self_dealing</c> to a pipeline.</summary>
public static class SelfDealingPipelineBuilderExtensions
{
    /// <summary>Adds <c>order_brushing.self_dealing</c> (自买自卖: the owner, or accounts sharing the owner's rare identifiers, buying from the shop).</summary>
    public static DetectionPipelineBuilder AddSelfDealing(this DetectionPipelineBuilder builder, SelfDealingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new SelfDealingOptions();
        return builder.Add(new SelfDealingDetector(options), options);
    }
}
