using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Security;

/// <summary>
/// Authenticates a request by its API key, sent as <c>Authorization: Bearer cw_…</c> or <c>X-Api-Key: cw_…</c>. The
/// principal carries the key's role and, for a seller, one <see cref="Roles.ShopClaim"/> per shop.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = null;
        if (Request.Headers.Authorization.ToString() is { Length: > 7 } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization[7..].Trim();
        }
        else if (Request.Headers.TryGetValue("X-Api-Key", out var header))
        {
            key = header.ToString().Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        var found = await keys.FindAsync(key, Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("unknown API key");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, found.Name), new(ClaimTypes.Role, found.Role) };
        claims.AddRange(found.Shops.Select(s => new Claim(Roles.ShopClaim, s)));
        if (found.Account is { } account)
        {
            claims.Add(new Claim(Roles.AccountClaim, account));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
