using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation.Evaluation;

/// <summary>
/// Scores a scan's findings and decisions against a simulated marketplace's labels: precision, recall and F1 per
/// pattern and family over (entity type, id); honest look-alikes flagged; victims penalised; fake items found.
/// </summary>
/// <remarks>
/// A finding names its entity and, in <c>related</c>, more entities with a role. Entities named as actor or
/// beneficiary count as predicted cheats; victims never do. Orders, clicks, reviews and reports in <c>related</c> are items
/// (scored at item level), not entities, unless a finding is about the item itself.
/// </remarks>
public static class MarketEvaluation
{
    /// <summary>How many ids a report lists per missed/wrong/flagged group.</summary>
    public const int ListedIds = 20;

    /// <summary>Scores findings and decisions against labels.</summary>
    public static EvaluationReport Score(MarketLabels labels, IEnumerable<Finding> findings, IEnumerable<Decision> decisions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(decisions);
        var findingList = findings.ToList();
        var decisionList = decisions.ToList();

        var truthByPattern = labels.Entities
            .GroupBy(e => e.Pattern, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Key(e.Type, e.Id)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var predictedByPattern = findingList
            .GroupBy(f => f.Pattern, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(Named).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var patterns = truthByPattern.Keys.Union(predictedByPattern.Keys).Order(StringComparer.Ordinal)
            .Select(p => Compare(p, Get(truthByPattern, p), Get(predictedByPattern, p)))
            .ToList();
        var families = patterns.Select(p => Family(p.Name)).Distinct().Order(StringComparer.Ordinal)
            .Select(family => Compare(
                family,
                Union(truthByPattern.Where(kv => Family(kv.Key) == family).Select(kv => kv.Value)),
                Union(predictedByPattern.Where(kv => Family(kv.Key) == family).Select(kv => kv.Value))))
            .ToList();
        var overall = Evaluation.Score.Of(
            truthByPattern.SelectMany(kv => kv.Value.Select(k => Family(kv.Key) + "|" + k)).ToHashSet(StringComparer.Ordinal),
            predictedByPattern.SelectMany(kv => kv.Value.Select(k => Family(kv.Key) + "|" + k)).ToHashSet(StringComparer.Ordinal));

        var flagged = Union(predictedByPattern.Values);
        var punished = decisionList.Where(d => DecisionActions.IsPunitive(d.Action)).Select(d => Key(d.Entity.Type, d.Entity.Id)).ToHashSet(StringComparer.Ordinal);
        var protectedEntities = decisionList.Where(d => DecisionActions.IsRemedy(d.Action)).Select(d => Key(d.Entity.Type, d.Entity.Id)).ToHashSet(StringComparer.Ordinal);

        var hardNegatives = labels.HardNegatives
            .GroupBy(h => h.Scenario, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var entities = g.Select(h => Key(h.Type, h.Id)).Distinct(StringComparer.Ordinal).ToList();
                var hit = entities.Where(k => flagged.Contains(k) || punished.Contains(k)).Order(StringComparer.Ordinal).ToList();
                return new LookAlikeResult(g.Key, entities.Count, hit.Count, [.. hit.Take(ListedIds)]);
            })
            .ToList();

        var victims = labels.Victims.Select(v => Key(v.Type, v.Id)).Distinct(StringComparer.Ordinal).ToList();
        var punishedVictims = victims.Where(k => flagged.Contains(k) || punished.Contains(k)).Order(StringComparer.Ordinal).ToList();

        return new EvaluationReport
        {
            Families = families,
            Patterns = patterns,
            Overall = overall,
            HardNegatives = hardNegatives,
            Victims = new VictimResult(victims.Count, punishedVictims.Count, victims.Count(protectedEntities.Contains), [.. punishedVictims.Take(ListedIds)]),
            Items =
            [
                ItemsOf("fake_orders", labels.Items.FakeOrders, findingList, EntityTypes.Order, "order_brushing"),
                ItemsOf("malicious_orders", labels.Items.MaliciousOrders, findingList, EntityTypes.Order, "attack"),
                ItemsOf("invalid_clicks", labels.Items.InvalidClicks, findingList, EntityTypes.Click, "attack"),
                ItemsOf("fake_reviews", labels.Items.FakeReviews, findingList, EntityTypes.Review, "fake_reviews", "order_brushing"),
            ],
        };
    }

    /// <summary>The pattern family: the part of a pattern id before its first dot.</summary>
    public static string Family(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var dot = pattern.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? pattern : pattern[..dot];
    }

    /// <summary>Entities a finding names as cheats: its own entity (unless a victim), and related actors and beneficiaries that are not items.</summary>
    private static IEnumerable<string> Named(Finding finding)
    {
        if (finding.Role != EntityRole.Victim)
        {
            yield return Key(finding.Entity.Type, finding.Entity.Id);
        }

        foreach (var related in finding.Related)
        {
            if (related.Role != EntityRole.Victim && !EntityTypes.IsItem(related.Type))
            {
                yield return Key(related.Type, related.Id);
            }
        }
    }

    private static ItemScore ItemsOf(string kind, IReadOnlyList<string> truth, List<Finding> findings, string type, params string[] families)
    {
        var predicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings.Where(f => families.Contains(Family(f.Pattern))))
        {
            if (finding.Entity.Type == type && finding.Role != EntityRole.Victim)
            {
                predicted.Add(finding.Entity.Id);
            }

            foreach (var related in finding.Related)
            {
                if (related.Type == type && related.Role != EntityRole.Victim)
                {
                    predicted.Add(related.Id);
                }
            }
        }

        return new ItemScore(kind, Evaluation.Score.Of(truth.ToHashSet(StringComparer.Ordinal), predicted));
    }

    private static PatternScore Compare(string name, HashSet<string> truth, HashSet<string> predicted)
        => new(
            name,
            Evaluation.Score.Of(truth, predicted),
            [.. truth.Where(k => !predicted.Contains(k)).Order(StringComparer.Ordinal).Take(ListedIds)],
            [.. predicted.Where(k => !truth.Contains(k)).Order(StringComparer.Ordinal).Take(ListedIds)]);

    private static HashSet<string> Get(Dictionary<string, HashSet<string>> sets, string key)
        => sets.TryGetValue(key, out var set) ? set : new HashSet<string>(StringComparer.Ordinal);

    private static HashSet<string> Union(IEnumerable<HashSet<string>> sets)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            all.UnionWith(set);
        }

        return all;
    }

    private static string Key(string type, string id) => type + ":" + id;
}
