using Clearwind.Output;
using Clearwind.Policy;
using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>Decisions: append-only; a logged id is never rewritten.</summary>
internal sealed class SqliteDecisionLog(SqliteDatabase db) : IDecisionLog
{
    private readonly SqliteDatabase _db = db;
    private readonly SqliteCommand _insert = db.Prepare(
        "INSERT INTO decisions (id, json) VALUES ($id, $json) ON CONFLICT (id) DO NOTHING",
        ("$id", SqliteType.Text), ("$json", SqliteType.Text));

    public Task<int> AppendAsync(IReadOnlyList<Decision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            return Task.FromResult(0);
        }

        return _db.WriteAsync(
            transaction =>
            {
                _insert.Transaction = transaction;
                var added = 0;
                for (var i = 0; i < decisions.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var d = decisions[i] ?? throw new ArgumentException($"decisions[{i}] is null", nameof(decisions));
                    _insert.Parameters[0].Value = d.Id;
                    _insert.Parameters[1].Value = OutputJson.Write(d);
                    added += _insert.ExecuteNonQuery();
                }

                return added;
            },
            cancellationToken);
    }

    public IAsyncEnumerable<Decision> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync("SELECT json FROM decisions ORDER BY ord", r => OutputJson.ReadDecision(r.GetString(0)), cancellationToken);
}
