using System.Globalization;
using Clearwind.Events;
using Clearwind.Signals;

namespace Clearwind.Simulation.Evaluation;

/// <summary>
/// Checks <c>listing_signals.csv</c> against the truth: per listing, the paid orders in the events (an <c>order.paid</c>
/// of an <c>order.placed</c> on the listing, counted once) less the paid ones among the labels' fake orders.
/// </summary>
public static class CleanSalesCheck
{
    /// <summary>Compares the file's rows with the expected clean sales.</summary>
    public static CleanSalesResult Score(IEnumerable<string> fakeOrders, IEnumerable<MarketEvent> events, IReadOnlyList<ListingSignal> rows)
    {
        ArgumentNullException.ThrowIfNull(fakeOrders);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rows);
        var fake = fakeOrders.ToHashSet(StringComparer.Ordinal);
        var orderListing = new Dictionary<string, string?>(StringComparer.Ordinal);
        var paidOrders = new HashSet<string>(StringComparer.Ordinal);
        var raw = new Dictionary<string, int>(StringComparer.Ordinal);
        var fakePaid = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case ListingEvent l:
                    raw.TryAdd(l.Listing, 0);
                    break;
                case OrderPlaced o:
                    if (orderListing.TryAdd(o.Order, o.Listing) && o.Listing is { } listing)
                    {
                        raw.TryAdd(listing, 0);
                    }

                    break;
                case OrderPaid p:
                    if (orderListing.TryGetValue(p.Order, out var paidListing) && paidListing is not null && paidOrders.Add(p.Order))
                    {
                        raw[paidListing]++;
                        if (fake.Contains(p.Order))
                        {
                            fakePaid[paidListing] = fakePaid.GetValueOrDefault(paidListing) + 1;
                        }
                    }

                    break;
            }
        }

        var actual = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            actual.TryAdd(row.Listing, row.CleanSales);
        }

        var listings = raw.Keys.Union(actual.Keys).Order(StringComparer.Ordinal).ToList();
        var matching = 0;
        double error = 0;
        var mismatched = new List<string>();
        foreach (var listing in listings)
        {
            var r = raw.GetValueOrDefault(listing);
            var f = fakePaid.GetValueOrDefault(listing);
            var expected = r - f;
            if (actual.TryGetValue(listing, out var clean) && clean == expected)
            {
                matching++;
                continue;
            }

            error += Math.Abs((actual.TryGetValue(listing, out var c) ? c : 0) - expected);
            if (mismatched.Count < MarketEvaluation.ListedIds)
            {
                mismatched.Add(actual.ContainsKey(listing)
                    ? string.Create(CultureInfo.InvariantCulture, $"{listing}: clean {clean}, expected {expected} (raw {r}, fake paid {f})")
                    : string.Create(CultureInfo.InvariantCulture, $"{listing}: missing from the file, expected {expected} (raw {r}, fake paid {f})"));
            }
        }

        var n = listings.Count;
        return new CleanSalesResult(n, matching, n == 0 ? 1 : (double)matching / n, n == 0 ? 0 : error / n, mismatched);
    }
}
