using System.Runtime.CompilerServices;
using Npgsql;

namespace Clearwind.Storage.Postgres;

/// <summary>
/// One store's connections: a pooled data source whose connections all have the store's schema as their search path.
/// Every write is one transaction that first locks the table it appends to (SHARE ROW EXCLUSIVE: writers of that table
/// take turns, in this process and in any other, while readers go on), so the order of rows is the order of commits and
/// the decision chain has one head. Every read streams one query on a connection of its own: one consistent snapshot,
/// and a caller may write to the store while it reads from it.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private int _disposed;

    private PostgresDatabase(PostgresLocation location, NpgsqlDataSource source)
    {
        Location = location;
        _source = source;
    }

    public PostgresLocation Location { get; }

    public static async Task<PostgresDatabase> OpenAsync(PostgresLocation location, PostgresStoreOptions options, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(location.Connection.ConnectionString)
        {
            Options = JoinOptions(location.Connection.Options, $"-c synchronous_commit={(options.SyncEveryCommit ? "on" : "off")}"),
        };
        var source = NpgsqlDataSource.Create(builder);
        try
        {
            await PostgresSchema.MigrateAsync(source, location.Schema, PostgresSchema.Latest, options.CreateIfMissing, cancellationToken);
            return new PostgresDatabase(location, source);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs work in one transaction that holds <paramref name="table"/> against other writers. It commits when the work
    /// returns and rolls back when it throws or when cancellation was requested before the commit.
    /// </summary>
    public async Task<T> WriteAsync<T>(string table, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var hold = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await work(connection, transaction);
        cancellationToken.ThrowIfCancellationRequested();

        // Not cancellable: a commit cut short would leave the caller unsure whether the batch is stored.
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <summary>A connection from the pool (the caller disposes it).</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _source.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Streams a query on its own connection.</summary>
    public async IAsyncEnumerable<T> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }

    /// <summary>Runs a query that returns one value.</summary>
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Closes the pool's connections; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync()
        => Interlocked.Exchange(ref _disposed, 1) == 0 ? _source.DisposeAsync() : ValueTask.CompletedTask;

    private static string JoinOptions(string? given, string ours) => string.IsNullOrWhiteSpace(given) ? ours : given + " " + ours;
}
