using Clearwind.Storage;
using Npgsql;

namespace Clearwind.Orleans;

/// <summary>One statement with named parameters, for the Orleans tables kept in the store's PostgreSQL schema.</summary>
internal static class PostgresCommands
{
    /// <summary>
    /// Creates an Orleans table in a store's schema: the store's own schema first (a schema holding tables but no store
    /// is refused as someone else's, so these tables join a store, never start one), then <paramref name="ddl"/> under an
    /// advisory lock (silos start together, and CREATE … IF NOT EXISTS alone can race), then <paramref name="then"/> in
    /// the same transaction.
    /// </summary>
    public static async Task CreateTablesAsync(string store, NpgsqlDataSource dataSource, string lockName, string ddl, Func<NpgsqlConnection, NpgsqlTransaction, Task>? then = null)
    {
        await (await StoreLocation.OpenAsync(store, syncEveryCommit: false, CancellationToken.None)).DisposeAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@name), hashtext(@tables))", ("name", lockName), ("tables", ddl));
        await ExecuteAsync(connection, transaction, ddl);
        if (then is not null)
        {
            await then(connection, transaction);
        }

        await transaction.CommitAsync();
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
