using System.Text;
using Clearwind.Events;
using Clearwind.Privacy;

namespace Clearwind.Simulation.Tests;

/// <summary>
/// Every event of a simulated marketplace, as a store keeps it after keying: the input line with identifiers replaced
/// must read back as exactly the keyed event, with none of the raw identifiers left.
/// </summary>
public sealed class PreparedJsonTests
{
    [Fact]
    public void EveryEventType_ReadsBackAsTheKeyedEvent_WithNoRawIdentifier()
    {
        var keyer = IdentifierKeyer.FromText("0123456789abcdef0123456789abcdef");
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.05, days: 2, seed: 11)).Events().ToList();
        var types = new HashSet<string>(StringComparer.Ordinal);
        var spliced = 0;
        foreach (var e in events)
        {
            // A space the serialiser never writes shows which lines were kept as read.
            var line = Encoding.UTF8.GetBytes("{ " + EventParser.ToJson(e)[1..]);
            var result = EventParser.Parse(line).Prepare(keyer.Apply, serialize: true, line);
            var stored = Encoding.UTF8.GetString(result.Utf8Json!);
            Assert.Equal(EventParser.ToJson(result.Event!), EventParser.ToJson(EventParser.FromJson(stored)));
            foreach (var value in PersonalValues(e))
            {
                Assert.DoesNotContain(value, stored, StringComparison.Ordinal);
            }

            types.Add(e.Type);
            spliced += stored.StartsWith("{ ", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(types.Count >= 15, $"only {types.Count} event types in the sample");
        Assert.True(spliced > events.Count / 2, "most lines are kept as read, not serialised again");
    }

    // SPEC §7's personal identifiers, as the simulator writes them raw.
    private static IEnumerable<string> PersonalValues(MarketEvent e)
    {
        string?[] values = e switch
        {
            AccountRegistered a => [a.Phone, a.Device],
            AccountLogin a => [a.Device],
            ListingViewed v => [v.Device],
            ListingLiked l => [l.Device],
            AdClicked c => [c.Device],
            OrderPlaced o => [o.Phone, o.Address, o.Device],
            OrderPaid p => [p.PaymentAccount],
            _ => [],
        };
        return values.Where(v => !string.IsNullOrEmpty(v))!;
    }
}
