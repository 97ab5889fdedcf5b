using Clearwind.Output;
using Microsoft.AspNetCore.Builder;
using Orleans.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clearwind.Orleans.Hosting;

/// <summary>
/// <c>clearwind serve --cluster</c>: one Orleans silo with Clearwind's grains and the cluster's HTTP API. Silos find each
/// other in the membership table in the store's PostgreSQL schema (or, for a quick try, through a primary silo); all of
/// them share one store.
/// </summary>
public static class ClusterNode
{
    /// <summary>Cluster and service ids: silos of one Clearwind cluster must agree.</summary>
    public const string ClusterId = "clearwind";

    /// <summary>Builds the node; start it with <c>StartAsync</c>/<c>RunAsync</c>.</summary>
    public static WebApplication Build(ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder();
        if (options.Urls is not null)
        {
            builder.WebHost.UseUrls(options.Urls);
        }

        // Orleans reports every connection and membership step at Information; a node's log keeps warnings of it.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning); // Orleans' placement retries
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<JsonOptions>(o => OutputJson.ApplyTo(o.SerializerOptions));
        builder.UseOrleans(silo =>
        {
            if (options.Membership == ClusterMembership.Primary)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, options.Primary, ClusterId, ClusterId)
                    .UseInMemoryReminderService();
            }
            else
            {
                silo.UseClearwindPostgresClustering(options.Clearwind.Store)
                    .UseClearwindPostgresReminders(options.Clearwind.Store)
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
                    .ConfigureEndpoints(options.AdvertisedAddress, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            }

            if (options.DetectEvery is { } every && every < TimeSpan.FromMinutes(1))
            {
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = every);
            }

            silo.AddClearwind(o =>
            {
                o.Store = options.Clearwind.Store;
                o.Policy = options.Clearwind.Policy;
                o.HmacKey = options.Clearwind.HmacKey;
                o.AllianceKey = options.Clearwind.AllianceKey ?? o.AllianceKey;
                o.Partitions = options.Clearwind.Partitions;
                o.DetectionBatch = options.Clearwind.DetectionBatch;
            });
        });
        var app = builder.Build();
        app.MapClusterApi();
        if (options.DetectEvery is { } period)
        {
            // Registering again only updates the one reminder, so every node may do it.
            app.Lifetime.ApplicationStarted.Register(() => _ = app.Services.GetRequiredService<IGrainFactory>().GetGrain<Abstractions.IDetectionGrain>(0).RunEveryAsync(period));
        }

        return app;
    }
}
