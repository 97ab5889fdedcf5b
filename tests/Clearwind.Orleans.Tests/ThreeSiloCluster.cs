using Clearwind.Orleans;
using Clearwind.Privacy;
using Clearwind.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Clearwind.Orleans.Tests;

/// <summary>Three real silos in this process sharing one PostgreSQL store (a schema of the test's own).</summary>
internal sealed class ThreeSiloCluster : IAsyncDisposable
{
    public const string HmacKey = "orleans-test-key-0123456789abcdef";

    private ThreeSiloCluster(TestSchema schema, TestCluster cluster)
    {
        Schema = schema;
        Cluster = cluster;
    }

    public TestSchema Schema { get; }

    public TestCluster Cluster { get; }

    public static IdentifierKeyer Keyer => IdentifierKeyer.FromText(HmacKey);

    public ClusterIngest Ingest => new(Cluster.Client, Keyer, Abstractions.IngestPartitions.DefaultCount);

    public static async Task<ThreeSiloCluster> StartAsync()
    {
        var schema = TestPostgres.NewSchema();
        var builder = new TestClusterBuilder(3);
        builder.Properties["Clearwind:Store"] = schema.Location;
        builder.Properties["Clearwind:HmacKey"] = HmacKey;
        builder.Options.UseTestClusterMembership = false; // membership in PostgreSQL, as in production
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ThreeSiloCluster(schema, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Schema.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
            => siloBuilder.UseClearwindPostgresClustering(siloBuilder.Configuration["Clearwind:Store"]!).AddClearwind();
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.UseClearwindPostgresClustering(configuration["Clearwind:Store"]!);
            clientBuilder.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        }
    }
}
