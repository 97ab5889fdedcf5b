using Clearwind.Detection;
using Clearwind.OrderBrushing;

namespace Clearwind;

/// <summary>Adds <c>order_brushing.ring</c> to a pipeline.</summary>
public static class RingPipelineBuilderExtensions
{
    /// <summary>Adds <c>order_brushing.ring</c> (刷单平台: buyers and shops forming a block of orders far denser than their popularity explains).</summary>
    public static DetectionPipelineBuilder AddRing(this DetectionPipelineBuilder builder, RingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new RingOptions();
        return builder.Add(new RingDetector(options), options);
    }
}
