using Clearwind.Events;

namespace Clearwind.Alliance;

/// <summary>The personal identifiers an event shows for an account, by alliance kind, as the store holds them (keyed).</summary>
public static class AllianceIdentifiers
{
    /// <summary>(account, kind, keyed value) of <paramref name="e"/>; <paramref name="buyerOf"/> remembers orders' buyers for their payments.</summary>
    public static IEnumerable<(string Account, string Kind, string Keyed)> Of(MarketEvent e, Dictionary<string, string> buyerOf)
    {
        ArgumentNullException.ThrowIfNull(buyerOf);
        switch (e)
        {
            case AccountRegistered r:
                return Present(r.Account, (AllianceKinds.Phone, r.Phone), (AllianceKinds.Device, r.Device));
            case AccountLogin l:
                return Present(l.Account, (AllianceKinds.Device, l.Device));
            case OrderPlaced o:
                buyerOf[o.Order] = o.Buyer;
                return Present(o.Buyer, (AllianceKinds.Phone, o.Phone), (AllianceKinds.Device, o.Device), (AllianceKinds.Address, o.Address));
            case OrderPaid p when buyerOf.TryGetValue(p.Order, out var payer):
                return Present(payer, (AllianceKinds.PaymentAccount, p.PaymentAccount));
            case ListingLiked l:
                return Present(l.Account, (AllianceKinds.Device, l.Device));
            case ListingViewed v when v.Account is not null:
                return Present(v.Account, (AllianceKinds.Device, v.Device));
            case AdClicked c when c.Account is not null:
                return Present(c.Account, (AllianceKinds.Device, c.Device));
            default:
                return [];
        }
    }

    private static IEnumerable<(string, string, string)> Present(string account, params (string Kind, string? Value)[] values)
        => values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => (account, v.Kind, v.Value!));
}
