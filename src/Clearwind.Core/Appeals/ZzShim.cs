// TEMPORARY shim until the i9-jury branch is merged; deleted then.
#pragma warning disable
using System.Security.Cryptography;
using System.Text;
namespace Clearwind.Appeals;

public sealed record JurorProfile(string AccountId)
{
    public IReadOnlySet<string> Identifiers { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Shops { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Categories { get; init; } = new HashSet<string>();
    public string? Company { get; init; }
    public IReadOnlySet<string> Counterparties { get; init; } = new HashSet<string>();
}
public sealed record CaseParties
{
    public IReadOnlySet<string> Shops { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Accounts { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Identifiers { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Categories { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Companies { get; init; } = new HashSet<string>();
}
public enum JuryConflict { IsParty, SharedIdentifier, SameCategoryCompetitor, SameCompany, RecentOrders }
public sealed record JuryExclusion(string AccountId, JuryConflict Reason);
public sealed record JuryDrawResult
{
    public required string Method { get; init; }
    public required string SeedCommitment { get; init; }
    public required string PoolDigest { get; init; }
    public required int Size { get; init; }
    public required int EligibleCount { get; init; }
    public required IReadOnlyList<string> Jurors { get; init; }
    public required IReadOnlyList<JuryExclusion> Excluded { get; init; }
    public int Shortfall => Math.Max(0, Size - Jurors.Count);
    public bool IsShort => Shortfall > 0;
}
public static class JuryDraw
{
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    public static string Commitment(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
    public static string ReasonName(JuryConflict reason) => reason.ToString();
    public static IReadOnlyList<JuryConflict> Conflicts(JurorProfile juror, CaseParties parties)
    {
        var l = new List<JuryConflict>();
        if (parties.Accounts.Contains(juror.AccountId) || juror.Shops.Overlaps(parties.Shops)) l.Add(JuryConflict.IsParty);
        if (juror.Identifiers.Overlaps(parties.Identifiers)) l.Add(JuryConflict.SharedIdentifier);
        if (juror.Shops.Count > 0 && juror.Categories.Overlaps(parties.Categories)) l.Add(JuryConflict.SameCategoryCompetitor);
        if (juror.Company is { } c && parties.Companies.Contains(c)) l.Add(JuryConflict.SameCompany);
        if (juror.Counterparties.Overlaps(parties.Shops) || juror.Counterparties.Overlaps(parties.Accounts)) l.Add(JuryConflict.RecentOrders);
        return l;
    }
    public static JuryDrawResult Draw(IEnumerable<JurorProfile> pool, CaseParties parties, int size, string seed)
    {
        var all = pool.DistinctBy(p => p.AccountId).ToList();
        var ex = all.Select(p => (p, c: Conflicts(p, parties))).Where(x => x.c.Count > 0).Select(x => new JuryExclusion(x.p.AccountId, x.c[0])).ToList();
        var eligible = all.Where(p => Conflicts(p, parties).Count == 0).Select(p => p.AccountId).ToList();
        var drawn = eligible.OrderBy(a => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(seed), Encoding.UTF8.GetBytes(a))), StringComparer.Ordinal).Take(size).ToList();
        return new JuryDrawResult { Method = "shim", SeedCommitment = Commitment(seed), PoolDigest = "", Size = size, EligibleCount = eligible.Count, Jurors = drawn, Excluded = ex };
    }
}
