using System.Net;

namespace Clearwind.Service.Tests;

/// <summary>What <c>/metrics</c> tells an operator watching the service under load.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_CommitDurationInSecondBuckets_AndTheRuntimeGcHeap()
    {
        using var service = new ServiceFactory();
        using var admin = service.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(Stories.Brushing()))).StatusCode);

        using var anonymous = service.ClientWith(null);
        var text = await anonymous.GetStringAsync("/metrics");

        // A commit takes milliseconds: the buckets must split below a second, or the histogram says nothing.
        Assert.Contains("clearwind_commit_duration_seconds_bucket{otel_scope_name=\"Clearwind.Service\",le=\"0.01\"}", text, StringComparison.Ordinal);
        Assert.Contains("clearwind_commit_duration_seconds_bucket{otel_scope_name=\"Clearwind.Service\",le=\"0.5\"}", text, StringComparison.Ordinal);
        // The soak bench reads the server's GC heap here.
        Assert.Contains("dotnet_gc_last_collection_heap_size_bytes{", text, StringComparison.Ordinal);
    }
}
