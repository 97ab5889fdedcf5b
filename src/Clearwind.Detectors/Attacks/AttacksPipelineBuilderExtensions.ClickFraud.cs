using Clearwind.Attacks;
using Clearwind.Detection;

namespace Clearwind;

/// <summary>Adds <c>attack.click_fraud</c> to a pipeline.</summary>
public static class ClickFraudPipelineBuilderExtensions
{
    /// <summary>Adds <c>attack.click_fraud</c> (直通车攻击: invalid clicks on a competitor's ads).</summary>
    public static DetectionPipelineBuilder AddClickFraud(this DetectionPipelineBuilder builder, ClickFraudOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new ClickFraudOptions();
        return builder.Add(new ClickFraudDetector(options), options);
    }
}
