using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>
/// The schema and its migrations. A store file records every version applied in <c>schema_version</c>;
/// opening runs the missing steps in one transaction, so a file is always at one whole version.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Migration <c>i</c> takes a file from version <c>i</c> to <c>i + 1</c>. Append only; never edit a shipped step.</summary>
    private static readonly string[] Migrations =
    [
        // Version 1. seq, ord: INTEGER PRIMARY KEY makes them the rowid, so each table is stored in the order it is
        // read back (a plain scan) and appends go to the end of the B-tree. id stays unique through its own index.
        // ord is assigned by SQLite (largest + 1); rows are never deleted, so it is the order of first insertion.
        """
        CREATE TABLE events (
            seq   INTEGER PRIMARY KEY,
            id    TEXT    NOT NULL UNIQUE,
            type  TEXT    NOT NULL,
            ts_ms INTEGER NOT NULL,
            json  TEXT    NOT NULL
        );
        CREATE TABLE findings (
            ord  INTEGER PRIMARY KEY,
            id   TEXT NOT NULL UNIQUE,
            json TEXT NOT NULL
        );
        CREATE TABLE decisions (
            ord  INTEGER PRIMARY KEY,
            id   TEXT NOT NULL UNIQUE,
            json TEXT NOT NULL
        );
        CREATE TABLE metadata (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,

        // Version 2. The journal of cases, appeals and juries: append-only, read in order.
        """
        CREATE TABLE journal (
            ord   INTEGER PRIMARY KEY,
            kind  TEXT    NOT NULL,
            at_ms INTEGER NOT NULL,
            json  TEXT    NOT NULL
        );
        """,

        // Version 3. The decision log's seal (DecisionLogSeal): one row, rewritten by every append in its transaction.
        // A store from before starts sealed at what its log holds when it is opened.
        """
        CREATE TABLE decision_log_seal (
            one     INTEGER PRIMARY KEY CHECK (one = 1),
            records INTEGER NOT NULL,
            head    TEXT    NOT NULL
        );
        INSERT INTO decision_log_seal (one, records, head)
        SELECT 1, (SELECT COUNT(*) FROM decisions),
               COALESCE((SELECT json_extract(json, '$.hash') FROM decisions ORDER BY ord DESC LIMIT 1), printf('%.64c', '0'));
        """,
    ];

    /// <summary>The version this code writes.</summary>
    public static int Latest => Migrations.Length;

    /// <summary>Brings the file up to <see cref="Latest"/>. Refuses files of a newer version or of another application.</summary>
    /// <summary>Refuses, without changing it, an SQLite file that holds tables but is not a Clearwind store.</summary>
    /// <exception cref="InvalidDataException">The file belongs to another application.</exception>
    public static void RefuseForeign(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
                (SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'),
                (SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.GetInt64(0) == 0 && reader.GetInt64(1) > 0)
        {
            throw new InvalidDataException($"'{path}' is an SQLite database but not a Clearwind store (it has no schema_version table)");
        }
    }

    public static void Migrate(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction();
        var current = CurrentVersion(connection, transaction, path);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"the store '{path}' has schema version {current}, newer than this Clearwind understands ({Latest}); use a newer Clearwind");
        }

        for (var version = current; version < Latest; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[version];
            step.ExecuteNonQuery();

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version) VALUES ($version)";
            record.Parameters.AddWithValue("$version", version + 1);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static int CurrentVersion(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT
                (SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'),
                (SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')
            """;
        long hasVersionTable, tables;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            hasVersionTable = reader.GetInt64(0);
            tables = reader.GetInt64(1);
        }

        if (hasVersionTable == 0)
        {
            if (tables > 0)
            {
                throw new InvalidDataException($"'{path}' is an SQLite database but not a Clearwind store (it has no schema_version table)");
            }

            command.CommandText = "CREATE TABLE schema_version (version INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
            return 0;
        }

        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return checked((int)(long)command.ExecuteScalar()!);
    }
}
