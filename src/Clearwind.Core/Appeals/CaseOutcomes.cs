using System.Text.Json;
using Clearwind.Policy;
using Clearwind.Storage;

namespace Clearwind.Appeals;

/// <summary>
/// What people decided in cases, read from the store's journal (the service writes it): findings settled by an overturned
/// appeal, decisions people reversed, decisions people added, and per pattern how often appeals overturned a decision.
/// Every host that re-decides from the store (the service on a restart, <c>clearwind scan</c> on the same store) honours
/// it, so a re-decision never undoes a person's call.
/// </summary>
public sealed class CaseOutcomes
{
    /// <summary>Journal kind of a case being opened (body: <c>case</c>, <c>kind</c>, <c>pattern</c>, …).</summary>
    public const string OpenedKind = "case_opened";

    /// <summary>Journal kind of a case's final call (body: <c>case</c>, <c>by</c>, <c>outcome</c>, <c>overrules_jury</c>, <c>reversed</c>, <c>added</c>, <c>settled_findings</c>, …).</summary>
    public const string ResolvedKind = "case_resolved";

    /// <summary>Kind of case that is a seller's appeal.</summary>
    public const string AppealKind = "appeal";

    /// <summary>Who resolved a case the automatic re-check cleared.</summary>
    public const string Recheck = "recheck";

    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reversed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Kind, string Pattern)> _opened = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string By, string Outcome, bool Overrules)> _resolved = new(StringComparer.Ordinal);

    /// <summary>Findings an overturned appeal settled: not decided on again.</summary>
    public IReadOnlySet<string> SettledFindings => _settled;

    /// <summary>Decisions people reversed: not given again.</summary>
    public IReadOnlySet<string> ReversedDecisions => _reversed;

    /// <summary>Decisions people added (a reviewer's action): kept as written.</summary>
    public IReadOnlySet<string> AddedDecisions => _added;

    /// <summary>Reads the whole journal.</summary>
    public static async Task<CaseOutcomes> ReadAsync(IRecordJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var outcomes = new CaseOutcomes();
        await foreach (var record in journal.ReadAllAsync(cancellationToken))
        {
            outcomes.Observe(record);
        }

        return outcomes;
    }

    /// <summary>Folds one journal record in (other kinds are ignored).</summary>
    public void Observe(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Kind is not (OpenedKind or ResolvedKind))
        {
            return;
        }

        using var body = JsonDocument.Parse(record.Json);
        var root = body.RootElement;
        var id = root.GetProperty("case").GetString()!;
        if (record.Kind == OpenedKind)
        {
            _opened.TryAdd(id, (root.GetProperty("kind").GetString()!, root.GetProperty("pattern").GetString()!));
            return;
        }

        _resolved[id] = (root.GetProperty("by").GetString()!, root.GetProperty("outcome").GetString()!, root.TryGetProperty("overrules_jury", out var o) && o.GetBoolean());
        _settled.UnionWith(Strings(root, "settled_findings"));
        _reversed.UnionWith(Strings(root, "reversed"));
        _added.UnionWith(Strings(root, "added"));
    }

    /// <summary>
    /// Decides on a fresh pass's findings as a scan does (in order of end time, then id) while honouring people's calls:
    /// findings an overturned appeal settled are not decided on, decisions people reversed are not given again nor count as
    /// strikes, and the decisions people added (from <paramref name="logged"/>) are kept.
    /// </summary>
    public List<Decision> Decide(Decider decider, IEnumerable<Detection.Finding> findings, IEnumerable<Decision> logged)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(findings);
        decider.Disregard(_reversed);
        var decided = decider.DecideAll(findings.Where(f => !_settled.Contains(f.Id)).OrderBy(f => f.To).ThenBy(f => f.Id, StringComparer.Ordinal));
        return Honour(decided, logged);
    }

    /// <summary>
    /// Brings a fresh pass's decisions in line with people's calls: decisions on settled findings and decisions people
    /// reversed are left out, and the decisions people added (from <paramref name="logged"/>) are kept.
    /// </summary>
    public List<Decision> Honour(IEnumerable<Decision> decided, IEnumerable<Decision> logged)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(logged);
        var kept = decided.Where(d => !_reversed.Contains(d.Id) && !d.Findings.Any(_settled.Contains)).ToList();
        kept.AddRange(logged.Where(d => _added.Contains(d.Id)));
        return kept;
    }

    /// <summary>Appeals and reviews per pattern, with the overturn rate (overturned ÷ resolved appeals).</summary>
    public IReadOnlyList<PatternOverturns> Overturns()
        => [.. _opened.GroupBy(p => p.Value.Pattern, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var appeals = g.Where(c => c.Value.Kind == AppealKind).Select(c => c.Key).ToList();
            var resolved = appeals.Where(_resolved.ContainsKey).Select(c => _resolved[c]).ToList();
            var overturned = resolved.Count(r => r.Outcome == "overturn");
            var reviews = g.Where(c => c.Value.Kind != AppealKind && _resolved.ContainsKey(c.Key)).Select(c => _resolved[c.Key]).ToList();
            return new PatternOverturns(
                g.Key,
                appeals.Count,
                resolved.Count,
                overturned,
                resolved.Count(r => r.By == Recheck),
                resolved.Count - overturned,
                resolved.Count(r => r.Overrules),
                resolved.Count == 0 ? null : Math.Round((double)overturned / resolved.Count, 4),
                reviews.Count,
                reviews.Count(r => r.Outcome == "dismiss"));
        })];

    private static IEnumerable<string> Strings(JsonElement root, string name)
        => root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>()
            : [];
}

/// <summary>
/// Appeals and reviews of one pattern. <see cref="OverturnRate"/> (overturned ÷ resolved appeals) is the pattern's measured
/// false-positive rate among the decisions sellers contested.
/// </summary>
/// <param name="Pattern">The pattern (the rule the decisions applied).</param>
/// <param name="Appeals">Appeals filed.</param>
/// <param name="Resolved">Appeals with a final call.</param>
/// <param name="Overturned">Appeals that overturned the decision (by the re-check or by staff).</param>
/// <param name="ClearedByRecheck">Of those, cleared by the automatic re-check.</param>
/// <param name="Upheld">Appeals that left the decision standing.</param>
/// <param name="OverruledJury">Final calls against the jury's verdict.</param>
/// <param name="OverturnRate">Overturned ÷ resolved; null before any is resolved.</param>
/// <param name="Reviews">Review cases resolved.</param>
/// <param name="Dismissed">Of those, dismissed.</param>
public sealed record PatternOverturns(string Pattern, int Appeals, int Resolved, int Overturned, int ClearedByRecheck, int Upheld, int OverruledJury, double? OverturnRate, int Reviews, int Dismissed);
