using Clearwind.Detection;
using Clearwind.OrderBrushing;

namespace Clearwind;

/// <summary>Adds the order-brushing detectors to a pipeline.</summary>
public static class OrderBrushingPipelineBuilderExtensions
{
    /// <summary>Adds <c>order_brushing.concentration</c> (the Shopee Code League 2020 rule).</summary>
    public static DetectionPipelineBuilder AddConcentration(this DetectionPipelineBuilder builder, ConcentrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new ConcentrationOptions();
        return builder.Add(new ConcentrationDetector(options), options);
    }

    /// <summary>Adds <c>order_brushing.fake_fulfilment</c> (空包/虚假物流: empty parcels, reused tracking numbers, instant receipt).</summary>
    public static DetectionPipelineBuilder AddFakeFulfilment(this DetectionPipelineBuilder builder, FakeFulfilmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new FakeFulfilmentOptions();
        return builder.Add(new FakeFulfilmentDetector(options), options);
    }
}
