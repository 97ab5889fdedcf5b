using System.Net;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.Service.Live;
using Clearwind.TestKit;
using Microsoft.Extensions.DependencyInjection;
using static Clearwind.Service.Tests.ServiceFactory;

namespace Clearwind.Service.Tests;

/// <summary>
/// A restart serves before its replay of the history is done: requests are stored and acknowledged at once, reads show
/// what the store holds, and what came meanwhile is detected and decided when the replay ends. A <see cref="ReplayGate"/>
/// holds the replay, so "meanwhile" does not depend on how fast the machine is.
/// </summary>
public sealed class WarmStartTests : IDisposable
{
    private readonly ServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    // Brushing at shop s7 (one buyer, five orders in an hour) after the history's time, and an order that closes its hour.
    private static List<MarketEvent> LaterBrushing()
        => [.. Enumerable.Range(0, 5).Select(i => (MarketEvent)Some.OrderPlaced(id: $"bx-e{i}", order: $"bx-o{i}", buyer: "b7", shop: "s7", listing: "s7-l1", ts: Stories.T0.AddHours(5).AddMinutes(10 * i)))];

    private static MarketEvent ClosesTheHour(string id)
        => Some.OrderPlaced(id: id, order: "o-" + id, buyer: "bz", shop: "s9", listing: "s9-l1", ts: Stories.T0.AddHours(8));

    private async Task<ServiceFactory> RestartHeldAsync(ReplayGate gate)
    {
        using (var client = _service.Admin())
        {
            await Json(await client.PostAsync("/v1/events", ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()])));
        }

        _service.Dispose();
        return _service.Restart(services => services.AddSingleton(gate));
    }

    [Fact]
    public async Task Restart_AcknowledgesAndShowsTheStoreWhileReplaying_ThenDetectsWhatCameMeanwhile()
    {
        var gate = new ReplayGate();
        using var restarted = await RestartHeldAsync(gate);
        using var client = restarted.Admin();

        // Serving while the replay is held: health says so (200), reads show the stored decision, ingest is acknowledged.
        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        var status = await Json(await client.GetAsync("/v1/status"));
        Assert.Equal("warming", status.GetProperty("state").GetString());
        Assert.Contains("replaying 6 stored events", status.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var shop = await Json(await client.GetAsync("/v1/entities/shop/s1"));
        Assert.Equal("void_orders", Assert.Single(shop.GetProperty("decisions").EnumerateArray()).GetProperty("decision").GetProperty("action").GetString());

        var meanwhile = await Json(await client.PostAsync("/v1/events", ServiceFactory.Ndjson([.. LaterBrushing(), .. Stories.Brushing()])));
        Assert.Equal(5, meanwhile.GetProperty("accepted").GetInt32());
        Assert.Equal(5, meanwhile.GetProperty("duplicates").GetInt32()); // the history's ids are known before the replay
        Assert.False(meanwhile.GetProperty("detected").GetBoolean());

        // A request that wants verdicts waits for them: it cannot be answered while the replay is held.
        var decide = client.PostAsync("/v1/events?decide=true", ServiceFactory.Ndjson([ClosesTheHour("later-e2")]));
        await Task.Delay(300);
        Assert.False(decide.IsCompleted);

        gate.Open();
        var answered = await Json(await decide);
        Assert.True(answered.GetProperty("detected").GetBoolean());
        Assert.Equal(1, answered.GetProperty("accepted").GetInt32());
        await restarted.WarmedUpAsync();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal("live", (await Json(await client.GetAsync("/v1/status"))).GetProperty("state").GetString());

        // The orders stored while warming up were detected once the replay ended: shop s7's hour is brushing.
        var s7 = await Json(await client.GetAsync("/v1/entities/shop/s7"));
        Assert.Equal("order_brushing.concentration", Assert.Single(s7.GetProperty("findings").EnumerateArray()).GetProperty("pattern").GetString());
        Assert.Equal("void_orders", Assert.Single(s7.GetProperty("decisions").EnumerateArray()).GetProperty("decision").GetProperty("action").GetString());

        // The replay re-decided the history the same: nothing appended but shop s7's decisions.
        var log = await Json(await client.GetAsync("/v1/decisions"));
        Assert.Equal(4, log.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Restart_ReplayFails_UnhealthyButStillAcknowledgesWhatItStores()
    {
        var gate = new ReplayGate();
        using var restarted = await RestartHeldAsync(gate);
        using var client = restarted.Admin();
        gate.Fail(new IOException("the disk went away"));
        await Assert.ThrowsAnyAsync<IOException>(restarted.WarmedUpAsync);

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var stored = await Json(await client.PostAsync("/v1/events", ServiceFactory.Ndjson([.. LaterBrushing(), ClosesTheHour("later-e3")])));
        Assert.Equal(6, stored.GetProperty("accepted").GetInt32());
        Assert.False(stored.GetProperty("detected").GetBoolean());
        var decide = await client.PostAsync("/v1/events?decide=true", ServiceFactory.Ndjson([ClosesTheHour("later-e2")]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, decide.StatusCode);
        Assert.Contains("1 new event(s) of this request are stored", await decide.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // What it stored is there for the next start, which replays it.
        restarted.Dispose();
        using var again = _service.Restart();
        await again.WarmedUpAsync();
        using var client2 = again.Admin();
        var s7 = await Json(await client2.GetAsync("/v1/entities/shop/s7"));
        Assert.Equal("order_brushing.concentration", Assert.Single(s7.GetProperty("findings").EnumerateArray()).GetProperty("pattern").GetString());
    }
}
