using Npgsql;
using NpgsqlTypes;

namespace Clearwind.Storage.Postgres;

/// <summary>
/// Events: each batch is one transaction of multi-row inserts, the rows sent as five arrays (binary) and unnested by the
/// server, <c>ON CONFLICT (id) DO NOTHING</c>, so a repeated id is ignored and the rest of the batch goes in.
/// </summary>
internal sealed class PostgresEventStore(PostgresDatabase db) : IEventStore
{
    // Rows per statement: large enough that a round trip is a small part of the time, small enough that the arrays of
    // one statement stay a few megabytes.
    internal const int RowsPerStatement = 8192;

    private const string Insert = """
        INSERT INTO events (seq, id, type, ts, json)
        SELECT seq, id, type, ts, convert_from(json, 'UTF8') FROM unnest($1, $2, $3, $4, $5) AS batch (seq, id, type, ts, json)
        ON CONFLICT (id) DO NOTHING
        """;

    private readonly PostgresDatabase _db = db;

    public Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
        => AppendAsync(events, null, cancellationToken);

    public Task<int> AppendMarkingAsync(IReadOnlyList<StoredEvent> events, bool[] added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentOutOfRangeException.ThrowIfLessThan(added.Length, events?.Count ?? 0, nameof(added));
        return AppendAsync(events!, added, cancellationToken);
    }

    private async Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, bool[]? marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e?.Id is null || e.Type is null || e.Utf8Json is null)
            {
                throw new ArgumentException($"events[{i}] is null or lacks its id, type or JSON", nameof(events));
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        try
        {
            return await _db.WriteAsync("events", (connection, transaction) => InsertAsync(connection, transaction, events, marks, cancellationToken), cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "events_pkey")
        {
            // Only a repeated id is ignored. A new id with a seq already taken is an error, not a silent drop.
            var clash = await FindSeqClashAsync(events, cancellationToken);
            throw new InvalidOperationException(
                $"event '{clash?.Id}' has seq {clash?.Seq}, which another event already holds; nothing of this batch was stored", ex);
        }
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, bool[]? marks, CancellationToken cancellationToken)
    {
        // Marking: the rows added come back by seq (unique within a batch that stores at all), so each event is matched exactly.
        await using var command = new NpgsqlCommand(marks is null ? Insert : Insert + " RETURNING seq", connection, transaction);
        var seqs = new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
        var ids = new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        var types = new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        var times = new NpgsqlParameter<DateTime[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
        var jsons = new NpgsqlParameter<byte[][]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea };
        command.Parameters.Add(seqs);
        command.Parameters.Add(ids);
        command.Parameters.Add(types);
        command.Parameters.Add(times);
        command.Parameters.Add(jsons);

        var added = 0;
        for (var start = 0; start < events.Count; start += RowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(RowsPerStatement, events.Count - start);
            if (seqs.TypedValue?.Length != count)
            {
                seqs.TypedValue = new long[count];
                ids.TypedValue = new string[count];
                types.TypedValue = new string[count];
                times.TypedValue = new DateTime[count];
                jsons.TypedValue = new byte[count][];
            }

            for (var i = 0; i < count; i++)
            {
                var e = events[start + i];
                seqs.TypedValue[i] = e.Seq;
                ids.TypedValue![i] = e.Id;
                types.TypedValue![i] = e.Type;
                times.TypedValue![i] = PostgresTime.ToColumn(e.Ts);
                jsons.TypedValue![i] = e.Utf8Json;
            }

            if (marks is null)
            {
                added += await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            var addedSeqs = new HashSet<long>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    addedSeqs.Add(reader.GetInt64(0));
                }
            }

            for (var i = 0; i < count; i++)
            {
                marks[start + i] = addedSeqs.Contains(seqs.TypedValue[i]);
            }

            added += addedSeqs.Count;
        }

        return added;
    }

    public IAsyncEnumerable<StoredEvent> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync(
            "SELECT seq, id, type, ts, convert_to(json, 'UTF8') FROM events ORDER BY seq",
            r => new StoredEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), PostgresTime.FromColumn(r.GetDateTime(3)), r.GetFieldValue<byte[]>(4)),
            cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default)
        => _db.ScalarAsync<long>("SELECT count(*) FROM events", cancellationToken);

    public Task<long> MaxSeqAsync(CancellationToken cancellationToken = default)
        => _db.ScalarAsync<long>("SELECT COALESCE(MAX(seq), 0) FROM events", cancellationToken);

    /// <summary>The first event of the batch whose seq is held by an event with another id (stored, or earlier in the batch).</summary>
    private async Task<StoredEvent?> FindSeqClashAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<long, string>();
        var storedIds = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await _db.OpenAsync(cancellationToken))
        await using (var command = new NpgsqlCommand("SELECT seq, id FROM events WHERE seq = ANY($1) OR id = ANY($2)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. events.Select(e => e.Seq)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Id)] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                holders[reader.GetInt64(0)] = reader.GetString(1);
                storedIds.Add(reader.GetString(1));
            }
        }

        foreach (var e in events)
        {
            if (storedIds.Contains(e.Id))
            {
                continue; // a repeat: ignored, whatever its seq
            }

            if (holders.TryGetValue(e.Seq, out var holder) && !string.Equals(holder, e.Id, StringComparison.Ordinal))
            {
                return e;
            }

            holders.TryAdd(e.Seq, e.Id);
            storedIds.Add(e.Id);
        }

        return null;
    }
}
