using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Clearwind.Service.Tests;

/// <summary>
/// Issue 10: the web console in a real headless Chromium against the real service process. A seller signs in, reads the
/// penalty in Chinese and in English, appeals with the one form; a juror reads the anonymised file and votes; staff see
/// the dashboard's charts and make the final call. No page shows an error or logs one. Screenshots (1366×768) of each page
/// are written to the test output folder and named in the test's output.
/// </summary>
public sealed class ConsoleInChromiumTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _folder = Directory.CreateTempSubdirectory("clearwind-console-").FullName;
    private readonly List<string> _errors = [];
    private ServiceProcess _service = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"Chromium is not installed at {Chromium}: install it with 'apt-get install -y chromium' (.ci/run does)");
        _service = await ServiceProcess.StartAsync(Path.Combine(_folder, "clearwind.db"), "--Clearwind:Policy", AppealStory.PolicyFile(_folder));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _service.DisposeAsync();
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, TimezoneId = "Asia/Shanghai" });
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                _errors.Add("console: " + m.Text);
            }
        };
        page.PageError += (_, e) => _errors.Add("page: " + e);
        await page.GotoAsync(_service.BaseAddress.ToString());
        return page;
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.FillAsync("#key", key);
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForSelectorAsync("#signout:not([hidden])");
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("#signout");
        await page.WaitForSelectorAsync("#key");
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "console-screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        output.WriteLine($"screenshot {name}: {path}");
        Assert.False(await page.IsVisibleAsync("#banner"), $"{name}: the page shows an error: {await page.TextContentAsync("#banner")}");
    }

    [Fact]
    public async Task Console_SellerAppealsJurorVotesStaffDecide_InBothLanguagesWithoutErrors()
    {
        using var admin = _service.Client(_service.AdminKey);
        (await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(AppealStory.Market()))).EnsureSuccessStatusCode();
        var jurors = new Dictionary<string, string>();
        foreach (var juror in AppealStory.CleanJurors)
        {
            var enrolled = await (await admin.PostAsJsonAsync("/v1/jurors", new { account = juror })).Content.ReadFromJsonAsync<JsonElement>();
            jurors[juror] = enrolled.GetProperty("key").GetString()!;
        }

        async Task<string> KeyAsync(string role, params string[] shops)
        {
            var made = await (await admin.PostAsJsonAsync("/v1/keys", new { role, name = role + " console", shops })).Content.ReadFromJsonAsync<JsonElement>();
            return made.GetProperty("key").GetString()!;
        }

        var page = await OpenAsync();

        // Signed out: the sign-in page, in Chinese by default.
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("登录", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await ShotAsync(page, "1-sign-in");

        // The seller: penalties with the rule, the explanation and the deadline, then the same in English.
        await SignInAsync(page, await KeyAsync("seller", AppealStory.Shop));
        await page.WaitForSelectorAsync("#penalties");
        await page.WaitForSelectorAsync("#gauge-0 canvas"); // the shop's health score
        Assert.Contains("作废", await page.TextContentAsync("#penalties"), StringComparison.Ordinal); // the Chinese explanation
        Assert.Contains("虚假发货", await page.TextContentAsync("#penalties"), StringComparison.Ordinal); // the pattern's Chinese name
        // The evidence and the rule in Chinese, as the detector and the pattern wrote them, never the English words.
        var penaltiesZh = await page.TextContentAsync("#penalties") ?? "";
        Assert.Contains("空包或虚假物流迹象", penaltiesZh, StringComparison.Ordinal);
        Assert.Contains("重复使用的运单号", penaltiesZh, StringComparison.Ordinal);
        Assert.DoesNotContain("empty parcels", penaltiesZh, StringComparison.Ordinal);
        Assert.DoesNotContain("an order is fake at", penaltiesZh, StringComparison.Ordinal);
        // The shop-health reasons in Chinese.
        var reasonsZh = await page.TextContentAsync(".reasons") ?? "";
        Assert.Contains("笔已付款订单中有", reasonsZh, StringComparison.Ordinal);
        Assert.Contains("扣", reasonsZh, StringComparison.Ordinal);
        Assert.DoesNotContain("voided", reasonsZh, StringComparison.Ordinal);
        await ShotAsync(page, "2-seller-zh");
        await page.ClickAsync("#lang");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Contains("My shops", await page.TextContentAsync("#nav"), StringComparison.Ordinal);
        Assert.Contains("void_orders", await page.TextContentAsync("#penalties"), StringComparison.Ordinal);
        var penaltiesEn = await page.TextContentAsync("#penalties") ?? "";
        Assert.Contains("empty parcels or fake logistics", penaltiesEn, StringComparison.Ordinal);
        Assert.Contains("an order is fake at", penaltiesEn, StringComparison.Ordinal);
        Assert.DoesNotContain("空包或虚假物流迹象", penaltiesEn, StringComparison.Ordinal);
        Assert.DoesNotContain("重复使用的运单号", penaltiesEn, StringComparison.Ordinal);
        var reasonsEn = await page.TextContentAsync(".reasons") ?? "";
        Assert.Contains("paid orders voided as fake", reasonsEn, StringComparison.Ordinal);
        Assert.DoesNotContain("笔已付款订单", reasonsEn, StringComparison.Ordinal);
        await ShotAsync(page, "3-seller-en");

        // The appeal form of the brushing decision, pre-filled; the seller writes only a statement.
        var row = page.Locator("#penalties tr", new() { HasText = "order_brushing.concentration" });
        await row.Locator("a.appeal-link").ClickAsync();
        await page.WaitForSelectorAsync("#appeal-form");
        Assert.Contains("What to fix", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await ShotAsync(page, "4-appeal-form");
        await page.FillAsync("#statement", "b1 runs a café and restocks weekly; invoices on request.");
        await page.ClickAsync("#appeal-form button[type=submit]");
        await page.WaitForSelectorAsync("#case-status");
        Assert.Equal("Jury voting", (await page.TextContentAsync("#case-status"))!.Trim());
        await ShotAsync(page, "5-appeal-filed");
        var caseId = page.Url[(page.Url.IndexOf("#/case/", StringComparison.Ordinal) + "#/case/".Length)..];
        await SignOutAsync(page);

        // A juror: the anonymised file, and a vote.
        await SignInAsync(page, jurors["j1"]);
        await page.WaitForSelectorAsync("#jury-cases");
        await page.ClickAsync("#jury-cases a");
        await page.WaitForSelectorAsync("#file-evidence");
        var file = await page.TextContentAsync("main") ?? "";
        Assert.DoesNotMatch(@"(?<![\w-])(s1|b1|owner1|s1-l1)(?![\w-])", file);
        Assert.Contains("Shop A", file, StringComparison.Ordinal);
        await ShotAsync(page, "6-juror-file");
        await page.FillAsync("#reason", "Five orders in forty minutes from one café is plausible restocking.");
        await page.ClickAsync("#vote button[value=overturn]");
        await page.WaitForSelectorAsync("#voted");
        await ShotAsync(page, "7-juror-voted");
        await SignOutAsync(page);
        foreach (var juror in AppealStory.CleanJurors.Skip(1))
        {
            using var client = _service.Client(jurors[juror]);
            (await client.PostAsJsonAsync($"/v1/jury/cases/{caseId}/vote", new { vote = "overturn" })).EnsureSuccessStatusCode();
        }

        // Staff: the dashboard's charts, then the final call on the case.
        await SignInAsync(page, await KeyAsync("reviewer"));
        foreach (var chart in new[] { "#chart-findings", "#chart-actions", "#chart-overturns", "#chart-shops", "#chart-rings" })
        {
            await page.WaitForSelectorAsync(chart + " canvas");
        }

        await ShotAsync(page, "8-dashboard");

        // The queue: filtered by pattern, the buyer's review dismissed in bulk with reasons.
        await page.ClickAsync("#nav a[href='#/cases']");
        await page.WaitForSelectorAsync("#case-table");
        await page.SelectOptionAsync("#f-pattern", "order_brushing.concentration");
        await page.SelectOptionAsync("#f-status", "open");
        Assert.Equal(1, await page.Locator("#case-table input.pick").CountAsync());
        await ShotAsync(page, "9-case-queue");
        await page.CheckAsync("#case-table input.pick");
        await page.FillAsync("#bulk-reasons", "b1 is a known café customer.");
        await page.ClickAsync("#bulk button[type=submit]");
        // The queue is drawn again once every picked case is decided: the dismissed review has no box any more.
        await page.Locator("#case-table input.pick").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.SelectOptionAsync("#f-status", "open");
        Assert.Equal(0, await page.Locator("#case-table input.pick").CountAsync());

        // The shop's page: findings over time, decisions, the linked graph.
        await page.GotoAsync(_service.BaseAddress + "#/entity/shop/s1");
        await page.WaitForSelectorAsync("#timeline canvas");
        await page.WaitForSelectorAsync("#graph canvas");
        Assert.Contains("order_brushing.fake_fulfilment", await page.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Contains("ip ×1", await page.TextContentAsync("#common"), StringComparison.Ordinal); // the campus NAT, left out
        await ShotAsync(page, "10-entity");

        await page.GotoAsync(_service.BaseAddress + "#/case/" + caseId);
        await page.WaitForSelectorAsync("#decide");
        Assert.Equal("Overturn", (await page.TextContentAsync("#verdict"))!.Trim());
        await page.SelectOptionAsync("#outcome", "overturn");
        await page.FillAsync("#reasons", "The jury found a business buyer; invoices confirm it.");
        await page.ClickAsync("#decide button[type=submit]");
        await page.WaitForSelectorAsync("#resolution");
        Assert.Equal("Resolved", (await page.TextContentAsync("#case-status"))!.Trim());
        await ShotAsync(page, "11-case-resolved");
        await SignOutAsync(page);

        // An analyst: the policy, a backtest of an edit side by side, then publishing it as version 1.
        await SignInAsync(page, await KeyAsync("analyst"));
        await page.ClickAsync("#nav a[href='#/rules']");
        await page.WaitForSelectorAsync("#policy");
        await page.EvalOnSelectorAsync("#policy", "el => { const p = JSON.parse(el.value); p.patterns['order_brushing.fake_fulfilment'].enabled = false; el.value = JSON.stringify(p, null, 2); }");
        await page.ClickAsync("#backtest");
        await page.WaitForSelectorAsync("#backtest-result");
        // Side by side: the edited policy's fake-fulfilment findings go from 1 to 0.
        var fulfilment = page.Locator("#backtest-result tr", new() { HasText = "order_brushing.fake_fulfilment" });
        Assert.Equal(["order_brushing.fake_fulfilment", "1", "0", "-1"], await fulfilment.Locator("td").AllTextContentsAsync());
        await ShotAsync(page, "12-rules-backtest");
        await page.FillAsync("#note", "fake_fulfilment off while carriers fix their scales");
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("#versions");
        Assert.Contains("carriers fix their scales", await page.TextContentAsync("#versions"), StringComparison.Ordinal);
        await ShotAsync(page, "13-rules-published");

        Assert.True(_errors.Count == 0, string.Join("\n", _errors));
    }

    [Fact]
    public async Task Console_EveryRoleSignsIn_SeesItsOwnPagesOnly()
    {
        using var admin = _service.Client(_service.AdminKey);
        (await admin.PostAsync("/v1/events", ServiceFactory.Ndjson(AppealStory.Market()))).EnsureSuccessStatusCode();
        var juror = await (await admin.PostAsJsonAsync("/v1/jurors", new { account = "j1" })).Content.ReadFromJsonAsync<JsonElement>();
        var keys = new Dictionary<string, string> { ["admin"] = _service.AdminKey, ["juror"] = juror.GetProperty("key").GetString()! };
        foreach (var role in new[] { "analyst", "reviewer", "seller", "search", "partner", "ingest" })
        {
            var made = await (await admin.PostAsJsonAsync("/v1/keys", new { role, name = role, shops = role == "seller" ? new[] { AppealStory.Shop } : null })).Content.ReadFromJsonAsync<JsonElement>();
            keys[role] = made.GetProperty("key").GetString()!;
        }

        // The pages each role's navigation offers (English labels); roles without a console page see who they are.
        var expected = new Dictionary<string, string[]>
        {
            ["admin"] = ["Dashboard", "Case queue", "Rules"],
            ["analyst"] = ["Dashboard", "Case queue", "Rules"],
            ["reviewer"] = ["Dashboard", "Case queue"],
            ["seller"] = ["My shops"],
            ["juror"] = ["Public jury"],
            ["search"] = [],
            ["partner"] = [],
            ["ingest"] = [],
        };
        var page = await OpenAsync();
        await page.ClickAsync("#lang");
        foreach (var (role, nav) in expected)
        {
            await SignInAsync(page, keys[role]);
            await page.WaitForFunctionAsync("document.getElementById('view').children.length > 0");
            Assert.Equal(nav, await page.Locator("#nav a").AllTextContentsAsync());
            Assert.Contains($"({role})", await page.TextContentAsync("#who"), StringComparison.Ordinal);
            await ShotAsync(page, "role-" + role);
            await SignOutAsync(page);
        }

        // A wrong key is refused with a message, not an error.
        await page.FillAsync("#key", "cw_not_a_key");
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForSelectorAsync("#banner:not([hidden])");
        Assert.Equal("That key is not valid.", await page.TextContentAsync("#banner"));
        Assert.True(_errors.All(e => e.Contains("401", StringComparison.Ordinal)), string.Join("\n", _errors));
    }
}
