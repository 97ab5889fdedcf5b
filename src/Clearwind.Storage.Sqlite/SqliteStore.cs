namespace Clearwind.Storage.Sqlite;

/// <summary>
/// Clearwind's embedded default store: one SQLite file in WAL mode. Each append is one transaction, so a batch is
/// stored whole or not at all, and a crash never leaves a corrupt or half-written file. Safe for concurrent callers;
/// reads stream a consistent snapshot and may run while the same store is written.
/// </summary>
public sealed class SqliteStore : IClearwindStore
{
    private readonly SqliteDatabase _db;

    private SqliteStore(SqliteDatabase db)
    {
        _db = db;
        Events = new SqliteEventStore(db);
        Findings = new SqliteFindingStore(db);
        Decisions = new SqliteDecisionLog(db);
        Metadata = new SqliteMetadataStore(db);
        Journal = new SqliteJournal(db);
    }

    /// <summary>The schema version this code writes (recorded in the file's <c>schema_version</c> table).</summary>
    public static int SchemaVersion => SqliteSchema.Latest;

    /// <summary>Full path of the store file.</summary>
    public string Path => _db.Path;

    /// <inheritdoc/>
    public IEventStore Events { get; }

    /// <inheritdoc/>
    public IFindingStore Findings { get; }

    /// <inheritdoc/>
    public IDecisionLog Decisions { get; }

    /// <inheritdoc/>
    public IMetadataStore Metadata { get; }

    /// <inheritdoc/>
    public IRecordJournal Journal { get; }

    /// <summary>Opens the store at <paramref name="path"/>, creating the file (and its folder) and schema when missing.</summary>
    /// <exception cref="InvalidDataException">The file is an SQLite database of another application.</exception>
    /// <exception cref="InvalidOperationException">The file was written by a newer Clearwind, or cannot use WAL.</exception>
    public static Task<SqliteStore> OpenAsync(string path, CancellationToken cancellationToken = default)
        => OpenAsync(path, SqliteStoreOptions.Default, cancellationToken);

    /// <summary>
    /// Opens the store at <paramref name="path"/> with <paramref name="options"/> (durability of each commit), creating
    /// the file (and its folder) and schema when missing. The options hold for this opening only; the file keeps none of them.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is an SQLite database of another application.</exception>
    /// <exception cref="InvalidOperationException">The file was written by a newer Clearwind, or cannot use WAL.</exception>
    public static async Task<SqliteStore> OpenAsync(string path, SqliteStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (path.StartsWith(":memory:", StringComparison.Ordinal) || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("give a file path; for a store in memory use InMemoryStore", nameof(path));
        }

        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var db = await SqliteDatabase.OpenAsync(fullPath, options, cancellationToken);
        try
        {
            return new SqliteStore(db);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The writer connection's <c>PRAGMA synchronous</c>: 1 for NORMAL, 2 for FULL.</summary>
    internal Task<long> SynchronousAsync(CancellationToken cancellationToken = default)
        => _db.RunAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);

    /// <summary>Runs <c>PRAGMA integrity_check</c> on a snapshot of the file; true when SQLite reports <c>ok</c>.</summary>
    public async Task<bool> CheckIntegrityAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _db.QueryColumnAsync<string>("PRAGMA integrity_check", cancellationToken);
        return rows is ["ok"];
    }

    /// <summary>Waits for the running operation, closes the file and clears its connection pool.</summary>
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
