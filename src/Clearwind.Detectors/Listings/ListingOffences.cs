using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// One listing's open offence for the detectors whose finding an edit can fix (<c>listing.banned_words</c>,
/// <c>listing.brand_infringement</c>): when it began, its latest offending event, the shop, the events that showed it
/// (at most a cap) and, once an edit removed the offence, that edit.
/// </summary>
internal abstract class ListingOffence(long fromTicks)
{
    public long FromTicks { get; } = fromTicks;

    public long LastTicks { get; private set; } = fromTicks;

    public string? Shop { get; private set; }

    public List<string> EventIds { get; } = [];

    public (string EventId, long Ticks)? Fix { get; set; }

    /// <summary>Notes an event that still offends.</summary>
    public void Offended(ListingEvent listing, int maxEventIds)
    {
        Shop = listing.Shop ?? Shop;
        LastTicks = listing.Ts.UtcTicks;
        if (EventIds.Count < maxEventIds)
        {
            EventIds.Add(listing.Id);
        }
    }

    /// <summary>When the fixing edit landed (null while the offence is open): the finding's <c>ClearedAt</c>.</summary>
    public DateTimeOffset? ClearedAt => Fix is { } fix ? new DateTimeOffset(fix.Ticks, TimeSpan.Zero) : null;

    /// <summary>The evidence that the offence was fixed (null while it is open).</summary>
    public Evidence? FixEvidence(string removed, string removedZh, string figureLeft) => Fix is { } fix
        ? new Evidence(
            string.Create(CultureInfo.InvariantCulture, $"Fixed at {EvidenceText.Time(new DateTimeOffset(fix.Ticks, TimeSpan.Zero))}: the edit removed {removed}."),
            string.Create(CultureInfo.InvariantCulture, $"已于 {EvidenceText.Time(new DateTimeOffset(fix.Ticks, TimeSpan.Zero))} 修正：此次编辑{removedZh}。"),
            [fix.EventId],
            new Dictionary<string, double> { [figureLeft] = 0 })
        : null;
}

/// <summary>
/// The open offences of a detector by listing. A fixing edit closes one (a later relapse opens a new finding); cases
/// whose latest offending event is older than the retention are forgotten once a day of event time.
/// </summary>
internal sealed class ListingOffences<TOffence>(TimeSpan retention)
    where TOffence : ListingOffence
{
    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;

    private readonly Dictionary<string, TOffence> _open = new(StringComparer.Ordinal);
    private long _nextHousekeeping = long.MinValue;

    public TOffence? Find(string listing) => _open.GetValueOrDefault(listing);

    public TOffence Open(string listing, TOffence offence)
    {
        _open[listing] = offence;
        return offence;
    }

    /// <summary>Closes the listing's open offence as fixed by <paramref name="edit"/>; null when none was open.</summary>
    public TOffence? Close(ListingEvent edit)
    {
        if (!_open.Remove(edit.Listing, out var offence))
        {
            return null;
        }

        offence.Fix = (edit.Id, edit.Ts.UtcTicks);
        return offence;
    }

    public void Forget(long now)
    {
        if (now < _nextHousekeeping)
        {
            return;
        }

        _nextHousekeeping = now + HousekeepingTicks;
        var before = now - retention.Ticks;
        foreach (var (listing, offence) in _open)
        {
            if (offence.LastTicks < before)
            {
                _open.Remove(listing);
            }
        }
    }
}
