using System.IO.Compression;

namespace Clearwind.Ingest;

/// <summary>Opens input files: plain or gzip (detected by its magic bytes, whatever the file name).</summary>
public static class InputFiles
{
    /// <summary>Opens a file for sequential reading, decompressing gzip.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
            : file;
    }
}
