using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clearwind.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the writer connection and driven through SQLitePCLRaw, the layer under
/// Microsoft.Data.Sqlite: binding by index without a data reader per row costs about half the CPU of
/// <see cref="SqliteCommand.ExecuteNonQuery"/>, which is what bulk event appends spend their time on.
/// It runs inside whatever transaction the connection has open. Errors surface as <see cref="SqliteException"/>.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    public void Bind(int index, long value) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, index, value), _db);

    public void Bind(int index, string value) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(_statement, index, value), _db);

    /// <summary>Binds text already encoded as UTF-8 (no conversion, no copy on our side).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> utf8) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(_statement, index, utf8), _db);

    /// <summary>Runs the statement (which returns no rows) and gives the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
