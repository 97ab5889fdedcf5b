namespace Clearwind.OrderBrushing;

/// <summary>
/// The Shopee Code League 2020 "Order Brushing" answer, computed with the same streaming rule as
/// <c>order_brushing.concentration</c>: for every shop, the buyers with the highest number of orders inside the
/// union of its brushing windows (ties all reported, ascending, joined by <c>&amp;</c>), or <c>0</c>.
/// </summary>
public static class ShopeeOrderBrushing
{
    /// <summary>Answers for every shop in the input, ordered by shop id.</summary>
    public static IReadOnlyList<ShopeeAnswer> Solve(IEnumerable<ShopeeOrder> orders, ConcentrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        options ??= new ConcentrationOptions();
        options.Validate(ConcentrationDetector.Id);
        var windowTicks = TimeSpan.FromSeconds(options.WindowSeconds).Ticks;

        // By time; equal times may come in any order, since the rule judges all orders of one second together.
        var list = orders as IReadOnlyList<ShopeeOrder> ?? [.. orders];
        var ticks = new long[list.Count];
        var order = new int[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            ticks[i] = list[i].Time.Ticks;
            order[i] = i;
        }

        Array.Sort(ticks, order);
        var shops = new Dictionary<string, ShopConcentration>(StringComparer.Ordinal);
        var closed = new List<ShopConcentration.Episode>();
        foreach (var i in order)
        {
            var row = list[i];
            if (!shops.TryGetValue(row.ShopId, out var shop))
            {
                shops[row.ShopId] = shop = new ShopConcentration(row.ShopId, windowTicks, options.MinRate, keepTotals: true);
            }

            shop.Add(row.OrderId, row.UserId, row.Time.Ticks, row.OrderId, closed);
            closed.Clear();
        }

        var answers = new List<ShopeeAnswer>(shops.Count);
        foreach (var shop in shops.Values)
        {
            shop.Flush(closed);
            closed.Clear();
            var top = TopBuyers(shop.BrushingOrdersByBuyer!);
            answers.Add(new ShopeeAnswer(shop.Shop, top.Count == 0 ? "0" : string.Join('&', top)));
        }

        // Numeric ids sort as numbers (parsed once each), then any others ordinally.
        return [.. answers.OrderBy(a => NumericKey(a.ShopId)).ThenBy(a => a.ShopId, StringComparer.Ordinal)];
    }

    private static decimal NumericKey(string id)
        => decimal.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : decimal.MaxValue;

    /// <summary>The ids with the highest count (all of them on a tie), ascending.</summary>
    internal static IReadOnlyList<string> TopBuyers(IReadOnlyDictionary<string, int> ordersByBuyer)
    {
        if (ordersByBuyer.Count == 0)
        {
            return [];
        }

        var max = ordersByBuyer.Values.Max();
        return [.. ordersByBuyer.Where(p => p.Value == max).Select(p => p.Key).OrderBy(NumericKey).ThenBy(k => k, StringComparer.Ordinal)];
    }
}
