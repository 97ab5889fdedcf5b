using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>Seller reports, filed with their evidence (each item with the time it was captured).</content>
internal sealed partial class MarketGenerator
{
    partial void ScheduleReportScenarios()
    {
        foreach (var report in _world.Reports)
        {
            Add(report.At, new ReportFiled
            {
                Id = NextEventId(),
                Ts = At(report.At),
                Report = report.Id,
                Reporter = report.Reporter.Id,
                Target = report.Target,
                Platform = report.Platform,
                Reason = report.Reason,
                Description = report.Description,
                Evidence = [.. report.Evidence.OrderBy(e => e.At).Select(e => new ReportEvidence(e.Kind, e.Value, At(e.At)))],
            });
        }
    }
}
