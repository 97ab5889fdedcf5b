using Clearwind.Appeals;
using Clearwind.Detection;
using Clearwind.Policy;
using Clearwind.Storage;

namespace Clearwind.Scanning;

/// <summary>
/// Turns a detection run's findings into decisions and saves both: people's calls in cases stand, and what the log
/// holds that this round no longer gives is lifted by a new record (decisions are never edited). A scan ends with one
/// round; a cluster's decision grain runs the same round.
/// </summary>
public static class DecisionRound
{
    /// <summary>Decides <paramref name="findings"/> (event time <paramref name="now"/>), saves findings and new decisions, and returns the whole log.</summary>
    public static async Task<DecisionRoundResult> RunAsync(IClearwindStore store, Decider decider, IReadOnlyList<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(findings);
        var outcomes = await CaseOutcomes.ReadAsync(store.Journal, cancellationToken);
        var logged = new List<Decision>();
        await foreach (var d in store.Decisions.ReadAllAsync(cancellationToken))
        {
            logged.Add(d);
        }

        var decisions = outcomes.Decide(decider, findings, logged);
        var (current, lifts) = DecisionReversals.Reconcile(logged, decisions, now);
        await store.Findings.SaveAsync(findings, cancellationToken);
        var newDecisions = await store.Decisions.AppendAsync([.. current, .. lifts], cancellationToken);
        var log = new List<Decision>();
        await foreach (var d in store.Decisions.ReadAllAsync(cancellationToken))
        {
            log.Add(d);
        }

        return new DecisionRoundResult(log, newDecisions, outcomes);
    }
}
