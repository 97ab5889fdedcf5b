using System.Text;
using Clearwind.Events;
using Clearwind.Privacy;

namespace Clearwind.Core.Tests.Events;

/// <summary>
/// What a store keeps for a keyed event: the input line with its identifiers replaced (or, where that is not sure to be
/// right, the event serialised). Either way it must read back as the keyed event and hold no raw identifier.
/// </summary>
public sealed class PreparedJsonTests
{
    private static readonly IdentifierKeyer Keyer = IdentifierKeyer.FromText("0123456789abcdef0123456789abcdef");

    private static (MarketEvent Keyed, string Stored) Prepare(string line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);
        var result = EventParser.Parse(utf8).Prepare(Keyer.Apply, serialize: true, utf8);
        Assert.Equal(ParseStatus.Ok, result.Status);
        return (result.Event!, Encoding.UTF8.GetString(result.Utf8Json!));
    }

    private static void AssertReadsBackAsKeyed(MarketEvent keyed, string stored)
        => Assert.Equal(EventParser.ToJson(keyed), EventParser.ToJson(EventParser.FromJson(stored)));

    [Fact]
    public void Order_KeepsTheLineAndReplacesOnlyTheIdentifiers()
    {
        const string line = """{ "id": "e1", "type": "order.placed", "ts": 1762790400000, "order": "o1", "buyer": "b1", "shop": "s1", "phone": "13800138000", "address": "上海市 徐汇区", "device": "iphone-9", "amount": 12.50 }""";

        var (keyed, stored) = Prepare(line);

        var order = (OrderPlaced)keyed;
        Assert.Equal(
            line.Replace("13800138000", order.Phone).Replace("上海市 徐汇区", order.Address).Replace("iphone-9", order.Device),
            stored);
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void NumbersWrittenAsStrings_AreStoredAsNumbers()
    {
        const string line = """{"id":"e1","type":"order.placed","ts":"2026-11-11T00:00:00+08:00","order":"o1","buyer":"b1","shop":"s1","quantity":"2","amount":"19.90","device":"d-raw"}""";

        var (keyed, stored) = Prepare(line);

        Assert.Contains("\"quantity\":2", stored, StringComparison.Ordinal);
        Assert.Contains("\"amount\":19.90", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("d-raw", stored, StringComparison.Ordinal);
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void AnIdentifierGivenTwice_IsReplacedBothTimes()
    {
        const string line = """{"id":"e1","type":"listing.liked","ts":"2026-11-11T00:00:00+08:00","listing":"l1","account":"a1","device":"first-device","device":"second-device"}""";

        var (keyed, stored) = Prepare(line);

        Assert.DoesNotContain("first-device", stored);
        Assert.DoesNotContain("second-device", stored);
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void AnEscapedFieldName_IsStillFound()
    {
        const string line = """{"id":"e1","type":"listing.liked","ts":"2026-11-11T00:00:00+08:00","listing":"l1","account":"a1","dev\u0069ce":"raw-device-7"}""";

        var (keyed, stored) = Prepare(line);

        Assert.DoesNotContain("raw-device-7", stored);
        Assert.True(IdentifierKeyer.IsKeyed(((ListingLiked)keyed).Device));
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void UnknownPersonalFields_AreKeyedAtAnyDepth()
    {
        const string line = """{"id":"e1","type":"order.confirmed","ts":"2026-11-11T00:00:00+08:00","order":"o1","receiver_phone":"13911112222","logistics":{"contact":{"email":"a@b.cn"},"carrier":"SF"}}""";

        var (keyed, stored) = Prepare(line);

        Assert.DoesNotContain("13911112222", stored);
        Assert.DoesNotContain("a@b.cn", stored);
        Assert.Contains("\"carrier\":\"SF\"", stored);
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void ReportEvidenceNamedLikePersonalData_IsKeyed()
    {
        const string line = """{"id":"e1","type":"report.filed","ts":"2026-11-11T00:00:00+08:00","report":"r1","reporter":"s1","target":{"type":"shop","id":"s2"},"reason":"order_brushing","evidence":[{"kind":"phone","value":"13711112222"},{"kind":"order","value":"o9"}]}""";

        var (keyed, stored) = Prepare(line);

        Assert.DoesNotContain("13711112222", stored);
        Assert.Contains("o9", stored);
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void AlreadyKeyedValues_AreKeptAsTheyAre()
    {
        var keyedDevice = Keyer.Key(IdentifierKind.Device, "d-1");
        var line = $$"""{"id":"e1","type":"listing.viewed","ts":"2026-11-11T00:00:00+08:00","listing":"l1","account":"a1","device":"{{keyedDevice}}","dwell_ms":900}""";

        var (keyed, stored) = Prepare(line);

        Assert.Equal(line, stored);
        AssertReadsBackAsKeyed(keyed, stored);
    }

    [Fact]
    public void WithoutTheSourceLine_TheEventIsSerialised()
    {
        var utf8 = Encoding.UTF8.GetBytes("""{ "id": "e1", "type": "listing.liked", "ts": "2026-11-11T00:00:00+08:00", "listing": "l1", "account": "a1", "device": "d-raw" }""");

        var result = EventParser.Parse(utf8).Prepare(Keyer.Apply, serialize: true);

        Assert.Equal(EventParser.ToJson(result.Event!), Encoding.UTF8.GetString(result.Utf8Json!));
    }
}
