using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Signals;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Acceptance.Tests;

/// <summary>SPEC §3 (seed 004 #5): the search signals are tier-blind too; relabelling tiers leaves shop_health.csv and listing_signals.csv unchanged.</summary>
[Trait("Category", "Acceptance")]
public sealed class ShopHealthTierInvarianceTests
{
    private static List<MarketEvent> Market(Func<int, string> tierOf)
    {
        var events = new List<MarketEvent>();
        for (var s = 0; s < 6; s++)
        {
            events.Add(new ShopOpened { Id = $"shop{s}", Ts = Some.Epoch, Shop = $"s{s}", Name = $"店铺{s}", Tier = tierOf(s) });
            events.Add(new ListingPublished { Id = $"pub{s}", Ts = Some.Epoch, Listing = $"l{s}", Shop = $"s{s}", Title = $"商品{s}" });
        }

        var n = 0;
        for (var s = 0; s < 6; s++)
        {
            // Even shops are brushed by one buyer; odd shops sell to many. Every order is paid.
            for (var i = 0; i < 12; i++)
            {
                var buyer = s % 2 == 0 ? $"brusher{s}" : $"buyer{s}_{i}";
                var ts = Some.Epoch.AddHours(1).AddMinutes(i * 4);
                events.Add(Some.OrderPlaced(id: $"o{n}", order: $"ord{n}", shop: $"s{s}", listing: $"l{s}", buyer: buyer, ts: ts));
                events.Add(new OrderPaid { Id = $"p{n}", Ts = ts.AddMinutes(1), Order = $"ord{n}" });
                n++;
            }
        }

        return [.. events.OrderBy(e => e.Ts)];
    }

    private static async Task<(string Listings, string Shops)> ScanAsync(List<MarketEvent> events)
    {
        var policy = DetectorCatalog.DefaultPolicy();
        await using var store = new InMemoryStore();
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(path, events.Select(EventParser.ToJson));
            var job = new ScanJob(store, policy.BuildPipeline(DetectorCatalog.BuiltIn), new Decider(policy), IdentifierKeyer.FromText(new string('k', 32)));
            var result = await job.RunAsync([new NdjsonInput(path)]);
            using var listings = new StringWriter();
            SignalsCsv.WriteListings(listings, result.Signals.Listings);
            using var shops = new StringWriter();
            SignalsCsv.WriteShops(shops, result.Signals.Shops);
            return (listings.ToString(), shops.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Scan_ShopTiersRelabelled_GivesIdenticalShopHealthAndListingSignals()
    {
        var asLabelled = await ScanAsync(Market(s => s < 3 ? "tmall" : "taobao"));
        var swapped = await ScanAsync(Market(s => s < 3 ? "taobao" : "tmall"));
        var allSmall = await ScanAsync(Market(_ => "small"));

        // The brushed shops lose health: the check compares something that moved, not six rows of 100.
        Assert.Contains(asLabelled.Shops.Split('\n'), line => line.StartsWith("s0,", StringComparison.Ordinal) && !line.StartsWith("s0,100,", StringComparison.Ordinal));
        Assert.Contains("s1,100,12,12,0,0,0,0,no deductions", asLabelled.Shops, StringComparison.Ordinal);
        Assert.Equal(asLabelled, swapped);
        Assert.Equal(asLabelled, allSmall);
    }
}
