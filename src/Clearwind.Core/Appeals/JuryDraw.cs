using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Clearwind.Appeals;

/// <summary>
/// Draws an appeal jury at random from the candidates with no conflict of interest, in a way anyone can audit once the
/// seed is revealed after the vote. Method <c>hmac-sha256-rank/v1</c>:
/// <list type="number">
/// <item>Drop every candidate with a conflict (<see cref="Conflicts"/>); duplicates of one account id count as one
/// candidate, who is eligible only if none of its profiles has a conflict.</item>
/// <item>Score each eligible account id as HMAC-SHA-256 with the UTF-8 bytes of the seed text as key and the UTF-8 bytes
/// of the account id as message.</item>
/// <item>Sort by score, as lowercase hex, ascending (ties, which need a hash collision, by account id) and take the first
/// <c>size</c>: that is the jury, in draw order.</item>
/// </list>
/// The result publishes the SHA-256 of the seed (the commitment) and the SHA-256 of the sorted eligible ids, each
/// followed by a line feed (the pool digest). The outcome depends only on the set of eligible ids and the seed, never
/// on the order of the input. docs/appeals.md shows how to recompute a draw by hand.
/// </summary>
public static class JuryDraw
{
    /// <summary>The name of the draw algorithm, recorded in every <see cref="JuryDrawResult"/>.</summary>
    public const string Method = "hmac-sha256-rank/v1";

    /// <summary>
    /// The shortest seed <see cref="Draw"/> accepts. The commitment is public before the seed is, so a short seed could be
    /// found by trying them all against it and the jury worked out before the vote; <see cref="NewSeed"/> gives 64.
    /// </summary>
    public const int MinimumSeedLength = 16;

    /// <summary>A fresh seed: 32 bytes from the system's cryptographic random generator, as lowercase hex.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The commitment to a seed: SHA-256 of its UTF-8 bytes, lowercase hex. Published when the jury is drawn.</summary>
    public static string Commitment(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
    }

    /// <summary>The snake_case name of a conflict, as written to records and shown to people.</summary>
    public static string ReasonName(JuryConflict reason) => reason switch
    {
        JuryConflict.IsParty => "is_party",
        JuryConflict.SharedIdentifier => "shared_identifier",
        JuryConflict.SameCategoryCompetitor => "same_category_competitor",
        JuryConflict.SameCompany => "same_company",
        JuryConflict.RecentOrders => "recent_orders",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown jury conflict"),
    };

    /// <summary>Every conflict between the juror and the case parties, in <see cref="JuryConflict"/> order; empty means eligible.</summary>
    public static IReadOnlyList<JuryConflict> Conflicts(JurorProfile juror, CaseParties parties)
    {
        ArgumentNullException.ThrowIfNull(juror);
        return new JuryPartyIndex(parties).Conflicts(juror);
    }

