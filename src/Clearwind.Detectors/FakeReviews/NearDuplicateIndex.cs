using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearwind.FakeReviews;

/// <summary>
/// Stored MinHash signatures of reviews, searchable for near duplicates by LSH banding: the first 16 hashes form 8 bands
/// of 2; two texts land in a common bucket of some band with probability <c>1 − (1 − J²)⁸</c> (0.90 at Jaccard 0.5,
/// 0.97 at 0.6). Candidates are confirmed on a one-byte sketch of all 32 hashes (b-bit MinHash). Entries live in a ring:
/// once <c>capacity</c> signatures are held, each new one replaces the oldest. Each bucket is a chain through the entries,
/// newest first, walked at most <c>maxChain</c> deep, so a lookup costs at most bands × maxChain sketch comparisons
/// however many signatures are stored. The eight chains are walked side by side, one step of each in turn, so their
/// cache misses overlap instead of queueing.
/// </summary>
/// <remarks>
/// An entry is one 68-byte record (8 chain links of 4 bytes, the 32 sketch bytes, a 4-byte payload), so a step of a
/// chain touches one record; the bucket heads take 8 × 4 × 2^bucketBits bytes: about 0.81 GB for 10 million signatures
/// with 2^22 buckets a band.
/// </remarks>
internal sealed class NearDuplicateIndex
{
    /// <summary>Bands of the LSH table.</summary>
    public const int Bands = 8;

    /// <summary>Hashes per band.</summary>
    public const int Rows = 2;

    private const int Sketch = MinHashSignature.Length; // bytes
    private const int Stride = Bands + (Sketch / 4) + 1; // uints per record: links, sketch, payload
    private const int SketchOffset = Bands;
    private const int PayloadOffset = Bands + (Sketch / 4);
    private const int InitialLength = 1024;

    private readonly int _capacity;
    private readonly int _maxChain;
    private readonly uint _bucketMask;
    private readonly uint[] _heads; // per band and bucket: low 32 bits of the newest entry's sequence + 1, 0 for none
    private uint[] _records;
    private int _length;
    private long _count;

    /// <summary>Creates an empty index.</summary>
    /// <param name="capacity">Most signatures held; the oldest are replaced beyond it.</param>
    /// <param name="bucketBits">Buckets per band, as a power of two.</param>
    /// <param name="maxChain">Most entries examined per bucket.</param>
    /// <param name="preallocate">Allocate room for <paramref name="capacity"/> entries at once instead of growing by doubling.</param>
    public NearDuplicateIndex(int capacity, int bucketBits, int maxChain, bool preallocate = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, int.MaxValue / Stride);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBits, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketBits, 26);
        _capacity = capacity;
        _maxChain = maxChain;
        _bucketMask = (1u << bucketBits) - 1;
        _heads = new uint[Bands << bucketBits];
        _length = preallocate ? capacity : Math.Min(capacity, InitialLength);
        _records = new uint[_length * Stride];
    }

    /// <summary>Signatures held.</summary>
    public int Count => (int)Math.Min(_count, _length);

    /// <summary>Bytes held by the arrays, for memory figures.</summary>
    public long Bytes => (_heads.LongLength + _records.LongLength) * 4;

    /// <summary>Estimated Jaccard similarity from the number of matching sketch bytes out of 32.</summary>
    public static double Similarity(int matches) => Math.Max(0, ((double)matches / Sketch) - (1.0 / 256)) / (1 - (1.0 / 256));

    /// <summary>Stores a signature with a payload (the caller's id for it).</summary>
    public void Add(in MinHashSignature signature, int payload)
    {
        if (_count == _length && _length < _capacity)
        {
            _length = (int)Math.Min(_capacity, (long)_length * 2);
            Array.Resize(ref _records, _length * Stride);
        }

        var seq = _count++;
        var record = _records.AsSpan(Slot(seq) * Stride, Stride);
        var sketch = MemoryMarshal.AsBytes(record.Slice(SketchOffset, Sketch / 4));
        for (var i = 0; i < Sketch; i++)
        {
            sketch[i] = (byte)signature[i];
        }

        record[PayloadOffset] = (uint)payload;
        var pointer = (uint)seq + 1;
        for (var band = 0; band < Bands; band++)
        {
            var head = Head(signature, band);
            record[band] = _heads[head];
            _heads[head] = pointer;
        }
    }

    /// <summary>
    /// Finds stored signatures that share a bucket with <paramref name="signature"/> and reach <paramref name="minSimilarity"/>
    /// (estimated): writes their payloads, similarities and sequence numbers to <paramref name="results"/> (an entry found
    /// through several bands is written once per band) and returns how many were written.
    /// </summary>
    public int Search(in MinHashSignature signature, double minSimilarity, Span<NearDuplicate> results)
    {
        Span<byte> sketch = stackalloc byte[Sketch];
        for (var i = 0; i < Sketch; i++)
        {
            sketch[i] = (byte)signature[i];
        }

        var mine = Vector256.Create<byte>(sketch);
        var minMatches = (int)Math.Ceiling((((minSimilarity * (1 - (1.0 / 256))) + (1.0 / 256)) * Sketch) - 1e-9);
        Span<uint> pointers = stackalloc uint[Bands];
        Span<long> previous = stackalloc long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            pointers[band] = _heads[Head(signature, band)];
            previous[band] = long.MaxValue;
        }

        var written = 0;
        var records = _records;
        for (var step = 0; step < _maxChain; step++)
        {
            var live = false;
            for (var band = 0; band < Bands; band++)
            {
                var pointer = pointers[band];
                if (pointer == 0)
                {
                    continue;
                }

                // The pointer holds the low 32 bits of a sequence number + 1; the entry is still held if it is one of the
                // newest _length entries (older slots have been reused), and chains only ever go back in time.
                var back = (uint)_count - pointer + 1; // _count − seq, modulo 2^32
                var seq = _count - back;
                if (back == 0 || back > _length || seq >= previous[band])
                {
                    pointers[band] = 0;
                    continue;
                }

                previous[band] = seq;
                var offset = Slot(seq) * Stride;
                var theirs = Vector256.Create<byte>(MemoryMarshal.AsBytes(records.AsSpan(offset + SketchOffset, Sketch / 4)));
                var matches = BitOperations.PopCount(Vector256.Equals(mine, theirs).ExtractMostSignificantBits());
                if (matches >= minMatches)
                {
                    results[written++] = new NearDuplicate((int)records[offset + PayloadOffset], Similarity(matches), seq);
                    if (written == results.Length)
                    {
                        return written;
                    }
                }

                pointers[band] = records[offset + band];
                live = true;
            }

            if (!live)
            {
                break;
            }
        }

        return written;
    }

    private int Slot(long seq) => (int)(seq % _length);

    private int Head(in MinHashSignature signature, int band)
    {
        var key = ((ulong)signature[band * Rows] << 32) | signature[(band * Rows) + 1];
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDUL;
        key ^= key >> 33;
        return (int)((uint)band * (_bucketMask + 1)) + (int)((uint)key & _bucketMask);
    }
}
