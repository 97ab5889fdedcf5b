using Clearwind.Events;

namespace Clearwind.Reports;

/// <summary>
/// Who stands behind a reported entity: a listing's shop (from <c>listing.published</c>/<c>listing.updated</c>) and
/// the shop an account owns (from <c>shop.opened</c>). One entry per listing and per shop, the size of the catalogue.
/// </summary>
internal sealed class ReportTargets
{
    private readonly Dictionary<string, string> _listingShop = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ownedShop = new(StringComparer.Ordinal);

    /// <summary>Learns from catalogue events; returns false for every other event.</summary>
    public bool Observe(MarketEvent e)
    {
        switch (e)
        {
            case ListingEvent listing when listing.Shop is { Length: > 0 } shop:
                _listingShop[listing.Listing] = shop;
                return true;
            case ShopOpened opened when opened.Owner is { Length: > 0 } owner:
                _ownedShop[owner] = opened.Shop;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The shop behind a target: the shop itself, a listing's shop, the shop an account owns; null when unknown.</summary>
    public string? ShopOf(EntityRef target) => target.Type switch
    {
        EntityTypes.Shop => target.Id,
        EntityTypes.Listing => _listingShop.GetValueOrDefault(target.Id),
        EntityTypes.Account => _ownedShop.GetValueOrDefault(target.Id),
        _ => null,
    };

    public void Clear()
    {
        _listingShop.Clear();
        _ownedShop.Clear();
    }
}
