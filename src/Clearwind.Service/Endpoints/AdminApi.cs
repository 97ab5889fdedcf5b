using Clearwind.Appeals;
using Clearwind.Output;
using Clearwind.Scanning;
using Clearwind.Service.Live;
using Clearwind.Service.Security;

namespace Clearwind.Service.Endpoints;

/// <summary>API keys and the engine's status.</summary>
internal static class AdminApi
{
    private static string StateName(EngineState state) => state switch
    {
        EngineState.Warming => "warming",
        EngineState.Failed => "failed",
        _ => "live",
    };

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/keys", CreateKeyAsync)
            .WithTags("Keys").WithSummary("Make an API key; the key is in this answer only")
            .Produces<KeyCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        app.MapGet("/v1/status", (LiveEngine engine) =>
            {
                var (state, detail) = engine.Status;
                return TypedResults.Ok(new EngineStatus(engine.View.Now, engine.View.FindingCount, engine.View.DecisionCount, engine.Pending, StateName(state), detail));
            })
            .WithTags("Status").WithSummary("Event time reached, findings and decisions held, requests waiting")
            .Produces<EngineStatus>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        app.MapGet("/v1/me", (System.Security.Claims.ClaimsPrincipal user) => TypedResults.Ok(new Caller(
                user.Identity?.Name ?? "",
                user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "",
                [.. user.FindAll(Roles.ShopClaim).Select(c => c.Value)],
                user.FindFirst(Roles.AccountClaim)?.Value)))
            .WithTags("Keys").WithSummary("Who the key belongs to: its name, role, a seller's shops, a juror's account (the console asks this after sign-in)")
            .Produces<Caller>()
            .RequireAuthorization();
        app.MapGet("/v1/patterns", () => TypedResults.Ok(Detection.PatternNames.ByPattern))
            .WithTags("Rules").WithSummary("The Simplified Chinese name of every pattern id (the console labels patterns with them)")
            .Produces<IReadOnlyDictionary<string, string>>()
            .RequireAuthorization();
        app.MapGet("/v1/patterns/rules", () => TypedResults.Ok(Detection.PatternNames.RulesByPattern))
            .WithTags("Rules").WithSummary("The rule of every pattern id in plain Simplified Chinese (the console shows it in Chinese; a finding's rule field is the English rule with its thresholds)")
            .Produces<IReadOnlyDictionary<string, string>>()
            .RequireAuthorization();
        app.MapGet("/v1/dashboard", DashboardAsync)
            .WithTags("Status").WithSummary("What the console's dashboard draws: ingest rate, findings and decisions per day, the queue, top shops, rings, overturn rates")
            .Produces<Dashboard>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        app.MapGet("/v1/report", ReportAsync)
            .WithTags("Status").WithSummary("The report of the live state as one self-contained HTML page (as scan's report.html), with overturn rates per pattern")
            .Produces<string>(contentType: "text/html")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst));
        return app;
    }

    private static async Task<IResult> DashboardAsync(LiveEngine engine, Cases.AppealDesk desk, CancellationToken cancellationToken)
    {
        var (findings, standing) = engine.View.Snapshot();
        var log = engine.View.Log(0, int.MaxValue);
        static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(new Dashboard(
            engine.View.Now,
            await engine.Store.Events.CountAsync(cancellationToken),
            engine.EventsPerSecond,
            findings.Count,
            standing.Count,
            desk.List(Cases.CaseStatuses.Open, null, _ => true).Count,
            [.. findings.GroupBy(f => (Day(f.To), f.Pattern)).OrderBy(g => g.Key).Select(g => new DayCount(g.Key.Item1, g.Key.Pattern, g.Count()))],
            [.. log.GroupBy(d => (Day(d.EffectiveAt), d.Action)).OrderBy(g => g.Key).Select(g => new DayCount(g.Key.Item1, g.Key.Action, g.Count()))],
            [.. ReportWriter.ShopCounts(findings).Take(ReportWriter.TopCount).Select(p => new NamedCount(p.Key, p.Value))],
            [.. ReportWriter.Rings(findings).Take(ReportWriter.TopCount).Select(r => new NamedCount(r.Label, r.Accounts))],
            await desk.OverturnsAsync(cancellationToken)));
    }

    private static async Task<IResult> ReportAsync(LiveEngine engine, CancellationToken cancellationToken)
    {
        var (findings, _) = engine.View.Snapshot();
        var stored = await engine.Store.Events.CountAsync(cancellationToken);
        var result = new ScanResult
        {
            Inputs = [],
            EventsByType = new Dictionary<string, long>(),
            UnknownTypes = new Dictionary<string, long>(),
            Problems = [],
            NewEvents = 0,
            StoredEvents = stored,
            ProcessedEvents = stored,
            Findings = findings,
            Decisions = engine.View.Log(0, int.MaxValue),
            NewDecisions = 0,
            DetectorFaults = new Dictionary<string, Detection.DetectorFault>(),
            Signals = engine.Signals(),
            Overturns = (await CaseOutcomes.ReadAsync(engine.Store.Journal, cancellationToken)).Overturns(),
            Elapsed = TimeSpan.Zero,
        };
        using var html = new StringWriter();
        ReportWriter.Write(html, result);
        return TypedResults.Text(html.ToString(), "text/html; charset=utf-8");
    }

    private static async Task<IResult> CreateKeyAsync(KeyRequest request, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        try
        {
            var key = await keys.CreateAsync(request.Name ?? request.Role, request.Role, request.Shops, cancellationToken);
            return TypedResults.Created((string?)null, new KeyCreated(key, request.Role, request.Shops ?? []));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}

/// <summary>A request for a key: its role, a label, and for a seller the shops it may see.</summary>
public sealed record KeyRequest(string Role, string? Name, IReadOnlyList<string>? Shops);

/// <summary>A new key (shown once).</summary>
public sealed record KeyCreated(string Key, string Role, IReadOnlyList<string> Shops);

/// <summary>The caller's key: its name, role, shops (a seller) and account (a juror).</summary>
public sealed record Caller(string Name, string Role, IReadOnlyList<string> Shops, string? Account);

/// <summary>The console's dashboard: ingest rate, counts per day, the queue, top shops and rings, overturn rates.</summary>
public sealed record Dashboard(
    DateTimeOffset EventTime,
    long EventsStored,
    double EventsPerSecond,
    int Findings,
    int StandingDecisions,
    int OpenCases,
    IReadOnlyList<DayCount> FindingsByDay,
    IReadOnlyList<DayCount> DecisionsByDay,
    IReadOnlyList<NamedCount> TopShops,
    IReadOnlyList<NamedCount> Rings,
    IReadOnlyList<PatternOverturns> Overturns);

/// <summary>How many on one day (UTC) of one kind (a pattern, an action).</summary>
public sealed record DayCount(string Day, string Key, int Count);

/// <summary>A name and a count.</summary>
public sealed record NamedCount(string Name, long Count);

/// <summary>The engine at a glance.</summary>
/// <param name="EventTime">Event time of the latest event detected.</param>
/// <param name="Findings">Findings held.</param>
/// <param name="Decisions">Records in the decision log.</param>
/// <param name="PendingRequests">Requests waiting for the writer.</param>
/// <param name="State"><c>live</c>; <c>warming</c> while a start replays the history (events are stored and acknowledged,
/// detected when it is done); <c>failed</c> when that replay failed.</param>
/// <param name="Detail">The state in a sentence.</param>
public sealed record EngineStatus(DateTimeOffset EventTime, int Findings, int Decisions, int PendingRequests, string State, string Detail);
