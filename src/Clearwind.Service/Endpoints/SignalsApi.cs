using Clearwind.Service.Live;
using Clearwind.Service.Security;
using Clearwind.Signals;

namespace Clearwind.Service.Endpoints;

/// <summary>Search signals (SPEC §3, §8): per listing clean sales and rank multiplier, per shop a health score.</summary>
internal static class SignalsApi
{
    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/signals/listings", (LiveEngine engine, string? shop) =>
            {
                var signals = engine.Signals().Listings;
                return TypedResults.Ok(shop is null ? signals : [.. signals.Where(s => s.Shop == shop)]);
            })
            .WithTags("Signals").WithSummary("listing_signals: raw_sales, clean_sales, rank_multiplier, duplicate_group, representative (optionally of one shop)")
            .Produces<IReadOnlyList<ListingSignal>>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Search));
        app.MapGet("/v1/signals/shops", (LiveEngine engine) => TypedResults.Ok(engine.Signals().Shops))
            .WithTags("Signals").WithSummary("shop_health: a 0–100 score per shop with the reasons")
            .Produces<IReadOnlyList<ShopHealth>>()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Search));
        app.MapGet("/v1/shops/{shop}/health", (string shop, System.Security.Claims.ClaimsPrincipal user, LiveEngine engine) =>
            {
                var health = Access.MaySee(user, new Events.EntityRef(Events.EntityTypes.Shop, shop), engine)
                    ? engine.Signals().Shops.FirstOrDefault(s => s.Shop == shop)
                    : null;
                return health is null
                    ? Results.Problem($"no health known for shop {shop}", statusCode: StatusCodes.Status404NotFound)
                    : Results.Ok(health);
            })
            .WithTags("Signals").WithSummary("One shop's health score with the reasons (a seller: their own shops)")
            .Produces<ShopHealth>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Reviewer, Roles.Seller));
        return app;
    }
}
