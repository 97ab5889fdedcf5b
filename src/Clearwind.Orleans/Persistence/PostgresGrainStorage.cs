using Clearwind.Storage.Postgres;
using Npgsql;
using Orleans.Storage;

namespace Clearwind.Orleans.Persistence;

/// <summary>
/// Grain state in the store's PostgreSQL schema (table <c>orleans_grain_state</c>), on Npgsql: one row per (service,
/// state name, grain) holding the state as the silo's grain-storage serializer writes it and an etag. A write names the
/// etag it read; when another activation wrote in between, the write fails with <see cref="InconsistentStateException"/>
/// rather than overwrite it.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _store;
    private readonly string _table;
    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private Task? _created;

    public PostgresGrainStorage(string store, string serviceId, IGrainStorageSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(store);
        ArgumentNullException.ThrowIfNull(serializer);
        _store = store;
        var location = PostgresLocation.Parse(store);
        _table = $"\"{location.Schema}\".orleans_grain_state";
        _serviceId = serviceId;
        _serializer = serializer;
        _dataSource = NpgsqlDataSource.Create(location.ConnectionString);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureTableAsync();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = Command(connection, $"SELECT payload, etag FROM {_table} WHERE service_id = @service AND state_name = @state AND grain_id = @grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
            grainState.ETag = Etag(reader.GetInt32(1));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureTableAsync();
        var payload = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync();
        var sql = grainState.ETag is null
            ? $"INSERT INTO {_table} VALUES (@service, @state, @grain, @payload, 0) ON CONFLICT DO NOTHING RETURNING etag"
            : $"UPDATE {_table} SET payload = @payload, etag = etag + 1 WHERE service_id = @service AND state_name = @state AND grain_id = @grain AND etag = @etag RETURNING etag";
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("payload", payload);
        if (grainState.ETag is { } etag)
        {
            command.Parameters.AddWithValue("etag", int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (await command.ExecuteScalarAsync() is not int written)
        {
            throw new InconsistentStateException($"grain state {stateName} of {grainId} was written by another activation", await StoredEtagAsync(connection, stateName, grainId), grainState.ETag);
        }

        grainState.ETag = Etag(written);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureTableAsync();
        if (grainState.ETag is { } etag)
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var command = Command(connection, $"DELETE FROM {_table} WHERE service_id = @service AND state_name = @state AND grain_id = @grain AND etag = @etag", stateName, grainId);
            command.Parameters.AddWithValue("etag", int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture));
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw new InconsistentStateException($"grain state {stateName} of {grainId} was written by another activation", await StoredEtagAsync(connection, stateName, grainId), etag);
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static string Etag(int etag) => etag.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        return command;
    }

    private async Task<string?> StoredEtagAsync(NpgsqlConnection connection, string stateName, GrainId grainId)
    {
        await using var command = Command(connection, $"SELECT etag FROM {_table} WHERE service_id = @service AND state_name = @state AND grain_id = @grain", stateName, grainId);
        return await command.ExecuteScalarAsync() is int stored ? Etag(stored) : null;
    }

    // Created once per storage; a failed attempt is tried again on the next call.
    private Task EnsureTableAsync()
    {
        var created = LazyInitializer.EnsureInitialized(ref _created, CreateTableAsync);
        if (created.IsFaulted || created.IsCanceled)
        {
            Interlocked.CompareExchange(ref _created, null, created);
        }

        return created;
    }

    private Task CreateTableAsync() => PostgresCommands.CreateTablesAsync(_store, _dataSource, "clearwind-grain-state", $"""
        CREATE TABLE IF NOT EXISTS {_table} (
            service_id text COLLATE "C" NOT NULL, state_name text COLLATE "C" NOT NULL, grain_id text COLLATE "C" NOT NULL,
            payload bytea NOT NULL, etag integer NOT NULL,
            PRIMARY KEY (service_id, state_name, grain_id));
        """);
}
