using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>
/// Events scheduled ahead of time, released in event-time order (ties in scheduling order). Times are ticks after the
/// start; anything at or after the end of the run is not scheduled.
/// </summary>
internal sealed class EventTimeline
{
    private readonly PriorityQueue<MarketEvent, Key> _queue = new(KeyComparer.Instance);
    private readonly DateTimeOffset _start;
    private long _sequence;

    public EventTimeline(DateTimeOffset start, long endTicks)
    {
        _start = start;
        EndTicks = endTicks;
    }

    public long EndTicks { get; }

    /// <summary>Events scheduled so far (released or not).</summary>
    public long Scheduled => _sequence;

    /// <summary>Whether an event at <paramref name="ticks"/> falls inside the run.</summary>
    public bool Fits(long ticks) => ticks >= 0 && ticks < EndTicks;

    public DateTimeOffset At(long ticks) => new(_start.Ticks + ticks, _start.Offset);

    public void Add(long ticks, MarketEvent e) => _queue.Enqueue(e, new Key(ticks, _sequence++));

    /// <summary>Releases every event before <paramref name="ticks"/>.</summary>
    public IEnumerable<MarketEvent> ReleaseBefore(long ticks)
    {
        while (_queue.TryPeek(out _, out var key) && key.Ticks < ticks)
        {
            yield return _queue.Dequeue();
        }
    }

    private readonly record struct Key(long Ticks, long Sequence);

    private sealed class KeyComparer : IComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(Key x, Key y) => x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : x.Sequence.CompareTo(y.Sequence);
    }
}
