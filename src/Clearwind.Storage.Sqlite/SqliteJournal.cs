using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>The journal: rows are only ever inserted; <c>ord</c> (the rowid) keeps the order of appending.</summary>
internal sealed class SqliteJournal(SqliteDatabase db) : IRecordJournal
{
    private readonly SqliteDatabase _db = db;
    private readonly SqliteCommand _insert = db.Prepare(
        "INSERT INTO journal (kind, at_ms, json) VALUES ($kind, $at, $json)",
        ("$kind", SqliteType.Text), ("$at", SqliteType.Integer), ("$json", SqliteType.Text));

    public Task AppendAsync(IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            transaction =>
            {
                _insert.Transaction = transaction;
                for (var i = 0; i < records.Count; i++)
                {
                    var r = records[i] ?? throw new ArgumentException($"records[{i}] is null", nameof(records));
                    _insert.Parameters[0].Value = r.Kind;
                    _insert.Parameters[1].Value = r.At.ToUnixTimeMilliseconds();
                    _insert.Parameters[2].Value = r.Json;
                    _insert.ExecuteNonQuery();
                }

                return records.Count;
            },
            cancellationToken);
    }

    public IAsyncEnumerable<JournalRecord> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync(
            "SELECT kind, at_ms, json FROM journal ORDER BY ord",
            r => new JournalRecord(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2)),
            cancellationToken);
}
