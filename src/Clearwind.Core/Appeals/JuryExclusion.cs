namespace Clearwind.Appeals;

/// <summary>A candidate left out of a jury draw, with the first conflict found (in <see cref="JuryConflict"/> order).</summary>
/// <param name="AccountId">The candidate's account id.</param>
/// <param name="Reason">The first conflict that rules the candidate out.</param>
public sealed record JuryExclusion(string AccountId, JuryConflict Reason);
