using Clearwind.Orleans.Membership;
using Clearwind.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Clearwind.Orleans.Reminders;

/// <summary>
/// Orleans' reminder table in the store's PostgreSQL schema (table <c>orleans_reminders</c>), written on Npgsql from
/// <see cref="IReminderTable"/>'s contract: one row per (service, grain, reminder name) with its start, period, the
/// grain's uniform hash (so a silo reads the reminders of its share of the ring) and an etag that every upsert moves
/// and a removal must name.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _store;
    private readonly string _table;
    private readonly string _serviceId;

    public PostgresReminderTable(IOptions<PostgresMembershipOptions> options, IOptions<ClusterOptions> cluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        _store = options.Value.Store;
        var location = PostgresLocation.Parse(_store);
        _table = $"\"{location.Schema}\".orleans_reminders";
        _serviceId = cluster.Value.ServiceId;
        _dataSource = NpgsqlDataSource.Create(location.ConnectionString);
    }

    public async Task Init()
    {
        await PostgresCommands.CreateTablesAsync(_store, _dataSource, "clearwind-reminders", $"""
            CREATE TABLE IF NOT EXISTS {_table} (
                service_id text COLLATE "C" NOT NULL, grain_id text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL,
                start_at timestamptz NOT NULL, period_ms bigint NOT NULL, grain_hash bigint NOT NULL, etag integer NOT NULL,
                PRIMARY KEY (service_id, grain_id, name));
            CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON {_table} (service_id, grain_hash);
            """);
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId)
        => ReadAsync("grain_id = @grain", ("grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
        => begin < end
            ? ReadAsync("grain_hash > @begin AND grain_hash <= @end", ("begin", (long)begin), ("end", (long)end))
            : ReadAsync("(grain_hash > @begin OR grain_hash <= @end)", ("begin", (long)begin), ("end", (long)end)); // the range wraps round the ring

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await ReadAsync("grain_id = @grain AND name = @name", ("grain", grainId.ToString()), ("name", reminderName));
        return rows.Reminders.FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_table} VALUES (@service, @grain, @name, @start, @period, @hash, 0)
            ON CONFLICT (service_id, grain_id, name) DO UPDATE SET start_at = @start, period_ms = @period, etag = {_table}.etag + 1
            RETURNING etag
            """, connection);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("name", entry.ReminderName);
        command.Parameters.AddWithValue("start", entry.StartAt.ToUniversalTime());
        command.Parameters.AddWithValue("period", (long)entry.Period.TotalMilliseconds);
        command.Parameters.AddWithValue("hash", (long)entry.GrainId.GetUniformHashCode());
        var etag = (int)(await command.ExecuteScalarAsync())!;
        return etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!int.TryParse(eTag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var etag))
        {
            return false;
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        return await PostgresCommands.ExecuteAsync(connection, null, $"DELETE FROM {_table} WHERE service_id = @service AND grain_id = @grain AND name = @name AND etag = @etag",
            ("service", _serviceId), ("grain", grainId.ToString()), ("name", reminderName), ("etag", etag)) == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await PostgresCommands.ExecuteAsync(connection, null, $"DELETE FROM {_table} WHERE service_id = @service", ("service", _serviceId));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<ReminderTableData> ReadAsync(string filter, params (string Name, object Value)[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT grain_id, name, start_at, period_ms, etag FROM {_table} WHERE service_id = @service AND {filter}", connection);
        command.Parameters.AddWithValue("service", _serviceId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetFieldValue<DateTime>(2),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }
}
