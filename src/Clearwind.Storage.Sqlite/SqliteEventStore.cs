using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>Events: <c>INSERT … ON CONFLICT(id) DO NOTHING</c>, one transaction per batch, one statement prepared for the store's life.</summary>
internal sealed class SqliteEventStore(SqliteDatabase db) : IEventStore
{
    // SQLITE_CONSTRAINT_PRIMARYKEY: seq is the rowid, so this is "another event already has this seq".
    private const int ConstraintPrimaryKey = 1555;

    private readonly SqliteDatabase _db = db;

    // Only a repeated id is ignored. A new id with a seq already taken is an error, not a silent drop.
    private readonly SqliteRawStatement _insert = db.PrepareRaw(
        "INSERT INTO events (seq, id, type, ts_ms, json) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING");

    private readonly SqliteCommand _count = db.Prepare("SELECT COUNT(*) FROM events");
    private readonly SqliteCommand _maxSeq = db.Prepare("SELECT COALESCE(MAX(seq), 0) FROM events");

    public Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
        => Append(events, null, cancellationToken);

    public Task<int> AppendMarkingAsync(IReadOnlyList<StoredEvent> events, bool[] added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentOutOfRangeException.ThrowIfLessThan(added.Length, events?.Count ?? 0, nameof(added));
        return Append(events!, added, cancellationToken);
    }

    private Task<int> Append(IReadOnlyList<StoredEvent> events, bool[]? marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult(0);
        }

        return _db.WriteAsync(
            _ =>
            {
                var added = 0;
                for (var i = 0; i < events.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var e = events[i];
                    if (e?.Id is null || e.Type is null || e.Utf8Json is null)
                    {
                        throw new ArgumentException($"events[{i}] is null or lacks its id, type or JSON", nameof(events));
                    }

                    _insert.Bind(1, e.Seq);
                    _insert.Bind(2, e.Id);
                    _insert.Bind(3, e.Type);
                    _insert.Bind(4, e.Ts.ToUnixTimeMilliseconds());
                    _insert.BindUtf8(5, e.Utf8Json);
                    try
                    {
                        var changed = _insert.Execute();
                        added += changed;
                        if (marks is not null)
                        {
                            marks[i] = changed == 1;
                        }
                    }
                    catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintPrimaryKey)
                    {
                        throw new InvalidOperationException(
                            $"event '{e.Id}' has seq {e.Seq}, which another event already holds; nothing of this batch was stored", ex);
                    }
                }

                return added;
            },
            cancellationToken);
    }

    public IAsyncEnumerable<StoredEvent> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync(
            "SELECT seq, id, type, ts_ms, json FROM events ORDER BY seq",
            r => new StoredEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetFieldValue<byte[]>(4)),
            cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default)
        => _db.RunAsync(_ => (long)_count.ExecuteScalar()!, cancellationToken);

    public Task<long> MaxSeqAsync(CancellationToken cancellationToken = default)
        => _db.RunAsync(_ => (long)_maxSeq.ExecuteScalar()!, cancellationToken);
}
