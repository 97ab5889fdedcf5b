using System.Globalization;
using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation;

/// <summary>
/// Turns a <see cref="MarketWorld"/> into events. Setup (accounts, shops, listings) and scripted scenarios are
/// scheduled up front; each day's honest traffic is generated until the day's share of the event budget is
/// used, then every event of the day is released in time order. Follow-ups (payment, shipping, reviews…) are
/// scheduled when their order is placed and released on their own day.
/// </summary>
internal sealed partial class MarketGenerator
{
    private const long Second = TimeSpan.TicksPerSecond;
    private const long Minute = TimeSpan.TicksPerMinute;
    private const long Hour = TimeSpan.TicksPerHour;
    private const long Day = TimeSpan.TicksPerDay;

    private readonly MarketWorld _world;
    private readonly SyntheticMarketOptions _options;
    private readonly Random _random;
    private readonly EventTimeline _timeline;
    private readonly WeightedPicker _hours = new(Vocabulary.HourWeights);
    private long _events;
    private long _orders;
    private long _clicks;
    private long _reviews;
    private long _messages;

    public MarketGenerator(MarketWorld world)
    {
        _world = world;
        _options = world.Options;

        // Traffic draws from its own stream, so changing how traffic is generated never moves the plan.
        _random = new Random(unchecked((_options.Seed * 7919) + 104_729));
        _timeline = new EventTimeline(_options.Start, world.EndTicks);
    }

    public IEnumerable<MarketEvent> Run()
    {
        ScheduleSetup();
        ScheduleScenarios();
        for (var day = 0; day < _options.Days; day++)
        {
            ScheduleDay(day);
            foreach (var e in _timeline.ReleaseBefore((day + 1) * Day))
            {
                yield return Renumbering.Apply(e);
            }
        }
    }

    private void ScheduleDay(int day)
    {
        var dayStart = day * Day;
        ScheduleOwnerLogins(dayStart);
        ScheduleListingUpdates(dayStart);

        var daysLeft = _options.Days - day;
        var goal = _timeline.Scheduled + ((_options.EventsTarget - _timeline.Scheduled) / daysLeft);
        var active = _world.ActiveBuyers(Math.Max(Hour, dayStart));
        if (active == 0)
        {
            return;
        }

        while (_timeline.Scheduled < goal)
        {
            var buyer = _world.Buyers[_world.BuyerPicker.Pick(_random, active)];
            Session(buyer, SessionStart(day));
        }
    }

    /// <summary>A time in the day following the daily rhythm (never in the setup hour of day 0).</summary>
    private long SessionStart(int day)
    {
        var hour = _hours.Pick(_random);
        if (day == 0 && hour == 0)
        {
            hour = 1;
        }

        return (day * Day) + (hour * Hour) + _random.NextInt64(Hour);
    }

    private LabelBook Labels => _world.Labels;

    /// <summary>Final ids, given as events are released (see <see cref="IdRenumbering"/>).</summary>
    public IdRenumbering Renumbering { get; } = new();

    private void Add(long ticks, MarketEvent e)
    {
        if (_timeline.Fits(ticks))
        {
            _timeline.Add(ticks, e);
        }
    }

    private bool Fits(long ticks) => _timeline.Fits(ticks);

    private DateTimeOffset At(long ticks) => _timeline.At(ticks);

    private string NextEventId() => string.Create(CultureInfo.InvariantCulture, $"e{++_events:D9}");

    private string NextOrderId() => string.Create(CultureInfo.InvariantCulture, $"o{++_orders:D9}");

    private string NextClickId() => string.Create(CultureInfo.InvariantCulture, $"k{++_clicks:D9}");

    private string NextReviewId() => string.Create(CultureInfo.InvariantCulture, $"v{++_reviews:D8}");

    private string NextMessageId() => string.Create(CultureInfo.InvariantCulture, $"m{++_messages:D8}");

    private long Seconds(double min, double max) => (long)((min + (_random.NextDouble() * (max - min))) * Second);

    private string MobileIp() => string.Create(CultureInfo.InvariantCulture, $"223.104.{_random.Next(0, 256)}.{_random.Next(1, 255)}");
}
