using System.IO.Compression;
using System.Text;
using Clearwind.Ingest;

namespace Clearwind.Core.Tests.Ingest;

public sealed class LineReaderTests
{
    private static List<(long Line, string? Text)> ReadAll(byte[] bytes, int maxLineBytes = 1024)
    {
        using var reader = new LineReader(new MemoryStream(bytes), maxLineBytes);
        var lines = new List<(long, string?)>();
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            lines.Add((reader.LineNumber, tooLong ? null : Encoding.UTF8.GetString(line.Span)));
        }

        return lines;
    }

    [Fact]
    public void TryReadLine_CrlfAndLf_AreBothLineEnds()
    {
        Assert.Equal([(1, "a"), (2, "b"), (3, "c")], ReadAll(Encoding.UTF8.GetBytes("a\r\nb\nc\r\n")));
    }

    [Fact]
    public void TryReadLine_ByteOrderMark_IsDropped()
    {
        Assert.Equal([(1, "{}"), (2, "x")], ReadAll([0xEF, 0xBB, 0xBF, .. "{}\nx"u8]));
    }

    [Fact]
    public void TryReadLine_LastLineWithoutNewline_IsKept()
    {
        Assert.Equal([(1, "a"), (2, "tail")], ReadAll(Encoding.UTF8.GetBytes("a\ntail")));
    }

    [Fact]
    public void TryReadLine_LineOverLimit_IsReportedAndTheNextLinesGoOn()
    {
        var text = "first\n" + new string('x', 5000) + "\nafter\n";

        Assert.Equal([(1, "first"), (2, null), (3, "after")], ReadAll(Encoding.UTF8.GetBytes(text), maxLineBytes: 100));
    }

    [Fact]
    public void TryReadLine_LinesCrossingBufferBoundaries_AreWhole()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => new string((char)('a' + (i % 26)), i % 97)).ToList();

        var read = ReadAll(Encoding.UTF8.GetBytes(string.Join('\n', lines)), maxLineBytes: 200);

        Assert.Equal(lines, read.Select(r => r.Text));
    }

    [Theory]
    [InlineData(100, "\n", true)]
    [InlineData(100, "\r\n", true)]
    [InlineData(101, "\n", false)]
    [InlineData(101, "", false)]
    public void TryReadLine_LimitIsExactWhateverTheEnding(int length, string ending, bool accepted)
    {
        var lines = ReadAll(Encoding.UTF8.GetBytes(new string('x', length) + ending + "next"), maxLineBytes: 100);

        Assert.Equal(accepted, lines[0].Text is not null);
    }

    [Fact]
    public void TryReadLine_EmptyStream_HasNoLines()
    {
        Assert.Empty(ReadAll([]));
    }

    [Fact]
    public void Open_GzipFile_IsDecompressedWhateverItsName()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            {
                gz.Write("line1\nline2\n"u8);
            }

            using var reader = new LineReader(InputFiles.Open(path));
            Assert.True(reader.TryReadLine(out var line, out _));
            Assert.Equal("line1", Encoding.UTF8.GetString(line.Span));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
