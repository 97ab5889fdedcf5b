using Clearwind.Attacks;
using Clearwind.Detection;

namespace Clearwind;

/// <summary>Adds <c>attack.malicious_orders</c> to a pipeline.</summary>
public static class MaliciousOrdersPipelineBuilderExtensions
{
    /// <summary>Adds <c>attack.malicious_orders</c> (恶意拍下: bursts of unpaid orders on a victim shop's hot listings).</summary>
    public static DetectionPipelineBuilder AddMaliciousOrders(this DetectionPipelineBuilder builder, MaliciousOrdersOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new MaliciousOrdersOptions();
        return builder.Add(new MaliciousOrdersDetector(options), options);
    }
}
