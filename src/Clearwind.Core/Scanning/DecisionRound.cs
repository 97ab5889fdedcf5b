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
        var newDecisions = await store.Decisions.AppendAsync(batch, cancellationToken);
        return new DecisionRoundResult(await LogAfterAsync(store.Decisions, logged, batch, cancellationToken), newDecisions, outcomes);
    }

    /// <summary>
    /// The whole log after <paramref name="batch"/> was appended to a log that held <paramref name="logged"/>. When the
    /// store's seal says the log is exactly that (its length and the hash of the last record, which commits to every
    /// record before it), the records are linked here as the store linked them instead of read back (a round may append
    /// tens of thousands, each a few kilobytes of explanation); when another writer appended meanwhile, they are read.
    /// </summary>
    private static async Task<List<Decision>> LogAfterAsync(IDecisionLog decisions, List<Decision> logged, List<Decision> batch, CancellationToken cancellationToken)
    {
        var log = new List<Decision>(logged.Count + batch.Count);
        log.AddRange(logged);
        var ids = new HashSet<string>(logged.Count + batch.Count, StringComparer.Ordinal);
        foreach (var d in logged)
        {
            ids.Add(d.Id);
        }

        var head = logged.Count > 0 ? logged[^1].Hash : DecisionChain.Genesis;
        if (head is not null)
        {
            foreach (var d in batch)
            {
                if (ids.Add(d.Id))
                {
                    var linked = DecisionChain.Link(d, head);
                    log.Add(linked);
                    head = linked.Hash!;
                }
            }

            if (await decisions.ReadSealAsync(cancellationToken) is { } seal && seal.Records == log.Count && seal.Head == head)
            {
                return log;
            }
        }

        log.Clear();
        await foreach (var d in decisions.ReadAllAsync(cancellationToken))
        {
            log.Add(d);
        }

        return log;
    }
}
