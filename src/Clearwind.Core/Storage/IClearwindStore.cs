namespace Clearwind.Storage;

/// <summary>Everything Clearwind persists. Implementations: in-memory, SQLite (default), PostgreSQL.</summary>
public interface IClearwindStore : IAsyncDisposable
{
    /// <summary>Event history.</summary>
    IEventStore Events { get; }

    /// <summary>Current findings.</summary>
    IFindingStore Findings { get; }

    /// <summary>Decision log.</summary>
    IDecisionLog Decisions { get; }

    /// <summary>Named settings.</summary>
    IMetadataStore Metadata { get; }

    /// <summary>What people did around decisions: cases, appeals, juries (append-only).</summary>
    IRecordJournal Journal { get; }
}
