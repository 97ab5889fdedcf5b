using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Service.Live;

/// <summary>
/// The read side of the live engine: findings, the decision log and their indexes by entity, as of the last commit. The
/// writer applies each commit under a lock; readers take the same lock for a consistent answer (reads are short).
/// </summary>
public sealed class LiveView
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityRef, HashSet<string>> _findingsByEntity = [];
    private readonly List<Decision> _log = [];
    private readonly Dictionary<string, Decision> _decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Decision>> _byFinding = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityRef, List<Decision>> _byEntity = [];
    private readonly HashSet<string> _lifted = new(StringComparer.Ordinal);

    /// <summary>Event time of the latest event detected.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Findings held.</summary>
    public int FindingCount
    {
        get
        {
            lock (_gate)
            {
                return _findings.Count;
            }
        }
    }

    /// <summary>Records in the decision log.</summary>
    public int DecisionCount
    {
        get
        {
            lock (_gate)
            {
                return _log.Count;
            }
        }
    }

    /// <summary>A finding by id, or null.</summary>
    public Finding? Finding(string id)
    {
        lock (_gate)
        {
            return _findings.GetValueOrDefault(id);
        }
    }

    /// <summary>A decision by id, or null.</summary>
    public Decision? Decision(string id)
    {
        lock (_gate)
        {
            return _decisions.GetValueOrDefault(id);
        }
    }

    /// <summary>Whether the decision is still standing (not a lift record and not lifted).</summary>
    public bool IsStanding(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
        {
            return decision.Action != DecisionActions.Lift && !_lifted.Contains(decision.Id);
        }
    }

    /// <summary>Findings about an entity (as the finding's entity or a related party or item) and decisions on it, in log order.</summary>
    public (IReadOnlyList<Finding> Findings, IReadOnlyList<Decision> Decisions) Entity(EntityRef entity)
    {
        lock (_gate)
        {
            var findings = _findingsByEntity.TryGetValue(entity, out var ids)
                ? ids.Select(id => _findings[id]).OrderBy(f => f.From).ThenBy(f => f.Id, StringComparer.Ordinal).ToList()
                : [];
            var decisions = _byEntity.TryGetValue(entity, out var list) ? list.ToList() : [];
            return (findings, decisions);
        }
    }

    /// <summary>A page of the decision log in log order: records from position <paramref name="after"/> (0-based, exclusive start).</summary>
    public IReadOnlyList<Decision> Log(int after, int limit)
    {
        lock (_gate)
        {
            var from = Math.Clamp(after, 0, _log.Count);
            return _log.GetRange(from, Math.Min(limit, _log.Count - from));
        }
    }

    /// <summary>Every finding and the standing decisions: for the search signals.</summary>
    public (IReadOnlyList<Finding> Findings, IReadOnlyList<Decision> Standing) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _findings.Values], [.. _log.Where(d => d.Action != DecisionActions.Lift && !_lifted.Contains(d.Id))]);
        }
    }

    /// <summary>The verdict on an order: the standing decisions resting on findings that name it.</summary>
    public OrderVerdict VerdictFor(string order)
    {
        lock (_gate)
        {
            var decisions = new List<Decision>();
            if (_findingsByEntity.TryGetValue(new EntityRef(EntityTypes.Order, order), out var ids))
            {
                foreach (var id in ids.Order(StringComparer.Ordinal))
                {
                    decisions.AddRange(StandingOf(id));
                }
            }

            var verdict = decisions.Count == 0 ? "clear"
                : decisions.Exists(d => DecisionActions.IsPunitive(d.Action)) ? "act"
                : "review";
            return new OrderVerdict(order, verdict, decisions);
        }
    }

    internal bool HasDecision(string id)
    {
        lock (_gate)
        {
            return _decisions.ContainsKey(id);
        }
    }

    internal IReadOnlyList<Decision> StandingDecisionsOf(string findingId)
    {
        lock (_gate)
        {
            return [.. StandingOf(findingId)];
        }
    }

    internal void Apply(IReadOnlyList<Finding> findings, IReadOnlyList<Decision> appended, DateTimeOffset now, bool replaceFindings = false)
    {
        lock (_gate)
        {
            if (replaceFindings)
            {
                // A new policy's findings replace the old ones; the decision log only grows.
                _findings.Clear();
                _findingsByEntity.Clear();
            }

            Now = now;
            foreach (var finding in findings)
            {
                _findings[finding.Id] = finding;
                Index(finding.Entity, finding.Id);
                foreach (var related in finding.Related)
                {
                    Index(new EntityRef(related.Type, related.Id), finding.Id);
                }
            }

            foreach (var decision in appended)
            {
                if (!_decisions.TryAdd(decision.Id, decision))
                {
                    continue;
                }

                _log.Add(decision);
                if (decision.Action == DecisionActions.Lift && decision.Reverses is { } reversed)
                {
                    _lifted.Add(reversed);
                }

                Add(_byEntity, decision.Entity, decision);
                foreach (var findingId in decision.Findings)
                {
                    Add(_byFinding, findingId, decision);
                }
            }
        }
    }

    private IEnumerable<Decision> StandingOf(string findingId)
        => _byFinding.TryGetValue(findingId, out var list)
            ? list.Where(d => d.Action != DecisionActions.Lift && !_lifted.Contains(d.Id))
            : [];

    private void Index(EntityRef entity, string findingId)
    {
        if (!_findingsByEntity.TryGetValue(entity, out var ids))
        {
            _findingsByEntity[entity] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(findingId);
    }

    private static void Add<TKey>(Dictionary<TKey, List<Decision>> index, TKey key, Decision decision)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(decision);
    }
}
