using Clearwind.Accounts;
using Clearwind.Detection;

namespace Clearwind;

/// <summary>Adds <c>accounts.impersonation</c> to a pipeline.</summary>
public static class ImpersonationPipelineBuilderExtensions
{
    /// <summary>Adds <c>accounts.impersonation</c> (冒充品牌官方: names claiming a brand's official store without authorisation).</summary>
    public static DetectionPipelineBuilder AddImpersonation(this DetectionPipelineBuilder builder, ImpersonationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new ImpersonationOptions();
        return builder.Add(new ImpersonationDetector(options), options);
    }
}
