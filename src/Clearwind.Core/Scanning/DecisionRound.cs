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
        List<Decision> batch = [.. current, .. lifts];
        var appended = new List<Decision>(batch.Count);
        var newDecisions = await store.Decisions.AppendAsync(batch, appended, cancellationToken);
        return new DecisionRoundResult(await LogAfterAsync(store.Decisions, logged, appended, cancellationToken), newDecisions, outcomes);
    }

    /// <summary>
    /// The whole log after the store appended <paramref name="appended"/> (as it chained them) to a log that held
    /// <paramref name="logged"/>. When the store's seal says the log is exactly that (its length and the hash of the last
    /// record, which commits to every record before it), those records are the log and nothing is read back (a round may
    /// append tens of thousands, each a few kilobytes of explanation); when another writer appended meanwhile, it is read.
    /// </summary>
    private static async Task<List<Decision>> LogAfterAsync(IDecisionLog decisions, List<Decision> logged, List<Decision> appended, CancellationToken cancellationToken)
    {
        var log = new List<Decision>(logged.Count + appended.Count);
        log.AddRange(logged);
        log.AddRange(appended);
        var head = log.Count > 0 ? log[^1].Hash : DecisionChain.Genesis;
        if (head is not null && await decisions.ReadSealAsync(cancellationToken) is { } seal && seal.Records == log.Count && seal.Head == head)
        {
            return log;
        }

        log.Clear();
        await foreach (var d in decisions.ReadAllAsync(cancellationToken))
        {
            log.Add(d);
        }

        return log;
    }
}
