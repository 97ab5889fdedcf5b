using System.Text.Json;
using Clearwind.Appeals;
using Clearwind.Storage;

namespace Clearwind.Service.Cases;

/// <summary>
/// Every case, folded from the journal, and the enrolled jurors. Writes go through <see cref="RecordAsync"/>: the record is
/// appended to the journal first, then folded in, so what is shown is always what is durable.
/// </summary>
public sealed class CaseBook : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IRecordJournal _journal;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Dictionary<string, AppealCase> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JurorEnrolledRecord> _jurors = new(StringComparer.Ordinal);
    private readonly CaseOutcomes _outcomes = new();

    private CaseBook(IRecordJournal journal) => _journal = journal;

    /// <summary>Findings people settled (overturned or upheld on appeal, acted on or dismissed on review): not decided on again.</summary>
    public IReadOnlySet<string> SettledFindings
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_outcomes.SettledFindings, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Decisions people wrote (a reviewer's action): kept as they are when the engine re-decides on a restart.</summary>
    public IReadOnlySet<string> AddedDecisions
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_outcomes.AddedDecisions, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Decisions people reversed: the engine does not give them again when it re-decides on a restart.</summary>
    public IReadOnlySet<string> ReversedDecisions
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_outcomes.ReversedDecisions, StringComparer.Ordinal);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _writes.Dispose();

    /// <summary>Reads the journal.</summary>
    public static async Task<CaseBook> LoadAsync(IRecordJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var book = new CaseBook(journal);
        await foreach (var record in journal.ReadAllAsync(cancellationToken))
        {
            book.Fold(record);
        }

        return book;
    }

    internal AppealCase? Find(string id)
    {
        lock (_gate)
        {
            return _cases.GetValueOrDefault(id);
        }
    }

    internal List<AppealCase> All()
    {
        lock (_gate)
        {
            return [.. _cases.Values];
        }
    }

    internal List<JurorEnrolledRecord> Jurors()
    {
        lock (_gate)
        {
            return [.. _jurors.Values.OrderBy(j => j.Account, StringComparer.Ordinal)];
        }
    }

    /// <summary>Runs <paramref name="decide"/> under the write lock (so two requests cannot both vote or both resolve), then journals what it returns.</summary>
    internal async Task<T> RecordAsync<T>(Func<(IReadOnlyList<JournalRecord> Records, T Result)> decide, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var (records, result) = decide();
            await _journal.AppendAsync(records, cancellationToken);
            foreach (var record in records)
            {
                Fold(record);
            }

            return result;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> under the write lock (for a resolution, whose decisions are written before its record).</summary>
    internal async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Appends records while the caller holds the write lock (inside <see cref="ExclusiveAsync"/>).</summary>
    internal async Task AppendHeldAsync(IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        await _journal.AppendAsync(records, cancellationToken);
        foreach (var record in records)
        {
            Fold(record);
        }
    }

    internal static JournalRecord Make<TRecord>(string kind, DateTimeOffset at, TRecord body)
        => new(kind, at, JsonSerializer.Serialize(body, CaseRecords.Json));

    private void Fold(JournalRecord record)
    {
        lock (_gate)
        {
            _outcomes.Observe(record);
            switch (record.Kind)
            {
                case CaseRecords.Opened:
                    var opened = Read<CaseOpenedRecord>(record);
                    _cases.TryAdd(opened.Case, new AppealCase(opened, record.At));
                    break;
                case CaseRecords.Claimed:
                    var claimed = Read<CaseClaimedRecord>(record);
                    if (_cases.TryGetValue(claimed.Case, out var c1))
                    {
                        c1.Claim = (claimed, record.At);
                    }

                    break;
                case CaseRecords.AppealFiled:
                    var filed = Read<AppealFiledRecord>(record);
                    if (_cases.TryGetValue(filed.Case, out var c2))
                    {
                        c2.Appeal = (filed, record.At);
                    }

                    break;
                case CaseRecords.Rechecked:
                    var recheck = Read<RecheckRecord>(record);
                    if (_cases.TryGetValue(recheck.Case, out var c3))
                    {
                        c3.Recheck = recheck;
                    }

                    break;
                case CaseRecords.JuryDrawn:
                    var jury = Read<JuryDrawnRecord>(record);
                    if (_cases.TryGetValue(jury.Case, out var c4))
                    {
                        c4.Jury = jury;
                    }

                    break;
                case CaseRecords.VoteCast:
                    var vote = Read<VoteCastRecord>(record);
                    if (_cases.TryGetValue(vote.Case, out var c5))
                    {
                        c5.Votes.TryAdd(vote.Juror, (vote, record.At));
                    }

                    break;
                case CaseRecords.Resolved:
                    var resolved = Read<CaseResolvedRecord>(record);
                    if (_cases.TryGetValue(resolved.Case, out var c6))
                    {
                        c6.Resolution = (resolved, record.At);
                    }

                    break;
                case CaseRecords.JurorEnrolled:
                    var juror = Read<JurorEnrolledRecord>(record);
                    _jurors[juror.Account] = juror;
                    break;
            }
        }
    }

    private static T Read<T>(JournalRecord record)
        => JsonSerializer.Deserialize<T>(record.Json, CaseRecords.Json) ?? throw new InvalidDataException($"empty {record.Kind} record");
}
