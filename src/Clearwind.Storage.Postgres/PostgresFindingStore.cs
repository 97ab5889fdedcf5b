using Clearwind.Detection;
using Clearwind.Output;
using Npgsql;
using NpgsqlTypes;

namespace Clearwind.Storage.Postgres;

/// <summary>Findings: an upsert that replaces the JSON and keeps the row, so the first-saved order stands.</summary>
internal sealed class PostgresFindingStore(PostgresDatabase db) : IFindingStore
{
    private const string Upsert = """
        INSERT INTO findings (id, json)
        SELECT id, json FROM unnest($1, $2) WITH ORDINALITY AS batch (id, json, n) ORDER BY n
        ON CONFLICT (id) DO UPDATE SET json = excluded.json
        """;

    private readonly PostgresDatabase _db = db;

    public Task SaveAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);

        // One statement may not touch a row twice: a finding saved twice in a batch goes in once, where it first
        // appears, with its last content (what saving them one after the other would leave).
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>(findings.Count);
        var jsons = new List<string>(findings.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i] ?? throw new ArgumentException($"findings[{i}] is null", nameof(findings));
            var json = OutputJson.Write(f);
            if (position.TryGetValue(f.Id, out var at))
            {
                jsons[at] = json;
            }
            else
            {
                position[f.Id] = ids.Count;
                ids.Add(f.Id);
                jsons.Add(json);
            }
        }

        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            "findings",
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand(Upsert, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. ids] });
                command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. jsons] });
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public IAsyncEnumerable<Finding> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync("SELECT json FROM findings ORDER BY ord", r => OutputJson.ReadFinding(r.GetString(0)), cancellationToken);
}
