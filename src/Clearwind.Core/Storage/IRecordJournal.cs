namespace Clearwind.Storage;

/// <summary>
/// An append-only journal of what people did around decisions (cases claimed and decided, appeals, jury draws and
/// votes): nothing is edited or removed, and the current state of every case is a fold over the journal in order.
/// </summary>
public interface IRecordJournal
{
    /// <summary>Appends records in one transaction, in the given order.</summary>
    Task AppendAsync(IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Every record, in the order appended.</summary>
    IAsyncEnumerable<JournalRecord> ReadAllAsync(CancellationToken cancellationToken = default);
}
