using Clearwind.Appeals;
using Clearwind.Policy;

namespace Clearwind.Scanning;

/// <summary>What a <see cref="DecisionRound"/> left in the store.</summary>
/// <param name="Log">The whole decision log after the round.</param>
/// <param name="NewDecisions">Decisions the round added.</param>
/// <param name="Outcomes">People's calls in cases, read for the round.</param>
public sealed record DecisionRoundResult(IReadOnlyList<Decision> Log, int NewDecisions, CaseOutcomes Outcomes);
