using Clearwind.Orleans.Membership;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace Orleans.Hosting;

/// <summary>Cluster membership in the store's PostgreSQL schema (<see cref="PostgresMembershipTable"/>).</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>Silos keep their membership in the schema of <paramref name="storeLocation"/>.</summary>
    public static ISiloBuilder UseClearwindPostgresClustering(this ISiloBuilder builder, string storeLocation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<PostgresMembershipOptions>(o => o.Store = storeLocation);
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        return builder;
    }

    /// <summary>Reminders are kept in the schema of <paramref name="storeLocation"/> (<see cref="Clearwind.Orleans.Reminders.PostgresReminderTable"/>).</summary>
    public static ISiloBuilder UseClearwindPostgresReminders(this ISiloBuilder builder, string storeLocation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<PostgresMembershipOptions>(o => o.Store = storeLocation);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable, Clearwind.Orleans.Reminders.PostgresReminderTable>();
        return builder;
    }

    /// <summary>Clients find gateways in the schema of <paramref name="storeLocation"/>.</summary>
    public static IClientBuilder UseClearwindPostgresClustering(this IClientBuilder builder, string storeLocation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<PostgresMembershipOptions>(o => o.Store = storeLocation);
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }
}
