using System.Net;
using Clearwind.Orleans.Membership;
using Clearwind.TestKit;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Clearwind.Orleans.Tests;

/// <summary><see cref="PostgresMembershipTable"/> against IMembershipTable's contract, on a real server.</summary>
[Trait("Category", TestPostgres.Category)]
public sealed class PostgresMembershipTableTests : IAsyncLifetime
{
    private readonly TestSchema _schema = TestPostgres.NewSchema();
    private PostgresMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = Table("cluster-a");
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public async Task DisposeAsync()
    {
        await _table.DisposeAsync();
        await _schema.DisposeAsync();
    }

    private PostgresMembershipTable Table(string clusterId)
        => new(Options.Create(new PostgresMembershipOptions { Store = _schema.Location }), Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "clearwind" }));

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "host",
        SiloName = $"silo{port}",
        RoleName = "role",
        UpdateZone = 1,
        FaultZone = 2,
        StartTime = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = new DateTime(2026, 12, 3, 10, 0, 5, DateTimeKind.Utc),
        SuspectTimes = [Tuple.Create(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 9), 7), new DateTime(2026, 12, 3, 10, 0, 1, DateTimeKind.Utc))],
    };

    [Fact]
    public async Task NewTable_ReadAll_IsEmptyAtVersionZero()
    {
        var data = await _table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task InsertRow_WithTheVersionRead_StoresEveryFieldAndMovesTheVersion()
    {
        var read = await _table.ReadAll();
        var entry = Entry(11111);

        Assert.True(await _table.InsertRow(entry, read.Version.Next()));

        var row = await _table.ReadRow(entry.SiloAddress);
        var (stored, _) = Assert.Single(row.Members);
        Assert.Equal(1, row.Version.Version);
        Assert.NotEqual(read.Version.VersionEtag, row.Version.VersionEtag);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal((entry.Status, entry.ProxyPort, entry.HostName, entry.SiloName, entry.RoleName, entry.UpdateZone, entry.FaultZone),
            (stored.Status, stored.ProxyPort, stored.HostName, stored.SiloName, stored.RoleName, stored.UpdateZone, stored.FaultZone));
        Assert.Equal(entry.StartTime, stored.StartTime.ToUniversalTime());
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime.ToUniversalTime());
        var (suspecter, at) = Assert.Single(stored.SuspectTimes!);
        Assert.Equal(entry.SuspectTimes![0].Item1, suspecter);
        Assert.Equal(entry.SuspectTimes[0].Item2, at);
    }

    [Fact]
    public async Task InsertRow_StaleVersionOrExistingSilo_FailsAndChangesNothing()
    {
        var read = await _table.ReadAll();
        Assert.True(await _table.InsertRow(Entry(11111), read.Version.Next()));

        Assert.False(await _table.InsertRow(Entry(11112), read.Version.Next())); // etag read before the first insert
        var now = await _table.ReadAll();
        Assert.False(await _table.InsertRow(Entry(11111), now.Version.Next())); // the silo is there already

        var after = await _table.ReadAll();
        Assert.Single(after.Members);
        Assert.Equal(now.Version, after.Version);
    }

    [Fact]
    public async Task UpdateRow_TwoSilosActingOnOneReading_ExactlyOneWins()
    {
        var read = await _table.ReadAll();
        Assert.True(await _table.InsertRow(Entry(11111), read.Version.Next()));
        Assert.True(await _table.InsertRow(Entry(11112), (await _table.ReadAll()).Version.Next()));
        var reading = await _table.ReadAll();
        var first = reading.Members.Single(m => m.Item1.SiloAddress.Endpoint.Port == 11111);
        var second = reading.Members.Single(m => m.Item1.SiloAddress.Endpoint.Port == 11112);
        first.Item1.Status = SiloStatus.Dead;
        second.Item1.Status = SiloStatus.Active;
        await using var other = Table("cluster-a");

        var results = await Task.WhenAll(
            _table.UpdateRow(first.Item1, first.Item2, reading.Version.Next()),
            other.UpdateRow(second.Item1, second.Item2, reading.Version.Next()));

        Assert.Single(results, won => won);
        var after = await _table.ReadAll();
        Assert.Equal(reading.Version.Version + 1, after.Version.Version);
        Assert.Single(after.Members, m => m.Item1.Status != SiloStatus.Joining);
    }

    [Fact]
    public async Task UpdateRow_StaleRowEtag_Fails()
    {
        Assert.True(await _table.InsertRow(Entry(11111), (await _table.ReadAll()).Version.Next()));
        var reading = await _table.ReadAll();
        var (entry, etag) = reading.Members[0];
        entry.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRow(entry, etag, reading.Version.Next()));
        var now = await _table.ReadAll();

        entry.Status = SiloStatus.Dead;
        Assert.False(await _table.UpdateRow(entry, etag, now.Version.Next())); // the row changed since etag was read

        Assert.Equal(SiloStatus.Active, (await _table.ReadRow(entry.SiloAddress)).Members[0].Item1.Status);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesTheHeartbeatOnly_AndLeavesEtagsUsable()
    {
        Assert.True(await _table.InsertRow(Entry(11111), (await _table.ReadAll()).Version.Next()));
        var reading = await _table.ReadAll();
        var (entry, etag) = reading.Members[0];
        var heartbeat = new DateTime(2026, 12, 3, 11, 0, 0, DateTimeKind.Utc);

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = heartbeat });

        var after = await _table.ReadAll();
        Assert.Equal(heartbeat, after.Members[0].Item1.IAmAliveTime.ToUniversalTime());
        Assert.Equal(SiloStatus.Joining, after.Members[0].Item1.Status);
        Assert.Equal(reading.Version, after.Version);
        entry.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRow(entry, etag, reading.Version.Next()));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesDeadSilosLastSeenBeforeTheDate_Only()
    {
        Assert.True(await _table.InsertRow(Entry(11111, SiloStatus.Dead), (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(Entry(11112, SiloStatus.Active), (await _table.ReadAll()).Version.Next()));

        await _table.CleanupDefunctSiloEntries(new DateTimeOffset(2026, 12, 3, 10, 0, 5, TimeSpan.Zero)); // exclusive: heartbeat at 10:00:05 stays
        Assert.Equal(2, (await _table.ReadAll()).Members.Count);
        await _table.CleanupDefunctSiloEntries(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

        var (left, _) = Assert.Single((await _table.ReadAll()).Members);
        Assert.Equal(SiloStatus.Active, left.Status);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesOneClusterOnly()
    {
        await using var other = Table("cluster-b");
        await other.InitializeMembershipTable(tryInitTableVersion: true);
        Assert.True(await _table.InsertRow(Entry(11111), (await _table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Entry(11111), (await other.ReadAll()).Version.Next()));

        await _table.DeleteMembershipTableEntries("cluster-a");

        Assert.Empty((await _table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
    }
}
