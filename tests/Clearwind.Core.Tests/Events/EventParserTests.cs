using System.Text;
using Clearwind.Events;

namespace Clearwind.Core.Tests.Events;

public sealed class EventParserTests
{
    private static ParseResult Parse(string line) => EventParser.Parse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void Parse_OrderWithIsoTimeAndOffset_ReadsTypedFields()
    {
        var result = Parse("""{"id":"e1","type":"order.placed","ts":"2026-11-11T10:00:00+08:00","order":"o1","buyer":"b1","shop":"s1","quantity":2,"amount":12.5}""");

        var order = Assert.IsType<OrderPlaced>(result.Event);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 2, 0, 0, TimeSpan.Zero), order.Ts);
        Assert.Equal(("o1", "b1", "s1", 2, 12.5m), (order.Order, order.Buyer, order.Shop, order.Quantity, order.Amount));
    }

    [Fact]
    public void Parse_EpochMilliseconds_AsNumberOrDigits_AreTheSameTime()
    {
        var a = Parse("""{"id":"e1","type":"order.confirmed","ts":1762826400000,"order":"o1"}""").Event!;
        var b = Parse("""{"id":"e1","type":"order.confirmed","ts":"1762826400000","order":"o1"}""").Event!;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1762826400000), a.Ts);
        Assert.Equal(a.Ts, b.Ts);
    }

    [Fact]
    public void Parse_TimeWithoutOffset_IsMalformedNamingTs()
    {
        var result = Parse("""{"id":"e1","type":"order.confirmed","ts":"2026-11-11 10:00:00","order":"o1"}""");

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Contains("`ts`", result.Error);
        Assert.Contains("offset", result.Error);
    }

    [Fact]
    public void Parse_NumbersAsStrings_AreReadAsNumbers()
    {
        var order = (OrderPlaced)Parse("""{"id":"e1","type":"order.placed","ts":1,"order":"o1","buyer":"b","shop":"s","quantity":"3","amount":"9.90"}""").Event!;

        Assert.Equal((3, 9.90m), (order.Quantity, order.Amount));
    }

    [Fact]
    public void Parse_NonNumericStringInNumberField_NamesTheField()
    {
        var result = Parse("""{"id":"e1","type":"order.placed","ts":1,"order":"o1","buyer":"b","shop":"s","amount":"lots"}""");

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Contains("`amount`", result.Error);
    }

    [Fact]
    public void Parse_MissingRequiredFields_NamesThem()
    {
        var result = Parse("""{"id":"e1","type":"order.placed","ts":1,"order":"o1"}""");

        Assert.Equal("missing required field(s): buyer, shop", result.Error);
    }

    [Theory]
    [InlineData("""{"type":"order.confirmed","ts":1,"order":"o1"}""", "id")]
    [InlineData("""{"id":"e1","type":"order.confirmed","order":"o1"}""", "ts")]
    [InlineData("""{"id":"e1","ts":1,"order":"o1"}""", "type")]
    public void Parse_MissingEnvelopeField_NamesIt(string line, string field)
    {
        var result = Parse(line);

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Contains(field, result.Error);
    }

    [Fact]
    public void Parse_UnknownType_IsCountedNotMalformed()
    {
        var result = Parse("""{"id":"e1","type":"livestream.started","ts":1}""");

        Assert.Equal((ParseStatus.UnknownType, "livestream.started"), (result.Status, result.TypeName));
    }

    [Fact]
    public void Parse_UnknownFieldsNestedDeep_AreKeptAndWrittenBack()
    {
        var result = Parse("""{"id":"e1","type":"order.confirmed","ts":1,"order":"o1","channel":{"app":{"version":[1,2,{"beta":true}]}},"note":"包邮"}""");

        var json = EventParser.ToJson(result.Event!);

        Assert.Contains("\"channel\":{\"app\":{\"version\":[1,2,{\"beta\":true}]}}", json);
        Assert.Contains("\"note\":\"包邮\"", json);
        Assert.DoesNotContain("\"type\":\"order.confirmed\",\"ts\":1,", json);
    }

    [Theory]
    [InlineData("""{"id":"e1","type":"order.confirmed","ts":1,"order":"o1" """, "truncated")]
    [InlineData("""[1,2,3]""", "not a JSON object")]
    [InlineData("""{"id":"e1","type":"order.confirmed","ts":1,"order":"o1"} trailing""", "invalid JSON")]
    [InlineData("\u0001\u0002garbage", "invalid JSON")]
    public void Parse_BrokenJson_IsMalformedWithAReason(string line, string reason)
    {
        var result = Parse(line);

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsMalformed()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"id":"e1","type":"order.confirmed","ts":1,"order":"o1","x":"__"}""");
        bytes[^4] = 0xFF;

        Assert.Equal(ParseStatus.Malformed, EventParser.Parse(bytes).Status);
    }

    [Fact]
    public void Parse_ErrorMessages_NeverQuoteTheContent()
    {
        var result = Parse("""{"id":"e1","type":"order.placed","ts":1,"order":"o1","buyer":"b","shop":"s","phone":13800138000,"amount":"13800138000x"}""");

        Assert.DoesNotContain("13800138000", result.Error);
    }

    [Fact]
    public void ToJson_RoundTrip_KeepsEveryField()
    {
        var line = """{"id":"e1","type":"listing.published","ts":"2026-11-11T10:00:00+08:00","listing":"l1","shop":"s1","title":"纯棉连衣裙","category":"女装","price":199,"attributes":{"材质":"棉","size":42},"images":[{"hash":"a1b2c3d4e5f60718","width":800,"height":800},"ffff000011112222"]}""";
        var first = Parse(line).Event!;

        var second = Parse(EventParser.ToJson(first)).Event!;

        Assert.Equal(EventParser.ToJson(first), EventParser.ToJson(second));
        var listing = Assert.IsType<ListingPublished>(second);
        Assert.Equal("42", listing.Attributes!["size"]);
        Assert.Equal(new ImageRef("ffff000011112222"), listing.Images![1]);
        Assert.Equal(TimeSpan.FromHours(8), listing.Ts.Offset);
    }

    [Fact]
    public void EveryTypeOfSpecSection7_IsKnown()
    {
        string[] spec =
        [
            "account.registered", "account.login", "shop.opened", "listing.published", "listing.updated", "listing.viewed",
            "listing.liked", "ad.clicked", "order.placed", "order.paid", "order.cancelled", "order.shipped", "order.delivered",
            "order.confirmed", "order.refunded", "review.posted", "chat.message", "report.filed", "campaign.declared",
        ];

        Assert.Equal(spec.Order(), MarketEventTypes.Names.Order());
    }
}
