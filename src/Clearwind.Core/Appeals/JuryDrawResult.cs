namespace Clearwind.Appeals;

/// <summary>
/// The outcome of one jury draw: everything an auditor needs, together with the seed revealed after the vote and the
/// candidate pool, to recompute the draw (see docs/appeals.md, "The jury draw").
/// </summary>
public sealed record JuryDrawResult
{
    /// <summary>Names the algorithm, so auditors know how to re-run it (<see cref="JuryDraw.Method"/>).</summary>
    public required string Method { get; init; }

    /// <summary>SHA-256 hex of the seed, published at draw time, before the seed is revealed.</summary>
    public required string SeedCommitment { get; init; }

    /// <summary>SHA-256 hex over the sorted eligible account ids: proves which pool the jury was drawn from.</summary>
    public required string PoolDigest { get; init; }

    /// <summary>The requested jury size.</summary>
    public required int Size { get; init; }

    /// <summary>How many distinct candidates had no conflict.</summary>
    public required int EligibleCount { get; init; }

    /// <summary>The drawn account ids, in draw order (best rank first).</summary>
    public required IReadOnlyList<string> Jurors { get; init; }

    /// <summary>Every distinct candidate left out and why (first reason), ordered by account id.</summary>
    public required IReadOnlyList<JuryExclusion> Excluded { get; init; }

    /// <summary>How many jurors are missing because too few candidates were eligible.</summary>
    public int Shortfall => Math.Max(0, Size - Jurors.Count);

    /// <summary>True when fewer jurors were drawn than requested.</summary>
    public bool IsShort => Shortfall > 0;
}
