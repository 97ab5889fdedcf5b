using System.Security.Claims;
using Clearwind.Events;
using Clearwind.Service.Live;

namespace Clearwind.Service.Security;

/// <summary>Object-level checks: which entities a caller may see beyond what its role allows in general.</summary>
internal static class Access
{
    /// <summary>Staff see every entity; a seller only their own shops and those shops' listings and orders.</summary>
    public static bool MaySee(ClaimsPrincipal user, EntityRef entity, LiveEngine engine)
    {
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.Reviewer))
        {
            return true;
        }

        if (!user.IsInRole(Roles.Seller))
        {
            return false;
        }

        var shop = engine.ShopOf(entity);
        return shop is not null && user.FindAll(Roles.ShopClaim).Any(c => c.Value == shop);
    }
}
