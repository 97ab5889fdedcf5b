using System.Text;
using Clearwind.Events;
using Clearwind.Fuzz.Engine;
using Clearwind.Ingest;
using Clearwind.Privacy;
using Clearwind.Simulation;

namespace Clearwind.Fuzz.Targets;

/// <summary>
/// NDJSON as ingest reads it: <see cref="LineReader"/> splits the input into lines, blank ones are skipped, and each line is
/// parsed, keyed and turned into its stored JSON (<see cref="ParseResult.Prepare"/> with the keyer, the splice) exactly as
/// <see cref="NdjsonInput"/> does on its parsing threads.
/// </summary>
internal sealed class EventJsonTarget : FuzzTarget
{
    private readonly IdentifierKeyer _keyer = IdentifierKeyer.FromText("fuzz-event-json-key-0123456789abcdef");

    public override string Name => "event-json";

    public override IReadOnlyList<byte[]> Seeds()
    {
        // Simulator output: a small marketplace, a few events of every type it writes.
        var simulation = new MarketSimulation(new SyntheticMarketOptions { Seed = 13, Shops = 20, Buyers = 300, Days = 2, EventsTarget = 6_000, BrushingShops = 2, FlashSales = 1 });
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        var seeds = new List<byte[]>();
        foreach (var e in simulation.Events())
        {
            var count = perType.GetValueOrDefault(e.Type);
            if (count < 12)
            {
                perType[e.Type] = count + 1;
                seeds.Add(Encoding.UTF8.GetBytes(EventParser.ToJson(e)));
            }
        }

        // Lines the simulator never writes: identifiers among unknown fields, personal evidence, epoch times, keyed values,
        // a number written as a string, several lines at once.
        seeds.AddRange(new[]
        {
            """{"type":"order.placed","id":"o-x1","ts":"2026-11-02T10:00:00+08:00","order":"o1","shop":"s1","buyer":"b1","listing":"l1","amount":19.9,"device":"dev-123456","address":"1 Long Road","phone":"+86 138 0013 8000","buyer_phone":"13900139000","contact":{"mobile":"13700137000","note":"call"},"tags":[{"email":"a@example.com"}]}""",
            """{"type":"order.paid","id":"p-x1","ts":1762048800000,"order":"o1","amount":"19.90","payment_account":"6222020200112233"}""",
            """{"type":"account.registered","id":"a-x1","ts":"2026-11-01T00:00:00Z","account":"b1","phone":"h1:0123456789abcdef0123456789abcdef","device":"d1"}""",
            """{"type":"report.filed","id":"r-x1","ts":"2026-11-02T00:00:00Z","reporter":"s2","target":"s1","reason":"brushing","evidence":[{"kind":"phone","value":"13800138000"},{"kind":"link","value":"https://example.com/x"}]}""",
            """{"type":"listing.viewed","id":"v-x1","ts":"2026-11-02T00:00:00Z","account":"b1","listing":"l1","device":"dev-9","dwell_ms":1200}""" + "\n" + """{"type":"listing.liked","id":"k-x1","ts":"2026-11-02T00:00:01Z","account":"b1","listing":"l1","device":"dev-9"}""",
            """{"type":"cart.added","id":"c-x1","ts":"2026-11-02T00:00:00Z"}""",
        }.Select(Encoding.UTF8.GetBytes));
        return seeds;
    }

    public override string Run(byte[] input)
    {
        using var reader = new LineReader(new MemoryStream(input, writable: false), NdjsonInput.DefaultMaxLineBytes);
        var outcomes = new SortedSet<string>(StringComparer.Ordinal);
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            if (tooLong)
            {
                outcomes.Add("too long");
                continue;
            }

            if (NdjsonInput.IsBlank(line.Span))
            {
                continue;
            }

            var result = EventParser.Parse(line.Span).Prepare(_keyer.Apply, serialize: true, line.Span);
            outcomes.Add(StoredEventCheck.Check(result, _keyer));
        }

        return outcomes.Count == 0 ? "blank" : string.Join(" | ", outcomes.Take(3));
    }
}
