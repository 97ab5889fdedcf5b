using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Clearwind.Events;
using Clearwind.Orleans.Abstractions;
using Clearwind.Orleans.Membership;
using Clearwind.Simulation;
using Clearwind.Storage;
using Clearwind.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Clearwind.Orleans.Tests;

/// <summary>A silo killed while clients ingest: every acknowledged event is in the store, and ingest answers again within seconds.</summary>
[Trait("Category", TestPostgres.Category)]
public sealed class SiloLossTests
{
    private const int Senders = 4;
    private const int ChunkSize = 250;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3); // a cluster that never recovers fails the test, not hangs it

    [Fact]
    public async Task SiloKilledUnderLoad_LosesNoAcknowledgedEvent_AndAnswersAgainWithinSeconds()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Seed = 5, EventsTarget = 20_000, Shops = 40, Buyers = 1000, BrushingShops = 3 }).ToList();
        var chunks = market.Select(e => (e.Id, Json: EventParser.ToJson(e))).Chunk(ChunkSize).ToList();
        await using var cluster = await ThreeSiloCluster.StartAsync();
        var ingest = cluster.Ingest;
        var acknowledged = new ConcurrentBag<string>();
        var queue = new ConcurrentQueue<(string Id, string Json)[]>(chunks);
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.MaxValue;
        var firstAnswerAfterKill = new TimeSpan[Senders];
        var failures = 0;

        async Task SendAsync(int sender)
        {
            while (queue.TryDequeue(out var chunk))
            {
                var body = Encoding.UTF8.GetBytes(string.Join('\n', chunk.Select(c => c.Json)));
                while (true)
                {
                    var started = clock.Elapsed;
                    try
                    {
                        var result = await ingest.IngestAsync(body).WaitAsync(RequestTimeout);
                        Assert.Equal(chunk.Length, result.Accepted);
                        foreach (var (id, _) in chunk)
                        {
                            acknowledged.Add(id);
                        }

                        if (started > killedAt && firstAnswerAfterKill[sender] == TimeSpan.Zero)
                        {
                            firstAnswerAfterKill[sender] = clock.Elapsed - killedAt;
                        }

                        break;
                    }
                    catch (Exception ex) when (ex is not Xunit.Sdk.XunitException && clock.Elapsed < GiveUpAfter)
                    {
                        Interlocked.Increment(ref failures); // not acknowledged: the client sends it again (ids make it idempotent)
                        await Task.Delay(100);
                    }
                }
            }
        }

        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(() => SendAsync(s))).ToArray();
        while (acknowledged.Count < market.Count / 4)
        {
            await Task.Delay(20);
        }

        var victim = cluster.Cluster.SecondarySilos[0];
        var inFlight = market.Count - acknowledged.Count - queue.Count * ChunkSize;
        killedAt = clock.Elapsed;
        await cluster.Cluster.KillSiloAsync(victim);
        await Task.WhenAll(senders);

        await using var store = await StoreLocation.OpenAsync(cluster.Schema.Location, syncEveryCommit: false, CancellationToken.None);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in store.Events.ReadAllAsync())
        {
            stored.Add(e.Id);
        }

        var recovered = firstAnswerAfterKill.Max();
        Console.WriteLine($"silo loss: {failures} failed requests, every sender answered again within {recovered.TotalSeconds:F1} s of the kill ({inFlight} events in flight when killed)");
        Assert.True(inFlight > 0, "the kill should come while requests are in flight");
        Assert.Equal(market.Count, acknowledged.Distinct().Count());
        Assert.Subset(stored, acknowledged.ToHashSet(StringComparer.Ordinal));
        Assert.InRange(recovered, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30));

        // Detection still runs, on the two silos left.
        var summary = await cluster.Cluster.Client.GetGrain<IDetectionGrain>(0).RunAsync();
        Assert.Equal(market.Count, summary.Events);
        Assert.Equal(2, summary.Silos.Length);

        // The survivors declared it dead in the membership table in PostgreSQL.
        await using var table = new PostgresMembershipTable(
            Options.Create(new PostgresMembershipOptions { Store = cluster.Schema.Location }),
            Options.Create(new ClusterOptions { ClusterId = cluster.Cluster.Options.ClusterId }));
        var (row, _) = Assert.Single((await table.ReadRow(victim.SiloAddress)).Members);
        Assert.Equal(SiloStatus.Dead, row.Status);
    }

    [Fact]
    public async Task SiloKilledDuringDetection_RoundStartsAgainWithFreshLanes_AndGivesTheScansOutputs()
    {
        var lines = ClusterDetectionTests.MarketLines();
        var scanned = await ClusterDetectionTests.ScanAsync(lines);
        await using var cluster = await ThreeSiloCluster.StartAsync();
        foreach (var chunk in lines.Chunk(2000))
        {
            await cluster.Ingest.IngestAsync(Encoding.UTF8.GetBytes(string.Join('\n', chunk)));
        }

        var engines = cluster.Cluster.Silos.Cast<InProcessSiloHandle>().ToDictionary(s => s, s => s.ServiceProvider.GetRequiredService<ClusterEngine>());
        var round = cluster.Cluster.Client.GetGrain<IDetectionGrain>(0).RunAsync();
        // Kill a silo that runs lanes but not the round itself, once the lanes are past their first batch.
        var deadline = Stopwatch.StartNew();
        InProcessSiloHandle? victim = null;
        while (victim is null && !round.IsCompleted && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            victim = engines.Where(e => e.Value.BatchesParsed >= 2 && e.Value.RoundsCoordinating == 0 && e.Key != cluster.Cluster.Primary).Select(e => e.Key).FirstOrDefault();
            await Task.Delay(10);
        }

        Assert.NotNull(victim);
        await cluster.Cluster.KillSiloAsync(victim);
        var summary = await round;
        await using var store = await StoreLocation.OpenAsync(cluster.Schema.Location, syncEveryCommit: false, CancellationToken.None);

        Assert.True(summary.Attempts >= 2, $"the round should have started again ({summary.Attempts} attempt)");
        Assert.Equal(2, summary.Silos.Length);
        Assert.Equal(scanned, await ClusterDetectionTests.OutputsAsync(store));
    }
}
