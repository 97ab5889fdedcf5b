using Npgsql;

namespace Clearwind.Orleans;

/// <summary>One statement with named parameters, for the Orleans tables kept in the store's PostgreSQL schema.</summary>
internal static class PostgresCommands
{
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
