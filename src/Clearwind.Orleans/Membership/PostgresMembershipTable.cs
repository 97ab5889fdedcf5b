using System.Globalization;
using Clearwind.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Clearwind.Orleans.Membership;

/// <summary>
/// Orleans' membership table in the store's PostgreSQL schema (tables <c>orleans_membership_version</c> and <c>orleans_membership</c>), written here on Npgsql from <see cref="IMembershipTable"/>'s
/// contract: a version row per cluster (version, etag) and a row per silo (its fields, a row etag, its heartbeat).
/// Inserting or updating a silo's row and moving the version happen in one transaction that first moves the version
/// only if its etag is the one the caller read, so of two silos acting on the same reading one wins and the other is
/// told to read again. Heartbeats touch only their own column and leave every etag as it was.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _clusterId;
    private readonly string _store;

    public PostgresMembershipTable(IOptions<PostgresMembershipOptions> options, IOptions<ClusterOptions> cluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        _store = options.Value.Store;
        var location = PostgresLocation.Parse(_store);
        _schema = location.Schema;
        _clusterId = cluster.Value.ClusterId;
        _dataSource = NpgsqlDataSource.Create(location.ConnectionString);
    }

    private string Versions => $"\"{_schema}\".orleans_membership_version";

    private string Silos => $"\"{_schema}\".orleans_membership";

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await PostgresCommands.CreateTablesAsync(_store, _dataSource, "clearwind-membership", $"""
            CREATE TABLE IF NOT EXISTS {Versions} (cluster_id text COLLATE "C" PRIMARY KEY, version integer NOT NULL, etag integer NOT NULL);
            CREATE TABLE IF NOT EXISTS {Silos} (
                cluster_id text COLLATE "C" NOT NULL, silo text COLLATE "C" NOT NULL, status integer NOT NULL,
                proxy_port integer NOT NULL, host_name text NOT NULL, silo_name text NOT NULL, role_name text NOT NULL,
                update_zone integer NOT NULL, fault_zone integer NOT NULL, start_time timestamptz NOT NULL,
                i_am_alive timestamptz NOT NULL, suspect_times text NOT NULL, etag integer NOT NULL,
                PRIMARY KEY (cluster_id, silo));
            """,
            tryInitTableVersion
                ? (connection, transaction) => ExecuteAsync(connection, transaction, $"INSERT INTO {Versions} VALUES (@cluster, 0, 0) ON CONFLICT DO NOTHING", ("cluster", _clusterId))
                : null);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, $"DELETE FROM {Silos} WHERE cluster_id = @cluster", ("cluster", clusterId));
        await ExecuteAsync(connection, transaction, $"DELETE FROM {Versions} WHERE cluster_id = @cluster", ("cluster", clusterId));
        await transaction.CommitAsync();
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, null, $"DELETE FROM {Silos} WHERE cluster_id = @cluster AND status = @dead AND i_am_alive < @before",
            ("cluster", _clusterId), ("dead", (int)SiloStatus.Dead), ("before", beforeDate.UtcDateTime));
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync("AND m.silo = @silo", key.ToParsableString());
    }

    public Task<MembershipTableData> ReadAll() => ReadAsync("", null);

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return await InVersionAsync(tableVersion, async (connection, transaction) => await ExecuteAsync(connection, transaction, $"""
            INSERT INTO {Silos} VALUES (@cluster, @silo, @status, @proxy_port, @host_name, @silo_name, @role_name, @update_zone,
                @fault_zone, @start_time, @i_am_alive, @suspect_times, 0)
            ON CONFLICT DO NOTHING
            """, [("cluster", _clusterId), .. Columns(entry)]) == 1);
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var rowEtag))
        {
            return false;
        }

        return await InVersionAsync(tableVersion, async (connection, transaction) => await ExecuteAsync(connection, transaction, $"""
            UPDATE {Silos} SET status = @status, proxy_port = @proxy_port, host_name = @host_name, silo_name = @silo_name,
                role_name = @role_name, update_zone = @update_zone, fault_zone = @fault_zone, start_time = @start_time,
                i_am_alive = @i_am_alive, suspect_times = @suspect_times, etag = etag + 1
            WHERE cluster_id = @cluster AND silo = @silo AND etag = @etag
            """, [("cluster", _clusterId), ("etag", rowEtag), .. Columns(entry)]) == 1);
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, null, $"UPDATE {Silos} SET i_am_alive = @i_am_alive WHERE cluster_id = @cluster AND silo = @silo",
            ("cluster", _clusterId), ("silo", entry.SiloAddress.ToParsableString()), ("i_am_alive", Utc(entry.IAmAliveTime)));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Moves the version from the etag the caller read to the next; then <paramref name="change"/> must succeed too, or nothing changes.</summary>
    private async Task<bool> InVersionAsync(TableVersion tableVersion, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> change)
    {
        if (!int.TryParse(tableVersion.VersionEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var readEtag))
        {
            return false;
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Under READ COMMITTED a second writer waits for the first and then finds the etag moved: 0 rows, it loses.
        var moved = await ExecuteAsync(connection, transaction, $"UPDATE {Versions} SET version = @version, etag = etag + 1 WHERE cluster_id = @cluster AND etag = @etag",
            ("cluster", _clusterId), ("version", tableVersion.Version), ("etag", readEtag));
        if (moved != 1 || !await change(connection, transaction))
        {
            await transaction.RollbackAsync();
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The version and the rows (all, or one silo's) in one statement, so they come from one snapshot.</summary>
    private async Task<MembershipTableData> ReadAsync(string filter, string? silo)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT v.version, v.etag, m.silo, m.status, m.proxy_port, m.host_name, m.silo_name, m.role_name, m.update_zone,
                   m.fault_zone, m.start_time, m.i_am_alive, m.suspect_times, m.etag
            FROM {Versions} v LEFT JOIN {Silos} m ON m.cluster_id = v.cluster_id {filter}
            WHERE v.cluster_id = @cluster
            """, connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        if (silo is not null)
        {
            command.Parameters.AddWithValue("silo", silo);
        }

        var rows = new List<Tuple<MembershipEntry, string>>();
        TableVersion? version = null;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            version ??= new TableVersion(reader.GetInt32(0), reader.GetInt32(1).ToString(CultureInfo.InvariantCulture));
            if (reader.IsDBNull(2))
            {
                continue;
            }

            var entry = new MembershipEntry
            {
                SiloAddress = SiloAddress.FromParsableString(reader.GetString(2)),
                Status = (SiloStatus)reader.GetInt32(3),
                ProxyPort = reader.GetInt32(4),
                HostName = reader.GetString(5),
                SiloName = reader.GetString(6),
                RoleName = reader.GetString(7),
                UpdateZone = reader.GetInt32(8),
                FaultZone = reader.GetInt32(9),
                StartTime = reader.GetDateTime(10),
                IAmAliveTime = reader.GetDateTime(11),
                SuspectTimes = ReadSuspectTimes(reader.GetString(12)),
            };
            rows.Add(Tuple.Create(entry, reader.GetInt32(13).ToString(CultureInfo.InvariantCulture)));
        }

        // No version row yet (the table is being initialised): an empty table at version 0.
        return new MembershipTableData(rows, version ?? new TableVersion(0, "0"));
    }

    private static (string, object)[] Columns(MembershipEntry entry) =>
    [
        ("silo", entry.SiloAddress.ToParsableString()),
        ("status", (int)entry.Status),
        ("proxy_port", entry.ProxyPort),
        ("host_name", entry.HostName ?? ""),
        ("silo_name", entry.SiloName ?? ""),
        ("role_name", entry.RoleName ?? ""),
        ("update_zone", entry.UpdateZone),
        ("fault_zone", entry.FaultZone),
        ("start_time", Utc(entry.StartTime)),
        ("i_am_alive", Utc(entry.IAmAliveTime)),
        ("suspect_times", WriteSuspectTimes(entry.SuspectTimes)),
    ];

    // Who suspects the silo and when: "silo|ticks" pairs joined by ';' (silo addresses hold neither character).
    private static string WriteSuspectTimes(List<Tuple<SiloAddress, DateTime>>? times)
        => times is null ? "" : string.Join(';', times.Select(t => t.Item1.ToParsableString() + "|" + Utc(t.Item2).Ticks.ToString(CultureInfo.InvariantCulture)));

    private static List<Tuple<SiloAddress, DateTime>> ReadSuspectTimes(string text)
        => [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('|')).Select(parts =>
            Tuple.Create(SiloAddress.FromParsableString(parts[0]), new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc)))];

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
        => PostgresCommands.ExecuteAsync(connection, transaction, sql, parameters);
}
