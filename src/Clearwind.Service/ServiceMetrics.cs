using System.Diagnostics.Metrics;

namespace Clearwind.Service;

/// <summary>The service's own instruments (meter <c>Clearwind.Service</c>), exported at <c>/metrics</c> for Prometheus.</summary>
internal static class ServiceMetrics
{
    public const string MeterName = "Clearwind.Service";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> EventsStored = Meter.CreateCounter<long>("clearwind.events.stored", "{event}", "New events made durable");

    public static readonly Counter<long> EventsRepeated = Meter.CreateCounter<long>("clearwind.events.repeated", "{event}", "Events ignored because their id was stored already");

    public static readonly Counter<long> LinesRejected = Meter.CreateCounter<long>("clearwind.events.rejected", "{line}", "Malformed lines refused at ingest");

    public static readonly Counter<long> FindingsReported = Meter.CreateCounter<long>("clearwind.findings.reported", "{finding}", "Findings new or revised");

    public static readonly Counter<long> DecisionsAppended = Meter.CreateCounter<long>("clearwind.decisions.appended", "{decision}", "Records appended to the decision log");

    // Buckets in seconds: without them the exporter's defaults (0, 5, 10, 25 … 10,000), meant for milliseconds, put every
    // commit in the first bucket.
    public static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>(
        "clearwind.commit.duration",
        "s",
        "Time of one group commit: store, detect, decide",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("clearwind.requests.shed", "{request}", "Requests refused with 429 or 503 under load");
}
