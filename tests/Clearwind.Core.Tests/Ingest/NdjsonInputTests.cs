using System.Text;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Privacy;

namespace Clearwind.Core.Tests.Ingest;

public sealed class NdjsonInputTests
{
    private static List<InputRecord> Read(string text, Func<MarketEvent, MarketEvent>? prepare = null)
        => [.. new NdjsonInput("test", () => new MemoryStream(Encoding.UTF8.GetBytes(text))).Read(null, prepare)];

    [Fact]
    public void Read_ManyLines_KeepsInputOrderAndLineNumbersAcrossParallelBatches()
    {
        var text = string.Join('\n', Enumerable.Range(1, 5000).Select(i => i % 7 == 0 ? "" : $$"""{"id":"e{{i}}","type":"order.confirmed","ts":{{i}},"order":"o{{i}}"}"""));

        var records = Read(text);

        Assert.Equal(Enumerable.Range(1, 5000).Where(i => i % 7 != 0).Select(i => (long)i), records.Select(r => r.Line));
        Assert.Equal(records.Select(r => "e" + r.Line), records.Select(r => r.Result.Event!.Id));
    }

    [Fact]
    public void Read_LineWhoseKeyingFails_IsMalformedAndTheOthersGoOn()
    {
        // Duplicate names inside an unknown personal-looking field: the keyer cannot rewrite it, so the line is
        // dropped rather than stored with a raw identifier.
        var lines = Enumerable.Range(1, 300).Select(i => $$"""{"id":"e{{i}}","type":"order.confirmed","ts":{{i}},"order":"o{{i}}"}""").ToList();
        lines[150] = """{"id":"bad","type":"order.confirmed","ts":1,"order":"o","phone_extra":{"x":"13800138000","x":"2"}}""";
        var keyer = IdentifierKeyer.FromText(new string('k', 32));

        var records = Read(string.Join('\n', lines), keyer.Apply);

        Assert.Equal(300, records.Count);
        var bad = Assert.Single(records, r => r.Result.Status == ParseStatus.Malformed);
        Assert.Equal(151, bad.Line);
        Assert.DoesNotContain("13800138000", bad.Result.Error);
    }

    [Fact]
    public void Read_Serialized_GivesTheKeyedEventAsJsonWithoutTheRawIdentifier()
    {
        const string Line = """{"id":"a1","type":"account.registered","ts":"2026-11-11T08:00:00+08:00","account":"u1","phone":"13800138000","device":"dv1","ip":"10.0.0.1"}""";
        var keyer = IdentifierKeyer.FromText(new string('k', 32));

        var record = Assert.Single(new NdjsonInput("test", () => new MemoryStream(Encoding.UTF8.GetBytes(Line))).Read(null, keyer.Apply, serialize: true));

        var json = Encoding.UTF8.GetString(record.Result.Utf8Json!);
        Assert.DoesNotContain("13800138000", json);
        var back = (AccountRegistered)EventParser.FromJson(record.Result.Utf8Json);
        Assert.Equal(record.Result.Event, back);
        Assert.StartsWith(IdentifierKeyer.Prefix, back.Phone);
    }

    [Fact]
    public void Read_NotSerialized_LeavesTheJsonEmpty()
        => Assert.All(Read("""{"id":"e1","type":"order.confirmed","ts":1,"order":"o1"}"""), r => Assert.Null(r.Result.Utf8Json));

    [Fact]
    public void Read_CallerStopsEarly_ReleasesTheReader()
    {
        var text = string.Join('\n', Enumerable.Range(1, 20_000).Select(i => $$"""{"id":"e{{i}}","type":"order.confirmed","ts":{{i}},"order":"o{{i}}"}"""));

        var first = new NdjsonInput("test", () => new MemoryStream(Encoding.UTF8.GetBytes(text))).Read().Take(10).ToList();

        Assert.Equal(10, first.Count);
    }
}
