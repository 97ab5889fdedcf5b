namespace Clearwind.Listings;

/// <summary>Two titles whose bigram signatures are at least the search threshold alike: indices into the searched list, <c>First &lt; Second</c>.</summary>
internal readonly record struct NearDuplicatePair(int First, int Second, double Similarity);

/// <summary>What an all-pairs search found and what it cost.</summary>
internal sealed class TitleNearDuplicateResult
{
    /// <summary>Every pair with Dice ≥ the threshold, ordered by <see cref="NearDuplicatePair.First"/> then <see cref="NearDuplicatePair.Second"/>.</summary>
    public required NearDuplicatePair[] Pairs { get; init; }

    /// <summary>Pairs that survived the length, prefix and position filters and were checked exactly.</summary>
    public required long Candidates { get; init; }

    /// <summary>Index entries read while probing (after the length filter).</summary>
    public required long PostingsRead { get; init; }

    /// <summary>Distinct bigrams among all signatures.</summary>
    public required int DistinctBigrams { get; init; }

    /// <summary>Entries in the prefix index (the indexing prefixes of every non-empty signature).</summary>
    public required long IndexEntries { get; init; }
}

/// <summary>
/// Every pair among many titles whose character-bigram sets (<see cref="TitleText.Bigrams"/>) are at least
/// <c>threshold</c> alike by Dice (<see cref="TitleText.Dice"/>), without comparing every pair: an exact search
/// (nothing at or above the threshold is missed, nothing below it is returned), in the AllPairs / PPJoin family.
/// <list type="number">
/// <item>Bigrams are renumbered by how many titles hold them, rarest first, and each signature is sorted in that order.</item>
/// <item>Length filter: Dice ≥ t needs <c>|y| ≥ t·|x| ÷ (2 − t)</c> for <c>|y| ≤ |x|</c> (the shorter set cannot cover enough of
/// the longer), so titles are visited shortest first and each looks back only at titles long enough.</item>
/// <item>Prefix filter: Dice ≥ t needs an overlap of at least <c>α = ⌈t·(|x| + |y|) ÷ 2⌉</c>, so the two sets share a bigram among
/// x's first <c>|x| − α + 1</c> and y's first <c>|y| − α + 1</c> in the global order. For the longer x, α ≥ t·|x| ÷ (2 − t)
/// (its probing prefix); for the shorter y, α ≥ t·|y| (its shorter indexing prefix, the only part put in the index).</item>
/// <item>Position filter: a candidate first met at x's position i and y's position j can share at most
/// <c>1 + min(|x| − i − 1, |y| − j − 1)</c> more bigrams than it has so far; it is dropped when that cannot reach α.</item>
/// <item>Survivors are merged in full and kept when <c>2·|x ∩ y| ÷ (|x| + |y|) ≥ t</c>, the same expression as <see cref="TitleText.Dice"/>.</item>
/// </list>
/// The bounds are computed with a small slack (never tighter than the exact rational bound), so floating-point rounding
/// can only add candidates, not lose pairs. Probing runs on several threads (each with its own counters); the index is
/// built once, before probing. Memory: the renumbered signatures (4 B a bigram), the index (8 B an entry, about a third
/// of the bigrams at t = 0.7) and 4 B per title per thread for the candidate counters.
/// <para>
/// Not yet used by <c>listing.duplicate</c>, which compares each company's listings pair by pair (companies hold few
/// listings); a company with thousands of listings could pass its members' signatures to <see cref="Find"/> instead.
/// </para>
/// </summary>
internal static class TitleNearDuplicates
{
    /// <summary>The default Dice threshold, the one issue 7's recall target names.</summary>
    public const double DefaultThreshold = 0.70;

    /// <summary>
    /// ℓ, the bigrams a candidate must share within prefixes ℓ − 1 longer. A shared word of three characters is two shared
    /// bigrams, so ℓ = 1 or 2 lets most pairs of titles naming the same product through. On the generated titles of the
    /// benchmarks, 3 took the least time at 100 k and 300 k titles: a tenth of the candidates of ℓ = 2 for 1.7× the index
    /// reads, while ℓ = 4 doubles the reads again (bench/README.md).
    /// </summary>
    public const int DefaultShared = 3;

    /// <summary>Slack on every bound: far below the gap between two distinct ratios of title-sized integers, far above rounding error.</summary>
    private const double Slack = 1e-9;

