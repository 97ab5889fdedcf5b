using Npgsql;

namespace Clearwind.Storage.Postgres;

/// <summary>
/// The schema and its migrations. A store's schema records every version applied in <c>schema_version</c>; opening
/// runs the missing steps in one transaction, under an advisory lock so that two processes opening a new store at once
/// do not both create it. A store is always at one whole version.
/// </summary>
internal static class PostgresSchema
{
    // pg_advisory_xact_lock(key1, key2): key1 is Clearwind's ("CWst"), key2 the schema's hash.
    private const int LockKey = 0x43577374;

    /// <summary>Migration <c>i</c> takes a store from version <c>i</c> to <c>i + 1</c>. Append only; never edit a shipped step.</summary>
    private static readonly string[] Migrations =
    [
        // Version 1. Events are read back by seq (the primary key) and deduplicated by id (unique). Findings and
        // decisions keep the order they were first written in ord, an identity: writers of a table take turns (a
        // table lock), so ord follows the commits. ids sort bytewise (COLLATE "C"): no locale in the indexes.
        // Times are timestamptz to the millisecond; JSON is kept as the text that was written (not jsonb, which
        // would reorder keys): cast it (json::jsonb) to query it.
        """
        CREATE TABLE events (
            seq  bigint      PRIMARY KEY,
            id   text        COLLATE "C" NOT NULL UNIQUE,
            type text        NOT NULL,
            ts   timestamptz NOT NULL,
            json text        NOT NULL
        );
        CREATE TABLE findings (
            ord  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id   text   COLLATE "C" NOT NULL UNIQUE,
            json text   NOT NULL
        );
        CREATE TABLE decisions (
            ord  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id   text   COLLATE "C" NOT NULL UNIQUE,
            hash text   NOT NULL,
            json text   NOT NULL
        );
        CREATE TABLE metadata (
            key   text COLLATE "C" PRIMARY KEY,
            value text NOT NULL
        );
        """,

        // Version 2. The journal of cases, appeals, juries and policy versions: append-only, read in order.
        """
        CREATE TABLE journal (
            ord  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text        NOT NULL,
            at   timestamptz NOT NULL,
            json text        NOT NULL
        );
        """,

        // Version 3. The decision log's seal (DecisionLogSeal): one row, rewritten by every append in its transaction.
        // A store from before starts sealed at what its log holds when it is opened.
        """
        CREATE TABLE decision_log_seal (
            one     smallint PRIMARY KEY CHECK (one = 1),
            records bigint   NOT NULL,
            head    text     NOT NULL
        );
        INSERT INTO decision_log_seal (one, records, head)
        SELECT 1, (SELECT count(*) FROM decisions),
               COALESCE((SELECT hash FROM decisions ORDER BY ord DESC LIMIT 1), repeat('0', 64));
        """,
    ];

    /// <summary>The version this code writes.</summary>
    public static int Latest => Migrations.Length;

    /// <summary>
    /// Brings <paramref name="schema"/> up to <paramref name="target"/> (creating the schema when missing). Refuses a
    /// database that does not store UTF-8, a schema of a newer version, and a schema holding tables of something else.
    /// </summary>
    /// <exception cref="InvalidDataException">The schema holds tables but is not a Clearwind store.</exception>
    /// <exception cref="InvalidOperationException">
    /// The schema is newer than this code, the database is not UTF-8, or there is no store and <paramref name="createIfMissing"/> is off.
    /// </exception>
    public static async Task MigrateAsync(NpgsqlDataSource source, string schema, int target, bool createIfMissing, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var encoding = (string?)await ScalarAsync(connection, null, "SHOW server_encoding", cancellationToken);
        if (!string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"database '{connection.Database}' stores text as {encoding}; Clearwind needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey}, hashtext('{schema}'))", cancellationToken);
        var missing = await ScalarAsync(
            connection, transaction, $"SELECT to_regclass('\"{schema}\".schema_version') IS NULL", cancellationToken) is true;
        if (missing && !createIfMissing)
        {
            throw new InvalidOperationException($"there is no Clearwind store in schema '{schema}' of database '{connection.Database}'");
        }

        if (await ScalarAsync(connection, transaction, $"SELECT 1 FROM pg_namespace WHERE nspname = '{schema}'", cancellationToken) is null)
        {
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA \"{schema}\"", cancellationToken);
        }

        var current = await CurrentVersionAsync(connection, transaction, schema, cancellationToken);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"the store (schema '{schema}' of database '{connection.Database}') has schema version {current}, newer than this Clearwind understands ({Latest}); use a newer Clearwind");
        }

        for (var version = current; version < target; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version], cancellationToken);
            await using var record = new NpgsqlCommand($"INSERT INTO \"{schema}\".schema_version (version) VALUES ($1)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version + 1 });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE c.relname = 'schema_version'), count(*)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        long hasVersionTable, tables;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            hasVersionTable = reader.GetInt64(0);
            tables = reader.GetInt64(1);
        }

        if (hasVersionTable == 0)
        {
            if (tables > 0)
            {
                throw new InvalidDataException(
                    $"schema '{schema}' of database '{connection.Database}' holds tables but is not a Clearwind store (it has no schema_version table); give Clearwind a schema of its own (?schema=NAME)");
            }

            await ExecuteAsync(
                connection,
                transaction,
                $"CREATE TABLE \"{schema}\".schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            return 0;
        }

        return (int)(await ScalarAsync(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM \"{schema}\".schema_version", cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }
}
