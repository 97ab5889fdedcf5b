using Clearwind.Orleans.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clearwind.Orleans.Hosting;

/// <summary>The HTTP API every silo serves: ingest (partitioned by event id), a detection round, the silos.</summary>
public static class ClusterApi
{
    /// <summary>Largest ingest body.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>Maps <c>POST /v1/events</c>, <c>POST /v1/detect</c>, <c>GET /v1/cluster</c> and <c>GET /healthz</c>.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/events", IngestAsync);
        app.MapPost("/v1/detect", DetectAsync);
        app.MapGet("/v1/cluster", SilosAsync);
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        return app;
    }

    /// <summary>Stores an NDJSON body durably (every partition committed) before answering.</summary>
    private static async Task<Results<Ok<ClusterIngestResult>, ProblemHttpResult>> IngestAsync(HttpRequest request, IGrainFactory grains, ClusterEngine engine, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem($"the body is over {MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > MaxBodyBytes)
        {
            return TypedResults.Problem($"the body is over {MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var ingest = new ClusterIngest(grains, await engine.KeyerAsync(), engine.Options.Partitions);
        try
        {
            var result = await ingest.IngestAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
            await engine.RecordAllianceLinksAsync();
            return TypedResults.Ok(result);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // A partition's silo was lost mid-request: nothing is acknowledged, and sending the body again is safe (ids).
            return TypedResults.Problem("not stored: a silo was lost during the request; send it again", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<Ok<DetectionSummary>> DetectAsync(IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<IDetectionGrain>(0).RunAsync());

    private static async Task<Ok<string[]>> SilosAsync(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return TypedResults.Ok(hosts.Keys.Select(s => s.ToString()).Order(StringComparer.Ordinal).ToArray());
    }
}
