using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clearwind.Events;

namespace Clearwind.Service.Tests;

/// <summary>The review queue (a reviewer claims a <c>review</c> decision and acts or dismisses with reasons) and the rules endpoints.</summary>
public sealed class ReviewQueueTests : IDisposable
{
    private readonly ServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(HttpClient Reviewer, string CaseId)> BrushedAsync()
    {
        using (var admin = _service.Admin())
        {
            await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()])));
        }

        var reviewer = _service.ClientWith(await _service.KeyAsync("reviewer"));
        // The concentration finding put buyer b1 up for review: an open case nobody has taken.
        var queue = await Json(await reviewer.GetAsync("/v1/cases?kind=review&status=open"));
        var item = Assert.Single(queue.EnumerateArray());
        Assert.Equal("account", item.GetProperty("entity").GetProperty("type").GetString());
        Assert.Equal("b1", item.GetProperty("entity").GetProperty("id").GetString());
        return (reviewer, item.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Review_ClaimThenAct_ReviewLiftedAndTheActionAddedWithTheReasons()
    {
        var (reviewer, caseId) = await BrushedAsync();
        using var _ = reviewer;

        var claimed = await Json(await reviewer.PostAsync($"/v1/cases/{caseId}/claim", null));
        Assert.Equal("claimed", claimed.GetProperty("status").GetString());
        Assert.Empty((await Json(await reviewer.GetAsync("/v1/cases?kind=review&status=open"))).EnumerateArray());

        var acted = await Json(await reviewer.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "act", action = "throttle", reasons = "b1 shares a device with the shop's owner." }));
        Assert.Equal("resolved", acted.GetProperty("status").GetString());
        var added = Assert.Single(acted.GetProperty("resolution").GetProperty("added").EnumerateArray()).GetString()!;

        var decision = await Json(await reviewer.GetAsync($"/v1/decisions/{added}"));
        Assert.Equal("throttle", decision.GetProperty("decision").GetProperty("action").GetString());
        Assert.True(decision.GetProperty("standing").GetBoolean());
        Assert.Contains("shares a device", decision.GetProperty("decision").GetProperty("explanation").GetProperty("en").GetString(), StringComparison.Ordinal);
        var account = await Json(await reviewer.GetAsync("/v1/entities/account/b1"));
        Assert.DoesNotContain(account.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("standing").GetBoolean() && d.GetProperty("decision").GetProperty("action").GetString() == "review");

        // The reviewer's action survives a restart: the engine re-decides only what it decided.
        _service.Dispose();
        using var restarted = _service.Restart();
        using var again = restarted.ClientWith(await restarted.KeyAsync("reviewer"));
        Assert.True((await Json(await again.GetAsync($"/v1/decisions/{added}"))).GetProperty("standing").GetBoolean());
        Assert.Empty((await Json(await again.GetAsync("/v1/cases?kind=review&status=open"))).EnumerateArray());
    }

    [Fact]
    public async Task Review_Dismiss_ReviewLiftedAndNotRaisedAgain()
    {
        var (reviewer, caseId) = await BrushedAsync();
        using var _ = reviewer;

        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "uphold", reasons = "x" })).StatusCode);
        var dismissed = await Json(await reviewer.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "dismiss", reasons = "b1 is a café buying stock." }));
        Assert.Equal("dismiss", dismissed.GetProperty("resolution").GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "act", reasons = "changed my mind" })).StatusCode);

        using var admin = _service.Admin();
        await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([Stories.Later("later-e2") with { Ts = Stories.T0.AddHours(9) }])));
        Assert.Empty((await Json(await reviewer.GetAsync("/v1/cases?kind=review&status=open"))).EnumerateArray());
        var rates = await Json(await reviewer.GetAsync("/v1/appeals/overturn-rates"));
        Assert.Equal(1, Assert.Single(rates.EnumerateArray()).GetProperty("dismissed").GetInt32());

        // Dismissing the buyer's review leaves the shop's penalty on the same finding standing, also after a restart, and the
        // dismissed review is not given again.
        static bool Standing(JsonElement entity, string action)
            => entity.GetProperty("decisions").EnumerateArray().Any(d => d.GetProperty("standing").GetBoolean() && d.GetProperty("decision").GetProperty("action").GetString() == action);
        Assert.True(Standing(await Json(await reviewer.GetAsync("/v1/entities/shop/s1")), "void_orders"));
        admin.Dispose();
        _service.Dispose();
        using var restarted = _service.Restart();
        using var again = restarted.ClientWith(await restarted.KeyAsync("reviewer"));
        Assert.True(Standing(await Json(await again.GetAsync("/v1/entities/shop/s1")), "void_orders"));
        Assert.False(Standing(await Json(await again.GetAsync("/v1/entities/account/b1")), "review"));
        Assert.Empty((await Json(await again.GetAsync("/v1/cases?kind=review&status=open"))).EnumerateArray());
    }

    [Fact]
    public async Task RulesTest_BrushingEvents_FindingAndMarginsReturned()
    {
        using var analyst = _service.ClientWith(await _service.KeyAsync("analyst"));
        var body = ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()]);

        var trial = await Json(await analyst.PostAsync("/v1/rules/test?pattern=order_brushing.concentration", body));

        Assert.Equal(6, trial.GetProperty("events").GetInt64());
        Assert.Equal("s1", Assert.Single(trial.GetProperty("findings").EnumerateArray()).GetProperty("entity").GetProperty("id").GetString());
        Assert.Contains(trial.GetProperty("probes").EnumerateArray(), p => p.GetProperty("flips_at").ValueKind == JsonValueKind.Number);
        // Trying a rule stores nothing.
        Assert.Equal(0, (await Json(await analyst.GetAsync("/v1/status"))).GetProperty("findings").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostAsync("/v1/rules/test?pattern=no.such", ServiceFactory.Ndjson([Stories.Later()]))).StatusCode);
    }

    [Fact]
    public async Task RulesBacktest_CandidateDisablesThePattern_ShopNewlyCleared()
    {
        using (var admin = _service.Admin())
        {
            await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()])));
        }

        using var analyst = _service.ClientWith(await _service.KeyAsync("analyst"));
        var policy = JsonNode.Parse(await (await analyst.GetAsync("/v1/rules")).Content.ReadAsStringAsync())!;
        policy["patterns"]!["order_brushing.concentration"]!["enabled"] = false;

        var report = await Json(await analyst.PostAsync("/v1/rules/backtest", new StringContent(policy.ToJsonString(), Encoding.UTF8, "application/json")));

        Assert.Equal(6, report.GetProperty("events").GetInt64());
        Assert.Contains(report.GetProperty("newly_cleared").EnumerateArray(), r => r.GetProperty("entity").GetProperty("id").GetString() == "s1");
        Assert.Empty(report.GetProperty("newly_penalised").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostAsync("/v1/rules/backtest", new StringContent("{\"patterns\": 3}", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task RulesPublish_PatternDisabled_DecisionsLiftedAtOnceAndTheVersionKeptAcrossRestarts()
    {
        using (var admin = _service.Admin())
        {
            await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()])));
        }

        using var analyst = _service.ClientWith(await _service.KeyAsync("analyst"));
        static bool Standing(JsonElement entity)
            => entity.GetProperty("decisions").EnumerateArray().Any(d => d.GetProperty("standing").GetBoolean() && d.GetProperty("decision").GetProperty("action").GetString() == "void_orders");
        Assert.True(Standing(await Json(await analyst.GetAsync("/v1/entities/shop/s1"))));
        var policy = JsonNode.Parse(await (await analyst.GetAsync("/v1/rules")).Content.ReadAsStringAsync())!;
        policy["patterns"]!["order_brushing.concentration"]!["enabled"] = false;

        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PutAsync("/v1/rules", new StringContent("{\"patterns\": 3}", Encoding.UTF8, "application/json"))).StatusCode);
        var published = await Json(await analyst.PutAsync("/v1/rules?note=campus%20sales%20trip%20it", new StringContent(policy.ToJsonString(), Encoding.UTF8, "application/json")));

        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.False(Standing(await Json(await analyst.GetAsync("/v1/entities/shop/s1"))));
        Assert.False(JsonNode.Parse(await (await analyst.GetAsync("/v1/rules")).Content.ReadAsStringAsync())!["patterns"]!["order_brushing.concentration"]!["enabled"]!.GetValue<bool>());
        var versions = await Json(await analyst.GetAsync("/v1/rules/versions"));
        Assert.Equal("campus sales trip it", Assert.Single(versions.EnumerateArray()).GetProperty("note").GetString());

        _service.Dispose();
        using var restarted = _service.Restart();
        using var again = restarted.ClientWith(await restarted.KeyAsync("analyst"));
        Assert.False(Standing(await Json(await again.GetAsync("/v1/entities/shop/s1"))));
        Assert.False(JsonNode.Parse(await (await again.GetAsync("/v1/rules")).Content.ReadAsStringAsync())!["patterns"]!["order_brushing.concentration"]!["enabled"]!.GetValue<bool>());
    }
}
