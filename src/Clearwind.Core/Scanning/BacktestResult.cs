using System.Text.Json.Nodes;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Scanning;

/// <summary>A count under the baseline policy and under the candidate.</summary>
public sealed record BacktestCount(string Key, int Baseline, int Candidate)
{
    /// <summary>Candidate minus baseline.</summary>
    public int Difference => Candidate - Baseline;
}

/// <summary>
/// An entity whose penalty changed: the penalty it gets on one side (<see cref="Action"/> under <see cref="Rule"/>,
/// from findings scoring up to <see cref="Score"/>) and every action it gets on the other side (<see cref="Other"/>:
/// e.g. <c>review</c>, or nothing).
/// </summary>
public sealed record BacktestEntity(EntityRef Entity, string Action, string Rule, double Score, IReadOnlyList<string> Other);

/// <summary>A pattern's finding on an entity present under one policy only (its highest score).</summary>
public sealed record BacktestFlag(string Pattern, EntityRef Entity, double Score);

/// <summary>The comparison <c>clearwind rules backtest</c> shows.</summary>
public sealed class BacktestResult
{
    /// <summary>The comparison as JSON (snake_case; entities as SPEC §8 <c>{"type", "id"}</c>).</summary>
    public JsonObject ToJson(string baselineName, string candidateName) => new()
    {
        ["baseline"] = baselineName,
        ["candidate"] = candidateName,
        ["events"] = Scan.EventsRead,
        ["detection_runs"] = DetectionRuns,
        ["findings_by_pattern"] = Counts(FindingsByPattern, "pattern"),
        ["decisions_by_action"] = Counts(DecisionsByAction, "action"),
        ["entities"] = Counts(Entities, "kind"),
        ["newly_penalised"] = EntityRows(NewlyPenalised, "baseline_actions"),
        ["newly_cleared"] = EntityRows(NewlyCleared, "candidate_actions"),
        ["newly_flagged"] = Flags(NewlyFlagged),
        ["no_longer_flagged"] = Flags(NoLongerFlagged),
    };

    private static JsonArray Counts(IReadOnlyList<BacktestCount> rows, string key)
        => [.. rows.Select(r => (JsonNode)new JsonObject { [key] = r.Key, ["baseline"] = r.Baseline, ["candidate"] = r.Candidate, ["difference"] = r.Difference })];

