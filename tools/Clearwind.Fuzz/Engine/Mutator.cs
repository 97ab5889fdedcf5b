using System.Text;

namespace Clearwind.Fuzz.Engine;

/// <summary>
/// Byte-level mutations (bit flips, interesting bytes, insertions, deletions, repeats, dictionary words, splices with
/// another corpus entry, BOM, CR/LF, NUL) and access to the structure-aware JSON ones. Every choice comes from one seeded
/// <see cref="Random"/>, so a run is repeatable.
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[] InterestingBytes =
        [0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF8, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'}',
         (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\n', (byte)'\r', (byte)'\t', (byte)' ', (byte)'0', (byte)'9', (byte)'-', (byte)'e', (byte)'.'];

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly IReadOnlyList<byte[]> _corpus;
    private readonly byte[][] _dictionary;

    public Mutator(Random random, IReadOnlyList<byte[]> corpus, IReadOnlyList<string> dictionary)
    {
        Random = random;
        _corpus = corpus;
        _dictionary = [.. dictionary.Select(Encoding.UTF8.GetBytes)];
        Json = new JsonMutator(this);
    }

    public Random Random { get; }

    /// <summary>The structure-aware JSON mutations.</summary>
    public JsonMutator Json { get; }

    /// <summary>Another input of the corpus, to splice from.</summary>
    public byte[] AnyCorpusEntry() => _corpus[Random.Next(_corpus.Count)];

    /// <summary>A random dictionary word.</summary>
    public byte[] AnyWord() => _dictionary[Random.Next(_dictionary.Length)];

    /// <summary>One byte-level mutation.</summary>
    public byte[] MutateBytes(byte[] input)
    {
        var bytes = new List<byte>(input);
        switch (Random.Next(14))
        {
            case 0 when bytes.Count > 0:
                bytes[Position(bytes)] ^= (byte)(1 << Random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[Position(bytes)] = (byte)Random.Next(256);
                break;
            case 2 when bytes.Count > 0:
                bytes[Position(bytes)] = InterestingBytes[Random.Next(InterestingBytes.Length)];
                break;
            case 3:
                bytes.InsertRange(Position(bytes, inclusiveEnd: true), RandomBytes(1 + Random.Next(8)));
                break;
            case 4 when bytes.Count > 0:
                {
                    var at = Position(bytes);
                    bytes.RemoveRange(at, 1 + Random.Next(Math.Min(bytes.Count - at, 64)));
                    break;
                }

            case 5 when bytes.Count > 0:
                {
                    // Repeat a range: long runs of the same token (deep nesting, huge arrays) come from this.
                    var at = Position(bytes);
                    var length = 1 + Random.Next(Math.Min(bytes.Count - at, 32));
                    var range = bytes.GetRange(at, length);
                    var times = 1 + Random.Next(Random.Next(2) == 0 ? 4 : 200);
                    for (var i = 0; i < times; i++)
                    {
                        bytes.InsertRange(at, range);
                    }

                    break;
                }

            case 6:
                bytes.InsertRange(Position(bytes, inclusiveEnd: true), AnyWord());
                break;
            case 7 when bytes.Count > 0:
                {
                    var word = AnyWord();
                    var at = Position(bytes);
                    bytes.RemoveRange(at, Math.Min(word.Length, bytes.Count - at));
                    bytes.InsertRange(at, word);
                    break;
                }

            case 8:
                {
                    // Splice: this input's head with another's tail.
                    var other = AnyCorpusEntry();
                    var cut = Position(bytes, inclusiveEnd: true);
                    var from = other.Length == 0 ? 0 : Random.Next(other.Length);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    bytes.AddRange(other.AsSpan(from).ToArray());
                    break;
                }

            case 9 when bytes.Count > 0:
                {
                    var at = Position(bytes);
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                }

            case 10:
                bytes.InsertRange(Random.Next(4) == 0 ? Position(bytes, inclusiveEnd: true) : 0, Bom);
                break;
            case 11:
                {
                    // Line endings and NUL: CR before every LF, a stray CR, a NUL or a line break somewhere.
                    byte[] choice = Random.Next(4) switch { 0 => [(byte)'\r'], 1 => [0], 2 => [(byte)'\n'], _ => [(byte)'\r', (byte)'\n'] };
                    if (Random.Next(3) == 0)
                    {
                        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString([.. bytes]).Replace("\n", "\r\n", StringComparison.Ordinal));
                        return crlf;
                    }

                    bytes.InsertRange(Position(bytes, inclusiveEnd: true), choice);
                    break;
                }

            case 12 when bytes.Count > 1:
                {
                    // Copy a range over another place of the same input.
                    var from = Position(bytes);
                    var length = 1 + Random.Next(Math.Min(bytes.Count - from, 64));
                    var range = bytes.GetRange(from, length);
                    var to = Position(bytes);
                    bytes.RemoveRange(to, Math.Min(length, bytes.Count - to));
                    bytes.InsertRange(to, range);
                    break;
                }

            default:
                {
                    // Invalid UTF-8: a lone continuation byte, an overlong form, a truncated sequence or a surrogate.
                    byte[][] invalid = [[0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]];
                    bytes.InsertRange(Position(bytes, inclusiveEnd: true), invalid[Random.Next(invalid.Length)]);
                    break;
                }
        }

        return [.. bytes];
    }

    private int Position(List<byte> bytes, bool inclusiveEnd = false)
        => bytes.Count == 0 ? 0 : Random.Next(inclusiveEnd ? bytes.Count + 1 : bytes.Count);

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.NextBytes(bytes);
        return bytes;
    }
}
