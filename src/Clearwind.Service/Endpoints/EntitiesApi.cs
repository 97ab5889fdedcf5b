using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Service.Live;
using Clearwind.Service.Security;

namespace Clearwind.Service.Endpoints;

/// <summary>Findings and decisions: per entity, by id, and the decision log in order.</summary>
internal static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var readers = new[] { Roles.Admin, Roles.Analyst, Roles.Reviewer, Roles.Seller };
        app.MapGet("/v1/entities/{type}/{id}", Entity)
            .WithTags("Entities").WithSummary("Findings about an entity and decisions on it (a seller: own shops, their listings and orders)")
            .Produces<EntityResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole(readers));
        app.MapGet("/v1/entities/{type}/{id}/links", async (string type, string id, LiveEngine engine, CancellationToken ct)
                => type is EntityTypes.Account or EntityTypes.Shop
                    ? Results.Ok(await Cases.LinkGraph.BuildAsync(engine.Store.Events, new EntityRef(type, id), ct))
                    : Results.Problem("links are drawn for accounts and shops", statusCode: StatusCodes.Status400BadRequest))
            .WithTags("Entities").WithSummary("The linked-account graph of an account or a shop's owner: accounts sharing a rare phone, device, IP, address or payment account, and the shops they ordered from (identifier values are never shown)")
            .Produces<Cases.LinkGraphView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        app.MapGet("/v1/findings/{id}", FindingById)
            .WithTags("Entities").WithSummary("One finding (SPEC §8 shape)")
            .Produces<Finding>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole(readers));
        app.MapGet("/v1/decisions/{id}", DecisionById)
            .WithTags("Entities").WithSummary("One decision (SPEC §8 shape), and whether it still stands")
            .Produces<DecisionResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole(readers));
        app.MapGet("/v1/decisions", Log)
            .WithTags("Entities").WithSummary("The decision log in order, a page at a time (after: records to skip)")
            .Produces<LogPage>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer));
        return app;
    }

    private static IResult Entity(string type, string id, ClaimsPrincipal user, LiveEngine engine)
    {
        if (!EntityTypes.IsKnown(type))
        {
            return TypedResults.Problem($"unknown entity type '{type}'", statusCode: StatusCodes.Status400BadRequest);
        }

        var entity = new EntityRef(type, id);
        if (!Access.MaySee(user, entity, engine))
        {
            return NotFound(entity); // another seller's entity is not even confirmed to exist
        }

        var (findings, decisions) = engine.View.Entity(entity);
        return TypedResults.Ok(new EntityResponse(entity, findings, [.. decisions.Select(d => new DecisionResponse(d, engine.View.IsStanding(d)))]));
    }

    private static IResult FindingById(string id, ClaimsPrincipal user, LiveEngine engine)
    {
        var finding = engine.View.Finding(id);
        return finding is not null && (Access.MaySee(user, finding.Entity, engine) || finding.Related.Any(r => Access.MaySee(user, new EntityRef(r.Type, r.Id), engine)))
            ? TypedResults.Ok(finding)
            : TypedResults.Problem($"no finding {id}", statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult DecisionById(string id, ClaimsPrincipal user, LiveEngine engine)
    {
        var decision = engine.View.Decision(id);
        return decision is not null && Access.MaySee(user, decision.Entity, engine)
            ? TypedResults.Ok(new DecisionResponse(decision, engine.View.IsStanding(decision)))
            : TypedResults.Problem($"no decision {id}", statusCode: StatusCodes.Status404NotFound);
    }

    private static Ok<LogPage> Log(LiveEngine engine, int? after, int? limit)
    {
        var take = Math.Clamp(limit ?? 100, 1, 1_000);
        var from = Math.Max(0, after ?? 0);
        var page = engine.View.Log(from, take);
        return TypedResults.Ok(new LogPage(page, from + page.Count, engine.View.DecisionCount));
    }

    private static ProblemHttpResult NotFound(EntityRef entity)
        => TypedResults.Problem($"nothing known about {entity.Type} {entity.Id}", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>An entity's findings (as the finding's entity, a related party or an item) and the decisions on it.</summary>
public sealed record EntityResponse(EntityRef Entity, IReadOnlyList<Finding> Findings, IReadOnlyList<DecisionResponse> Decisions);

/// <summary>A decision and whether it still stands (no <c>lift</c> record reverses it).</summary>
public sealed record DecisionResponse(Decision Decision, bool Standing);

/// <summary>A page of the decision log: <paramref name="Next"/> is the <c>after</c> of the next page.</summary>
public sealed record LogPage(IReadOnlyList<Decision> Decisions, int Next, int Total);
