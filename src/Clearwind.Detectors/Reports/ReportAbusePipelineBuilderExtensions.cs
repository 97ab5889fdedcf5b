using Clearwind.Detection;
using Clearwind.Reports;

namespace Clearwind;

/// <summary>Adds <c>reports.abuse</c> to a pipeline.</summary>
public static class ReportAbusePipelineBuilderExtensions
{
    /// <summary>Adds <c>reports.abuse</c> (恶意举报: a reporter who keeps filing invalid reports against one rival; the rival is protected).</summary>
    public static DetectionPipelineBuilder AddReportAbuse(this DetectionPipelineBuilder builder, ReportAbuseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new ReportAbuseOptions();
        return builder.Add(new ReportAbuseDetector(options), options);
    }
}
