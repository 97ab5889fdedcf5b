using Clearwind.Orleans.Abstractions;
using Clearwind.Storage;

namespace Clearwind.Orleans.Grains;

/// <summary>One ingest partition: stores a batch in one committed transaction, then answers.</summary>
internal sealed class IngestGrain(ClusterEngine engine) : Grain, IIngestGrain
{
    public async Task<IngestReceipt> AppendAsync(IncomingEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Length == 0)
        {
            return new IngestReceipt(0, 0);
        }

        var stored = new StoredEvent[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            stored[i] = new StoredEvent(e.Seq, e.Id, e.Type, e.Ts, e.Utf8Json);
        }

        var store = await engine.StoreAsync();
        var added = await store.Events.AppendAsync(stored);
        return new IngestReceipt(events.Length, added);
    }
}
