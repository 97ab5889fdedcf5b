using Clearwind.Cli.Tests.Support;
using Clearwind.Output;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    /// <summary>
    /// Shop s1's listing l1 is brushed by one buyer (8 paid orders within 40 minutes: void_orders); shop s2's listing l2 sells to 20
    /// buyers in a flash sale (20 paid orders). Every order is paid a minute after it is placed.
    /// </summary>
    private static List<string> PaidBrushingAndFlashSale()
    {
        var lines = new List<string>();
        void Sale(string id, string shop, string listing, string buyer, DateTimeOffset ts)
        {
            var order = Lines.Order(id, shop, buyer, ts);
            order["listing"] = listing;
            lines.Add(order.Line());
            var paid = Lines.Event("order.paid", "pay-" + id, ts.AddMinutes(1));
            paid["order"] = "ord-" + id;
            lines.Add(paid.Line());
        }

        for (var i = 0; i < 8; i++)
        {
            Sale($"s1-{i}", "s1", "l1", "b1", Lines.T0.AddMinutes(i * 5));
        }

        for (var i = 0; i < 20; i++)
        {
            Sale($"s2-{i}", "s2", "l2", $"fan{i:00}", Lines.T0.AddMinutes(i * 2));
        }

        return [.. lines.OrderBy(l => l.Contains("\"ts\":\"", StringComparison.Ordinal) ? l[(l.IndexOf("\"ts\":\"", StringComparison.Ordinal) + 6)..] : l, StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Scan_PaidOrders_WritesListingSignalsAndShopHealth()
    {
        var input = _cli.WriteLines("in/orders.ndjson", PaidBrushingAndFlashSale());

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var folder = _cli.Outputs("out").Folder;
        var listings = File.ReadAllLines(Path.Combine(folder, OutputWriter.ListingSignalsFile));
        Assert.Equal("listing,shop,raw_sales,clean_sales,rank_multiplier,duplicate_group,representative", listings[0]);
        // The brushing shop's 8 orders are voided (void_orders on s1); the flash sale keeps all 20.
        Assert.Equal(["l1,s1,8,0,1,,", "l2,s2,20,20,1,,"], listings[1..]);

        var shops = File.ReadAllLines(Path.Combine(folder, OutputWriter.ShopHealthFile));
        Assert.Equal("shop,health,raw_sales,clean_sales,fake_share,reputation_deducted,open_penalties,strikes,reasons", shops[0]);
        Assert.Equal(3, shops.Length);
        // 100 − 50 (every sale fake) − 10 (void_orders in force) − 3 (one strike); reputation − 2 × 8 (炒一罚二).
        Assert.StartsWith("s1,37,8,0,1,16,1,1,8 of 8 paid orders voided as fake (100%): -50; reputation -16 (炒一罚二: twice the credit they earned); shop void_orders (order_brushing.concentration) until ", shops[1], StringComparison.Ordinal);
        Assert.Equal("s2,100,20,20,0,0,0,0,no deductions", shops[2]);
    }
}
