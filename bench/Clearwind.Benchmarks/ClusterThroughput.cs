using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.Orleans.Hosting;
using Clearwind.Simulation;
using Microsoft.AspNetCore.Builder;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>cluster-throughput POSTGRES-LOCATION SILOS [SCALE] [SENDERS]</c>: starts SILOS cluster nodes in this process (as
/// <c>clearwind serve --cluster</c> does, on one new PostgreSQL schema that also holds their membership table), posts a simulated week (scale SCALE, default
/// 0.2: about 100,000 events) to their HTTP APIs in requests of 2,000 events from SENDERS concurrent clients (default 8),
/// round robin over the nodes, then runs one detection round. Prints events/s of ingest (every request acknowledged
/// only once committed) and of detection (replay through the lanes, decisions, saving).
/// </summary>
public static class ClusterThroughput
{
    private const int RequestEvents = 2000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 3 or > 5)
        {
            Console.Error.WriteLine("usage: cluster-throughput POSTGRES-LOCATION SILOS [SCALE] [SENDERS]");
            return 2;
        }

        var location = args[1];
        var silos = int.Parse(args[2], CultureInfo.InvariantCulture);
        var scale = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.2;
        var senders = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 8;
        var bodies = new MarketSimulation(SyntheticMarketOptions.ForScale(scale, days: 7, seed: 1)).Events()
            .Select(EventParser.ToJson).Chunk(RequestEvents).Select(chunk => Encoding.UTF8.GetBytes(string.Join('\n', chunk))).ToList();

        var nodes = new List<WebApplication>();
        var urls = new List<string>();
        for (var i = 0; i < silos; i++)
        {
            var options = new ClusterNodeOptions
            {
                SiloPort = FreePort(),
                GatewayPort = FreePort(),
                Urls = $"http://127.0.0.1:{FreePort()}",
                Clearwind = new() { Store = location },
            };
            var node = ClusterNode.Build(options);
            await node.StartAsync();
            nodes.Add(node);
            urls.Add(options.Urls);
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var next = -1;
            var events = 0L;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < bodies.Count)
                {
                    using var content = new ByteArrayContent(bodies[i]);
                    using var response = await http.PostAsync($"{urls[i % urls.Count]}/v1/events", content);
                    response.EnsureSuccessStatusCode();
                    var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Interlocked.Add(ref events, receipt.GetProperty("accepted").GetInt32());
                }
            })));
            var ingest = clock.Elapsed;

            clock.Restart();
            using var detect = await http.PostAsync($"{urls[0]}/v1/detect", null);
            detect.EnsureSuccessStatusCode();
            var summary = await detect.Content.ReadFromJsonAsync<JsonElement>();
            var detection = clock.Elapsed;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"silos {silos}: ingest {events:N0} events in {ingest.TotalSeconds:F1} s = {events / ingest.TotalSeconds:N0} events/s ({senders} clients, {RequestEvents} events a request); "
                + $"detection {detection.TotalSeconds:F1} s = {events / detection.TotalSeconds:N0} events/s ({summary.GetProperty("lanes").GetInt32()} lanes on {summary.GetProperty("silos").GetArrayLength()} silos, "
                + $"{summary.GetProperty("findings").GetInt32()} findings, {summary.GetProperty("decisions").GetInt32()} decisions)"));
            return 0;
        }
        finally
        {
            foreach (var node in Enumerable.Reverse(nodes))
            {
                await node.StopAsync();
                await node.DisposeAsync();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
