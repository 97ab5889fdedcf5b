namespace Clearwind.Storage;

/// <summary>Durable, deduplicated event history.</summary>
public interface IEventStore
{
    /// <summary>Appends events atomically; an id already stored is ignored. Returns how many were added.</summary>
    Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends events atomically as <see cref="AppendAsync"/> does, and sets <c>added[i]</c> to whether <c>events[i]</c>
    /// was added: false when its id was stored already or came earlier in <paramref name="events"/>. A caller can drop
    /// repeats against the whole history this way without holding its ids. Returns how many were added.
    /// </summary>
    Task<int> AppendMarkingAsync(IReadOnlyList<StoredEvent> events, bool[] added, CancellationToken cancellationToken = default);

    /// <summary>Every stored event, by sequence.</summary>
    IAsyncEnumerable<StoredEvent> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Number of stored events.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Highest sequence stored, 0 when empty.</summary>
    Task<long> MaxSeqAsync(CancellationToken cancellationToken = default);
}
