using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// The pipeline's side of <see cref="Corroboration"/>: live corroborations by entity (forgotten once event time
/// passes their end), the evidence already attached to each finding (kept for the finding's life, so a later
/// version of the finding keeps it), and the findings by the entities they accuse, to reach findings reported before
/// the corroboration. Created on the first corroboration: a pipeline whose detectors never corroborate pays nothing.
/// </summary>
internal sealed class CorroborationIndex
{
    private readonly Dictionary<EntityRef, List<Corroboration>> _live = [];
    private readonly PriorityQueue<Corroboration, long> _expiry = new();
    private readonly Dictionary<string, List<Evidence>> _attached = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityRef, HashSet<string>> _findingsByEntity = [];

    public CorroborationIndex(IEnumerable<Finding> existing)
    {
        foreach (var finding in existing)
        {
            IndexFinding(finding);
        }
    }

    /// <summary>A detector's new version of a finding, with every corroboration that matches it appended to its evidence.</summary>
    public Finding Enrich(Finding finding)
    {
        IndexFinding(finding);
        _attached.TryGetValue(finding.Id, out var attached);
        if (_live.Count == 0)
        {
            return attached is null ? finding : finding with { Evidence = [.. finding.Evidence, .. attached] };
        }

        foreach (var entity in Accused(finding))
        {
            if (!_live.TryGetValue(entity, out var list))
            {
                continue;
            }

            foreach (var c in list)
            {
                if (Matches(c, finding) && (attached is null || !attached.Exists(e => ReferenceEquals(e, c.Evidence))))
                {
                    if (attached is null)
                    {
                        _attached[finding.Id] = attached = [];
                    }

                    attached.Add(c.Evidence);
                }
            }
        }

        return attached is null ? finding : finding with { Evidence = [.. finding.Evidence, .. attached] };
    }

    /// <summary>Keeps a corroboration and returns the current findings it joins, each with its evidence appended.</summary>
    public List<Finding> Add(Corroboration corroboration, Func<string, Finding?> current)
    {
        var joined = new List<Finding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in corroboration.Entities.Distinct())
        {
            if (!_live.TryGetValue(entity, out var list))
            {
                _live[entity] = list = [];
            }

            list.Add(corroboration);
            if (!_findingsByEntity.TryGetValue(entity, out var ids))
            {
                continue;
            }

            foreach (var id in ids.Order(StringComparer.Ordinal))
            {
                if (!seen.Add(id) || current(id) is not { } finding || !Matches(corroboration, finding) || !Accused(finding).Contains(entity))
                {
                    continue;
                }

                if (!_attached.TryGetValue(id, out var attached))
                {
                    _attached[id] = attached = [];
                }

                attached.Add(corroboration.Evidence);
                joined.Add(finding with { Evidence = [.. finding.Evidence, corroboration.Evidence] });
            }
        }

        _expiry.Enqueue(corroboration, corroboration.To.UtcTicks);
        return joined;
    }

    /// <summary>Forgets corroborations whose time ended before <paramref name="now"/>.</summary>
    public void Expire(DateTimeOffset now)
    {
        while (_expiry.TryPeek(out var c, out var to) && to < now.UtcTicks)
        {
            _expiry.Dequeue();
            foreach (var entity in c.Entities.Distinct())
            {
                if (_live.TryGetValue(entity, out var list))
                {
                    // A loop, not RemoveAll with a lambda: the lambda's closure would be allocated on every call, expiring or not.
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        if (ReferenceEquals(list[i], c))
                        {
                            list.RemoveAt(i);
                        }
                    }

                    if (list.Count == 0)
                    {
                        _live.Remove(entity);
                    }
                }
            }
        }
    }

    private void IndexFinding(Finding finding)
    {
        foreach (var entity in Accused(finding))
        {
            if (!_findingsByEntity.TryGetValue(entity, out var ids))
            {
                _findingsByEntity[entity] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(finding.Id);
        }
    }

    private static bool Matches(Corroboration c, Finding finding)
        => finding.From <= c.To && finding.To >= c.From && c.Covers(finding.Pattern);

    /// <summary>
    /// The entities a finding accuses: its own and its related parties, victims excepted. Related items (orders, clicks,
    /// reviews, reports) are what a finding judges, not whom it accuses, and can be many: they are left out.
    /// </summary>
    private static IEnumerable<EntityRef> Accused(Finding finding)
    {
        if (finding.Role != EntityRole.Victim)
        {
            yield return finding.Entity;
        }

        foreach (var related in finding.Related)
        {
            if (related.Role != EntityRole.Victim && !EntityTypes.IsItem(related.Type))
            {
                yield return new EntityRef(related.Type, related.Id);
            }
        }
    }
}
