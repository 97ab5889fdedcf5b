using Clearwind.Events;

namespace Clearwind.Service.Cases;

/// <summary>
/// The identifiers an event shows for an account: phone, device and IP at registration and login, phone, device,
/// address and IP on an order, the payment account on its payment. Values are the keyed ones the store holds, prefixed
/// with their kind so equal text of two kinds never links. One place for the jury's conflict check and the link graph.
/// </summary>
internal static class EventIdentifiers
{
    /// <summary>(account, kind, kind-prefixed value) of <paramref name="e"/>; <paramref name="buyerOf"/> remembers orders' buyers for their payments.</summary>
    public static IEnumerable<(string Account, string Kind, string Value)> Of(MarketEvent e, Dictionary<string, string> buyerOf)
    {
        switch (e)
        {
            case AccountRegistered r:
                return Present(r.Account, ("phone", r.Phone), ("device", r.Device), ("ip", r.Ip));
            case AccountLogin l:
                return Present(l.Account, ("device", l.Device), ("ip", l.Ip));
            case OrderPlaced o:
                buyerOf[o.Order] = o.Buyer;
                return Present(o.Buyer, ("phone", o.Phone), ("device", o.Device), ("address", o.Address), ("ip", o.Ip));
            case OrderPaid p when buyerOf.TryGetValue(p.Order, out var payer):
                return Present(payer, ("payment", p.PaymentAccount));
            default:
                return [];
        }
    }

    private static IEnumerable<(string, string, string)> Present(string account, params (string Kind, string? Value)[] values)
        => values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => (account, v.Kind, v.Kind + ":" + v.Value));
}
