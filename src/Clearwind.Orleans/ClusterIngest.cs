using Clearwind.Events;
using Clearwind.Orleans.Abstractions;
using Clearwind.Privacy;

namespace Clearwind.Orleans;

/// <summary>
/// The front of ingest, on whichever silo (or client) takes a request: parses NDJSON, keys personal identifiers,
/// numbers the events in request order with one reservation (so ties in event time keep the request's order across
/// partitions), and hands each partition its events. It answers once every partition has committed.
/// </summary>
public sealed class ClusterIngest(IGrainFactory grains, IdentifierKeyer keyer, int partitions)
{
    /// <summary>Ingests one NDJSON body.</summary>
    public async Task<ClusterIngestResult> IngestAsync(ReadOnlyMemory<byte> ndjson)
    {
        var accepted = new List<(MarketEvent Event, byte[] Json)>();
        var rejected = new List<string>();
        var unknownTypes = 0;
        var span = ndjson.Span;
        for (var line = 1; !span.IsEmpty; line++)
        {
            var end = span.IndexOf((byte)'\n');
            var text = (end < 0 ? span : span[..end]).Trim(" \r\t"u8);
            span = end < 0 ? [] : span[(end + 1)..];
            if (text.IsEmpty)
            {
                continue;
            }

            var result = EventParser.Parse(text).Prepare(keyer.Apply, serialize: true, text);
            switch (result.Status)
            {
                case ParseStatus.Ok:
                    accepted.Add((result.Event!, result.Utf8Json!));
                    break;
                case ParseStatus.UnknownType:
                    unknownTypes++;
                    break;
                default:
                    rejected.Add($"line {line}: {result.Error ?? "malformed"}");
                    break;
            }
        }

        if (accepted.Count == 0)
        {
            return new ClusterIngestResult(0, 0, unknownTypes, rejected);
        }

        var first = await grains.GetGrain<ISequenceGrain>(0).ReserveAsync(accepted.Count);
        var byPartition = new Dictionary<int, List<IncomingEvent>>();
        for (var i = 0; i < accepted.Count; i++)
        {
            var (e, json) = accepted[i];
            var partition = IngestPartitions.Of(e.Id, partitions);
            if (!byPartition.TryGetValue(partition, out var list))
            {
                byPartition[partition] = list = [];
            }

            list.Add(new IncomingEvent(first + i, e.Id, e.Type, e.Ts, json));
        }

        var receipts = await Task.WhenAll(byPartition.Select(p => grains.GetGrain<IIngestGrain>(p.Key).AppendAsync([.. p.Value])));
        return new ClusterIngestResult(accepted.Count, receipts.Sum(r => r.Added), unknownTypes, rejected);
    }
}
