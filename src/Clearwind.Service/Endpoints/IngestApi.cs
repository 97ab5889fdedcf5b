using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Clearwind.Service.Live;
using Clearwind.Service.Security;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Endpoints;

/// <summary><c>POST /v1/events</c>: events in, acknowledged once durable, detected and decided.</summary>
internal static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", IngestAsync)
            .WithTags("Ingest")
            .WithSummary("Ingest events (NDJSON, a JSON array, or one JSON object)")
            .WithDescription("Idempotent by event id and by the Idempotency-Key header. Answers once every new event is durable, detected and decided. With decide=true the answer carries the verdict on every order the events name.")
            .Accepts<object>("application/x-ndjson", "application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Ingest));
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext http, LiveEngine engine, IdempotencyCache idempotency, IOptions<ServiceOptions> options, bool? decide, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        // Shed before reading, parsing and keying the body: under overload that work was most of a 503's time (p99 311 ms
        // at twice the capacity, bench serve-overload), on the cores the writer needs.
        if (engine.Overloaded)
        {
            return Busy(http, new EngineBusyException());
        }

        // The body is read into a pooled buffer: a fresh one per request (and at 80 KB) was most of what a small request
        // allocated, and the collections it caused were most of the latency tail. Nothing keeps the body once parsed.
        var (buffer, length) = await ReadBodyAsync(http.Request, limit, cancellationToken);
        try
        {
            return buffer is null ? TooLarge(limit) : await IngestBodyAsync(http, engine, idempotency, options.Value, decide, buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The whole body in a buffer rented from the shared pool (the caller returns it); null when over the limit.</summary>
    internal static async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // Room for one byte over the limit, so a body over it is seen; and one byte more than announced, so the read that
        // finds the end of the body has room and the buffer never grows.
        var cap = (int)Math.Min(limit + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((request.ContentLength ?? 0) + 1, 4096), Math.Min(cap, 1 << 20)));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= cap)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, 0);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, 0);
        }

        return (buffer, length);
    }

    private static async Task<IResult> IngestBodyAsync(HttpContext http, LiveEngine engine, IdempotencyCache idempotency, ServiceOptions options, bool? decide, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var parsed = EventBody.Parse(body, engine.Keyer.Apply);
        ServiceMetrics.LinesRejected.Add(parsed.Rejected.Count);
        if (parsed.Events.Count == 0)
        {
            var why = parsed.Rejected.Count > 0
                ? $"no usable event: {parsed.Rejected.Count} malformed line(s), first at line {parsed.Rejected[0].Line}: {parsed.Rejected[0].Error}"
                : parsed.UnknownTypes.Count > 0 ? "no event of a known type" : "the body holds no event";
            return TypedResults.Problem(why, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["rejected"] = parsed.Rejected.Take(100).ToList() });
        }

        if (parsed.Events.Count > options.MaxBatchEvents)
        {
            return TypedResults.Problem($"{parsed.Events.Count} events in one request; at most {options.MaxBatchEvents}", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        async Task<IResult> Work()
        {
            var outcome = await engine.IngestAsync(parsed.Events, decide == true, cancellationToken);
            return TypedResults.Ok(new IngestResponse(outcome.Accepted, outcome.Duplicates, parsed.Rejected, parsed.UnknownTypes, outcome.Orders, outcome.Detected));
        }

        try
        {
            if (http.Request.Headers.TryGetValue("Idempotency-Key", out var key) && key.ToString() is { Length: > 0 } k)
            {
                var (result, replayed) = await idempotency.RunAsync(k, body, Work);
                if (replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return result;
            }

            return await Work();
        }
        catch (EngineBusyException ex)
        {
            return Busy(http, ex);
        }
        catch (VerdictsUnavailableException ex)
        {
            // Not a rejection (the events are stored): the engine needs a restart, which /healthz's 503 asks for.
            http.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static ProblemHttpResult Busy(HttpContext http, EngineBusyException ex)
    {
        ServiceMetrics.Rejected.Add(1);
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static ProblemHttpResult TooLarge(long limit)
        => TypedResults.Problem($"the body is larger than {limit:N0} bytes; send the events in several requests", statusCode: StatusCodes.Status413PayloadTooLarge);
}

/// <summary>The answer to an ingest request.</summary>
/// <param name="Accepted">New events stored (and detected and decided, unless <paramref name="Detected"/> is false).</param>
/// <param name="Duplicates">Events whose id was stored already (ignored).</param>
/// <param name="Rejected">Malformed lines, by line number, with why.</param>
/// <param name="UnknownTypes">Events of types Clearwind does not know, counted by type and skipped.</param>
/// <param name="Orders">With <c>?decide=true</c>: the verdict on every order the events name.</param>
/// <param name="Detected">
/// True when the events were detected and decided before this answer. False only in the seconds after a start while the
/// engine replays its history: the events are stored (durable, deduplicated) and are detected as soon as the replay is
/// done; <c>?decide=true</c> waits for it instead.
/// </param>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedLine> Rejected, IReadOnlyDictionary<string, int> UnknownTypes, IReadOnlyList<OrderVerdict>? Orders, bool Detected = true);
