using Clearwind.Orleans;
using Clearwind.Orleans.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Adds Clearwind's grains' shared engine to a silo.</summary>
public static class ClearwindSiloBuilderExtensions
{
    /// <summary>Registers the engine, bound to the configuration section <c>Clearwind</c> and then <paramref name="configure"/>.</summary>
    public static ISiloBuilder AddClearwind(this ISiloBuilder builder, Action<ClearwindClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ClearwindClusterOptions>().Bind(builder.Configuration.GetSection("Clearwind"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<ClusterEngine>();
        // Grain state (the detection rounds' bookkeeping) in the shared store's schema.
        Orleans.Runtime.Hosting.StorageProviderExtensions.AddGrainStorage(builder.Services, Clearwind.Orleans.Persistence.ClearwindGrainState.StorageName, (sp, _) =>
            new Clearwind.Orleans.Persistence.PostgresGrainStorage(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClearwindClusterOptions>>().Value.Store,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value.ServiceId,
                sp.GetRequiredService<Orleans.Storage.IGrainStorageSerializer>()));
        builder.Services.AddPlacementDirector<LaneSpreadPlacement, LaneSpreadPlacementDirector>();
        // A detection run is one long call; lanes answer per batch, in well under this.
        builder.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        return builder;
    }
}
