using System.Threading.Channels;
using Clearwind.Events;

namespace Clearwind.Ingest;

/// <summary>
/// NDJSON events from a file (plain or gzip). Blank lines are skipped; every other line is parsed. Lines are parsed
/// in batches on all cores and handed out in input order.
/// </summary>
public sealed class NdjsonInput : IEventInput
{
    /// <summary>Default longest line: 16 MiB.</summary>
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    // Small enough that a batch's result array stays off the large-object heap (each one there costs a gen-2 budget).
    private const int BatchLines = 1024;
    private const int BatchBytes = 4 * 1024 * 1024;
    private const int ParallelFrom = 256;

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

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public long? Length { get; }

    /// <inheritdoc/>
    public IEnumerable<InputRecord> Read(Action<long>? bytesRead = null, Func<MarketEvent, MarketEvent>? prepare = null, bool serialize = false)
    {
        // A background task reads and parses batches ahead (in parallel within a batch) while the caller consumes
        // the previous one, so parsing overlaps with whatever the caller does with the events.
        using var stop = new CancellationTokenSource();
        var batches = Channel.CreateBounded<InputRecord[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => Produce(batches.Writer, bytesRead, prepare, serialize, stop.Token));
        try
        {
            while (batches.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batches.Reader.TryRead(out var batch))
                {
                    foreach (var record in batch)
                    {
                        yield return record;
                    }
                }
            }

            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The caller stopped early.
            }
        }
    }

    private void Produce(ChannelWriter<InputRecord[]> output, Action<long>? bytesRead, Func<MarketEvent, MarketEvent>? prepare, bool serialize, CancellationToken cancellationToken)
    {
        try
        {
            var stream = _open();
            using var reader = new LineReader(stream, _maxLineBytes);
            var batch = new LineBatch();
            var tooLongMessage = $"line longer than {_maxLineBytes / (1024 * 1024)} MiB; skipped";
            while (true)
            {
                batch.Clear();
                while (batch.Count < BatchLines && batch.Bytes < BatchBytes && reader.TryReadLine(out var line, out var tooLong))
                {
                    if (tooLong)
                    {
                        batch.Add(default, reader.LineNumber, tooLong: true);
                    }
                    else if (!IsBlank(line.Span))
                    {
                        batch.Add(line.Span, reader.LineNumber, tooLong: false);
                    }
                }

                if (batch.Count == 0)
                {
                    break;
                }

                var results = new InputRecord[batch.Count];
                void ParseOne(int i)
                {
                    if (batch.IsTooLong(i))
                    {
                        results[i] = new InputRecord(batch.LineNumber(i), new ParseResult(ParseStatus.Malformed, null, null, tooLongMessage));
                        return;
                    }

                    results[i] = new InputRecord(batch.LineNumber(i), EventParser.Parse(batch.Line(i)).Prepare(prepare, serialize, batch.Line(i)));
                }

                if (batch.Count >= ParallelFrom)
                {
                    Parallel.For(0, batch.Count, ParseOne);
                }
                else
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        ParseOne(i);
                    }
                }

                output.WriteAsync(results, cancellationToken).AsTask().GetAwaiter().GetResult();
                if (bytesRead is not null && stream.CanSeek)
                {
                    bytesRead(stream.Position);
                }
            }

            output.TryComplete();
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    internal static bool IsBlank(ReadOnlySpan<byte> line)
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

    /// <summary>Lines copied out of the reader's buffer so they can be parsed in parallel.</summary>
    private sealed class LineBatch
    {
        private byte[] _bytes = new byte[1 << 20];
        private (int Start, int Length, long Number, bool TooLong)[] _lines = new (int, int, long, bool)[BatchLines];

        public int Count { get; private set; }

        public int Bytes { get; private set; }

        public void Clear() => (Count, Bytes) = (0, 0);

        public void Add(ReadOnlySpan<byte> line, long number, bool tooLong)
        {
            if (Bytes + line.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Bytes + line.Length));
            }

            line.CopyTo(_bytes.AsSpan(Bytes));
            _lines[Count++] = (Bytes, line.Length, number, tooLong);
            Bytes += line.Length;
        }

        public ReadOnlySpan<byte> Line(int i) => _bytes.AsSpan(_lines[i].Start, _lines[i].Length);

        public long LineNumber(int i) => _lines[i].Number;

        public bool IsTooLong(int i) => _lines[i].TooLong;
    }
}
