using Clearwind.Events;
using Clearwind.Simulation;

namespace Clearwind.Benchmarks;

/// <summary>
/// An endless stream of marketplace events for the service benches: a synthetic market (every SPEC §7 event type, honest
/// shops and buyers and the injected patterns) played again and again, each lap shifted in event time by the market's span
/// and its event ids suffixed with the lap, so every event is new to the store and event time only moves forward. Request
/// <c>r</c> of a run carries events <c>r·B … r·B+B−1</c> of that stream, so which events a request held is known from its
/// number alone (the checks of <see cref="CrashRounds"/> need no list of ids sent).
/// </summary>
internal sealed class MarketLoad
{
    private readonly MarketEvent[] _market;
    private readonly TimeSpan _lap;

    public MarketLoad(int events = 200_000, int seed = 11)
    {
        var options = new SyntheticMarketOptions
        {
            Seed = seed,
            Shops = Math.Max(20, events / 500),
            Buyers = Math.Max(500, events / 20),
            Days = 14,
            EventsTarget = events,
        };
        _market = [.. SyntheticMarket.Generate(options)];
        _lap = _market[^1].Ts - _market[0].Ts + TimeSpan.FromHours(1);
    }

    /// <summary>Events in one lap.</summary>
    public int Count => _market.Length;

    /// <summary>Event <paramref name="index"/> of the endless stream.</summary>
    public MarketEvent Event(long index)
    {
        var lap = index / _market.Length;
        var template = _market[index % _market.Length];
        return template with { Id = Id(index), Ts = template.Ts + (_lap * lap) };
    }

    /// <summary>The id event <paramref name="index"/> of the stream is sent under.</summary>
    public string Id(long index) => $"{_market[index % _market.Length].Id}~{index / _market.Length}";

    /// <summary>Events <c>first … first+count−1</c> of the stream as an NDJSON body.</summary>
    public byte[] Body(long first, int count)
    {
        using var body = new MemoryStream(count * 320);
        for (var i = 0; i < count; i++)
        {
            body.Write(EventParser.ToUtf8Json(Event(first + i)));
            body.WriteByte((byte)'\n');
        }

        return body.ToArray();
    }
}
