using System.CommandLine;
using System.Net;
using Clearwind.Orleans.Abstractions;
using Clearwind.Orleans.Hosting;
using Clearwind.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind serve [--store FILE|URI] [--policy FILE] [--urls URLS]</c>: the live HTTP service (see docs/service.md). It is an
/// ordinary ASP.NET Core host: <c>ASPNETCORE_URLS</c>, <c>appsettings.json</c> in the working directory and environment
/// variables (<c>Clearwind__Store</c>, …) apply; the options here override them. With <c>--cluster</c> it starts one Orleans
/// silo of a cluster instead (<see cref="ClusterNode"/>, docs/deployment.md): ingest partitioned over grains, detection
/// lanes spread over the silos, one shared store.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Store: a SQLite file (default: ./clearwind.db, or Clearwind:Store from the configuration) or postgres://user:password@host:port/db?schema=NAME" };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: the built-in default)" };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:8080 (default: ASPNETCORE_URLS, else http://localhost:5000)" };
        var cluster = new Option<bool>("--cluster") { Description = "Start one silo of a Clearwind cluster (Orleans) on a shared store (postgres://…), with the cluster's HTTP API" };
        var siloPort = new Option<int>("--silo-port") { Description = "With --cluster: silo-to-silo port", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "With --cluster: client gateway port", DefaultValueFactory = _ => 30000 };
        var membership = new Option<ClusterMembership>("--membership") { Description = "With --cluster: how silos find each other: store (a table in the PostgreSQL store; default) or primary (through a primary silo, which must stay up)", DefaultValueFactory = _ => ClusterMembership.Store };
        var primary = new Option<string?>("--primary") { Description = "With --membership primary: the primary silo's IP:SILO-PORT to join (omit on the primary itself)" };
        var advertise = new Option<string>("--advertise") { Description = "With --membership store: the IP address other silos reach this one at", DefaultValueFactory = _ => "127.0.0.1" };
        var detectEvery = new Option<int?>("--detect-every") { Description = "With --cluster: run a detection round every N seconds when events arrived (a reminder kept in the store); default: only on POST /v1/detect" };
        var partitions = new Option<int>("--partitions") { Description = "With --cluster: ingest partitions; every silo must agree", DefaultValueFactory = _ => IngestPartitions.DefaultCount };
        var command = new Command("serve", "Run the live HTTP service: ingest, decisions, entities, signals, rules, metrics, OpenAPI; or, with --cluster, one silo of a cluster")
        {
            store, policy, urls, cluster, siloPort, gatewayPort, membership, primary, advertise, partitions, detectEvery,
        };
        command.SetAction((parse, ct) => parse.GetValue(cluster)
            ? RunClusterAsync(parse.GetValue(store), parse.GetValue(policy), parse.GetValue(urls), new ClusterNodeOptions
            {
                SiloPort = parse.GetValue(siloPort),
                GatewayPort = parse.GetValue(gatewayPort),
                Membership = parse.GetValue(membership),
                Clearwind = new() { Partitions = parse.GetValue(partitions) },
                DetectEvery = parse.GetValue(detectEvery) is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null,
            }, parse.GetValue(primary), parse.GetValue(advertise)!, ct)
            : RunAsync(parse.GetValue(store), parse.GetValue(policy), parse.GetValue(urls), ct));
        return command;
    }

    public static async Task<int> RunClusterAsync(string? store, string? policy, string? urls, ClusterNodeOptions options, string? primary, string advertise, CancellationToken cancellationToken)
    {
        store ??= Environment.GetEnvironmentVariable("Clearwind__Store");
        if (string.IsNullOrEmpty(store))
        {
            await Console.Error.WriteLineAsync("serve --cluster needs the store every silo shares: --store postgres://… or Clearwind__Store");
            return ExitCodes.Usage;
        }

        IPEndPoint? primaryEndpoint = null;
        if (primary is not null && !IPEndPoint.TryParse(primary, out primaryEndpoint))
        {
            await Console.Error.WriteLineAsync("--primary: expected IP:PORT, e.g. 127.0.0.1:11111");
            return ExitCodes.Usage;
        }

        if (!IPAddress.TryParse(advertise, out var advertised))
        {
            await Console.Error.WriteLineAsync("--advertise: expected an IP address");
            return ExitCodes.Usage;
        }

        options.Primary = primaryEndpoint;
        options.AdvertisedAddress = advertised;
        options.Urls = urls;
        options.Clearwind.Store = store;
        options.Clearwind.Policy = policy;
        await using var app = ClusterNode.Build(options);
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    public static async Task<int> RunAsync(string? store, string? policy, string? urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (store is not null)
        {
            overrides[$"{ServiceOptions.Section}:{nameof(ServiceOptions.Store)}"] = store;
        }

        if (policy is not null)
        {
            overrides[$"{ServiceOptions.Section}:{nameof(ServiceOptions.Policy)}"] = policy;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.AddClearwindService();
        await using var app = builder.Build();
        app.MapClearwindService();
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
