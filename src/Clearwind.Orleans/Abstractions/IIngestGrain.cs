namespace Clearwind.Orleans.Abstractions;

/// <summary>
/// One ingest partition (key: <see cref="IngestPartitions.Of"/> of the event id). It stores a batch durably, idempotent
/// by event id, before it answers: an acknowledged event survives the loss of any silo.
/// </summary>
[Alias("Clearwind.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the events (in the given order) and answers once they are committed.</summary>
    [Alias("Append")]
    Task<IngestReceipt> AppendAsync(IncomingEvent[] events);
}