    private static JsonArray EntityRows(IReadOnlyList<BacktestEntity> rows, string otherKey)
        => [.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["entity"] = EntityJson(r.Entity),
            ["action"] = r.Action,
            ["rule"] = r.Rule,
            ["score"] = r.Score,
            [otherKey] = new JsonArray([.. r.Other.Select(a => (JsonNode)JsonValue.Create(a))]),
        })];

    private static JsonArray Flags(IReadOnlyList<BacktestFlag> rows)
        => [.. rows.Select(r => (JsonNode)new JsonObject { ["pattern"] = r.Pattern, ["entity"] = EntityJson(r.Entity), ["score"] = r.Score })];

    private static JsonObject EntityJson(EntityRef e) => new() { ["type"] = e.Type, ["id"] = e.Id };


    /// <summary>The baseline's scan: input statistics (events read, problems).</summary>
    public required ScanResult Scan { get; init; }

    /// <summary>1 when the candidate reused the baseline's detection (only actions and cut-offs differ), else 2.</summary>
    public required int DetectionRuns { get; init; }

    /// <summary>Baseline findings.</summary>
    public required IReadOnlyList<Finding> BaselineFindings { get; init; }

    /// <summary>Candidate findings.</summary>
    public required IReadOnlyList<Finding> CandidateFindings { get; init; }

    /// <summary>Baseline decisions.</summary>
    public required IReadOnlyList<Decision> BaselineDecisions { get; init; }

    /// <summary>Candidate decisions.</summary>
    public required IReadOnlyList<Decision> CandidateDecisions { get; init; }

    /// <summary>Findings by pattern (patterns with a finding on either side).</summary>
    public required IReadOnlyList<BacktestCount> FindingsByPattern { get; init; }

    /// <summary>Decisions by action (actions taken on either side).</summary>
    public required IReadOnlyList<BacktestCount> DecisionsByAction { get; init; }

    /// <summary>Distinct entities with a penalty (a punitive action), and distinct entities in the review queue.</summary>
    public required IReadOnlyList<BacktestCount> Entities { get; init; }

    /// <summary>Entities penalised under the candidate and not under the baseline: the candidate's penalties.</summary>
    public required IReadOnlyList<BacktestEntity> NewlyPenalised { get; init; }

    /// <summary>Entities penalised under the baseline and not under the candidate: the baseline's penalties, and what the candidate does instead.</summary>
    public required IReadOnlyList<BacktestEntity> NewlyCleared { get; init; }

    /// <summary>(pattern, entity) findings only the candidate raises.</summary>
    public required IReadOnlyList<BacktestFlag> NewlyFlagged { get; init; }

    /// <summary>(pattern, entity) findings only the baseline raises.</summary>
    public required IReadOnlyList<BacktestFlag> NoLongerFlagged { get; init; }

    internal static BacktestResult Compare(ScanResult scan, IReadOnlyList<Finding> baseFindings, IReadOnlyList<Decision> baseDecisions,
        IReadOnlyList<Finding> candidateFindings, IReadOnlyList<Decision> candidateDecisions, int runs)
    {
        var baseFlags = Flags(baseFindings);
        var candidateFlags = Flags(candidateFindings);
        return new BacktestResult
        {
            Scan = scan,
            DetectionRuns = runs,
            BaselineFindings = baseFindings,
            CandidateFindings = candidateFindings,
            BaselineDecisions = baseDecisions,
            CandidateDecisions = candidateDecisions,
            FindingsByPattern = Counts(baseFindings.Select(f => f.Pattern), candidateFindings.Select(f => f.Pattern)),
            DecisionsByAction = Counts(baseDecisions.Select(d => d.Action), candidateDecisions.Select(d => d.Action)),
            Entities =
            [
                EntityCount("penalised", baseDecisions, candidateDecisions, DecisionActions.IsPunitive),
                EntityCount("in_review", baseDecisions, candidateDecisions, a => a == DecisionActions.Review),
            ],
            NewlyPenalised = Changed(candidateDecisions, candidateFindings, baseDecisions),
            NewlyCleared = Changed(baseDecisions, baseFindings, candidateDecisions),
            NewlyFlagged = [.. Only(candidateFlags, baseFlags)],
            NoLongerFlagged = [.. Only(baseFlags, candidateFlags)],
        };
    }

    private static List<BacktestCount> Counts(IEnumerable<string> baseline, IEnumerable<string> candidate)
    {
        var b = baseline.CountBy(k => k, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var c = candidate.CountBy(k => k, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return [.. b.Keys.Union(c.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => new BacktestCount(k, b.GetValueOrDefault(k), c.GetValueOrDefault(k)))];
    }

    private static BacktestCount EntityCount(string key, IReadOnlyList<Decision> baseline, IReadOnlyList<Decision> candidate, Func<string, bool> which)
        => new(key, baseline.Where(d => which(d.Action)).Select(d => d.Entity).Distinct().Count(),
            candidate.Where(d => which(d.Action)).Select(d => d.Entity).Distinct().Count());

    /// <summary>Penalties on <paramref name="side"/> for entities the <paramref name="other"/> side does not penalise.</summary>
    private static List<BacktestEntity> Changed(IReadOnlyList<Decision> side, IReadOnlyList<Finding> sideFindings, IReadOnlyList<Decision> other)
    {
        var otherPenalised = other.Where(d => DecisionActions.IsPunitive(d.Action)).Select(d => d.Entity).ToHashSet();
        var otherActions = other.GroupBy(d => d.Entity).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(d => d.Action).Distinct().Order(StringComparer.Ordinal)]);
        var scores = sideFindings.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(f => f.Score), StringComparer.Ordinal);
        return
        [
            .. side.Where(d => DecisionActions.IsPunitive(d.Action) && !otherPenalised.Contains(d.Entity))
                .GroupBy(d => (d.Entity, d.Action, d.Rule))
                .Select(g => new BacktestEntity(g.Key.Entity, g.Key.Action, g.Key.Rule,
                    g.SelectMany(d => d.Findings).Select(id => scores.GetValueOrDefault(id)).DefaultIfEmpty(0).Max(),
                    otherActions.GetValueOrDefault(g.Key.Entity) ?? []))
                .OrderBy(e => e.Rule, StringComparer.Ordinal).ThenByDescending(e => e.Score)
                .ThenBy(e => e.Entity.Type, StringComparer.Ordinal).ThenBy(e => e.Entity.Id, StringComparer.Ordinal),
        ];
    }

    private static Dictionary<(string Pattern, EntityRef Entity), double> Flags(IReadOnlyList<Finding> findings)
        => findings.GroupBy(f => (f.Pattern, f.Entity)).ToDictionary(g => g.Key, g => g.Max(f => f.Score));

    private static IEnumerable<BacktestFlag> Only(Dictionary<(string Pattern, EntityRef Entity), double> side, Dictionary<(string Pattern, EntityRef Entity), double> other)
        => side.Where(p => !other.ContainsKey(p.Key))
            .Select(p => new BacktestFlag(p.Key.Pattern, p.Key.Entity, p.Value))
            .OrderBy(f => f.Pattern, StringComparer.Ordinal).ThenByDescending(f => f.Score)
            .ThenBy(f => f.Entity.Type, StringComparer.Ordinal).ThenBy(f => f.Entity.Id, StringComparer.Ordinal);
}
