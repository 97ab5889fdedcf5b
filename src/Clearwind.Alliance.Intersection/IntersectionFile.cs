namespace Clearwind.Alliance;

/// <summary>
/// The two messages of <see cref="PrivateIntersection"/> as files: a request (the requester's blinded values) and a
/// response (those values under both secrets, then the responder's own blinded values). Binary: a magic word, the kind,
/// then counted runs of 32-byte values.
/// </summary>
public static class IntersectionFile
{
    private static readonly byte[] Magic = "CWPSI1"u8.ToArray();

    /// <summary>Writes a request.</summary>
    public static void WriteRequest(Stream output, IReadOnlyList<byte[]> values) => Write(output, 1, [values]);

    /// <summary>Writes a response.</summary>
    public static void WriteResponse(Stream output, IReadOnlyList<byte[]> theirsTwice, IReadOnlyList<byte[]> mineOnce) => Write(output, 2, [theirsTwice, mineOnce]);

    /// <summary>Reads a request.</summary>
    /// <exception cref="InvalidDataException">Not a request file.</exception>
    public static byte[][] ReadRequest(Stream input) => Read(input, 1)[0];

    /// <summary>Reads a response.</summary>
    /// <exception cref="InvalidDataException">Not a response file.</exception>
    public static (byte[][] TheirsTwice, byte[][] MineOnce) ReadResponse(Stream input)
    {
        var runs = Read(input, 2);
        return (runs[0], runs[1]);
    }

    private static void Write(Stream output, byte kind, IReadOnlyList<byte[]>[] runs)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(kind);
        foreach (var run in runs)
        {
            writer.Write(run.Count);
            foreach (var value in run)
            {
                writer.Write(value);
            }
        }
    }

    private static byte[][][] Read(Stream input, byte kind)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new BinaryReader(input, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadByte() != kind)
            {
                throw new InvalidDataException(kind == 1 ? "not an alliance intersection request" : "not an alliance intersection response");
            }

            var runs = new byte[kind][][];
            for (var r = 0; r < kind; r++)
            {
                var count = reader.ReadInt32();
                if (count < 0 || (long)count * PrivateIntersection.ValueLength > input.Length)
                {
                    throw new InvalidDataException("the file is cut short or its counts are wrong");
                }

                runs[r] = new byte[count][];
                for (var i = 0; i < count; i++)
                {
                    runs[r][i] = reader.ReadBytes(PrivateIntersection.ValueLength);
                    if (runs[r][i].Length != PrivateIntersection.ValueLength)
                    {
                        throw new InvalidDataException("the file is cut short");
                    }
                }
            }

            return runs;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the file is cut short");
        }
    }
}
