using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.TestKit;
using static Clearwind.Service.Tests.ServiceFactory;

namespace Clearwind.Service.Tests;

/// <summary>
/// Every endpoint × every role × own/other object, against the allow/deny table written out below (issue 9). A denied
/// role gets 401 (no key) or 403 (wrong role); a seller asking about another shop's object, or a juror about a case they
/// were not drawn for, gets 404 (its existence is not confirmed). An allowed call may still fail on its input (400, 409):
/// requests that change state carry input the endpoint refuses, so the table can be walked in any order.
/// </summary>
public sealed class RolesMatrixTests : IDisposable
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Principals = [Anonymous, "admin", "analyst", "reviewer", "seller", "juror", "search", "partner", "ingest"];

    private readonly ServiceFactory _service;

    public RolesMatrixTests()
    {
        var folder = Directory.CreateTempSubdirectory("clearwind-roles-").FullName;
        _service = new ServiceFactory(folder, new Dictionary<string, string?> { ["Clearwind:Policy"] = AppealStory.PolicyFile(folder) });
    }

    public void Dispose() => _service.Dispose();

    /// <summary>One row of the table: the request for an own object and, when the endpoint is object-scoped, for another's.</summary>
    private sealed record Row(string Method, string Own, string? Other, string? Body, string[] Allowed, string ContentType = "application/json");

    private sealed record World(Dictionary<string, string> Keys, string OwnCase, string OtherCase, string OwnDecision, string OtherDecision, string OwnFinding, string OtherFinding, string ReviewCase);

    private async Task<World> SetUpAsync()
    {
        using var admin = _service.Admin();
        // The story's shop s1, and shop s5 brushed by b5: the seller's key is for s1 only.
        var s5 = Enumerable.Range(0, 5).SelectMany(i => new MarketEvent[]
        {
            Some.OrderPlaced(id: $"b5-e{i}", order: $"b5-o{i}", buyer: "b5", shop: "s5", listing: "s5-l1", ts: AppealStory.T0.AddDays(4).AddMinutes(7 * i)),
            new OrderPaid { Id = $"b5-pay{i}", Ts = AppealStory.T0.AddDays(4).AddMinutes((7 * i) + 1), Order = $"b5-o{i}" },
        });
        await Json(await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(AppealStory.Market().Concat(s5).OrderBy(e => e.Ts))));
        var jurors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var juror in AppealStory.CleanJurors.Concat(AppealStory.LinkedJurors))
        {
            jurors[juror] = (await Json(await admin.PostAsJsonAsync("/v1/jurors", new { account = juror }))).GetProperty("key").GetString()!;
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { ["admin"] = _service.AdminKey };
        foreach (var role in new[] { "analyst", "reviewer", "search", "partner", "ingest" })
        {
            keys[role] = await _service.KeyAsync(role);
        }

        keys["seller"] = await _service.KeyAsync("seller", AppealStory.Shop);
        using var otherSeller = _service.ClientWith(await _service.KeyAsync("seller", "s5"));
        using var seller = _service.ClientWith(keys["seller"]);

        var own = (await Json(await admin.GetAsync("/v1/entities/shop/s1"))).GetProperty("decisions").EnumerateArray()
            .Select(d => d.GetProperty("decision")).First(d => d.GetProperty("rule").GetString() == "order_brushing.concentration");
        var other = (await Json(await admin.GetAsync("/v1/entities/shop/s5"))).GetProperty("decisions").EnumerateArray()
            .Select(d => d.GetProperty("decision")).First(d => d.GetProperty("action").GetString() == "void_orders");
        var ownCase = (await Json(await seller.PostAsJsonAsync($"/v1/decisions/{own.GetProperty("id").GetString()}/appeal", new { statement = "not brushing" }))).GetProperty("id").GetString()!;
        var otherCase = (await Json(await otherSeller.PostAsJsonAsync($"/v1/decisions/{other.GetProperty("id").GetString()}/appeal", new { statement = "not brushing" }))).GetProperty("id").GetString()!;

        // The juror principal was drawn for the own case; jx-device (linked to s1's owner) never is.
        var drawn = (await Json(await admin.GetAsync($"/v1/cases/{ownCase}"))).GetProperty("jury").GetProperty("jurors")[0].GetString()!;
        keys["juror"] = jurors[drawn];
        keys["juror-undrawn"] = jurors["jx-device"];
        var review = (await Json(await admin.GetAsync("/v1/cases?kind=review&status=open"))).EnumerateArray().First().GetProperty("id").GetString()!;
        return new World(keys, ownCase, otherCase, own.GetProperty("id").GetString()!, other.GetProperty("id").GetString()!,
            own.GetProperty("findings")[0].GetString()!, other.GetProperty("findings")[0].GetString()!, review);
    }

    private static Row[] Table(World w) =>
    [
        // Ingest and the engine.
        new("POST", "/v1/events", null, "", ["admin", "ingest"], "application/x-ndjson"),
        new("GET", "/v1/status", null, null, ["admin", "analyst", "reviewer"]),
        new("GET", "/v1/report", null, null, ["admin", "analyst"]),
        new("GET", "/v1/dashboard", null, null, ["admin", "analyst", "reviewer"]),
        new("GET", "/v1/me", null, null, ["admin", "analyst", "reviewer", "seller", "juror", "search", "partner", "ingest"]),
        new("GET", "/v1/patterns", null, null, ["admin", "analyst", "reviewer", "seller", "juror", "search", "partner", "ingest"]),
        new("GET", "/v1/patterns/rules", null, null, ["admin", "analyst", "reviewer", "seller", "juror", "search", "partner", "ingest"]),
        new("POST", "/v1/keys", null, """{"role":"nobody"}""", ["admin"]),

        // Findings and decisions: staff everything, a seller their own shop's.
        new("GET", "/v1/entities/shop/s1", "/v1/entities/shop/s5", null, ["admin", "analyst", "reviewer", "seller"]),
        new("GET", $"/v1/findings/{w.OwnFinding}", $"/v1/findings/{w.OtherFinding}", null, ["admin", "analyst", "reviewer", "seller"]),
        new("GET", $"/v1/decisions/{w.OwnDecision}", $"/v1/decisions/{w.OtherDecision}", null, ["admin", "analyst", "reviewer", "seller"]),
        new("GET", "/v1/decisions", null, null, ["admin", "analyst", "reviewer"]),
        new("GET", "/v1/entities/shop/s1/links", null, null, ["admin", "analyst", "reviewer"]),

        // Search signals.
        new("GET", "/v1/signals/listings", null, null, ["admin", "analyst", "search"]),
        new("GET", "/v1/signals/shops", null, null, ["admin", "analyst", "search"]),
        new("GET", "/v1/shops/s1/health", "/v1/shops/s5/health", null, ["admin", "analyst", "reviewer", "seller"]),

        // Rules.
        new("GET", "/v1/rules", null, null, ["admin", "analyst", "reviewer"]),
        new("POST", "/v1/rules/test?pattern=no.such_pattern", null, "{}\n", ["admin", "analyst"], "application/x-ndjson"),
        new("POST", "/v1/rules/backtest", null, """{"patterns":"not an object"}""", ["admin", "analyst"]),
        new("PUT", "/v1/rules", null, """{"patterns":"not an object"}""", ["admin", "analyst"]),
        new("GET", "/v1/rules/versions", null, null, ["admin", "analyst", "reviewer"]),

        // Cases and appeals.
        new("GET", "/v1/cases", null, null, ["admin", "analyst", "reviewer", "seller"]),
        new("GET", $"/v1/cases/{w.OwnCase}", $"/v1/cases/{w.OtherCase}", null, ["admin", "analyst", "reviewer", "seller"]),
        new("POST", $"/v1/cases/{w.ReviewCase}/claim", null, null, ["admin", "reviewer"]),
        new("POST", $"/v1/cases/{w.OwnCase}/decide", null, """{"outcome":"maybe","reasons":""}""", ["admin", "reviewer"]),
        new("GET", $"/v1/decisions/{w.OwnDecision}/appeal", $"/v1/decisions/{w.OtherDecision}/appeal", null, ["admin", "analyst", "reviewer", "seller"]),
        new("POST", $"/v1/decisions/{w.OwnDecision}/appeal", $"/v1/decisions/{w.OtherDecision}/appeal", """{"statement":""}""", ["seller"]),
        new("GET", "/v1/appeals/overturn-rates", null, null, ["admin", "analyst", "reviewer"]),

        // The alliance: partners exchange files; staff withdraw entries.
        new("GET", "/v1/alliance/key", null, null, ["admin", "partner"]),
        new("GET", "/v1/alliance/export", null, null, ["admin", "partner"]),
        new("POST", "/v1/alliance/import", null, "{}", ["admin", "partner"]),
        new("POST", "/v1/alliance/withdraw", null, """{"keys":[],"reason":""}""", ["admin", "analyst"]),

        // The jury: a juror sees only the cases they were drawn for.
        new("GET", "/v1/jury/cases", null, null, ["juror"]),
        new("GET", $"/v1/jury/cases/{w.OwnCase}", $"/v1/jury/cases/{w.OwnCase}", null, ["juror"]),
        new("POST", $"/v1/jury/cases/{w.OwnCase}/vote", $"/v1/jury/cases/{w.OwnCase}/vote", """{"vote":"maybe"}""", ["juror"]),
        new("POST", "/v1/jurors", null, """{"account":""}""", ["admin"]),
    ];

    [Fact]
    public async Task EveryEndpointEveryRole_MatchesTheAllowDenyTable()
    {
        var world = await SetUpAsync();
        var failures = new List<string>();
        foreach (var row in Table(world))
        {
            foreach (var principal in Principals)
            {
                var key = principal == Anonymous ? null : world.Keys[principal];
                var allowed = row.Allowed.Contains(principal);
                var status = await SendAsync(key, row.Method, row.Own, row.Body, row.ContentType);
                Check(failures, row, principal, "own", status, allowed);

                // Object-scoped rows: a seller and a juror are refused another's object with 404; staff are not.
                if (row.Other is not null)
                {
                    var otherKey = principal == "juror" ? world.Keys["juror-undrawn"] : key;
                    var otherStatus = await SendAsync(otherKey, row.Method, row.Other, row.Body, row.ContentType);
                    if (allowed && principal is "seller" or "juror")
                    {
                        if (otherStatus != HttpStatusCode.NotFound)
                        {
                            failures.Add($"{row.Method} {row.Other} as {principal} (other's): {(int)otherStatus}, expected 404");
                        }
                    }
                    else
                    {
                        Check(failures, row, principal, "other", otherStatus, allowed);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task OpenEndpoints_HealthMetricsAndOpenApi_NeedNoKey()
    {
        using var anonymous = _service.ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        // The console's pages are public; everything they show comes from the API with the user's key.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lib/echarts.min.js")).StatusCode);
    }

    private static void Check(List<string> failures, Row row, string principal, string which, HttpStatusCode status, bool allowed)
    {
        var expected = !allowed ? (principal == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden) : (HttpStatusCode?)null;
        if (expected is { } denied && status != denied)
        {
            failures.Add($"{row.Method} {row.Own} as {principal} ({which}): {(int)status}, expected {(int)denied}");
        }
        else if (expected is null && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            failures.Add($"{row.Method} {row.Own} as {principal} ({which}): {(int)status}, expected it allowed");
        }
    }

    private async Task<HttpStatusCode> SendAsync(string? key, string method, string url, string? body, string contentType)
    {
        using var client = _service.ClientWith(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
