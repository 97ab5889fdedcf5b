namespace Clearwind.FakeReviews;

/// <summary>
/// Stored MinHash signatures of reviews, searchable for near duplicates by LSH banding: the first 16 hashes form 8 bands
/// of 2; two texts land in a common bucket of some band with probability <c>1 − (1 − J²)⁸</c> (0.90 at Jaccard 0.5,
/// 0.97 at 0.6). Candidates are confirmed on a one-byte sketch of all 32 hashes (b-bit MinHash). Entries live in a ring:
/// once <c>capacity</c> signatures are held, each new one replaces the oldest. Each bucket is a chain through the entries,
/// newest first, walked at most <c>maxChain</c> deep, so a lookup costs at most bands × maxChain sketch comparisons
/// however many signatures are stored.
/// </summary>
/// <remarks>
/// Memory per entry: 32 sketch bytes, 8 × 4 chain bytes and 4 payload bytes (68 bytes), plus 8 × 4 × 2^bucketBits for
/// the bucket heads: about 0.73 GB for 10 million signatures with 2^22 buckets a band.
/// </remarks>
internal sealed class NearDuplicateIndex
{
    /// <summary>Bands of the LSH table.</summary>
    public const int Bands = 8;

    /// <summary>Hashes per band.</summary>
    public const int Rows = 2;

    private const int Sketch = MinHashSignature.Length;
    private const int InitialLength = 1024;

    private readonly int _capacity;
    private readonly int _maxChain;
    private readonly uint _bucketMask;
    private readonly uint[] _heads; // per band and bucket: low 32 bits of the newest entry's sequence + 1, 0 for none
    private byte[] _sketches;
    private uint[] _next; // per entry and band: the next older entry of the same bucket, as in _heads
    private int[] _payloads;
    private int _length;
    private long _count;

    /// <summary>Creates an empty index.</summary>
    /// <param name="capacity">Most signatures held; the oldest are replaced beyond it.</param>
    /// <param name="bucketBits">Buckets per band, as a power of two.</param>
    /// <param name="maxChain">Most entries examined per bucket.</param>
    public NearDuplicateIndex(int capacity, int bucketBits, int maxChain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBits, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketBits, 26);
        _capacity = capacity;
        _maxChain = maxChain;
        _bucketMask = (1u << bucketBits) - 1;
        _heads = new uint[Bands << bucketBits];
        _length = Math.Min(capacity, InitialLength);
        _sketches = new byte[_length * Sketch];
        _next = new uint[_length * Bands];
        _payloads = new int[_length];
    }

    /// <summary>Signatures held.</summary>
    public int Count => (int)Math.Min(_count, _length);

    /// <summary>Bytes held by the arrays, for memory figures.</summary>
    public long Bytes => (_heads.LongLength * 4) + _sketches.LongLength + (_next.LongLength * 4) + (_payloads.LongLength * 4);

    /// <summary>Estimated Jaccard similarity from the number of matching sketch bytes out of 32.</summary>
    public static double Similarity(int matches) => Math.Max(0, ((double)matches / Sketch) - (1.0 / 256)) / (1 - (1.0 / 256));

    /// <summary>Stores a signature with a payload (the caller's id for it).</summary>
    public void Add(in MinHashSignature signature, int payload)
    {
        if (_count == _length && _length < _capacity)
        {
            Grow();
        }

        var seq = _count++;
        var slot = (int)(seq % _length);
        var sketch = _sketches.AsSpan(slot * Sketch, Sketch);
        for (var i = 0; i < Sketch; i++)
        {
            sketch[i] = (byte)signature[i];
        }

        _payloads[slot] = payload;
        var pointer = (uint)seq + 1;
        for (var band = 0; band < Bands; band++)
        {
            var head = (band * (_bucketMask + 1)) + Bucket(signature, band);
            _next[(slot * Bands) + band] = _heads[head];
            _heads[head] = pointer;
        }
    }

    /// <summary>
    /// Finds stored signatures that share a bucket with <paramref name="signature"/> and reach <paramref name="minSimilarity"/>
    /// (estimated): writes their payloads and similarities to <paramref name="results"/> (an entry found through several
    /// bands is written once per band) and returns how many were written.
    /// </summary>
    public int Search(in MinHashSignature signature, double minSimilarity, Span<NearDuplicate> results)
    {
        Span<byte> mine = stackalloc byte[Sketch];
        for (var i = 0; i < Sketch; i++)
        {
            mine[i] = (byte)signature[i];
        }

        var minMatches = (int)Math.Ceiling((((minSimilarity * (1 - (1.0 / 256))) + (1.0 / 256)) * Sketch) - 1e-9);
        var written = 0;
        for (var band = 0; band < Bands && written < results.Length; band++)
        {
            var pointer = _heads[(band * (_bucketMask + 1)) + Bucket(signature, band)];
            var previous = long.MaxValue;
            for (var step = 0; step < _maxChain && pointer != 0 && written < results.Length; step++)
            {
                // The pointer holds the low 32 bits of a sequence number + 1; the entry is still held if it is one of the
                // newest _length entries (older slots have been reused).
                var back = (uint)_count - pointer + 1; // _count − seq, modulo 2^32
                var seq = _count - back;
                if (back == 0 || back > _length || seq >= previous)
                {
                    break;
                }

                previous = seq;
                var slot = (int)(seq % _length);
                var matches = Matches(mine, _sketches.AsSpan(slot * Sketch, Sketch));
                if (matches >= minMatches)
                {
                    results[written++] = new NearDuplicate(_payloads[slot], Similarity(matches), seq);
                }

                pointer = _next[(slot * Bands) + band];
            }
        }

        return written;
    }

    private static int Matches(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                matches++;
            }
        }

        return matches;
    }

    private uint Bucket(in MinHashSignature signature, int band)
    {
        var key = ((ulong)signature[band * Rows] << 32) | signature[(band * Rows) + 1];
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDUL;
        key ^= key >> 33;
        return (uint)key & _bucketMask;
    }

    private void Grow()
    {
        var length = (int)Math.Min(_capacity, (long)_length * 2);
        Array.Resize(ref _sketches, length * Sketch);
        Array.Resize(ref _next, length * Bands);
        Array.Resize(ref _payloads, length);
        _length = length;
    }
}
