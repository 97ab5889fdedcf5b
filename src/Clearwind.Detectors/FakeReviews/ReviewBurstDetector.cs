using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>What a fake-review detector judges per listing once it has settled: a window of reviews, an episode, a text group.</summary>
internal interface IReviewBurst
{
    string Listing { get; }

    long LastTicks { get; }
}

/// <summary>
/// The life the fake-review detectors share: a burst a review touched waits in <see cref="Dirty"/> until it has rested the
/// settle time (or the stream completes), ready bursts are judged in a fixed order, and once a day of event time stale
/// state is forgotten. Findings name a listing, with the writers and their reviews as actors.
/// </summary>
internal abstract class ReviewBurstDetector<TBurst> : Detector
    where TBurst : class, IReviewBurst
{
    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;

    private readonly long _settleTicks;
    private readonly int _maxEvidenceEvents;
    private long _nextHousekeeping = long.MinValue;

    protected ReviewBurstDetector(int settleHours, int maxEvidenceEvents)
    {
        _settleTicks = TimeSpan.FromHours(settleHours).Ticks;
        _maxEvidenceEvents = maxEvidenceEvents;
    }

    /// <summary>Bursts a review changed since they were last judged.</summary>
    protected HashSet<TBurst> Dirty { get; } = [];

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        Judge(now, context, all: false);
        if (now >= _nextHousekeeping)
        {
            Forget(now);
            _nextHousekeeping = now + HousekeepingTicks;
        }
    }

    public override void Complete(DetectionContext context) => Judge(context.Now.UtcTicks, context, all: true);

    /// <summary>Judges one ready burst (already taken out of <see cref="Dirty"/>), reporting what it finds.</summary>
    protected abstract void Judge(TBurst burst, DetectionContext context);

    /// <summary>Judges the ready bursts, in <see cref="Compare"/> order.</summary>
    protected virtual void Judge(List<TBurst> ready, DetectionContext context)
    {
        foreach (var burst in ready)
        {
            Dirty.Remove(burst);
            Judge(burst, context);
        }
    }

    /// <summary>The order ready bursts are judged in: by listing unless overridden.</summary>
    protected virtual int Compare(TBurst a, TBurst b) => StringComparer.Ordinal.Compare(a.Listing, b.Listing);

    /// <summary>Housekeeping, once a day of event time.</summary>
    protected abstract void Forget(long now);

    /// <summary>Drops the bursts last touched before <paramref name="before"/> that wait for no judgement.</summary>
    protected void Forget<TKey>(Dictionary<TKey, TBurst> bursts, long before)
        where TKey : notnull
    {
        foreach (var (key, burst) in bursts)
        {
            if (burst.LastTicks < before && !Dirty.Contains(burst))
            {
                bursts.Remove(key);
            }
        }
    }

    /// <summary>The first event ids of a piece of evidence, as many as <c>max_evidence_events</c> allows.</summary>
    protected List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_maxEvidenceEvents)];

    /// <summary>Writers, then their reviews, as actors.</summary>
    protected static List<RelatedEntity> Actors(IEnumerable<string> accounts, IEnumerable<string> reviews) =>
    [
        .. accounts.Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor)),
        .. reviews.Select(r => new RelatedEntity(EntityTypes.Review, r, EntityRole.Actor)),
    ];

    /// <summary>A finding on <paramref name="listing"/>; its id is made from <paramref name="idFrom"/> when given, else from <paramref name="from"/>.</summary>
    protected Finding ToFinding(string listing, EntityRole role, double score, Severity severity, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<RelatedEntity> related, IReadOnlyList<Evidence> evidence, string rule, DateTimeOffset? idFrom = null)
    {
        var entity = new EntityRef(EntityTypes.Listing, listing);
        return new Finding
        {
            Id = Finding.MakeId(Pattern.Value, entity, idFrom ?? from),
            Pattern = Pattern.Value,
            Entity = entity,
            Role = role,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related = related,
            Evidence = evidence,
            Rule = rule,
        };
    }

    private void Judge(long now, DetectionContext context, bool all)
    {
        if (Dirty.Count == 0)
        {
            return;
        }

        var ready = Dirty.Where(b => all || b.LastTicks + _settleTicks <= now).ToList();
        ready.Sort(Compare);
        Judge(ready, context);
    }
}
