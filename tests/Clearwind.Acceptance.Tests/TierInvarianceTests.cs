using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Acceptance.Tests;

/// <summary>SPEC §3 (seed 004 #5): one rulebook for big and small shops; relabelling tiers changes nothing.</summary>
[Trait("Category", "Acceptance")]
public sealed class TierInvarianceTests
{
    private static List<MarketEvent> Market(Func<int, string> tierOf)
    {
        var events = new List<MarketEvent>();
        for (var s = 0; s < 6; s++)
        {
            events.Add(new ShopOpened { Id = $"shop{s}", Ts = Some.Epoch, Shop = $"s{s}", Name = $"店铺{s}", Tier = tierOf(s) });
        }

        var n = 0;
        for (var s = 0; s < 6; s++)
        {
            // Even shops are brushed by one buyer; odd shops sell to many.
            for (var i = 0; i < 12; i++)
            {
                var buyer = s % 2 == 0 ? $"brusher{s}" : $"buyer{s}_{i}";
                events.Add(Some.OrderPlaced(id: $"o{n++}", shop: $"s{s}", buyer: buyer, ts: Some.Epoch.AddHours(1).AddMinutes(i * 4)));
            }
        }

        return events;
    }

    private static async Task<(string Findings, string Decisions)> ScanAsync(List<MarketEvent> events)
    {
        var policy = DetectorCatalog.DefaultPolicy();
        await using var store = new InMemoryStore();
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(path, events.Select(EventParser.ToJson));
            var job = new ScanJob(store, policy.BuildPipeline(DetectorCatalog.BuiltIn), new Decider(policy), IdentifierKeyer.FromText(new string('k', 32)));
            var result = await job.RunAsync([new NdjsonInput(path)]);
            return (string.Join('\n', result.Findings.Select(OutputJson.Write)), string.Join('\n', result.Decisions.Select(OutputJson.Write)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Scan_ShopTiersRelabelled_GivesIdenticalFindingsAndDecisions()
    {
        var asLabelled = await ScanAsync(Market(s => s < 3 ? "tmall" : "taobao"));
        var swapped = await ScanAsync(Market(s => s < 3 ? "taobao" : "tmall"));
        var allSmall = await ScanAsync(Market(_ => "small"));

        Assert.NotEmpty(asLabelled.Findings);
        Assert.Equal(asLabelled, swapped);
        Assert.Equal(asLabelled, allSmall);
    }
}
