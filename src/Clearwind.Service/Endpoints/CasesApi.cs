using System.Security.Claims;
using Clearwind.Appeals;
using Clearwind.Service.Cases;
using Clearwind.Service.Live;
using Clearwind.Service.Security;

namespace Clearwind.Service.Endpoints;

/// <summary>Cases (the review queue), seller appeals, the public jury, jurors and overturn rates.</summary>
internal static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        string[] staff = [Roles.Admin, Roles.Analyst, Roles.Reviewer];
        string[] deciders = [Roles.Admin, Roles.Reviewer];
        app.MapGet("/v1/cases", (string? status, string? kind, ClaimsPrincipal user, AppealDesk desk, LiveEngine engine)
                => TypedResults.Ok(desk.List(status, kind, e => Access.MaySee(user, e, engine))))
            .WithTags("Cases").WithSummary("Cases, newest first (status: open, claimed, jury, awaiting_staff, resolved; kind: review, appeal); a seller sees their own shops'")
            .Produces<IReadOnlyList<CaseSummary>>()
            .RequireAuthorization(p => p.RequireRole([.. staff, Roles.Seller]));
        app.MapGet("/v1/cases/{id}", (string id, ClaimsPrincipal user, AppealDesk desk, LiveEngine engine)
                => Run(() => desk.EntityOf(id) is { } entity && Access.MaySee(user, entity, engine)
                    ? TypedResults.Ok(desk.Get(id, IsStaff(user)))
                    : throw new CaseException(404, $"no case {id}")))
            .WithTags("Cases").WithSummary("One case: decision, findings, appeal, re-check, jury (seed and votes after the close), resolution")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole([.. staff, Roles.Seller]));
        app.MapPost("/v1/cases/{id}/claim", (string id, ClaimsPrincipal user, AppealDesk desk, CancellationToken ct)
                => RunAsync(async () => TypedResults.Ok(await desk.ClaimAsync(id, Who(user), ct))))
            .WithTags("Cases").WithSummary("Take a case from the queue")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.RequireRole(deciders));
        app.MapPost("/v1/cases/{id}/decide", (string id, DecideRequest request, ClaimsPrincipal user, AppealDesk desk, CancellationToken ct)
                => RunAsync(async () => TypedResults.Ok(await desk.DecideAsync(id, Who(user), request, ct))))
            .WithTags("Cases").WithSummary("The final call, with reasons: uphold/overturn an appeal (recorded as overruling the jury when it differs), act/dismiss a review")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.RequireRole(deciders));

        app.MapGet("/v1/decisions/{id}/appeal", (string id, ClaimsPrincipal user, AppealDesk desk, LiveEngine engine, CancellationToken ct)
                => RunAsync(async () => Visible(id, user, engine) ? TypedResults.Ok(await desk.FormAsync(id, ct)) : throw new CaseException(404, $"no decision {id}")))
            .WithTags("Appeals").WithSummary("The appeal form of a decision: rule, evidence in plain words, what to fix, deadline, and what the platform pre-fills")
            .Produces<AppealForm>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole([.. staff, Roles.Seller]));
        app.MapPost("/v1/decisions/{id}/appeal", (string id, AppealRequest request, ClaimsPrincipal user, AppealDesk desk, LiveEngine engine, CancellationToken ct)
                => RunAsync(async () => Visible(id, user, engine)
                    ? TypedResults.Created($"/v1/cases/ap-{id}", await desk.FileAsync(id, Who(user), request, ct))
                    : throw new CaseException(404, $"no decision {id}")))
            .WithTags("Appeals").WithSummary("Appeal a decision of your shop: the re-check runs at once; what it does not clear goes to a jury")
            .Produces<CaseView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.RequireRole(Roles.Seller));
        app.MapGet("/v1/appeals/overturn-rates", async (AppealDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.OverturnsAsync(ct)))
            .WithTags("Appeals").WithSummary("Appeals and reviews per pattern with the overturn rate (the measured false-positive rate)")
            .Produces<IReadOnlyList<PatternOverturns>>()
            .RequireAuthorization(p => p.RequireRole(staff));

        app.MapGet("/v1/jury/cases", (ClaimsPrincipal user, AppealDesk desk) => TypedResults.Ok(desk.JurorCases(Account(user))))
            .WithTags("Jury").WithSummary("The cases you were drawn for")
            .Produces<IReadOnlyList<CaseSummary>>()
            .RequireAuthorization(p => p.RequireRole(Roles.Juror));
        app.MapGet("/v1/jury/cases/{id}", (string id, ClaimsPrincipal user, AppealDesk desk) => Run(() => TypedResults.Ok(desk.CaseFileFor(id, Account(user)))))
            .WithTags("Jury").WithSummary("The anonymised case file (no names, no identifiers)")
            .Produces<JurorCaseFile>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole(Roles.Juror));
        app.MapPost("/v1/jury/cases/{id}/vote", (string id, VoteRequest request, ClaimsPrincipal user, AppealDesk desk, CancellationToken ct)
                => RunAsync(async () =>
                {
                    await desk.VoteAsync(id, Account(user), request, ct);
                    return TypedResults.NoContent();
                }))
            .WithTags("Jury").WithSummary("Vote uphold or overturn, once, before the deadline; votes stay hidden until the case closes")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.RequireRole(Roles.Juror));
        app.MapPost("/v1/jurors", (JurorRequest request, AppealDesk desk, CancellationToken ct)
                => RunAsync(async () => TypedResults.Created((string?)null, await desk.EnrolAsync(request, ct))))
            .WithTags("Jury").WithSummary("Enrol an account as a public juror (大众评审); the juror's key is in this answer only")
            .Produces<JurorEnrolled>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return app;
    }

    private static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.Reviewer);

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static string Account(ClaimsPrincipal user) => user.FindFirst(Roles.AccountClaim)?.Value ?? "";

    private static bool Visible(string decisionId, ClaimsPrincipal user, LiveEngine engine)
        => engine.View.Decision(decisionId) is { } d && Access.MaySee(user, d.Entity, engine);

    private static IResult Run(Func<IResult> work)
    {
        try
        {
            return work();
        }
        catch (CaseException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.Status);
        }
    }

    private static async Task<IResult> RunAsync(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (CaseException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.Status);
        }
    }
}
