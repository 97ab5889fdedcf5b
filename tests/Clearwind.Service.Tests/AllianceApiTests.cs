using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.Simulation;

namespace Clearwind.Service.Tests;

/// <summary>
/// Two platforms running the service: A exports its confirmed actors through the API, B imports the file with A's
/// public key and its own copies of those accounts come up for review — never a penalty — naming A as the source.
/// </summary>
public sealed class AllianceApiTests : IDisposable
{
    private const string AllianceKey = "the alliance's shared key, 2016";

    private readonly string _root = Directory.CreateTempSubdirectory("clearwind-alliance-").FullName;
    private readonly List<MarketEvent> _market = [.. new MarketSimulation(SyntheticMarketOptions.ForScale(0.1, days: 2, seed: 5)).Events()];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ServiceFactory Platform(string name, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Clearwind:Alliance:Key"] = AllianceKey };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ServiceFactory(Path.Combine(_root, name), all);
    }

    private async Task IngestMarketAsync(ServiceFactory platform)
    {
        using var admin = platform.Admin();
        foreach (var chunk in _market.Chunk(5_000))
        {
            var response = await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(chunk));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task ExportFromOnePlatform_ImportIntoAnother_PutsTheSameAccountsUnderReviewNamingTheSource()
    {
        using var a = Platform("a", ("Clearwind:Alliance:Source", "platform-a"));
        await IngestMarketAsync(a);
        using var partnerOfA = a.ClientWith(await a.KeyAsync("partner"));
        var file = await (await partnerOfA.GetAsync("/v1/alliance/export")).Content.ReadAsByteArrayAsync();
        var pem = await (await partnerOfA.GetAsync("/v1/alliance/key")).Content.ReadAsStringAsync();
        var text = Encoding.UTF8.GetString(file);
        Assert.Contains("\"source\":\"platform-a\"", text, StringComparison.Ordinal);
        foreach (var phone in _market.OfType<OrderPlaced>().Select(o => o.Phone).Where(p => p is { Length: > 6 }).Distinct().Take(500))
        {
            Assert.DoesNotContain(phone!, text, StringComparison.Ordinal);
        }

        // An account A throttled: B sees the same person (same handle, phone, device) in its own traffic.
        using var adminOfA = a.Admin();
        string? throttled = null;
        for (var after = 0; throttled is null;)
        {
            var page = await JsonOf(await adminOfA.GetAsync($"/v1/decisions?after={after}"));
            throttled = page.GetProperty("decisions").EnumerateArray()
                .FirstOrDefault(d => d.GetProperty("entity").GetProperty("type").GetString() == "account" && d.GetProperty("action").GetString() == "throttle") is { ValueKind: JsonValueKind.Object } d
                ? d.GetProperty("entity").GetProperty("id").GetString() : null;
            Assert.True(throttled is not null || page.GetProperty("next").GetInt32() < page.GetProperty("total").GetInt32(), "A throttled no account");
            after = page.GetProperty("next").GetInt32();
        }

        var keyFile = Path.Combine(_root, "platform-a.pub");
        await File.WriteAllTextAsync(keyFile, pem);
        using var b = Platform("b", ("Clearwind:Alliance:Source", "platform-b"), ("Clearwind:Alliance:PartnerKeys:platform-a", keyFile));
        await IngestMarketAsync(b);
        using var partnerOfB = b.ClientWith(await b.KeyAsync("partner"));

        var tampered = (byte[])file.Clone();
        var at = text.IndexOf("\"confidence\":", StringComparison.Ordinal) + "\"confidence\":".Length + 2;
        tampered[at] = (byte)(tampered[at] == (byte)'5' ? '6' : '5');
        Assert.Equal(HttpStatusCode.BadRequest, (await partnerOfB.PostAsync("/v1/alliance/import", new ByteArrayContent(tampered))).StatusCode);
        var foreign = Encoding.UTF8.GetBytes(text.Replace("platform-a", "platform-z", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await partnerOfB.PostAsync("/v1/alliance/import", new ByteArrayContent(foreign))).StatusCode);

        var imported = await JsonOf(await partnerOfB.PostAsync("/v1/alliance/import", new ByteArrayContent(file)));
        Assert.True(imported.GetProperty("entries").GetInt32() > 0);

        using var adminOfB = b.Admin();
        var account = await JsonOf(await adminOfB.GetAsync($"/v1/entities/account/{throttled}"));
        var listed = account.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("pattern").GetString() == "alliance.listed");
        Assert.Contains("platform-a", listed.GetProperty("evidence")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var listedId = listed.GetProperty("id").GetString();
        var onListing = account.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("decision"))
            .Where(d => d.GetProperty("findings").EnumerateArray().Any(f => f.GetString() == listedId)).ToList();
        Assert.NotEmpty(onListing);
        Assert.All(onListing, d => Assert.Equal("review", d.GetProperty("action").GetString()));

        // A reviewer at B dismisses it: the entries that matched are disputed, upheld, and stop matching at B.
        var entryKeys = Alliance.AllianceEntry.KeysIn(listed.GetProperty("evidence")[0].GetProperty("text").GetString()!).ToList();
        Assert.NotEmpty(entryKeys);
        using var reviewer = b.ClientWith(await b.KeyAsync("reviewer"));
        var queue = await JsonOf(await reviewer.GetAsync("/v1/cases?kind=review&status=open"));
        var caseId = queue.EnumerateArray().First(c => c.GetProperty("entity").GetProperty("id").GetString() == throttled && c.GetProperty("pattern").GetString() == "alliance.listed").GetProperty("id").GetString();
        await JsonOf(await reviewer.PostAsJsonAsync($"/v1/cases/{caseId}/decide", new { outcome = "dismiss", reasons = "the phone is the family's; the account is not the brusher" }));
        b.Dispose();
        await using var storeOfB = await Storage.Sqlite.SqliteStore.OpenAsync(b.StorePath);
        var book = await Alliance.AllianceBook.ReadAsync(storeOfB.Journal);
        Assert.All(entryKeys, key => Assert.Equal(Alliance.DisputeStatus.Upheld, book.Disputes[key].Status));
        Assert.DoesNotContain(book.Active(DateTimeOffset.UtcNow), e => entryKeys.Contains(e.Key));
    }
}