    /// <summary>Titles probed per work item: small enough that the longest titles (the slowest, sorted last) spread over the threads.</summary>
    private const int Chunk = 2048;

    /// <summary>All pairs of <paramref name="signatures"/> (sorted, distinct bigrams) with Dice ≥ <paramref name="threshold"/>.</summary>
    /// <param name="signatures">One signature per title, as <see cref="TitleText.Bigrams"/> returns it; empty ones match nothing.</param>
    /// <param name="threshold">Dice threshold, in (0, 1].</param>
    /// <param name="maxDegreeOfParallelism">Threads for counting, renumbering and probing; −1 for all cores.</param>
    /// <param name="shared">ℓ: prefixes are ℓ − 1 bigrams longer and a candidate must share ℓ bigrams in them (1 is plain prefix filtering).</param>
    public static TitleNearDuplicateResult Find(IReadOnlyList<int[]> signatures, double threshold = DefaultThreshold, int maxDegreeOfParallelism = -1, int shared = DefaultShared)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(shared, 1);
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The Dice threshold must be in (0, 1].");
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var n = signatures.Count;

        // 1. Shortest first (a counting sort by length), keeping the input order within a length.
        var maxLength = 0;
        for (var i = 0; i < n; i++)
        {
            maxLength = Math.Max(maxLength, signatures[i].Length);
        }

        var firstOfLength = new int[maxLength + 2];
        for (var i = 0; i < n; i++)
        {
            firstOfLength[signatures[i].Length + 1]++;
        }

        for (var l = 1; l < firstOfLength.Length; l++)
        {
            firstOfLength[l] += firstOfLength[l - 1];
        }

        var order = new int[n];
        var start = new long[n + 1];
        {
            var next = (int[])firstOfLength.Clone();
            for (var i = 0; i < n; i++)
            {
                order[next[signatures[i].Length]++] = i;
            }

            for (var k = 0; k < n; k++)
            {
                start[k + 1] = start[k] + signatures[order[k]].Length;
            }
        }

        // 2. Bigram frequencies, then ranks: rarest first (ties by value, so the order never depends on threads).
        var counts = CountBigrams(signatures, parallel);
        var ranks = counts.Ranks();

        // 3. Renumbered signatures, one flat array in visiting order, each sorted by rank.
        var tokens = new int[start[n]];
        Parallel.For(0, (n + Chunk - 1) / Chunk, parallel, c =>
        {
            for (var k = c * Chunk; k < Math.Min(n, (c + 1) * Chunk); k++)
            {
                var source = signatures[order[k]];
                var target = tokens.AsSpan((int)start[k], source.Length);
                for (var j = 0; j < source.Length; j++)
                {
                    target[j] = ranks.Get(source[j]);
                }

                target.Sort();
            }
        });

        // 4. The index: each title's indexing prefix, postings in visiting order (so by length).
        var distinct = counts.Count;
        var postingStart = new int[distinct + 1];
        for (var k = 0; k < n; k++)
        {
            var length = (int)(start[k + 1] - start[k]);
            var prefix = IndexPrefix(length, threshold, shared);
            for (var j = 0; j < prefix; j++)
            {
                postingStart[tokens[start[k] + j] + 1]++;
            }
        }

        for (var r = 1; r <= distinct; r++)
        {
            postingStart[r] += postingStart[r - 1];
        }

        var entries = postingStart[distinct];
        var postedTitle = new int[entries];
        var postedPosition = new int[entries];
        {
            var fill = (int[])postingStart.Clone();
            for (var k = 0; k < n; k++)
            {
                var length = (int)(start[k + 1] - start[k]);
                var prefix = IndexPrefix(length, threshold, shared);
                for (var j = 0; j < prefix; j++)
                {
                    var slot = fill[tokens[start[k] + j]]++;
                    postedTitle[slot] = k;
                    postedPosition[slot] = j;
                }
            }
        }

        // 5. Probe: every title against the shorter (or earlier equal-length) titles that share a prefix bigram.
        var found = new List<NearDuplicatePair>();
        long candidates = 0;
        long read = 0;
        var gate = new object();
        Parallel.For(0, (n + Chunk - 1) / Chunk, parallel,
            () => new Probe(n),
            (c, _, probe) =>
            {
                for (var k = c * Chunk; k < Math.Min(n, (c + 1) * Chunk); k++)
                {
                    probe.Run(k, threshold, shared, tokens, start, firstOfLength, postingStart, postedTitle, postedPosition, order);
                }

                return probe;
            },
            probe =>
            {
                lock (gate)
                {
                    found.AddRange(probe.Found);
                    candidates += probe.Candidates;
                    read += probe.PostingsRead;
                }
            });

