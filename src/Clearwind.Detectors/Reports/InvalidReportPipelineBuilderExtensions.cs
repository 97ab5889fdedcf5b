using Clearwind.Detection;
using Clearwind.Reports;

namespace Clearwind;

/// <summary>Adds <c>reports.invalid</c> to a pipeline.</summary>
public static class InvalidReportPipelineBuilderExtensions
{
    /// <summary>Adds <c>reports.invalid</c> (seller reports without a link, naming no policy, or about another platform; valid reports join the matching findings' evidence).</summary>
    public static DetectionPipelineBuilder AddInvalidReports(this DetectionPipelineBuilder builder, InvalidReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new InvalidReportOptions();
        return builder.Add(new InvalidReportDetector(options), options);
    }
}
