using System.Text.Json.Nodes;
using Clearwind.Detection;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Scanning;
using Clearwind.Service.Live;
using Clearwind.Service.Security;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Endpoints;

/// <summary>The rules: the effective policy, one pattern tried on events, a candidate policy backtested on the stored history.</summary>
internal static class RulesApi
{
    // A backtest reads the whole history twice: one at a time, the rest are told to come back.
    private static readonly SemaphoreSlim Backtests = new(1, 1);

    // Versions are numbered in order: one publication at a time.
    private static readonly SemaphoreSlim Publishing = new(1, 1);

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/rules", (LiveEngine engine) => TypedResults.Text(engine.Policy.ToJson(), "application/json"))
            .WithTags("Rules").WithSummary("The effective policy (as `clearwind rules list --json`)")
            .Produces<JsonObject>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        app.MapPut("/v1/rules", PublishAsync)
            .WithTags("Rules").WithSummary("Publish the policy in the body as a new version: it takes effect at once (the history is replayed and decided again under it) and on every restart")
            .Accepts<JsonObject>("application/json")
            .Produces<PolicyVersionInfo>().ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst));
        app.MapGet("/v1/rules/versions", async (LiveEngine engine, CancellationToken ct)
                => TypedResults.Ok((await PolicyVersions.ReadAsync(engine.Store.Journal, ct)).Select(v => new PolicyVersionInfo(v.Version, v.PublishedAt, v.By, v.Note)).ToList()))
            .WithTags("Rules").WithSummary("The published versions of the policy, oldest first")
            .Produces<List<PolicyVersionInfo>>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        app.MapPost("/v1/rules/test", TestAsync)
            .WithTags("Rules").WithSummary("Run one pattern over the NDJSON events in the body: what it found and decided, the thresholds, and how far each is from flipping")
            .Accepts<string>("application/x-ndjson")
            .Produces<RuleTrialResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst));
        app.MapPost("/v1/rules/backtest", BacktestAsync)
            .WithTags("Rules").WithSummary("Backtest a candidate policy (the body) against the effective one over the stored history: who would be newly penalised or cleared")
            .Accepts<JsonObject>("application/json")
            .Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst));
        return app;
    }

    private static async Task<IResult> PublishAsync(HttpRequest request, string? note, System.Security.Claims.ClaimsPrincipal user, LiveEngine engine, TimeProvider time, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var body = await BufferAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem("the policy is too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var text = System.Text.Encoding.UTF8.GetString(body);
        await Publishing.WaitAsync(cancellationToken);
        try
        {
            var policy = EnforcementPolicy.Parse(text);
            await engine.ReplacePolicyAsync(policy, cancellationToken);
            var versions = await PolicyVersions.ReadAsync(engine.Store.Journal, cancellationToken);
            var version = new PolicyVersion(versions.Count == 0 ? 1 : versions[^1].Version + 1, time.GetUtcNow(), user.Identity?.Name ?? "", note, policy.ToJson());
            await engine.Store.Journal.AppendAsync([PolicyVersions.Record(version)], cancellationToken);
            return TypedResults.Ok(new PolicyVersionInfo(version.Version, version.PublishedAt, version.By, version.Note));
        }
        catch (PolicyException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        finally
        {
            Publishing.Release();
        }
    }

    private static async Task<IResult> TestAsync(HttpRequest request, string pattern, LiveEngine engine, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var body = await BufferAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"the events may take at most {options.Value.MaxRequestBytes:N0} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        RuleTrialResult trial;
        try
        {
            trial = await RuleTrial.RunAsync(engine.Policy, pattern, [new NdjsonInput("body", () => new MemoryStream(body, writable: false), body.Length)], DetectorCatalog.BuiltIn, cancellationToken);
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var scan = trial.Scan;
        if (!scan.ReadAnything)
        {
            return TypedResults.Problem($"no usable event in the body ({scan.BadLines} malformed lines): {string.Join("; ", scan.Problems.Take(5))}", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(new RuleTrialResponse(pattern, scan.EventsRead, scan.BadLines, [.. scan.Problems.Take(20).Select(p => p.ToString())], scan.Findings, scan.Decisions, trial.Options, trial.Probes));
    }

    private static async Task<IResult> BacktestAsync(HttpRequest request, LiveEngine engine, IOptions<ServiceOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var body = await BufferAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem("the policy is too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        EnforcementPolicy candidate;
        try
        {
            candidate = EnforcementPolicy.Parse(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (PolicyException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await Backtests.WaitAsync(0, cancellationToken))
        {
            http.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem("another backtest is running; try again shortly", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var history = Path.Combine(Path.GetTempPath(), $"clearwind-backtest-{Guid.NewGuid():N}.ndjson");
        try
        {
            // The stored events, identifiers already keyed: the backtest keys them again with one throwaway key, consistently.
            await using (var file = File.Create(history))
            {
                await foreach (var stored in engine.Store.Events.ReadAllAsync(cancellationToken))
                {
                    await file.WriteAsync(stored.Utf8Json, cancellationToken);
                    file.WriteByte((byte)'\n');
                }
            }

            var result = await Backtest.RunAsync(engine.Policy, candidate, DetectorCatalog.BuiltIn, () => [new NdjsonInput(history)], cancellationToken: cancellationToken);
            return TypedResults.Text(result.ToJson("effective", "candidate").ToJsonString(), "application/json");
        }
        catch (PolicyException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        finally
        {
            File.Delete(history);
            Backtests.Release();
        }
    }

    /// <summary>The body as its own array (rules bodies are rare and kept while they run), null when over the limit.</summary>
    internal static async Task<byte[]?> BufferAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        var (buffer, length) = await IngestApi.ReadBodyAsync(request, max, cancellationToken);
        if (buffer is null)
        {
            return null;
        }

        var body = buffer.AsSpan(0, length).ToArray();
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        return body;
    }
}

/// <summary>A published version of the policy (its text: <c>GET /v1/rules</c> while it is in force).</summary>
public sealed record PolicyVersionInfo(int Version, DateTimeOffset PublishedAt, string By, string? Note);

/// <summary>One pattern tried on events (<c>POST /v1/rules/test</c>).</summary>
public sealed record RuleTrialResponse(
    string Pattern,
    long Events,
    long BadLines,
    IReadOnlyList<string> Problems,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Decision> Decisions,
    JsonObject Options,
    IReadOnlyList<ThresholdProbe>? Probes);
