using Clearwind.Detection;
using Clearwind.Output;
using Microsoft.Data.Sqlite;

namespace Clearwind.Storage.Sqlite;

/// <summary>Findings: an upsert that replaces the JSON and keeps the row, so the first-saved order stands.</summary>
internal sealed class SqliteFindingStore(SqliteDatabase db) : IFindingStore
{
    private readonly SqliteDatabase _db = db;
    private readonly SqliteCommand _upsert = db.Prepare(
        "INSERT INTO findings (id, json) VALUES ($id, $json) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
        ("$id", SqliteType.Text), ("$json", SqliteType.Text));

    public Task SaveAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            transaction =>
            {
                _upsert.Transaction = transaction;
                for (var i = 0; i < findings.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var f = findings[i] ?? throw new ArgumentException($"findings[{i}] is null", nameof(findings));
                    _upsert.Parameters[0].Value = f.Id;
                    _upsert.Parameters[1].Value = OutputJson.Write(f);
                    _upsert.ExecuteNonQuery();
                }

                return 0;
            },
            cancellationToken);
    }

    public IAsyncEnumerable<Finding> ReadAllAsync(CancellationToken cancellationToken = default)
        => _db.ReadAsync("SELECT json FROM findings ORDER BY ord", r => OutputJson.ReadFinding(r.GetString(0)), cancellationToken);
}
