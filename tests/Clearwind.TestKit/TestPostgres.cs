using Clearwind.Storage.Postgres;
using Npgsql;

namespace Clearwind.TestKit;

/// <summary>
/// The PostgreSQL server the tests use: <c>$CLEARWIND_TEST_POSTGRES</c> (a <c>postgres://</c> URI or an Npgsql keyword
/// string). Every test makes a schema of its own in that database and drops it afterwards. When the variable is not set
/// the tests fail, saying how to start a server: they never skip. A developer without PostgreSQL leaves them out by name,
/// <c>dotnet test --filter "Category!=Postgres"</c>; <c>.ci/run</c> starts a server and runs them all.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string Variable = "CLEARWIND_TEST_POSTGRES";

    /// <summary>The trait (<c>Category</c>) every test that needs the server carries.</summary>
    public const string Category = "Postgres";

    /// <summary>Why a PostgreSQL test cannot run, and what to do.</summary>
    public const string NotConfigured =
        Variable + " is not set, and this test needs a PostgreSQL server. Start a throw-away one (PostgreSQL's server "
        + "programs installed, e.g. apt-get install postgresql) with:  eval \"$(tools/postgres-test-server start)\"  and stop it "
        + "with tools/postgres-test-server stop; or set " + Variable + " to a database of yours "
        + "(postgres://user:password@host:port/database; each test makes and drops a schema of its own). "
        + "To leave these tests out: dotnet test --filter \"Category!=Postgres\".";

    /// <summary>The configured connection string.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set (the message says how to start a server).</exception>
    public static string ConnectionString
        => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : throw new InvalidOperationException(NotConfigured);

    /// <summary>A new, empty schema name and the store location that points at it (the schema is created by the store).</summary>
    public static TestSchema NewSchema() => new(ConnectionString, "t_" + Guid.NewGuid().ToString("N"));
}

/// <summary>One test's schema in the test database; disposing it drops the schema and everything in it.</summary>
public sealed class TestSchema : IAsyncDisposable
{
    internal TestSchema(string server, string name)
    {
        Name = name;
        Location = PostgresLocation.IsUri(server)
            ? server + (server.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "schema=" + name
            : server.TrimEnd(';') + ";Schema=" + name;
    }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>A store location (<c>--store</c> value) in this schema.</summary>
    public string Location { get; }

    /// <summary>Runs SQL in the schema (search path set to it) and returns the first value, or null.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    // One connection per call, closed after it: thousands of test schemas must not leave idle pools behind.
    private string Unpooled() => new NpgsqlConnectionStringBuilder(PostgresLocation.Parse(Location).ConnectionString) { Pooling = false }.ConnectionString;

    /// <summary>Drops the schema.</summary>
    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(Unpooled());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
