using Npgsql;

namespace Clearwind.Storage.Postgres;

/// <summary>
/// Metadata: <c>INSERT … ON CONFLICT DO NOTHING</c> then read back, in one transaction, so the first writer wins across
/// processes too (a second writer of the same key waits for the first to commit, inserts nothing and reads its value).
/// </summary>
internal sealed class PostgresMetadataStore(PostgresDatabase db) : IMetadataStore
{
    private readonly PostgresDatabase _db = db;

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT value FROM metadata WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var add = new NpgsqlCommand("INSERT INTO metadata (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", connection, transaction))
        {
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        string stored;
        await using (var get = new NpgsqlCommand("SELECT value FROM metadata WHERE key = $1", connection, transaction))
        {
            get.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            stored = (string?)await get.ExecuteScalarAsync(cancellationToken)
                ?? throw new InvalidOperationException($"metadata key '{key}' vanished after it was written");
        }

        await transaction.CommitAsync(CancellationToken.None);
        return stored;
    }
}
