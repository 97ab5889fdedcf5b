using Clearwind.Output;
using Clearwind.Policy;
using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>
/// Decisions: append-only; a logged id is never rewritten. Each row is chained (<see cref="DecisionChain"/>) to the
/// last row of the file, read inside the appending transaction, so the chain continues across scans and processes.
/// </summary>
internal sealed class SqliteDecisionLog(SqliteDatabase db) : IDecisionLog
{
    private readonly SqliteDatabase _db = db;
    private readonly SqliteCommand _insert = db.Prepare(
        "INSERT INTO decisions (id, json) VALUES ($id, $json) ON CONFLICT (id) DO NOTHING",
        ("$id", SqliteType.Text), ("$json", SqliteType.Text));
    private readonly SqliteCommand _last = db.Prepare("SELECT json FROM decisions ORDER BY ord DESC LIMIT 1");
    private readonly SqliteCommand _seal = db.Prepare(
        "UPDATE decision_log_seal SET records = records + $added, head = $head",
        ("$added", SqliteType.Integer), ("$head", SqliteType.Text));

    public Task<int> AppendAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return decisions.Count == 0 ? Task.FromResult(0) : AppendNonEmptyAsync(decisions, appended, cancellationToken);
    }

    private async Task<int> AppendNonEmptyAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken)
    {
        var (added, linked) = await _db.WriteAsync(
            transaction =>
            {
                _insert.Transaction = transaction;
                _last.Transaction = transaction;
                var head = _last.ExecuteScalar() is string last
                    ? OutputJson.ReadDecision(last).Hash ?? DecisionChain.Genesis
                    : DecisionChain.Genesis;
                var added = 0;
                var linkedHere = appended is null ? null : new List<Decision>(decisions.Count);
                for (var i = 0; i < decisions.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var d = decisions[i] ?? throw new ArgumentException($"decisions[{i}] is null", nameof(decisions));
                    _insert.Parameters[0].Value = d.Id;
                    var linked = DecisionChain.Link(d, head);
                    _insert.Parameters[1].Value = OutputJson.Write(linked);
                    if (_insert.ExecuteNonQuery() == 1)
                    {
                        head = linked.Hash!;
                        linkedHere?.Add(linked);
                        added++;
                    }
                }

                if (added > 0)
                {
                    _seal.Transaction = transaction;
                    _seal.Parameters[0].Value = added;
                    _seal.Parameters[1].Value = head;
                    _seal.ExecuteNonQuery();
                }

                return (added, linkedHere);
            },
            cancellationToken);
        appended?.AddRange(linked!); // handed over only once the transaction committed
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
