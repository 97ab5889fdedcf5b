using System.Globalization;
using System.Text.Json;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    private static readonly string[] FindingFields = ["id", "pattern", "entity", "role", "score", "severity", "from", "to", "related", "evidence", "rule"];
    private static readonly string[] DecisionFields = ["id", "entity", "action", "rule", "findings", "strike", "effective_at", "expires_at", "appeal_by"];

    // Beyond SPEC §8, documented in docs/policy.md: the explanation (en, zh_cn) and the log's hash chain.
    private static readonly string[] DecisionAdditions = ["explanation", "prev_hash", "hash"];

    // SPEC §8 word lists.
    private static readonly string[] Roles = ["actor", "beneficiary", "victim"];
    private static readonly string[] Severities = ["low", "medium", "high"];
    private static readonly string[] EntityTypes = ["shop", "account", "listing", "order", "review", "click", "report", "group"];
    // SPEC §8's actions, plus alert (brand.alert informs a brand owner and changes nothing for the entity).
    private static readonly string[] Actions = ["warn", "review", "demote", "throttle", "fold", "remove", "delist", "block_search", "close", "void_orders", "refund_clicks", "protect", "alert"];

    [Fact]
    public async Task Scan_GoodInput_WritesFindingsDecisionsAndSummary()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        var exit = await _cli.ScanAsync("out", [input]);

        Assert.Equal(0, exit);
        var outputs = _cli.Outputs("out");
        Assert.True(File.Exists(outputs.FindingsPath));
        Assert.True(File.Exists(outputs.DecisionsPath));
        Assert.True(File.Exists(outputs.SummaryPath));
        Assert.False(File.Exists(outputs.ProblemsPath)); // clean input: no problems file
        var summary = outputs.Summary;
        Assert.Equal(23, Number(summary, "events", "read"));
        Assert.Equal(23, Number(summary, "events", "new"));
        Assert.Equal(outputs.Findings.Count, Number(summary, "findings", "total"));
        Assert.Equal(outputs.Decisions.Count, Number(summary, "decisions", "total"));
        Assert.Contains("Clearwind scan", _cli.Output, StringComparison.Ordinal); // the readable summary table
    }

    [Fact]
    public async Task Scan_OneBuyerThreeOrdersAndFlashSale_FindsBrushingShopOnly()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        Assert.Equal(["s1"], outputs.BrushingShops);
        var finding = Assert.Single(outputs.FindingsAbout("s1"));
        Assert.Equal("actor", finding.GetProperty("role").GetString());
        var related = finding.GetProperty("related").EnumerateArray().Select(r => (r.GetProperty("type").GetString(), r.GetProperty("id").GetString(), r.GetProperty("role").GetString()));
        Assert.Equal([("account", "b1", "actor"), ("order", "ord-s1-0", "actor"), ("order", "ord-s1-1", "actor"), ("order", "ord-s1-2", "actor")], related);
        Assert.Equal(["s1-0", "s1-1", "s1-2"], finding.GetProperty("evidence")[0].GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        // The flash sale is named nowhere: no finding, no decision, none of its buyers.
        Assert.False(outputs.Mentions("s2"));
        Assert.False(outputs.Mentions("fan00"));
        Assert.Contains(outputs.Decisions, d => d.GetProperty("entity").GetProperty("id").GetString() == "s1");
    }

    [Fact]
    public async Task Scan_FindingsFile_HasExactlySpecFields()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var findings = _cli.Outputs("out").Findings;
        Assert.NotEmpty(findings);
        foreach (var f in findings)
        {
            Assert.Equal(FindingFields.Order(StringComparer.Ordinal), Names(f));
            Assert.Equal(JsonValueKind.String, f.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.String, f.GetProperty("pattern").ValueKind);
            AssertEntity(f.GetProperty("entity"));
            Assert.Contains(f.GetProperty("role").GetString(), Roles);
            Assert.InRange(f.GetProperty("score").GetDouble(), 0, 1);
            Assert.Contains(f.GetProperty("severity").GetString(), Severities);
            var from = Time(f.GetProperty("from"));
            var to = Time(f.GetProperty("to"));
            Assert.True(from <= to);
            foreach (var r in f.GetProperty("related").EnumerateArray())
            {
                Assert.Equal(["id", "role", "type"], Names(r));
                Assert.Contains(r.GetProperty("type").GetString(), EntityTypes);
                Assert.Contains(r.GetProperty("role").GetString(), Roles);
            }

            Assert.NotEqual(0, f.GetProperty("evidence").GetArrayLength());
            foreach (var e in f.GetProperty("evidence").EnumerateArray())
            {
                // SPEC §8's fields, and text_zh beside text (beyond SPEC §8, documented in docs/patterns.md): the same in Chinese.
                Assert.Equal(["events", "figures", "text", "text_zh"], Names(e));
                Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("text").GetString()));
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.GetProperty("text_zh").GetString());
                Assert.All(e.GetProperty("events").EnumerateArray(), id => Assert.Equal(JsonValueKind.String, id.ValueKind));
                Assert.All(e.GetProperty("figures").EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
            }

            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("rule").GetString()));
        }
    }

    [Fact]
    public async Task Scan_DecisionsFile_HasExactlySpecFieldsPlusExplanationAndChain()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        var findingIds = outputs.Findings.Select(f => f.GetProperty("id").GetString()).ToHashSet();
        var decisions = outputs.Decisions;
        Assert.NotEmpty(decisions);
        foreach (var d in decisions)
        {
            Assert.Equal(DecisionFields.Concat(DecisionAdditions).Order(StringComparer.Ordinal), Names(d));
            Assert.Equal(["en", "zh_cn"], Names(d.GetProperty("explanation")));
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("explanation").GetProperty("en").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("explanation").GetProperty("zh_cn").GetString()));
            Assert.Matches("^[0-9a-f]{64}$", d.GetProperty("prev_hash").GetString());
            Assert.Matches("^[0-9a-f]{64}$", d.GetProperty("hash").GetString());
            Assert.Equal(JsonValueKind.String, d.GetProperty("id").ValueKind);
            AssertEntity(d.GetProperty("entity"));
            Assert.Contains(d.GetProperty("action").GetString(), Actions);
            Assert.Equal(JsonValueKind.String, d.GetProperty("rule").ValueKind);
            Assert.NotEqual(0, d.GetProperty("findings").GetArrayLength());
            Assert.All(d.GetProperty("findings").EnumerateArray(), id => Assert.Contains(id.GetString(), findingIds));
            Assert.True(d.GetProperty("strike").GetInt32() >= 0);
            var effective = Time(d.GetProperty("effective_at"));
            foreach (var name in new[] { "expires_at", "appeal_by" })
            {
                var value = d.GetProperty(name);
                if (value.ValueKind != JsonValueKind.Null)
                {
                    Assert.True(Time(value) >= effective, $"{name} before effective_at");
                }
            }
        }
    }

    private static List<string> Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static void AssertEntity(JsonElement entity)
    {
        Assert.Equal(["id", "type"], Names(entity));
        Assert.Contains(entity.GetProperty("type").GetString(), EntityTypes);
        Assert.False(string.IsNullOrEmpty(entity.GetProperty("id").GetString()));
    }

    // Output times are ISO-8601 with an offset (or Z), never bare local times.
    private static DateTimeOffset Time(JsonElement value)
    {
        var text = value.GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
