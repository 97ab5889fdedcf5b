using Npgsql;
using NpgsqlTypes;

namespace Clearwind.Storage.Postgres;

/// <summary>The journal: rows are only ever inserted; <c>ord</c> keeps the order of appending (writers take turns).</summary>
internal sealed class PostgresJournal(PostgresDatabase db) : IRecordJournal
{
    private const string Insert = """
        INSERT INTO journal (kind, at, json)
        SELECT kind, at, json FROM unnest($1, $2, $3) WITH ORDINALITY AS batch (kind, at, json, n) ORDER BY n
        """;

    private readonly PostgresDatabase _db = db;

    public Task AppendAsync(IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i] is null)
            {
                throw new ArgumentException($"records[{i}] is null", nameof(records));
            }
        }

        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            "journal",
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand(Insert, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. records.Select(r => r.Kind)] });
                command.Parameters.Add(new NpgsqlParameter<DateTime[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = [.. records.Select(r => PostgresTime.ToColumn(r.At))] });
                command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. records.Select(r => r.Json)] });
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public IAsyncEnumerable<JournalRecord> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync(
            "SELECT kind, at, json FROM journal ORDER BY ord",
            r => new JournalRecord(r.GetString(0), PostgresTime.FromColumn(r.GetDateTime(1)), r.GetString(2)),
            cancellationToken);
}
