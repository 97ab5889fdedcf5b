using Clearwind.Detection;

namespace Clearwind.Policy;

/// <summary>
/// Keeps the append-only decision log true to the latest evidence and policy without editing it (SPEC §3). A scan
/// decides afresh on every finding; comparing that with the log gives <c>lift</c> records (<see cref="DecisionActions.Lift"/>,
/// <see cref="Decision.Reverses"/>) for logged decisions that no longer hold: one the current findings and policy no longer
/// give (a policy change, a finding whose evidence fell apart), or one whose penalty now ends earlier than logged (a
/// listing fixed after the decision was logged). Appeals will write their reversals the same way.
/// </summary>
public static class DecisionReversals
{
    /// <summary>
    /// Brings <paramref name="logged"/> in line with <paramref name="current"/> (the decisions of a fresh pass over every
    /// finding). Returns the current decisions to append, a decision given again after being lifted under a new id (the
    /// lifted id stays lifted), and the lift records: effective at <paramref name="now"/> (event time of the scan's last
    /// event) for logged decisions no longer given, at the new expiry for penalties that now end earlier. Lift records and
    /// decisions already lifted are left alone.
    /// </summary>
    public static (IReadOnlyList<Decision> Current, IReadOnlyList<Decision> Lifts) Reconcile(IReadOnlyList<Decision> logged, IReadOnlyList<Decision> current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(logged);
        ArgumentNullException.ThrowIfNull(current);
        var lifted = Lifted(logged);
        var renamed = new List<Decision>(current.Count);
        var byId = new Dictionary<string, Decision>(StringComparer.Ordinal);
        foreach (var d in current)
        {
            var live = LiveId(d.Id, lifted);
            var decision = live == d.Id ? d : d with { Id = live, Explanation = Rename(d.Explanation, d.Id, live) };
            if (byId.TryAdd(decision.Id, decision))
            {
                renamed.Add(decision);
            }
        }

        var lifts = new List<Decision>();
        foreach (var old in logged)
        {
            if (old.Action == DecisionActions.Lift || lifted.Contains(old.Id))
            {
                continue;
            }

            if (!byId.TryGetValue(old.Id, out var fresh))
            {
                var at = now < old.EffectiveAt ? old.EffectiveAt : now;
                lifts.Add(Lift(old, at, LiftReason.NoLongerGiven));
            }
            else if (fresh.ExpiresAt is { } ends && (old.ExpiresAt is null || ends < old.ExpiresAt))
            {
                lifts.Add(Lift(old, ends, LiftReason.EndsEarlier));
            }
        }

        return (renamed, lifts);
    }

    // A decision lifted and then given again gets a new id per round, so the log keeps one record per id.
    private static string LiveId(string id, HashSet<string> lifted)
    {
        var live = id;
        for (var round = 1; lifted.Contains(live); round++)
        {
            live = "d_" + StableHash.Hex("again", id, round.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return live;
    }

    private static DecisionExplanation? Rename(DecisionExplanation? explanation, string from, string to)
        => explanation is null ? null : new(explanation.En.Replace(from, to, StringComparison.Ordinal), explanation.ZhCn.Replace(from, to, StringComparison.Ordinal));

    /// <summary>The decisions of <paramref name="log"/> no <c>lift</c> record reverses, lift records left out: what is still decided.</summary>
    public static IReadOnlyList<Decision> Standing(IReadOnlyList<Decision> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lifted = Lifted(log);
        return lifted.Count == 0 && !log.Any(d => d.Action == DecisionActions.Lift)
            ? log
            : [.. log.Where(d => d.Action != DecisionActions.Lift && !lifted.Contains(d.Id))];
    }

    /// <summary>
    /// The <c>lift</c> record of a decision overturned by people (an appeal upheld by staff, a review dismissed): a new record
    /// that reverses <paramref name="old"/> and says why, so the log keeps both.
    /// </summary>
    public static Decision Overturn(Decision old, DateTimeOffset at, string caseId)
    {
        ArgumentNullException.ThrowIfNull(old);
        return Lift(old, at, _ => new DecisionExplanation(
            $"Decision {old.Id} ({old.Action}) is lifted: case {caseId} overturned it. What it took is restored from now on: voided sales count again, rank weight and strikes return to what they were without it.",
            $"决定 {old.Id}（{old.Action}）已撤销：案件 {caseId} 推翻了该决定。其影响自即日起全部恢复：被作废的销量重新计入，排名权重与违规记分恢复原状。"));
    }

    private static HashSet<string> Lifted(IReadOnlyList<Decision> log)
        => new(log.Where(d => d.Action == DecisionActions.Lift && d.Reverses is not null).Select(d => d.Reverses!), StringComparer.Ordinal);

    private static Decision Lift(Decision old, DateTimeOffset at, LiftReason reason)
        => Lift(old, at, id => DecisionExplainer.ExplainLift(old, id, at, reason));

    private static Decision Lift(Decision old, DateTimeOffset at, Func<string, DecisionExplanation> explain)
    {
        var id = "d_" + StableHash.Hex("lift", old.Id);
        return new Decision
        {
            Id = id,
            Entity = old.Entity,
            Action = DecisionActions.Lift,
            Rule = old.Rule,
            Findings = old.Findings,
            Strike = 0,
            EffectiveAt = at,
            Reverses = old.Id,
            Explanation = explain(id),
        };
    }
}

/// <summary>Why a logged decision is lifted.</summary>
internal enum LiftReason
{
    /// <summary>The current findings and policy no longer give it.</summary>
    NoLongerGiven,

    /// <summary>Its penalty now ends before the logged expiry (its finding cleared: the listing was fixed).</summary>
    EndsEarlier,
}
