using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clearwind.Service.Tests;

/// <summary>
/// The whole appeal story of issue 9 on the real service: events in → brushing decisions → the seller appeals → the
/// automatic re-check clears the fake-fulfilment finding → the brushing finding goes to a jury → jurors vote → staff
/// decide → the restoration shows in the search signals, and survives a restart.
/// </summary>
public sealed class AppealStoryTests : IDisposable
{
    private readonly ServiceFactory _service;

    public AppealStoryTests()
    {
        var folder = Directory.CreateTempSubdirectory("clearwind-appeal-").FullName;
        _service = new ServiceFactory(folder, new Dictionary<string, string?> { ["Clearwind:Policy"] = AppealStory.PolicyFile(folder) });
    }

    public void Dispose() => _service.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<Dictionary<string, string>> SetUpAsync()
    {
        using var admin = _service.Admin();
        await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(AppealStory.Market())));
        var jurorKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var juror in AppealStory.CleanJurors.Concat(AppealStory.LinkedJurors))
        {
            var enrolled = await Json(await admin.PostAsJsonAsync("/v1/jurors", new { account = juror }), HttpStatusCode.Created);
            jurorKeys[juror] = enrolled.GetProperty("key").GetString()!;
        }

        return jurorKeys;
    }

    private static JsonElement DecisionOf(JsonElement entity, string pattern, string action)
        => entity.GetProperty("decisions").EnumerateArray()
            .Select(d => d.GetProperty("decision"))
            .Single(d => d.GetProperty("rule").GetString() == pattern && d.GetProperty("action").GetString() == action);

    private static JsonElement ListingSignal(JsonElement signals)
        => signals.EnumerateArray().Single(s => s.GetProperty("listing").GetString() == AppealStory.Listing);

    [Fact]
    public async Task Appeal_RecheckClearsOneFindingJuryAndStaffTheOther_SalesRestoredInSignals()
    {
        var jurorKeys = await SetUpAsync();
        using var seller = _service.ClientWith(await _service.KeyAsync("seller", AppealStory.Shop));
        using var staff = _service.ClientWith(await _service.KeyAsync("reviewer"));
        using var search = _service.ClientWith(await _service.KeyAsync("search"));

        // The decisions: both findings void orders of s1; search sees the sales without them.
        var shop = await Json(await seller.GetAsync("/v1/entities/shop/s1"));
        var fulfilment = DecisionOf(shop, "order_brushing.fake_fulfilment", "void_orders").GetProperty("id").GetString()!;
        var brushing = DecisionOf(shop, "order_brushing.concentration", "void_orders").GetProperty("id").GetString()!;
        var before = ListingSignal(await Json(await search.GetAsync("/v1/signals/listings")));
        Assert.Equal(5 + 3 + 5, before.GetProperty("raw_sales").GetInt32());
        Assert.Equal(5, before.GetProperty("clean_sales").GetInt32());

        // The form: rule, evidence in words, deadline, and the orders with the tracking the platform recorded.
        var form = await Json(await seller.GetAsync($"/v1/decisions/{fulfilment}/appeal"));
        Assert.True(form.GetProperty("can_appeal").GetBoolean());
        Assert.Contains("empty parcels", string.Join(" ", form.GetProperty("evidence").EnumerateArray().Select(e => e.GetString())), StringComparison.Ordinal);
        // The same in Chinese for a seller reading Chinese: the evidence as the detector wrote it, the pattern's rule.
        var evidenceZh = string.Join(" ", form.GetProperty("evidence_zh").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("空包或虚假物流", evidenceZh, StringComparison.Ordinal);
        Assert.DoesNotContain("empty parcels", evidenceZh, StringComparison.Ordinal);
        Assert.Equal(form.GetProperty("evidence").GetArrayLength(), form.GetProperty("evidence_zh").GetArrayLength());
        Assert.Contains("运单号", form.GetProperty("rule_zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("signed-for deliveries", form.GetProperty("what_to_fix").GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.Contains("签收", form.GetProperty("what_to_fix").GetProperty("zh_cn").GetString(), StringComparison.Ordinal);
        Assert.Equal(form.GetProperty("decision").GetProperty("appeal_by").GetDateTimeOffset(), form.GetProperty("appeal_by").GetDateTimeOffset());
        var prefilled = form.GetProperty("prefill").GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("order").GetString()!, o => o.GetProperty("tracking").GetString()!);
        Assert.Equal(AppealStory.FakeOrders.ToDictionary(o => o, AppealStory.Tracking), prefilled);

        // Appeal 1: the carrier's signed-for deliveries of the three parcels (real weights) clear the finding at once.
        var deliveries = AppealStory.FakeOrders.Select(o => new { order = o, carrier = "YTO", tracking = AppealStory.Tracking(o), weight_g = 1350, signed_by = "Chen", signed_at = AppealStory.T0.AddDays(6) });
        var cleared = await Json(await seller.PostAsJsonAsync($"/v1/decisions/{fulfilment}/appeal", new { statement = "The parcels were real kettles.", evidence = new { deliveries } }), HttpStatusCode.Created);
        Assert.Equal("resolved", cleared.GetProperty("status").GetString());
        Assert.Equal("overturn", cleared.GetProperty("resolution").GetProperty("outcome").GetString());
        Assert.Equal("recheck", cleared.GetProperty("resolution").GetProperty("by").GetString());
        Assert.True(Assert.Single(cleared.GetProperty("recheck").EnumerateArray()).GetProperty("cleared").GetBoolean());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("jury").ValueKind);

        // Appeal 2: no evidence the platform can verify, so a jury of five is drawn, never a linked juror.
        var appealed = await Json(await seller.PostAsJsonAsync($"/v1/decisions/{brushing}/appeal", new { statement = "b1 is a café owner restocking for her shop; she pays by company card." }), HttpStatusCode.Created);
        var caseId = appealed.GetProperty("id").GetString()!;
        Assert.Equal("jury", appealed.GetProperty("status").GetString());
        Assert.False(appealed.GetProperty("recheck")[0].GetProperty("cleared").GetBoolean());
        var staffView = await Json(await staff.GetAsync($"/v1/cases/{caseId}"));
        var drawn = staffView.GetProperty("jury").GetProperty("jurors").EnumerateArray().Select(j => j.GetString()!).ToHashSet();
        Assert.Equal(AppealStory.CleanJurors.ToHashSet(), drawn);
        Assert.Equal(3, staffView.GetProperty("jury").GetProperty("excluded").GetInt32());
        var commitment = staffView.GetProperty("jury").GetProperty("commitment").GetString();

        // A linked juror was not drawn: the case does not exist for them.
        using (var linked = _service.ClientWith(jurorKeys["jx-device"]))
        {
            Assert.Empty((await Json(await linked.GetAsync("/v1/jury/cases"))).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await linked.GetAsync($"/v1/jury/cases/{caseId}")).StatusCode);
        }

        // Jurors read an anonymised file and vote: four overturn, one uphold.
        for (var i = 0; i < AppealStory.CleanJurors.Length; i++)
        {
            using var juror = _service.ClientWith(jurorKeys[AppealStory.CleanJurors[i]]);
            var file = await Json(await juror.GetAsync($"/v1/jury/cases/{caseId}"));
            var text = file.ToString();
            foreach (var name in new[] { "s1", "b1", "owner1", "br-o0", AppealStory.Listing, "Bright Home" })
            {
                Assert.DoesNotContain($"\"{name}\"", text, StringComparison.Ordinal);
                Assert.DoesNotMatch($@"(?<![\w-]){name}(?![\w-])", text);
            }

            Assert.Contains("Shop A", text, StringComparison.Ordinal);
            Assert.Equal("void_orders on Shop A", file.GetProperty("decision").GetString());
            Assert.Equal("店铺 A：订单作废（void_orders）", file.GetProperty("decision_zh").GetString());

            // The Chinese texts are anonymised too, with Chinese labels: no real id next to a Chinese character either.
            var zh = string.Join("\n", file.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("text_zh").GetString()));
            Assert.Equal(file.GetProperty("evidence").GetArrayLength(), file.GetProperty("evidence").EnumerateArray().Count(e => e.GetProperty("text_zh").GetString()!.Any(c => c is >= '\u4e00' and <= '\u9fff')));
            Assert.Contains("买家账号 1 下了其中 5 笔订单中的 5 笔", zh, StringComparison.Ordinal);
            Assert.DoesNotContain("Account 1", zh, StringComparison.Ordinal);
            Assert.DoesNotContain("账号 账号", zh, StringComparison.Ordinal);
            foreach (var name in new[] { "s1", "b1", "owner1", "br-o0", AppealStory.Listing, "Bright Home" })
            {
                Assert.DoesNotMatch($@"(?<![A-Za-z0-9_-]){System.Text.RegularExpressions.Regex.Escape(name)}(?![A-Za-z0-9_-])", text);
            }

            var vote = i == 4 ? "uphold" : "overturn";
            Assert.Equal(HttpStatusCode.NoContent, (await juror.PostAsJsonAsync($"/v1/jury/cases/{caseId}/vote", new { vote, reason = "read the evidence" })).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await juror.PostAsJsonAsync($"/v1/jury/cases/{caseId}/vote", new { vote })).StatusCode);

            // Votes and the seed stay hidden until the last vote closes the case.
            var seen = await Json(await seller.GetAsync($"/v1/cases/{caseId}"));
            var jury = seen.GetProperty("jury");
            Assert.Equal(i + 1, jury.GetProperty("votes_cast").GetInt32());
            Assert.Equal(JsonValueKind.Null, jury.GetProperty("jurors").ValueKind);
            if (i < 4)
            {
                Assert.Equal(JsonValueKind.Null, jury.GetProperty("seed").ValueKind);
                Assert.Equal(JsonValueKind.Null, jury.GetProperty("tally").ValueKind);
            }
        }

        // Voting closed: the seed is revealed and matches the commitment published at the draw; the jury says overturn.
        var closed = await Json(await seller.GetAsync($"/v1/cases/{caseId}"));
        Assert.Equal("awaiting_staff", closed.GetProperty("status").GetString());
        var seed = closed.GetProperty("jury").GetProperty("seed").GetString()!;
        Assert.Equal(commitment, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed))));
        Assert.Equal("overturn", closed.GetProperty("jury").GetProperty("tally").GetProperty("verdict").GetString());
        Assert.Equal(4, closed.GetProperty("jury").GetProperty("tally").GetProperty("overturn").GetInt32());

        // Staff make the final call with reasons.
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "overturn", reasons = " " })).StatusCode);
        var resolved = await Json(await staff.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "overturn", reasons = "Invoices show a business buyer; the jury agrees." }));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.False(resolved.GetProperty("resolution").GetProperty("overrules_jury").GetBoolean());
        Assert.True(resolved.GetProperty("resolution").GetProperty("lifted").GetArrayLength() >= 2); // the shop's void_orders and b1's review

        // Restored: every order counts again, and the decisions are lifted by new records that name them.
        var after = ListingSignal(await Json(await search.GetAsync("/v1/signals/listings")));
        Assert.Equal(after.GetProperty("raw_sales").GetInt32(), after.GetProperty("clean_sales").GetInt32());
        var restored = await Json(await seller.GetAsync("/v1/entities/shop/s1"));
        var lifts = restored.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("decision")).Where(d => d.GetProperty("action").GetString() == "lift").Select(d => d.GetProperty("reverses").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { fulfilment, brushing }, lifts);
        Assert.DoesNotContain(restored.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("standing").GetBoolean() && d.GetProperty("decision").GetProperty("action").GetString() == "void_orders");

        // Overturn rates per pattern.
        var rates = await Json(await staff.GetAsync("/v1/appeals/overturn-rates"));
        var concentration = rates.EnumerateArray().Single(r => r.GetProperty("pattern").GetString() == "order_brushing.concentration");
        Assert.Equal(1.0, concentration.GetProperty("overturn_rate").GetDouble());
        var fake = rates.EnumerateArray().Single(r => r.GetProperty("pattern").GetString() == "order_brushing.fake_fulfilment");
        Assert.Equal(1, fake.GetProperty("cleared_by_recheck").GetInt32());
        using (var admin = _service.Admin())
        {
            var report = await admin.GetStringAsync("/v1/report");
            Assert.Contains("id=\"table-overturns\"", report, StringComparison.Ordinal);
            Assert.Contains("100.0%", report, StringComparison.Ordinal);
        }

        // A restart replays the events and the journal: the overturned decisions stay lifted, the cases stay resolved.
        _service.Dispose();
        using var restarted = _service.Restart();
        using var search2 = restarted.ClientWith(await restarted.KeyAsync("search"));
        var replayed = ListingSignal(await Json(await search2.GetAsync("/v1/signals/listings")));
        Assert.Equal(replayed.GetProperty("raw_sales").GetInt32(), replayed.GetProperty("clean_sales").GetInt32());
        using var staff2 = restarted.ClientWith(await restarted.KeyAsync("reviewer"));
        Assert.Equal("resolved", (await Json(await staff2.GetAsync($"/v1/cases/{caseId}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Appeal_StaffOverruleTheJury_RecordedAsOverrulingWithReasons()
    {
        var jurorKeys = await SetUpAsync();
        using var seller = _service.ClientWith(await _service.KeyAsync("seller", AppealStory.Shop));
        using var staff = _service.ClientWith(await _service.KeyAsync("reviewer"));
        var shop = await Json(await seller.GetAsync("/v1/entities/shop/s1"));
        var brushing = DecisionOf(shop, "order_brushing.concentration", "void_orders").GetProperty("id").GetString()!;
        var caseId = (await Json(await seller.PostAsJsonAsync($"/v1/decisions/{brushing}/appeal", new { statement = "Not brushing." }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        // Staff cannot decide while the jury votes.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "uphold", reasons = "early" })).StatusCode);
        foreach (var juror in AppealStory.CleanJurors)
        {
            using var client = _service.ClientWith(jurorKeys[juror]);
            await Json(await client.PostAsJsonAsync($"/v1/jury/cases/{caseId}/vote", new { vote = "overturn" }));
        }

        var resolved = await Json(await staff.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "uphold", reasons = "The buyer's five orders share one device with the shop's staff phone." }));
        Assert.True(resolved.GetProperty("resolution").GetProperty("overrules_jury").GetBoolean());
        Assert.Equal("uphold", resolved.GetProperty("resolution").GetProperty("outcome").GetString());
        // Upheld: the decision stands.
        var decision = await Json(await seller.GetAsync($"/v1/decisions/{brushing}"));
        Assert.True(decision.GetProperty("standing").GetBoolean());
        // One appeal per decision.
        Assert.Equal(HttpStatusCode.Conflict, (await seller.PostAsJsonAsync($"/v1/decisions/{brushing}/appeal", new { statement = "again" })).StatusCode);
        var rate = (await Json(await staff.GetAsync("/v1/appeals/overturn-rates"))).EnumerateArray().Single(r => r.GetProperty("pattern").GetString() == "order_brushing.concentration");
        Assert.Equal(0.0, rate.GetProperty("overturn_rate").GetDouble());
        Assert.Equal(1, rate.GetProperty("overruled_jury").GetInt32());
    }

    [Fact]
    public async Task Appeal_ProofsThatDoNotHold_GoToTheJuryWithTheReasons()
    {
        await SetUpAsync();
        using var seller = _service.ClientWith(await _service.KeyAsync("seller", AppealStory.Shop));
        var shop = await Json(await seller.GetAsync("/v1/entities/shop/s1"));
        var fulfilment = DecisionOf(shop, "order_brushing.fake_fulfilment", "void_orders").GetProperty("id").GetString()!;

        // One proof names another tracking number, one is as light as an empty parcel, one is fine: two orders remain fake.
        object[] deliveries =
        [
            new { order = "x1", carrier = "YTO", tracking = "SF0000000001", weight_g = 1350, signed_by = "Chen", signed_at = AppealStory.T0.AddDays(6) },
            new { order = "x2", carrier = "YTO", tracking = AppealStory.Tracking("x2"), weight_g = 30, signed_by = "Chen", signed_at = AppealStory.T0.AddDays(6) },
            new { order = "x3", carrier = "YTO", tracking = AppealStory.Tracking("x3"), weight_g = 1350, signed_by = "Chen", signed_at = AppealStory.T0.AddDays(6) },
        ];
        var filed = await Json(await seller.PostAsJsonAsync($"/v1/decisions/{fulfilment}/appeal", new { statement = "Real parcels.", evidence = new { deliveries } }), HttpStatusCode.Created);

        Assert.Equal("jury", filed.GetProperty("status").GetString());
        var note = filed.GetProperty("recheck")[0].GetProperty("note").GetString()!;
        Assert.Contains("1 of the 3", note, StringComparison.Ordinal);
        Assert.Contains("tracking number differs", note, StringComparison.Ordinal);
        Assert.Contains("no heavier than an empty one", note, StringComparison.Ordinal);
        var zh = filed.GetProperty("recheck")[0].GetProperty("note_zh_cn").GetString()!;
        Assert.Contains("运单号与发货记录不一致", zh, StringComparison.Ordinal);
        Assert.Contains("30 克的包裹与空包无异", zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appeal_OtherSellersDecisionOrLateOrTwice_Refused()
    {
        await SetUpAsync();
        using var other = _service.ClientWith(await _service.KeyAsync("seller", "s9"));
        using var admin = _service.Admin();
        var shop = await Json(await admin.GetAsync("/v1/entities/shop/s1"));
        var brushing = DecisionOf(shop, "order_brushing.concentration", "void_orders").GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/decisions/{brushing}/appeal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/v1/decisions/{brushing}/appeal", new { statement = "mine" })).StatusCode);

        // Event time moves past the appeal deadline (14 days): the form says so and the appeal is refused.
        await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([TestKit.Some.OrderPlaced(id: "much-later", order: "ml", buyer: "bz", shop: "s9", listing: "s9-l1", ts: AppealStory.T0.AddDays(30))])));
        using var seller = _service.ClientWith(await _service.KeyAsync("seller", AppealStory.Shop));
        var form = await Json(await seller.GetAsync($"/v1/decisions/{brushing}/appeal"));
        Assert.False(form.GetProperty("can_appeal").GetBoolean());
        Assert.Contains("deadline passed", form.GetProperty("why_not").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await seller.PostAsJsonAsync($"/v1/decisions/{brushing}/appeal", new { statement = "late" })).StatusCode);
    }

    [Fact]
    public async Task Scan_OnTheServiceStoreAfterAnOverturn_HonoursItAndReportsTheOverturnRate()
    {
        await SetUpAsync();
        string fulfilment;
        using (var seller = _service.ClientWith(await _service.KeyAsync("seller", AppealStory.Shop)))
        {
            var shop = await Json(await seller.GetAsync("/v1/entities/shop/s1"));
            fulfilment = DecisionOf(shop, "order_brushing.fake_fulfilment", "void_orders").GetProperty("id").GetString()!;
            var deliveries = AppealStory.FakeOrders.Select(o => new { order = o, carrier = "YTO", tracking = AppealStory.Tracking(o), weight_g = 900, signed_by = "Li", signed_at = AppealStory.T0.AddDays(6) });
            await Json(await seller.PostAsJsonAsync($"/v1/decisions/{fulfilment}/appeal", new { statement = "Real parcels.", evidence = new { deliveries } }), HttpStatusCode.Created);
        }

        _service.Dispose();

        // clearwind scan on the same store: a fresh pass over the stored events must not give the overturned decision again.
        await using var store = await Storage.Sqlite.SqliteStore.OpenAsync(_service.StorePath);
        var policy = DetectorCatalog.DefaultPolicy();
        var job = new Scanning.ScanJob(store, () => policy.BuildPipeline(DetectorCatalog.BuiltIn), new Policy.Decider(policy), await Privacy.StoreKeys.KeyerAsync(null, store.Metadata, default));
        var result = await job.RunAsync([]);

        var standing = Policy.DecisionReversals.Standing(result.Decisions);
        Assert.DoesNotContain(standing, d => d.Rule == "order_brushing.fake_fulfilment");
        Assert.Contains(standing, d => d.Rule == "order_brushing.concentration" && d.Action == "void_orders");
        var row = Assert.Single(result.Overturns, r => r.Pattern == "order_brushing.fake_fulfilment");
        Assert.Equal(1.0, row.OverturnRate);
        using var html = new StringWriter();
        Output.ReportWriter.Write(html, result);
        Assert.Contains("id=\"table-overturns\"", html.ToString(), StringComparison.Ordinal);
        Assert.Contains("100.0%", html.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jury_DeadlinePassesBelowQuorum_ClosedWithoutVerdictAndLateVotesRefused()
    {
        var clock = new ManualTime(DateTimeOffset.UtcNow);
        var folder = Directory.CreateTempSubdirectory("clearwind-deadline-").FullName;
        using var service = new ServiceFactory(folder, new Dictionary<string, string?> { ["Clearwind:Policy"] = AppealStory.PolicyFile(folder) }, clock);
        using var admin = service.Admin();
        await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(AppealStory.Market())));
        var keys = new Dictionary<string, string>();
        foreach (var juror in AppealStory.CleanJurors)
        {
            keys[juror] = (await Json(await admin.PostAsJsonAsync("/v1/jurors", new { account = juror }), HttpStatusCode.Created)).GetProperty("key").GetString()!;
        }

        using var seller = service.ClientWith(await service.KeyAsync("seller", AppealStory.Shop));
        var brushing = DecisionOf(await Json(await seller.GetAsync("/v1/entities/shop/s1")), "order_brushing.concentration", "void_orders").GetProperty("id").GetString()!;
        var caseId = (await Json(await seller.PostAsJsonAsync($"/v1/decisions/{brushing}/appeal", new { statement = "Not brushing." }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        foreach (var juror in AppealStory.CleanJurors.Take(2))
        {
            using var client = service.ClientWith(keys[juror]);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/v1/jury/cases/{caseId}/vote", new { vote = "overturn" })).StatusCode);
        }

        Assert.Equal("jury", (await Json(await seller.GetAsync($"/v1/cases/{caseId}"))).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));

        var closed = await Json(await seller.GetAsync($"/v1/cases/{caseId}"));
        Assert.Equal("awaiting_staff", closed.GetProperty("status").GetString());
        Assert.Equal("no_quorum", closed.GetProperty("jury").GetProperty("tally").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.String, closed.GetProperty("jury").GetProperty("seed").ValueKind);
        using (var late = service.ClientWith(keys[AppealStory.CleanJurors[4]]))
        {
            Assert.Equal(HttpStatusCode.Conflict, (await late.PostAsJsonAsync($"/v1/jury/cases/{caseId}/vote", new { vote = "uphold" })).StatusCode);
        }

        using var staff = service.ClientWith(await service.KeyAsync("reviewer"));
        var resolved = await Json(await staff.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "uphold", reasons = "Too few jurors voted; the evidence stands." }));
        Assert.False(resolved.GetProperty("resolution").GetProperty("overrules_jury").GetBoolean());
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public async Task Links_ShopOwner_SharedDeviceLinkedCampusNatLeftOutValuesNeverShown()
    {
        await SetUpAsync();
        using var analyst = _service.ClientWith(await _service.KeyAsync("analyst"));

        var graph = await Json(await analyst.GetAsync("/v1/entities/shop/s1/links"));

        var edges = graph.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("source").GetString(), e.GetProperty("target").GetString(), e.GetProperty("kind").GetString())).ToList();
        Assert.Contains(("owner1", "s1", "owns"), edges);
        Assert.Contains(("owner1", "jx-device", "device"), edges);
        // The address 25 accounts share (a campus NAT) links nobody: it is counted as common instead.
        Assert.DoesNotContain(edges, e => e.Item2 == "j3" || e.Item2!.StartsWith("student", StringComparison.Ordinal));
        Assert.Equal(1, graph.GetProperty("common_identifiers").GetProperty("ip").GetInt32());
        Assert.DoesNotContain("dev-owner", graph.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.1", graph.ToString(), StringComparison.Ordinal);
    }
}
