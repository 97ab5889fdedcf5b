namespace Clearwind.Ingest;

/// <summary>
/// Splits a byte stream into lines without decoding them: LF or CRLF endings, a UTF-8 byte-order mark dropped,
/// a last line without a newline kept. A line longer than the limit is reported as too long and skipped without
/// holding more than the limit in memory.
/// </summary>
public sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    /// <summary>Reads lines from <paramref name="stream"/>; lines longer than <paramref name="maxLineBytes"/> are skipped.</summary>
    public LineReader(Stream stream, int maxLineBytes = 16 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(1 << 16, maxLineBytes + 2)];
    }

    /// <summary>Number of the line last returned (1-based).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line. <paramref name="tooLong"/> is set (and <paramref name="line"/> empty) when it exceeds the limit.</summary>
    /// <returns>False at the end of the stream.</returns>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchFrom + newline;
                line = Trim(_start, lineEnd);
                _start = lineEnd + 1;
                LineNumber++;
                if (line.Length > _maxLineBytes)
                {
                    // The limit is exact whatever the read sizes were.
                    (line, tooLong) = (default, true);
                }

                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = Trim(_start, _end);
                    _start = _end;
                    LineNumber++;
                    if (line.Length > _maxLineBytes)
                    {
                        (line, tooLong) = (default, true);
                    }

                    return true;
                }

                line = default;
                return false;
            }

            searchFrom = _end;
            if (_end - _start > _maxLineBytes + 1) // +1: a CR that the line end will trim
            {
                SkipRestOfLine();
                LineNumber++;
                tooLong = true;
                line = default;
                return true;
            }

            searchFrom -= _start;
            Fill();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private ReadOnlyMemory<byte> Trim(int from, int to)
    {
        if (_first)
        {
            _first = false;
            if (to - from >= 3 && _buffer[from] == 0xEF && _buffer[from + 1] == 0xBB && _buffer[from + 2] == 0xBF)
            {
                from += 3;
            }
        }

        if (to > from && _buffer[to - 1] == (byte)'\r')
        {
            to--;
        }

        return new ReadOnlyMemory<byte>(_buffer, from, to - from);
    }

    // Compacts the pending bytes to the front, grows the buffer if it is full, and reads more.
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + (1 << 16)));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    // Drops bytes up to and including the next newline, reading in place.
    private void SkipRestOfLine()
    {
        _first = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }

            _start = _end = 0;
            var read = _stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return;
            }

            _end = read;
        }
    }
}
