namespace Clearwind.Simulation;

/// <summary>A burst of one-star reviews on a competitor's best seller (恶意差评).</summary>
/// <param name="Victim">The attacked listing.</param>
/// <param name="Competitor">The shop behind the attack.</param>
/// <param name="LinkedToCompetitor">The attackers are the competitor's own people (shared identifiers with its owner).</param>
/// <param name="Attackers">Accounts that post, with the time each posts; those with an order place it shortly before.</param>
/// <param name="WithOrder">Attackers that place (and later cancel) an order before posting.</param>
/// <param name="Template">Clauses the reviews paraphrase, when the attackers share a script; null when each writes their own.</param>
internal sealed record ReviewAttackPlan(
    ListingProfile Victim,
    ShopProfile Competitor,
    bool LinkedToCompetitor,
    IReadOnlyList<(AccountProfile Attacker, long Ticks)> Attackers,
    IReadOnlySet<AccountProfile> WithOrder,
    IReadOnlyList<string[]>? Template);
