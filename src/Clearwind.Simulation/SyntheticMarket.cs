using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>
/// A small, deterministic synthetic marketplace: accounts, shops, listings and a stream of honest traffic (views,
/// likes, ad clicks, orders through their whole life, reviews, chats), with honest look-alikes (flash sales,
/// declared campaigns, families sharing an address, campus buyers sharing an IP) and injected order brushing.
/// Every SPEC §7 event type appears. The same options always give the same events.
/// </summary>
/// <example>
/// <code>
/// var options = new SyntheticMarketOptions { Seed = 7, Shops = 500, Buyers = 20_000, Days = 30, EventsTarget = 1_000_000 };
/// using var file = File.Create("market.ndjson");
/// SyntheticMarket.WriteNdjson(SyntheticMarket.Generate(options), file);
/// var truth = SyntheticMarket.Truth(options); // which shops brushed, and who placed the fake orders
/// </code>
/// </example>
public static class SyntheticMarket
{
    /// <summary>Generates the marketplace's events in event-time order (ties in a fixed order).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range (thrown on enumeration).</exception>
    public static IEnumerable<MarketEvent> Generate(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Run(options);

        static IEnumerable<MarketEvent> Run(SyntheticMarketOptions options)
        {
            foreach (var e in new MarketSimulation(options).Events())
            {
                yield return e;
            }
        }
    }

    /// <summary>What <see cref="Generate"/> injects for these options, without generating the events.</summary>
    public static SyntheticMarketTruth Truth(SyntheticMarketOptions options) => MarketWorld.Build(options).Truth();

    /// <summary>Shops that buy fake orders for these options, ascending.</summary>
    public static IReadOnlyList<string> BrushingShopIds(SyntheticMarketOptions options) => Truth(options).BrushingShops;

    /// <summary>
    /// Writes events as NDJSON: UTF-8, one event per line, exactly as <see cref="EventParser.ToJson"/> writes them.
    /// The stream is flushed and left open.
    /// </summary>
    /// <returns>The number of events written.</returns>
    public static long WriteNdjson(IEnumerable<MarketEvent> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new byte[1 << 16];
        var used = 0;
        long count = 0;
        foreach (var e in events)
        {
            var json = EventParser.ToUtf8Json(e);
            if (used + json.Length + 1 > buffer.Length)
            {
                output.Write(buffer, 0, used);
                used = 0;
                if (json.Length + 1 > buffer.Length)
                {
                    output.Write(json);
                    output.WriteByte((byte)'\n');
                    count++;
                    continue;
                }
            }

            json.CopyTo(buffer, used);
            used += json.Length;
            buffer[used++] = (byte)'\n';
            count++;
        }

        output.Write(buffer, 0, used);
        output.Flush();
        return count;
    }
}
