using System.Diagnostics;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Simulation;
using Clearwind.Storage;
using Clearwind.TestKit;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Clearwind.Report.Tests;

/// <summary>Issue 8: report.html opens offline in a real headless Chromium, renders without console errors, has charts with data, a table per pattern, and switches language.</summary>
public sealed class ReportInChromiumTests(ITestOutputHelper output) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _dir = Directory.CreateTempSubdirectory("clearwind-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Page(IPlaywright playwright, IBrowser browser, IPage page, List<string> errors, List<string> requests) : IAsyncDisposable
    {
        public IPage P => page;

        public List<string> Errors => errors;

        public List<string> Requests => requests;

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>Opens <paramref name="path"/> from file:// in headless Chromium, recording console errors, page errors and every request.</summary>
    private static async Task<Page> OpenAsync(string path)
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"Chromium is not installed at {Chromium}: the report test needs a real browser. Install it with 'apt-get update && apt-get install -y chromium' (Debian; .ci/run does this).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add("console: " + m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add("page error: " + e);
        page.Request += (_, r) => requests.Add(r.Url);
        page.RequestFailed += (_, r) => errors.Add("request failed: " + r.Url);
        await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        return new Page(playwright, browser, page, errors, requests);
    }

    private static async Task<ScanResult> ScanAsync(string dir)
    {
        // Two simulated days of a small market: every pattern and honest look-alike, brushing rings and review farms included.
        var events = new MarketSimulation(SyntheticMarketOptions.ForScale(0.2, days: 2, seed: 7)).Events().ToList();
        var input = Path.Combine(dir, "events.ndjson");
        await File.WriteAllLinesAsync(input, events.Select(EventParser.ToJson));
        var policy = DetectorCatalog.DefaultPolicy();
        await using var store = new InMemoryStore();
        var job = new ScanJob(store, policy.BuildPipeline(DetectorCatalog.BuiltIn), new Decider(policy), IdentifierKeyer.FromText(new string('k', 32)));
        var result = await job.RunAsync([new NdjsonInput(input)]);
        OutputWriter.Write(Path.Combine(dir, "out"), result);
        return result;
    }

    [Fact]
    public async Task Report_OfASimulatedMarket_RendersChartsTablesAndSwitchesLanguage()
    {
        var result = await ScanAsync(_dir);
        var report = Path.Combine(_dir, "out", OutputWriter.ReportFile);
        Assert.True(File.Exists(report), "scan --out writes report.html");
        output.WriteLine($"report.html: {new FileInfo(report).Length:N0} bytes, {result.Findings.Count} findings, {result.Decisions.Count} decisions");

        var clock = Stopwatch.StartNew();
        await using var page = await OpenAsync(report);
        output.WriteLine($"loaded in Chromium in {clock.ElapsedMilliseconds} ms");

        Assert.Empty(page.Errors);
        // Self-contained: the only thing fetched is the file itself.
        Assert.All(page.Requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));

        // The market has brushing rings, review farms, decisions and flagged shops, so every chart has drawn bars.
        foreach (var chart in new[] { "svg-by-day", "svg-actions", "svg-shops", "svg-rings" })
        {
            var marks = await page.P.EvaluateAsync<int>(
                "id => [...document.querySelectorAll('#' + id + ' rect.mark')].filter(r => { const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length",
                chart);
            Assert.True(marks >= 1, $"chart {chart} has no visible bars");
        }

        // The largest ring (the brushing ring or review farm linking the most accounts) is drawn as a graph, one node per account.
        var largest = result.Findings.Where(f => f.Pattern is "order_brushing.ring" or "fake_reviews.farm")
            .Max(f => f.Related.Where(r => r.Type == "account").Select(r => r.Id).Distinct().Count());
        var nodes = await page.P.EvaluateAsync<int>("[...document.querySelectorAll('#svg-ring-graph circle.account')].filter(c => c.getBoundingClientRect().width > 0).length");
        Assert.Equal(Math.Min(largest, ReportWriter.MaxGraphAccounts), nodes);
        Assert.True(await page.P.Locator("#svg-ring-graph line.edge").CountAsync() >= nodes, "every account is linked to its ring");

        // The stacked day chart draws every finding once: its bar counts add up to the number of findings.
        var drawn = await page.P.EvaluateAsync<int>("[...document.querySelectorAll('#svg-by-day rect.mark')].reduce((s, r) => s + Number(r.dataset.n), 0)");
        Assert.Equal(result.Findings.Count, drawn);

        // A table per pattern that had findings, with one row per finding up to the cap.
        var byPattern = result.Findings.GroupBy(f => f.Pattern).ToList();
        Assert.True(byPattern.Count >= 15, $"the simulated market should trigger most patterns, got {byPattern.Count}");
        foreach (var group in byPattern)
        {
            var rows = await page.P.EvaluateAsync<int>("p => { const t = [...document.querySelectorAll('table.findings')].find(t => t.dataset.pattern === p); return t ? t.tBodies[0].rows.length : -1; }", group.Key);
            Assert.Equal(Math.Min(group.Count(), ReportWriter.MaxRowsPerPattern), rows);
        }

        Assert.Equal(byPattern.Count, await page.P.Locator("table.findings").CountAsync());

        // 简体中文 by default; the button switches to English and back.
        var title = page.P.Locator("#title");
        Assert.Equal("Clearwind 扫描报告", (await title.InnerTextAsync()).Trim());
        Assert.Equal("zh-CN", await page.P.EvaluateAsync<string>("document.documentElement.lang"));
        await page.P.Locator("#lang").ClickAsync();
        Assert.Equal("Clearwind scan report", (await title.InnerTextAsync()).Trim());
        Assert.Equal("Decisions by action", (await page.P.Locator("#chart-actions").InnerTextAsync()).Trim());
        Assert.Equal("en", await page.P.EvaluateAsync<string>("document.documentElement.lang"));
        await page.P.Locator("#lang").ClickAsync();
        Assert.Equal("各处置动作的决定数", (await page.P.Locator("#chart-actions").InnerTextAsync()).Trim());
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Report_WithHostileEvidenceText_ShowsItAsTextAndRunsNothing()
    {
        const string hostile = "<img src=x onerror=\"console.error('xss')\"><script>console.error('xss')</script> & \"quoted\" 差评";
        const string hostileZh = "<img src=x onerror=\"console.error('xss')\"><script>console.error('xss')</script> & “引号” 恶意差评";
        var finding = Some.Finding(pattern: "fake_reviews.malicious_negative", shop: "s<b>1</b>", text: hostile, textZh: hostileZh);
        var result = new ScanResult
        {
            Inputs = [],
            EventsByType = new Dictionary<string, long>(),
            UnknownTypes = new Dictionary<string, long>(),
            Problems = [],
            NewEvents = 3,
            StoredEvents = 3,
            ProcessedEvents = 3,
            Findings = [finding],
            Decisions = [Some.Decision(action: DecisionActions.Review, shop: "s<b>1</b>")],
            NewDecisions = 1,
            DetectorFaults = new Dictionary<string, DetectorFault>(),
            Elapsed = TimeSpan.FromSeconds(1),
        };
        OutputWriter.Write(_dir, result);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, OutputWriter.ReportFile));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>1", html, StringComparison.Ordinal);

        await using var page = await OpenAsync(Path.Combine(_dir, OutputWriter.ReportFile));
        Assert.Empty(page.Errors);
        Assert.Equal(0, await page.P.Locator("img, b, body table script").CountAsync());
        var cells = await page.P.Locator("table.findings tbody td").AllTextContentsAsync();
        Assert.Equal("shop:s<b>1</b>", cells[0]);
        // The evidence cell holds both languages, each as text.
        Assert.Equal(hostileZh + hostile, cells[^1]);
        Assert.Equal([hostileZh], await page.P.Locator("table.findings tbody td:last-child span.zh").AllTextContentsAsync());
        Assert.Equal([hostile], await page.P.Locator("table.findings tbody td:last-child span.en").AllTextContentsAsync());
    }
}