        var pairs = found.ToArray();
        Array.Sort(pairs, static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Second.CompareTo(b.Second));
        return new TitleNearDuplicateResult { Pairs = pairs, Candidates = candidates, PostingsRead = read, DistinctBigrams = distinct, IndexEntries = entries };
    }

    /// <summary>Smallest length a shorter set needs to reach Dice ≥ t with a set of <paramref name="length"/>.</summary>
    internal static int MinPartnerLength(int length, double threshold)
        => Math.Max(1, (int)Math.Ceiling((threshold * length / (2 - threshold)) - Slack));

    /// <summary>Overlap two sets of these lengths need for Dice ≥ t.</summary>
    internal static int MinOverlap(int x, int y, double threshold)
        => Math.Max(1, (int)Math.Ceiling((threshold * (x + y) / 2) - Slack));

    /// <summary>Probing prefix of a set against shorter sets: <c>|x| − ⌈t·|x| ÷ (2 − t)⌉ + ℓ</c>.</summary>
    internal static int ProbePrefix(int length, double threshold, int shared)
        => Math.Clamp(length - MinPartnerLength(length, threshold) + shared, 0, length);

    /// <summary>Indexing prefix of a set against longer sets: <c>|y| − ⌈t·|y|⌉ + ℓ</c>.</summary>
    internal static int IndexPrefix(int length, double threshold, int shared)
        => Math.Clamp(length - Math.Max(1, (int)Math.Ceiling((threshold * length) - Slack)) + shared, 0, length);

    private static BigramTable CountBigrams(IReadOnlyList<int[]> signatures, ParallelOptions parallel)
    {
        var n = signatures.Count;
        var total = new BigramTable(1 << 12);
        var gate = new object();
        Parallel.For(0, (n + (16 * Chunk) - 1) / (16 * Chunk), parallel,
            () => new BigramTable(1 << 12),
            (c, _, table) =>
            {
                for (var i = c * 16 * Chunk; i < Math.Min(n, (c + 1) * 16 * Chunk); i++)
                {
                    foreach (var gram in signatures[i])
                    {
                        table.Add(gram, 1);
                    }
                }

                return table;
            },
            table =>
            {
                lock (gate)
                {
                    table.AddTo(total);
                }
            });
        return total;
    }

    /// <summary>One thread's candidate counters and results.</summary>
    private sealed class Probe(int titles)
    {
        /// <summary>Marks a candidate the position filter ruled out (until this title is done).</summary>
        private const int Pruned = int.MinValue;

        private readonly int[] _overlap = new int[titles];
        private readonly List<int> _touched = new(256);

        public List<NearDuplicatePair> Found { get; } = [];

        public long Candidates { get; private set; }

        public long PostingsRead { get; private set; }

        public void Run(int k, double threshold, int shared, int[] tokens, long[] start, int[] firstOfLength, int[] postingStart, int[] postedTitle, int[] postedPosition, int[] order)
        {
            var x = tokens.AsSpan((int)start[k], (int)(start[k + 1] - start[k]));
            var n = x.Length;
            if (n == 0)
            {
                return;
            }

            var minLength = MinPartnerLength(n, threshold);
            if (minLength > n)
            {
                return;
            }

            var firstPartner = firstOfLength[minLength];
            var prefix = ProbePrefix(n, threshold, shared);
            for (var i = 0; i < prefix; i++)
            {
                var from = postingStart[x[i]];
                var to = postingStart[x[i] + 1];

                // Postings are in visiting order: skip the titles too short, stop at this one.
                from = LowerBound(postedTitle, from, to, firstPartner);
                var p = from;
                for (; p < to; p++)
                {
                    var y = postedTitle[p];
                    if (y >= k)
                    {
                        break;
                    }

                    var seen = _overlap[y];
                    if (seen < 0)
                    {
                        continue;
                    }

                    if (seen == 0)
                    {
                        _touched.Add(y);
                    }

                    var m = (int)(start[y + 1] - start[y]);
                    var bound = seen + 1 + Math.Min(n - i - 1, m - postedPosition[p] - 1);
                    _overlap[y] = bound >= MinOverlap(n, m, threshold) ? seen + 1 : Pruned;
                }

                PostingsRead += p - from;
            }

            foreach (var y in _touched)
            {
                // The first ℓ shared bigrams (in the global order) lie within both prefixes, or all of them when fewer than ℓ are needed.
                if (_overlap[y] > 0 && _overlap[y] >= Math.Min(shared, MinOverlap(n, (int)(start[y + 1] - start[y]), threshold)))
                {
                    Candidates++;
                    var other = tokens.AsSpan((int)start[y], (int)(start[y + 1] - start[y]));
                    var similarity = 2.0 * Common(x, other) / (x.Length + other.Length);
                    if (similarity >= threshold)
                    {
                        var a = order[k];
                        var b = order[y];
                        Found.Add(a < b ? new NearDuplicatePair(a, b, similarity) : new NearDuplicatePair(b, a, similarity));
                    }
                }

                _overlap[y] = 0;
            }

            _touched.Clear();
        }

        private static int LowerBound(int[] values, int from, int to, int value)
        {
            while (from < to)
            {
                var mid = (int)((uint)(from + to) >> 1);
                if (values[mid] < value)
                {
                    from = mid + 1;
                }
                else
                {
                    to = mid;
                }
            }

            return from;
        }

        private static int Common(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
        {
            int i = 0, j = 0, common = 0;
            while (i < a.Length && j < b.Length)
            {
                var x = a[i];
                var y = b[j];
                if (x == y)
                {
                    common++;
                    i++;
                    j++;
                }
                else if (x < y)
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return common;
        }
    }

    /// <summary>Open-addressing table from bigram to a count (then to a rank); a slot is empty while its value is 0.</summary>
    private sealed class BigramTable(int capacity)
    {
        private int[] _keys = new int[capacity];
        private int[] _values = new int[capacity];
        private int _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);

        public int Count { get; private set; }

        public void Add(int key, int amount)
        {
            var mask = _keys.Length - 1;
            var slot = Slot(key);
            while (_values[slot] != 0)
            {
                if (_keys[slot] == key)
                {
                    _values[slot] += amount;
                    return;
                }

                slot = (slot + 1) & mask;
            }

            _keys[slot] = key;
            _values[slot] = amount;
            if (++Count * 2 > _keys.Length)
            {
                Grow();
            }
        }

        public void AddTo(BigramTable other)
        {
            for (var s = 0; s < _keys.Length; s++)
            {
                if (_values[s] != 0)
                {
                    other.Add(_keys[s], _values[s]);
                }
            }
        }

        /// <summary>Replaces every count by its key's rank + 1 (rarest first, ties by key) and returns this table.</summary>
        public BigramTable Ranks()
        {
            // Count in the high half, the key (as unsigned) in the low half: one sort of longs orders by count, then key.
            var entries = new long[Count];
            var e = 0;
            for (var s = 0; s < _keys.Length; s++)
            {
                if (_values[s] != 0)
                {
                    entries[e++] = ((long)_values[s] << 32) | (uint)_keys[s];
                }
            }

            Array.Sort(entries);
            var ranks = new BigramTable(_keys.Length);
            for (var r = 0; r < entries.Length; r++)
            {
                ranks.Add((int)(uint)entries[r], r + 1);
            }

            return ranks;
        }

        /// <summary>The rank of a key the table holds (values are rank + 1).</summary>
        public int Get(int key)
        {
            var mask = _keys.Length - 1;
            var slot = Slot(key);
            while (_keys[slot] != key || _values[slot] == 0)
            {
                slot = (slot + 1) & mask;
            }

            return _values[slot] - 1;
        }

        private int Slot(int key)
        {
            // murmur3's finaliser: both characters of a bigram reach the top bits.
            var h = (uint)key;
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            h *= 0xC2B2AE35u;
            h ^= h >> 16;
            return (int)(h >> _shift);
        }

        private void Grow()
        {
            var keys = _keys;
            var values = _values;
            _keys = new int[keys.Length * 2];
            _values = new int[keys.Length * 2];
            _shift--;
            Count = 0;
            for (var s = 0; s < keys.Length; s++)
            {
                if (values[s] != 0)
                {
                    Add(keys[s], values[s]);
                }
            }
        }
    }
}
