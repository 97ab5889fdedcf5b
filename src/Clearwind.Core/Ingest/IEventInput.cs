using Clearwind.Events;

namespace Clearwind.Ingest;

/// <summary>A source of events: an NDJSON file, a CSV file with a column mapping, a stream.</summary>
public interface IEventInput
{
    /// <summary>Name shown in messages (usually the path).</summary>
    string Name { get; }

    /// <summary>Size in bytes when known, for progress.</summary>
    long? Length { get; }

    /// <summary>
    /// Reads every record in input order. <paramref name="bytesRead"/> reports progress in bytes of the file;
    /// <paramref name="prepare"/> is applied to every event read (an input may run it on several threads at once,
    /// so it must be thread-safe). With <paramref name="serialize"/>, every prepared event also comes as UTF-8 JSON
    /// (<see cref="ParseResult.Utf8Json"/>).
    /// </summary>
    IEnumerable<InputRecord> Read(Action<long>? bytesRead = null, Func<MarketEvent, MarketEvent>? prepare = null, bool serialize = false);
}
