using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Clearwind.Orleans.Membership;

/// <summary>Gateways for clients: the active silos of the membership table, at their gateway ports.</summary>
public sealed class PostgresGatewayListProvider(IOptions<PostgresMembershipOptions> options, IOptions<ClusterOptions> cluster) : IGatewayListProvider, IAsyncDisposable
{
    private readonly PostgresMembershipTable _table = new(options, cluster);

    public TimeSpan MaxStaleness => TimeSpan.FromSeconds(10);

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => _table.InitializeMembershipTable(tryInitTableVersion: false);

    public async Task<IList<Uri>> GetGateways()
    {
        var table = await _table.ReadAll();
        return [.. table.Members
            .Select(m => m.Item1)
            .Where(m => m.Status == SiloStatus.Active && m.ProxyPort != 0)
            .Select(m => SiloAddress.New(m.SiloAddress.Endpoint.Address, m.ProxyPort, m.SiloAddress.Generation).ToGatewayUri())];
    }

    public ValueTask DisposeAsync() => _table.DisposeAsync();
}
