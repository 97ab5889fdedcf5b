using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearwind.Events;
using static Clearwind.Service.Tests.ServiceFactory;

namespace Clearwind.Service.Tests;

public sealed class IngestApiTests : IDisposable
{
    private readonly ServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Ingest_BrushingThenTimeMovesOn_DecisionVisibleSynchronouslyAndPerEntity()
    {
        using var client = _service.Admin();

        var first = await Json(await client.PostAsync("/v1/events?decide=true", ServiceFactory.Ndjson(Stories.Brushing())));
        Assert.Equal(5, first.GetProperty("accepted").GetInt32());
        // The hour is still open: nothing is decided on these orders yet.
        Assert.All(first.GetProperty("orders").EnumerateArray(), o => Assert.Equal("clear", o.GetProperty("verdict").GetString()));

        var later = await Json(await client.PostAsync("/v1/events?decide=true", ServiceFactory.Ndjson([Stories.Later(), .. Stories.Brushing()])));
        Assert.Equal(1, later.GetProperty("accepted").GetInt32());
        Assert.Equal(5, later.GetProperty("duplicates").GetInt32());
        var verdict = later.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("order").GetString() == "br-o0");
        Assert.True(verdict.GetProperty("verdict").GetString() == "act", verdict.ToString());
        Assert.Contains(verdict.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("action").GetString() == "void_orders");

        var shop = await Json(await client.GetAsync("/v1/entities/shop/s1"));
        var finding = Assert.Single(shop.GetProperty("findings").EnumerateArray());
        Assert.Equal("order_brushing.concentration", finding.GetProperty("pattern").GetString());
        var decision = Assert.Single(shop.GetProperty("decisions").EnumerateArray());
        Assert.Equal("void_orders", decision.GetProperty("decision").GetProperty("action").GetString());
        Assert.True(decision.GetProperty("standing").GetBoolean());
        Assert.Contains("Decision void_orders", decision.GetProperty("decision").GetProperty("explanation").GetProperty("en").GetString(), StringComparison.Ordinal);

        var buyer = await Json(await client.GetAsync("/v1/entities/account/b1"));
        Assert.Equal("review", Assert.Single(buyer.GetProperty("decisions").EnumerateArray()).GetProperty("decision").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Ingest_FlashSale_NothingDecided()
    {
        using var client = _service.Admin();

        await Json(await client.PostAsync("/v1/events", ServiceFactory.Ndjson([.. Stories.FlashSale(), Stories.Later()])));

        var shop = await Json(await client.GetAsync("/v1/entities/shop/s2"));
        Assert.Empty(shop.GetProperty("findings").EnumerateArray());
        Assert.Empty(shop.GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task Ingest_MalformedLines_ReportedByLineAndTheRestStored()
    {
        using var client = _service.Admin();
        var lines = Stories.Brushing().Select(EventParser.ToJson).ToList();
        lines.Insert(1, "{not json");
        lines.Add("""{"id":"x1","type":"order.placed"}""");
        lines.Add("""{"id":"x2","type":"listing.teleported","ts":"2026-11-01T00:00:00Z"}""");

        var body = await Json(await client.PostAsync("/v1/events", new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson")));

        Assert.Equal(5, body.GetProperty("accepted").GetInt32());
        Assert.Equal([2, 7], body.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(1, body.GetProperty("unknown_types").GetProperty("listing.teleported").GetInt32());
    }

    [Fact]
    public async Task Ingest_NothingUsable_Is400NamingTheFirstBadLine()
    {
        using var client = _service.Admin();

        var response = await client.PostAsync("/v1/events", new StringContent("\n{oops\n", Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("first at line 2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_JsonArrayAndSingleObject_AreAcceptedToo()
    {
        using var client = _service.Admin();
        var events = Stories.Brushing();

        var array = await Json(await client.PostAsync("/v1/events", new StringContent("[" + string.Join(",", events.Take(4).Select(EventParser.ToJson)) + "]", Encoding.UTF8, "application/json")));
        var single = await Json(await client.PostAsync("/v1/events", new StringContent(EventParser.ToJson(events[4]).Replace(",", ",\n  "), Encoding.UTF8, "application/json")));

        Assert.Equal(4, array.GetProperty("accepted").GetInt32());
        Assert.Equal(1, single.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Ingest_SameIdempotencyKey_ReplaysTheFirstAnswer_AndAnotherBodyIsRefused()
    {
        using var client = _service.Admin();
        HttpRequestMessage Request(IEnumerable<MarketEvent> events) => new(HttpMethod.Post, "/v1/events") { Content = ServiceFactory.Ndjson(events), Headers = { { "Idempotency-Key", "batch-42" } } };

        var first = await client.SendAsync(Request(Stories.Brushing()));
        var again = await client.SendAsync(Request(Stories.Brushing()));
        var other = await client.SendAsync(Request(Stories.FlashSale()));

        Assert.Equal(5, (await Json(first)).GetProperty("accepted").GetInt32());
        Assert.Equal(5, (await Json(again)).GetProperty("accepted").GetInt32()); // the first answer, not "3 duplicates"
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task Ingest_PersonalIdentifiers_AreKeyedBeforeTheyAreStoredOrShown()
    {
        using var client = _service.Admin();
        var registered = new AccountRegistered { Id = "r1", Ts = Stories.T0, Account = "a1", Phone = "13800138000", Device = "dev-raw-1", Ip = "10.1.2.3" };

        await Json(await client.PostAsync("/v1/events", ServiceFactory.Ndjson([registered])));
        _service.Dispose();

        var bytes = File.ReadAllBytes(_service.StorePath).Concat(File.Exists(_service.StorePath + "-wal") ? File.ReadAllBytes(_service.StorePath + "-wal") : []).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf("13800138000"u8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("dev-raw-1"u8));
    }

    [Fact]
    public async Task Restart_StateIsReplayedFromTheStore()
    {
        using (var client = _service.Admin())
        {
            await Json(await client.PostAsync("/v1/events", ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()])));
        }

        _service.Dispose();
        using var restarted = _service.Restart();
        using var again = restarted.Admin();

        var shop = await Json(await again.GetAsync("/v1/entities/shop/s1"));
        Assert.Equal("void_orders", Assert.Single(shop.GetProperty("decisions").EnumerateArray()).GetProperty("decision").GetProperty("action").GetString());
        var repeat = await Json(await again.PostAsync("/v1/events", ServiceFactory.Ndjson(Stories.Brushing())));
        Assert.Equal(5, repeat.GetProperty("duplicates").GetInt32());
        await restarted.WarmedUpAsync();
        var log = await Json(await again.GetAsync("/v1/decisions"));
        Assert.Equal(2, log.GetProperty("total").GetInt32()); // the restart re-decided the same, appending nothing
    }
}