    /// <summary>
    /// The score that ranks an account in a draw: HMAC-SHA-256 keyed with the UTF-8 seed over the UTF-8 account id,
    /// lowercase hex. The lowest scores are drawn first.
    /// </summary>
    public static string Score(string seed, string accountId)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(accountId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(seed), Encoding.UTF8.GetBytes(accountId)));
    }

    /// <summary>
    /// The pool digest of a set of eligible account ids: SHA-256 over the distinct ids sorted by Unicode code point (the
    /// order of <c>LC_ALL=C sort</c>), each as UTF-8 followed by a line feed; lowercase hex.
    /// </summary>
    public static string DigestPool(IEnumerable<string> eligibleAccountIds)
    {
        ArgumentNullException.ThrowIfNull(eligibleAccountIds);
        var ids = eligibleAccountIds.Select(CheckedAccountId).Distinct(StringComparer.Ordinal).ToList();
        ids.Sort(CodePointOrder.Compare);
        return Convert.ToHexStringLower(SHA256.HashData(PoolLines.Of(ids).Bytes));
    }

    /// <summary>
    /// Draws a jury of <paramref name="size"/> from the candidates in <paramref name="pool"/> who have no conflict with
    /// <paramref name="parties"/>. When fewer are eligible, all of them are drawn and the result is short.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is zero or negative.</exception>
    /// <exception cref="ArgumentException">The seed is shorter than <see cref="MinimumSeedLength"/>, or a candidate is
    /// null or has a blank account id or one with control characters.</exception>
    public static JuryDrawResult Draw(IEnumerable<JurorProfile> pool, CaseParties parties, int size, string seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (seed.Length < MinimumSeedLength)
        {
            throw new ArgumentException($"a jury seed must be at least {MinimumSeedLength} characters (use JuryDraw.NewSeed)", nameof(seed));
        }

        var index = new JuryPartyIndex(parties);
        // Account id → first conflict over all of its profiles (null: eligible). Taking the earliest conflict over the
        // duplicates keeps the outcome independent of input order, and one conflicted profile is enough to rule out.
        var firstConflict = new Dictionary<string, JuryConflict?>(StringComparer.Ordinal);
        foreach (var juror in pool)
        {
            if (juror is null)
            {
                throw new ArgumentException("the jury pool contains a null candidate", nameof(pool));
            }

            var id = CheckedAccountId(juror.AccountId);
            var conflict = index.FirstConflict(juror);
            firstConflict[id] = firstConflict.TryGetValue(id, out var seen) ? Earliest(seen, conflict) : conflict;
        }

        var eligible = new List<string>(firstConflict.Count);
        var excluded = new List<JuryExclusion>();
        foreach (var (id, conflict) in firstConflict)
        {
            if (conflict is { } reason)
            {
                excluded.Add(new JuryExclusion(id, reason));
            }
            else
            {
                eligible.Add(id);
            }
        }

        eligible.Sort(CodePointOrder.Compare);
        excluded.Sort((a, b) => CodePointOrder.Compare(a.AccountId, b.AccountId));
        var lines = PoolLines.Of(eligible);
        return new JuryDrawResult
        {
            Method = Method,
            SeedCommitment = Commitment(seed),
            PoolDigest = Convert.ToHexStringLower(SHA256.HashData(lines.Bytes)),
            Size = size,
            EligibleCount = eligible.Count,
            Jurors = Rank(eligible, lines, seed).Take(size).ToList(),
            Excluded = excluded,
        };
    }

    /// <summary>
    /// True when <paramref name="seed"/> matches the published commitment and drawing again from the same pool and
    /// parties gives the same method, pool digest, jurors in the same order and the same exclusions.
    /// </summary>
    public static bool Verify(JuryDrawResult result, IEnumerable<JurorProfile> pool, CaseParties parties, string seed)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(parties);
        if (seed is null || seed.Length < MinimumSeedLength || result.Size <= 0
            || !string.Equals(result.Method, Method, StringComparison.Ordinal)
            || !string.Equals(Commitment(seed), result.SeedCommitment, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var again = Draw(pool, parties, result.Size, seed);
        return string.Equals(again.PoolDigest, result.PoolDigest, StringComparison.OrdinalIgnoreCase)
            && again.EligibleCount == result.EligibleCount
            && again.Jurors.SequenceEqual(result.Jurors, StringComparer.Ordinal)
            && again.Excluded.SequenceEqual(result.Excluded);
    }

    private static JuryConflict? Earliest(JuryConflict? a, JuryConflict? b)
        => a is { } x && b is { } y ? (x <= y ? x : y) : a ?? b;

    private static string CheckedAccountId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("a jury candidate has a blank account id");
        }

        // Ids are written one per line for the pool digest; a control character would break that framing.
        if (id.Any(char.IsControl))
        {
            throw new ArgumentException("a jury candidate's account id contains a control character");
        }

        return id;
    }

    // The eligible ids in draw order: ascending HMAC-SHA-256 score, then account id.
    private static IEnumerable<string> Rank(List<string> eligible, PoolLines lines, string seed)
    {
        var ranked = new (Score256 Score, string Id)[eligible.Count];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(seed));
        Span<byte> mac = stackalloc byte[32];
        for (var i = 0; i < eligible.Count; i++)
        {
            hmac.AppendData(lines.Id(i));
            hmac.GetHashAndReset(mac);
            ranked[i] = (Score256.From(mac), eligible[i]);
        }

        Array.Sort(ranked, static (a, b) =>
        {
            var byScore = a.Score.CompareTo(b.Score);
            return byScore != 0 ? byScore : CodePointOrder.Compare(a.Id, b.Id);
        });
        return ranked.Select(r => r.Id);
    }

    // The sorted ids as UTF-8, each followed by a line feed, back to back: exactly the bytes the pool digest covers, and
    // the messages the scores are computed over (without the line feed).
    private sealed class PoolLines
    {
        private readonly int[] _starts;

        private PoolLines(byte[] bytes, int[] starts)
        {
            Bytes = bytes;
            _starts = starts;
        }

        public byte[] Bytes { get; }

        public static PoolLines Of(List<string> sortedIds)
        {
            var starts = new int[sortedIds.Count + 1];
            for (var i = 0; i < sortedIds.Count; i++)
            {
                starts[i + 1] = starts[i] + Encoding.UTF8.GetByteCount(sortedIds[i]) + 1;
            }

            var bytes = new byte[starts[^1]];
            for (var i = 0; i < sortedIds.Count; i++)
            {
                var written = Encoding.UTF8.GetBytes(sortedIds[i], bytes.AsSpan(starts[i]));
                bytes[starts[i] + written] = (byte)'\n';
            }

            return new PoolLines(bytes, starts);
        }

        public ReadOnlySpan<byte> Id(int i) => Bytes.AsSpan(_starts[i], _starts[i + 1] - _starts[i] - 1);
    }

    // A 256-bit score read big-endian, so comparing the four words compares the bytes, and so the hex text, in order.
    private readonly record struct Score256(ulong W0, ulong W1, ulong W2, ulong W3) : IComparable<Score256>
    {
        public static Score256 From(ReadOnlySpan<byte> mac) => new(
            BinaryPrimitives.ReadUInt64BigEndian(mac),
            BinaryPrimitives.ReadUInt64BigEndian(mac[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(mac[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(mac[24..]));

        public int CompareTo(Score256 other)
        {
            var c = W0.CompareTo(other.W0);
            if (c == 0)
            {
                c = W1.CompareTo(other.W1);
            }

            if (c == 0)
            {
                c = W2.CompareTo(other.W2);
            }

            return c != 0 ? c : W3.CompareTo(other.W3);
        }
    }
}
