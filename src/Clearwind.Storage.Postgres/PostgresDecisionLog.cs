using Clearwind.Output;
using Clearwind.Policy;
using Npgsql;
using NpgsqlTypes;

namespace Clearwind.Storage.Postgres;

/// <summary>
/// Decisions: append-only; a logged id is never rewritten. Each row is chained (<see cref="DecisionChain"/>) to the last
/// row of the table, read inside the appending transaction while it holds the table against other writers, so the
/// chain has one head and continues across scans, processes and machines.
/// </summary>
internal sealed class PostgresDecisionLog(PostgresDatabase db) : IDecisionLog
{
    private const string Insert = """
        INSERT INTO decisions (id, hash, json)
        SELECT id, hash, json FROM unnest($1, $2, $3) WITH ORDINALITY AS batch (id, hash, json, n) ORDER BY n
        """;

    private readonly PostgresDatabase _db = db;

    public Task<int> AppendAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return decisions.Count == 0 ? Task.FromResult(0) : AppendNonEmptyAsync(decisions, appended, cancellationToken);
    }

    private async Task<int> AppendNonEmptyAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken)
    {
        var (added, linkedHere) = await _db.WriteAsync(
            "decisions",
            async (connection, transaction) =>
            {
                string head;
                await using (var last = new NpgsqlCommand("SELECT hash FROM decisions ORDER BY ord DESC LIMIT 1", connection, transaction))
                {
                    head = (string?)await last.ExecuteScalarAsync(cancellationToken) ?? DecisionChain.Genesis;
                }

                var logged = new HashSet<string>(StringComparer.Ordinal);
                await using (var known = new NpgsqlCommand("SELECT id FROM decisions WHERE id = ANY($1)", connection, transaction))
                {
                    known.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. decisions.Select(d => d?.Id ?? "")] });
                    await using var reader = await known.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        logged.Add(reader.GetString(0));
                    }
                }

                var ids = new List<string>();
                var linkedHere = new List<Decision>();
                var hashes = new List<string>();
                var jsons = new List<string>();
                for (var i = 0; i < decisions.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var d = decisions[i] ?? throw new ArgumentException($"decisions[{i}] is null", nameof(decisions));
                    if (!logged.Add(d.Id))
                    {
                        continue;
                    }

                    var linked = DecisionChain.Link(d, head);
                    head = linked.Hash!;
                    linkedHere.Add(linked);
                    ids.Add(linked.Id);
                    hashes.Add(head);
                    jsons.Add(OutputJson.Write(linked));
                }

                if (ids.Count == 0)
                {
                    return (0, linkedHere);
                }

                await using var insert = new NpgsqlCommand(Insert, connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. ids] });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. hashes] });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. jsons] });
                var added = await insert.ExecuteNonQueryAsync(cancellationToken);
                await using var seal = new NpgsqlCommand("UPDATE decision_log_seal SET records = records + $1, head = $2", connection, transaction);
                seal.Parameters.Add(new NpgsqlParameter<long> { TypedValue = added });
                seal.Parameters.Add(new NpgsqlParameter<string> { TypedValue = head });
                await seal.ExecuteNonQueryAsync(cancellationToken);
                return (added, linkedHere);
            },
            cancellationToken);
        if (added == linkedHere.Count)
        {
            appended?.AddRange(linkedHere); // handed over only once the transaction committed
        }

        return added;
    }

    public async Task<DecisionLogSeal?> ReadSealAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var seal in _db.ReadAsync("SELECT records, head FROM decision_log_seal", r => new DecisionLogSeal(r.GetInt64(0), r.GetString(1)), cancellationToken))
        {
            return seal;
        }

        return null;
    }

    public IAsyncEnumerable<Decision> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync("SELECT json FROM decisions ORDER BY ord", r => OutputJson.ReadDecision(r.GetString(0)), cancellationToken);
}
