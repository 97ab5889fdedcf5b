using System.Text;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Orleans.Abstractions;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Scanning;
using Clearwind.Simulation;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Orleans.Tests;

/// <summary>A three-silo cluster given a simulated marketplace finds and decides exactly what a scan of it does.</summary>
[Trait("Category", TestPostgres.Category)]
public sealed class ClusterDetectionTests
{
    internal static List<string> MarketLines()
        => [.. SyntheticMarket.Generate(new SyntheticMarketOptions { Seed = 3, EventsTarget = 30_000, Shops = 60, Buyers = 1500, BrushingShops = 4 }).Select(EventParser.ToJson)];

    internal static async Task<string> OutputsAsync(IClearwindStore store)
    {
        var text = new StringBuilder();
        await foreach (var finding in store.Findings.ReadAllAsync())
        {
            text.Append(OutputJson.Write(finding)).Append('\n');
        }

        text.Append("--\n");
        await foreach (var decision in store.Decisions.ReadAllAsync())
        {
            text.Append(OutputJson.Write(decision)).Append('\n');
        }

        return text.ToString();
    }

    internal static async Task<string> ScanAsync(IReadOnlyList<string> lines)
    {
        await using var schema = TestPostgres.NewSchema();
        await using var store = await StoreLocation.OpenAsync(schema.Location, syncEveryCommit: false, CancellationToken.None);
        var policy = DetectorCatalog.DefaultPolicy();
        var job = new ScanJob(store, () => policy.BuildPipeline(DetectorCatalog.BuiltIn), new Decider(policy), ThreeSiloCluster.Keyer);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        await job.RunAsync([new NdjsonInput("market.ndjson", () => new MemoryStream(bytes))]);
        return await OutputsAsync(store);
    }

    [Fact]
    public async Task ThreeSilos_SimulatedMarket_FindAndDecideWhatTheScanDoes()
    {
        var lines = MarketLines();
        var scanned = await ScanAsync(lines);

        await using var cluster = await ThreeSiloCluster.StartAsync();
        var ingest = cluster.Ingest;
        foreach (var chunk in lines.Chunk(1000))
        {
            var result = await ingest.IngestAsync(Encoding.UTF8.GetBytes(string.Join('\n', chunk)));
            Assert.Equal(chunk.Length, result.Added);
        }

        var summary = await cluster.Cluster.Client.GetGrain<IDetectionGrain>(0).RunAsync();
        await using var store = await StoreLocation.OpenAsync(cluster.Schema.Location, syncEveryCommit: false, CancellationToken.None);
        var clustered = await OutputsAsync(store);

        Assert.Equal(lines.Count, summary.Events);
        Assert.Contains("order_brushing.concentration", scanned, StringComparison.Ordinal);
        Assert.Contains("\"pattern\":\"reports.invalid\"", scanned, StringComparison.Ordinal);
        Assert.Equal(scanned, clustered);
        Assert.Equal(3, summary.Silos.Length);
    }
}
