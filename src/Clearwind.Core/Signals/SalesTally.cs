using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Clearwind.Events;

namespace Clearwind.Signals;

/// <summary>
/// Counts paid orders per listing and per shop as a scan's events stream through, in event-time order. A sale is one
/// paid order (an <c>order.paid</c> of an <c>order.placed</c>), whatever its quantity: the figure search shows is "N paid
/// orders" and the labelled fake items are orders. Refunds and cancellations after payment do not take the sale back.
/// The cost per event is a dictionary update; nothing else is allocated.
/// </summary>
public sealed class SalesTally
{
    private readonly Dictionary<string, ListingEntry> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _shops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderEntry> _orders = new(StringComparer.Ordinal);

    /// <summary>The time of the latest event seen, if any.</summary>
    public DateTimeOffset? LastEventTime { get; private set; }

    /// <summary>Listings seen (published, updated or ordered), with their shop and paid orders.</summary>
    public IEnumerable<(string Listing, string Shop, int PaidOrders)> Listings
        => _listings.Select(p => (p.Key, p.Value.Shop ?? "", p.Value.Paid));

    /// <summary>Shops seen (opened, owning a listing or ordered from), with their paid orders (orders without a listing too).</summary>
    public IReadOnlyDictionary<string, int> ShopPaidOrders => _shops;

    /// <summary>Feeds one event; call in event-time order.</summary>
    public void Observe(MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (LastEventTime is not { } last || e.Ts > last)
        {
            LastEventTime = e.Ts;
        }

        switch (e)
        {
            case OrderPaid paid:
                ref var order = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, paid.Order);
                if (Unsafe.IsNullRef(ref order) || order.Paid)
                {
                    return;
                }

                order.Paid = true;
                CollectionsMarshal.GetValueRefOrAddDefault(_shops, order.Shop, out _)++;
                if (order.Listing is { } listingId)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(_listings, listingId, out _).Paid++;
                }

                return;
            case OrderPlaced placed:
                if (_orders.TryAdd(placed.Order, new OrderEntry(placed.Shop, placed.Listing)))
                {
                    SeeShop(placed.Shop);
                    if (placed.Listing is { } listing)
                    {
                        SeeListing(listing, placed.Shop);
                    }
                }

                return;
            case ListingEvent listingEvent:
                if (listingEvent.Shop is { } shop)
                {
                    SeeShop(shop);
                }

                SeeListing(listingEvent.Listing, listingEvent.Shop);
                return;
            case ShopOpened opened:
                SeeShop(opened.Shop);
                return;
        }
    }

    /// <summary>The shop and listing of an order, and whether it was paid; false for an order never placed.</summary>
    public bool TryGetOrder(string order, out string shop, out string? listing, out bool paid)
    {
        if (_orders.TryGetValue(order, out var entry))
        {
            (shop, listing, paid) = (entry.Shop, entry.Listing, entry.Paid);
            return true;
        }

        (shop, listing, paid) = ("", null, false);
        return false;
    }

    /// <summary>The shop a listing belongs to, or null when the listing was never seen with one.</summary>
    public string? ShopOfListing(string listing) => _listings.TryGetValue(listing, out var entry) ? entry.Shop : null;

    private void SeeShop(string shop) => _shops.TryAdd(shop, 0);

    private void SeeListing(string listing, string? shop)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_listings, listing, out _);
        entry.Shop ??= shop;
    }

    private struct ListingEntry
    {
        public string? Shop;
        public int Paid;
    }

    private struct OrderEntry(string shop, string? listing)
    {
        public readonly string Shop = shop;
        public readonly string? Listing = listing;
        public bool Paid;
    }
}
