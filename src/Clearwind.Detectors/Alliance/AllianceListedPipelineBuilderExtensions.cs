using Clearwind.Alliance;
using Clearwind.Detection;

namespace Clearwind;

/// <summary>Adds <c>alliance.listed</c> to a pipeline.</summary>
public static class AllianceListedPipelineBuilderExtensions
{
    /// <summary>
    /// Adds <c>alliance.listed</c> (联盟黑名单命中: an account showing an identifier a partner platform listed), matching the
    /// watchlist the host put in the builder's shared state (none: nothing matches).
    /// </summary>
    public static DetectionPipelineBuilder AddAllianceListed(this DetectionPipelineBuilder builder, AllianceListedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new AllianceListedOptions();
        return builder.Add(new AllianceListedDetector(options, builder.Shared.GetOrAdd(AllianceWatchlist.SharedKey, () => AllianceWatchlist.Empty)), options);
    }
}
