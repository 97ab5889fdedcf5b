using Clearwind.Events;

namespace Clearwind.Ingest;

/// <summary>NDJSON events from a file (plain or gzip). Blank lines are skipped; every other line is parsed.</summary>
public sealed class NdjsonInput : IEventInput
{
    private readonly Func<Stream> _open;
    private readonly int _maxLineBytes;

    /// <summary>Reads a file.</summary>
    public NdjsonInput(string path, int maxLineBytes = DefaultMaxLineBytes)
        : this(path, () => InputFiles.Open(path), SafeLength(path), maxLineBytes)
    {
    }

    /// <summary>Reads a stream opened on demand.</summary>
    public NdjsonInput(string name, Func<Stream> open, long? length = null, int maxLineBytes = DefaultMaxLineBytes)
    {
        Name = name;
        _open = open;
        Length = length;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Default longest line: 16 MiB.</summary>
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public long? Length { get; }

    /// <inheritdoc/>
    public IEnumerable<InputRecord> Read(Action<long>? bytesRead = null)
    {
        var stream = _open();
        using var reader = new LineReader(stream, _maxLineBytes);
        var counter = 0;
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            if (tooLong)
            {
                yield return new InputRecord(reader.LineNumber, new ParseResult(ParseStatus.Malformed, null, null,
                    $"line longer than {_maxLineBytes / (1024 * 1024)} MiB; skipped"));
                continue;
            }

            if (IsBlank(line.Span))
            {
                continue;
            }

            yield return new InputRecord(reader.LineNumber, EventParser.Parse(line.Span));
            if (bytesRead is not null && ++counter % 8192 == 0 && stream.CanSeek)
            {
                bytesRead(stream.Position);
            }
        }

        if (bytesRead is not null && stream.CanSeek)
        {
            bytesRead(stream.Length);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static long? SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
