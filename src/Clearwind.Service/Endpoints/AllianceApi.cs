using System.Security.Claims;
using System.Text.Json;
using Clearwind.Alliance;
using Clearwind.Service.Live;
using Clearwind.Service.Security;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Endpoints;

/// <summary>
/// Alliance sharing (SPEC §5, docs/alliance.md) for partner platforms: this platform's public key and signed export, and
/// the import of a partner's signed file; withdrawals for staff. Every step is journaled.
/// </summary>
internal static class AllianceApi
{
    // One export or import at a time: each reads the journal and appends to it.
    private static readonly SemaphoreSlim Exchanging = new(1, 1);

    public static IEndpointRouteBuilder MapAllianceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/alliance/key", async (LiveEngine engine, IOptions<ServiceOptions> options, CancellationToken ct) =>
            {
                using var key = await AllianceExchange.SigningKeyAsync(engine.Store.Metadata, options.Value.Alliance.SigningKeyFile, ct);
                return TypedResults.Text(key.ExportSubjectPublicKeyInfoPem() + "\n", "application/x-pem-file");
            })
            .WithTags("Alliance").WithSummary("This platform's public key (PEM): partners import its files with it")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Partner));
        app.MapGet("/v1/alliance/export", ExportAsync)
            .WithTags("Alliance").WithSummary("A signed alliance file of the actors this platform's decisions confirmed, as alliance hashes (never raw identifiers)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Partner));
        app.MapPost("/v1/alliance/import", ImportAsync)
            .WithTags("Alliance").WithSummary("Import a partner's signed alliance file (checked with the key configured for its source); its entries become risk signals, never bans")
            .Produces<AllianceImportResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Partner));
        app.MapPost("/v1/alliance/withdraw", WithdrawAsync)
            .WithTags("Alliance").WithSummary("Withdraw entries: they stop matching here, and this platform's next export lists its own as withdrawn")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Analyst));
        return app;
    }

    private static async Task<IResult> ExportAsync(LiveEngine engine, IOptions<ServiceOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var settings = options.Value.Alliance;
        if (settings.Source is not { Length: > 0 } source || AllianceHasher.FromOptionOrEnvironment(settings.Key) is not { } hasher)
        {
            return TypedResults.Problem("alliance sharing is not configured: set Clearwind:Alliance:Source and the alliance key", statusCode: StatusCodes.Status409Conflict);
        }

        await Exchanging.WaitAsync(cancellationToken);
        try
        {
            using var key = await AllianceExchange.SigningKeyAsync(engine.Store.Metadata, settings.SigningKeyFile, cancellationToken);
            var export = new AllianceExportOptions { Source = source, ExpiryDays = settings.ExpiryDays, MaxAccountsPerIdentifier = settings.MaxAccountsPerIdentifier };
            var result = await AllianceExport.ExportAsync(engine.Store, hasher, key, export, time.GetUtcNow(), cancellationToken);
            return TypedResults.File(result.File, "application/json", $"{source}.alliance.json");
        }
        finally
        {
            Exchanging.Release();
        }
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, LiveEngine engine, IOptions<ServiceOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await RulesApi.BufferAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem("the file is too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // The claimed source picks the key the signature must verify with; an unknown source is refused before any check.
        if (ClaimedSource(body) is not { } source)
        {
            return TypedResults.Problem("not an alliance file: payload.source is missing", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!options.Value.Alliance.PartnerKeys.TryGetValue(source, out var keyFile))
        {
            return TypedResults.Problem($"{source} is not a configured partner (Clearwind:Alliance:PartnerKeys)", statusCode: StatusCodes.Status403Forbidden);
        }

        await Exchanging.WaitAsync(cancellationToken);
        try
        {
            using var key = AllianceExchange.PublicKeyFromPem(await File.ReadAllTextAsync(keyFile, cancellationToken));
            var result = await AllianceExchange.ImportAsync(engine.Store, body, key, time.GetUtcNow(), cancellationToken);
            await engine.ReloadAllianceAsync(cancellationToken);
            return TypedResults.Ok(result);
        }
        catch (AllianceFileException ex)
        {
            return TypedResults.Problem($"refused, nothing imported: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        finally
        {
            Exchanging.Release();
        }
    }

    private static async Task<IResult> WithdrawAsync(WithdrawRequest request, ClaimsPrincipal user, LiveEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Keys is not { Count: > 0 } keys || string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("give the entry keys and a reason", statusCode: StatusCodes.Status400BadRequest);
        }

        await AllianceExchange.WithdrawAsync(engine.Store, keys, user.Identity?.Name ?? "", request.Reason, time.GetUtcNow(), cancellationToken);
        await engine.ReloadAllianceAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? ClaimedSource(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                ? source.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Entries to withdraw (keys <c>source/kind/hash</c>) and why.</summary>
    internal sealed record WithdrawRequest(IReadOnlyList<string>? Keys, string? Reason);
}
