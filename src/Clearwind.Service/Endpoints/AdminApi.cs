using Clearwind.Service.Live;
using Clearwind.Service.Security;

namespace Clearwind.Service.Endpoints;

/// <summary>API keys and the engine's status.</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/keys", CreateKeyAsync)
            .WithTags("Keys").WithSummary("Make an API key; the key is in this answer only")
            .Produces<KeyCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        app.MapGet("/v1/status", (LiveEngine engine) => TypedResults.Ok(new EngineStatus(engine.View.Now, engine.View.FindingCount, engine.View.DecisionCount, engine.Pending)))
            .WithTags("Status").WithSummary("Event time reached, findings and decisions held, requests waiting")
            .Produces<EngineStatus>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        return app;
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

/// <summary>The engine at a glance.</summary>
public sealed record EngineStatus(DateTimeOffset EventTime, int Findings, int Decisions, int PendingRequests);
