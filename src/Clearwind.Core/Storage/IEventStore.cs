namespace Clearwind.Storage;

/// <summary>Durable, deduplicated event history.</summary>
public interface IEventStore
{
    /// <summary>Appends events atomically; an id already stored is ignored. Returns how many were added.</summary>
    Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Every stored event, by sequence.</summary>
    IAsyncEnumerable<StoredEvent> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Number of stored events.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Highest sequence stored, 0 when empty.</summary>
    Task<long> MaxSeqAsync(CancellationToken cancellationToken = default);
}
