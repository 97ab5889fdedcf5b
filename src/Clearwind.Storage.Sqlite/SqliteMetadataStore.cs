using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>Metadata: <c>INSERT OR IGNORE</c> then read back, so the first writer wins, across processes too.</summary>
internal sealed class SqliteMetadataStore(SqliteDatabase db) : IMetadataStore
{
    private readonly SqliteDatabase _db = db;
    private readonly SqliteCommand _get = db.Prepare("SELECT value FROM metadata WHERE key = $key", ("$key", SqliteType.Text));
    private readonly SqliteCommand _add = db.Prepare(
        "INSERT INTO metadata (key, value) VALUES ($key, $value) ON CONFLICT (key) DO NOTHING",
        ("$key", SqliteType.Text), ("$value", SqliteType.Text));

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _db.RunAsync(_ => Get(key, transaction: null), cancellationToken);
    }

    public Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return _db.WriteAsync(
            transaction =>
            {
                _add.Transaction = transaction;
                _add.Parameters[0].Value = key;
                _add.Parameters[1].Value = value;
                _add.ExecuteNonQuery();
                return Get(key, transaction) ?? throw new InvalidOperationException($"metadata key '{key}' vanished after it was written");
            },
            cancellationToken);
    }

    private string? Get(string key, SqliteTransaction? transaction)
    {
        _get.Transaction = transaction;
        _get.Parameters[0].Value = key;
        return (string?)_get.ExecuteScalar();
    }
}
