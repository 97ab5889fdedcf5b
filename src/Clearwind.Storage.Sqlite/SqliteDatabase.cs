using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>
/// One store file: a writer connection used one caller at a time (guarded by a semaphore) with its prepared
/// commands, and short-lived pooled reader connections for streaming reads. In WAL mode readers see a consistent
/// snapshot and never block the writer, so a caller may write to the store while it reads from it.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly List<IDisposable> _statements = [];
    private bool _disposed;

    private SqliteDatabase(string path, string connectionString, SqliteConnection connection)
    {
        Path = path;
        ConnectionString = connectionString;
        _connection = connection;
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>Connection string shared by the writer and the readers (one pool).</summary>
    public string ConnectionString { get; }

    public static async Task<SqliteDatabase> OpenAsync(string path, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // WAL: readers never block the writer and a crash (of the process or the machine) never corrupts the file.
            // synchronous=NORMAL is the documented safe setting for WAL: a power loss may drop the last commits,
            // never corrupt; a process crash loses nothing committed. Appends are idempotent by id, so a lost tail
            // is recovered by sending the input again. FULL (SyncEveryCommit) adds an fsync of the log per commit, for
            // callers that promise durability to someone else (the service's acknowledgements).
            using (var command = connection.CreateCommand())
            {
                // Wait for another process that is opening or writing the same file instead of failing at once.
                command.CommandText = "PRAGMA busy_timeout = 30000";
                command.ExecuteNonQuery();

                // Check before the first change: switching to WAL is written into the file itself.
                SqliteSchema.RefuseForeign(connection, path);

                // A new file gets 16 KiB pages: bulk appends write a quarter of the pages (and of the write calls) that
                // the 4 KiB default needs. It only takes effect before the first table exists; an older file keeps its size.
                command.CommandText = "PRAGMA page_size = 16384";
                command.ExecuteNonQuery();

                command.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)command.ExecuteScalar();
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"the store '{path}' cannot use WAL journaling (got '{mode}'); put it on a local disk");
                }

                command.CommandText = $"""
                    PRAGMA synchronous = {(options.SyncEveryCommit ? "FULL" : "NORMAL")};
                    PRAGMA cache_size = -65536;
                    PRAGMA journal_size_limit = 67108864;
                    PRAGMA temp_store = MEMORY;
                    """;
                command.ExecuteNonQuery();
            }

            SqliteSchema.Migrate(connection, path);
            return new SqliteDatabase(path, connectionString, connection);
        }
        catch
        {
            SqliteConnection.ClearPool(connection);
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A command compiled once and reused for the life of the store. Parameters are named <c>$name</c>.</summary>
    public SqliteCommand Prepare(string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        _statements.Add(command);
        return command;
    }

    /// <summary>A statement for the bulk path, compiled once and reused for the life of the store.</summary>
    public SqliteRawStatement PrepareRaw(string sql)
    {
        var statement = new SqliteRawStatement(_connection, sql);
        _statements.Add(statement);
        return statement;
    }

    /// <summary>Runs work on the writer connection, one caller at a time.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs work in one write transaction: it commits when the work returns and rolls back when it throws or when
    /// cancellation was requested before the commit.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
        => RunAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction();
                var result = work(transaction);
                cancellationToken.ThrowIfCancellationRequested();
                transaction.Commit();
                return result;
            },
            cancellationToken);

    /// <summary>Streams a query on its own reader connection: one consistent snapshot, without holding the writer.</summary>
    public async IAsyncEnumerable<T> ReadAsync<T>(
        string sql, Func<SqliteDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }

    /// <summary>Runs a query on its own reader connection and collects the first column of every row.</summary>
    public async Task<List<T>> QueryColumnAsync<T>(string sql, CancellationToken cancellationToken)
    {
        var values = new List<T>();
        await foreach (var value in ReadAsync(sql, r => r.GetFieldValue<T>(0), cancellationToken))
        {
            values.Add(value);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var statement in _statements)
            {
                statement.Dispose();
            }

            // Clearing the pool closes the idle reader connections too, so the file is really closed: the last close
            // checkpoints the WAL into the database and removes the -wal and -shm files.
            SqliteConnection.ClearPool(_connection);
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
