namespace Clearwind.Ingest;

/// <summary>A source of events: an NDJSON file, a CSV file with a column mapping, a stream.</summary>
public interface IEventInput
{
    /// <summary>Name shown in messages (usually the path).</summary>
    string Name { get; }

    /// <summary>Size in bytes when known, for progress.</summary>
    long? Length { get; }

    /// <summary>Reads every record in order. <paramref name="bytesRead"/> reports progress in bytes of the file.</summary>
    IEnumerable<InputRecord> Read(Action<long>? bytesRead = null);
}
