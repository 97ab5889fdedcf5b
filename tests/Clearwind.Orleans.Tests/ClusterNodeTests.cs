using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Clearwind.Orleans.Hosting;
using Clearwind.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Clearwind.Orleans.Tests;

/// <summary>Two nodes as <c>clearwind serve --cluster</c> starts them: ingest through either one's HTTP API, detect through the other.</summary>
[Trait("Category", TestPostgres.Category)]
public sealed class ClusterNodeTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ClusterNodeOptions Node(string store, int siloPort, ClusterMembership membership, IPEndPoint? primary) => new()
    {
        SiloPort = siloPort,
        GatewayPort = FreePort(),
        Membership = membership,
        Primary = primary,
        Urls = $"http://127.0.0.1:{FreePort()}",
        Clearwind = new() { Store = store, HmacKey = ThreeSiloCluster.HmacKey },
    };

    [Theory]
    [InlineData(ClusterMembership.Store)]
    [InlineData(ClusterMembership.Primary)]
    public async Task TwoNodes_IngestThroughEitherAndDetect_GiveTheScansOutputs(ClusterMembership membership)
    {
        var lines = ClusterDetectionTests.MarketLines();
        var scanned = await ClusterDetectionTests.ScanAsync(lines);
        await using var schema = TestPostgres.NewSchema();
        var primaryPort = FreePort();
        var options = new[]
        {
            Node(schema.Location, primaryPort, membership, null),
            Node(schema.Location, FreePort(), membership, membership == ClusterMembership.Primary ? new IPEndPoint(IPAddress.Loopback, primaryPort) : null),
        };
        await using var primary = ClusterNode.Build(options[0]);
        await primary.StartAsync();
        await using var secondary = ClusterNode.Build(options[1]);
        await secondary.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

        var chunks = lines.Chunk(2000).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            // Requests in the original order, alternating between the nodes.
            var node = options[i % 2].Urls;
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', chunks[i])));
            using var response = await http.PostAsync($"{node}/v1/events", content);
            response.EnsureSuccessStatusCode();
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(chunks[i].Length, receipt.GetProperty("added").GetInt32());
        }

        var silos = await http.GetFromJsonAsync<string[]>($"{options[1].Urls}/v1/cluster");
        using var detect = await http.PostAsync($"{options[0].Urls}/v1/detect", null);
        detect.EnsureSuccessStatusCode();
        var summary = await detect.Content.ReadFromJsonAsync<JsonElement>();
        await using var store = await Storage.StoreLocation.OpenAsync(schema.Location, syncEveryCommit: false, CancellationToken.None);

        Assert.Equal(2, silos!.Length);
        Assert.Equal(lines.Count, summary.GetProperty("events").GetInt64());
        Assert.Equal(2, summary.GetProperty("silos").GetArrayLength());
        Assert.Equal(scanned, await ClusterDetectionTests.OutputsAsync(store));
    }

    [Fact]
    public async Task ANodeWithDetectEvery_DecidesOnItsOwn_FromAReminderKeptInTheStore()
    {
        var lines = ClusterDetectionTests.MarketLines();
        var scanned = await ClusterDetectionTests.ScanAsync(lines);
        await using var schema = TestPostgres.NewSchema();
        var options = Node(schema.Location, FreePort(), ClusterMembership.Store, null);
        // Long enough for the one ingest request below to be stored before the first round, even on a loaded machine: a
        // round over half an ingest finds windows whose start later moves, and the store keeps those findings (their
        // decisions are lifted by the next round), so the store would never equal the scan's outputs.
        options.DetectEvery = TimeSpan.FromSeconds(15);
        await using var node = ClusterNode.Build(options);
        await node.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using (var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', lines))))
        {
            (await http.PostAsync($"{options.Urls}/v1/events", content)).EnsureSuccessStatusCode();
        }

        // No POST /v1/detect: the reminder's round decides, within a few periods.
        await using var store = await Storage.StoreLocation.OpenAsync(schema.Location, syncEveryCommit: false, CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ClusterDetectionTests.OutputsAsync(store) != scanned && waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500);
        }

        Assert.Equal(scanned, await ClusterDetectionTests.OutputsAsync(store));
        await using var table = await Npgsql.NpgsqlDataSource.Create(Storage.Postgres.PostgresLocation.Parse(schema.Location).ConnectionString).OpenConnectionAsync();
        await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM \"{Storage.Postgres.PostgresLocation.Parse(schema.Location).Schema}\".orleans_reminders WHERE name = 'detection-round'", table);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        await using var state = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM \"{Storage.Postgres.PostgresLocation.Parse(schema.Location).Schema}\".orleans_grain_state WHERE state_name = 'rounds'", table);
        Assert.Equal(1L, (long)(await state.ExecuteScalarAsync())!); // the rounds' bookkeeping, kept as grain state
    }

    [Fact]
    public async Task ANodeWithTheAllianceKey_LinksIdentifiersAtIngest_AndItsRoundsMatchAnImportedListing()
    {
        const string AllianceKey = "the alliance's shared key, 2016";
        var lines = ClusterDetectionTests.MarketLines();
        await using var schema = TestPostgres.NewSchema();
        var options = Node(schema.Location, FreePort(), ClusterMembership.Store, null);
        options.Clearwind.AllianceKey = AllianceKey;
        await using var node = ClusterNode.Build(options);
        await node.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using (var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', lines))))
        {
            (await http.PostAsync($"{options.Urls}/v1/events", content)).EnsureSuccessStatusCode();
        }

        // A partner lists one of the market's buyers by handle.
        await using var store = await Storage.StoreLocation.OpenAsync(schema.Location, syncEveryCommit: false, CancellationToken.None);
        var buyer = lines.Select(l => JsonDocument.Parse(l).RootElement).First(e => e.GetProperty("type").GetString() == "order.placed").GetProperty("buyer").GetString()!;
        var hasher = new Alliance.AllianceHasher(AllianceKey);
        var at = DateTimeOffset.UtcNow;
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var entry = new Alliance.AllianceEntry(Alliance.AllianceKinds.Account, hasher.Hash(Alliance.AllianceKinds.Account, buyer), "order_brushing.ring", 0.9, at.AddYears(-1), at.AddDays(-1), at.AddDays(90), "platform-b");
        await Alliance.AllianceExchange.ImportAsync(store, Alliance.AllianceFile.Write(new Alliance.AlliancePayload(Alliance.AllianceFile.FormatName, "platform-b", at, [entry], []), key), key, at);
        (await http.PostAsync($"{options.Urls}/v1/detect", null)).EnsureSuccessStatusCode();

        var book = await Alliance.AllianceBook.ReadAsync(store.Journal);
        Assert.NotEmpty(book.Links);
        Assert.All(book.Links.Values, l => Assert.Matches("^a1:[0-9a-f]{64}$", l.Hash));
        var findings = new List<Detection.Finding>();
        await foreach (var f in store.Findings.ReadAllAsync())
        {
            findings.Add(f);
        }

        var listed = Assert.Single(findings, f => f.Pattern == "alliance.listed");
        Assert.Equal(buyer, listed.Entity.Id);
    }
}
