using System.Globalization;
using System.Text.Json.Nodes;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    // Taobao UserBehavior rows as Tianchi ships them: no header, user_id,item_id,category_id,behavior_type,timestamp.
    // 1511658000 is 2017-11-26 09:00:00 in China time (UTC+8).
    private const string TaobaoRows = """
        1001,2001,3001,pv,1511658000
        1001,2001,3001,fav,1511658060
        1002,2001,3001,buy,1511658120
        1003,2002,3002,cart,1511658180

        """;

    private const string TaobaoFormat = ScanSettings.TaobaoUserBehaviorFormat;

    private Task<int> ScanWithFormatAsync(string format, string input, string? csvMap = null, string output = "out")
        => _cli.ScanAsync(new ScanSettings([input], _cli.PathOf(output), CsvMap: csvMap, Quiet: true, Format: format));

    [Fact]
    public async Task Scan_TaobaoFormatRows_MapToSpecTypesFieldsAndChinaTime()
    {
        var input = _cli.WriteText("in/UserBehavior.csv", TaobaoRows);

        Assert.Equal(0, await ScanWithFormatAsync(TaobaoFormat, input));

        var outputs = _cli.Outputs("out");
        Assert.Equal(1, Number(outputs.Summary, "events", "by_type", "listing.viewed"));
        Assert.Equal(1, Number(outputs.Summary, "events", "by_type", "listing.liked"));
        Assert.Equal(1, Number(outputs.Summary, "events", "by_type", "order.placed"));
        Assert.Equal(1, Number(outputs.Summary, "unknown_types", "cart.added")); // cart has no SPEC §7 type
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));

        var stored = (await Stores.EventsAsync(outputs.StorePath)).Select(e => JsonNode.Parse(e.Json)!.AsObject()).ToList();
        Assert.Equal(3, stored.Count);
        var viewed = Assert.Single(stored, e => (string?)e["type"] == "listing.viewed");
        Assert.Equal("1001", (string?)viewed["account"]);
        Assert.Equal("2001", (string?)viewed["listing"]);
        Assert.Equal("3001", (string?)viewed["category"]); // kept as an unknown field
        Assert.Equal("2017-11-26T09:00:00+08:00", (string?)viewed["ts"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1511658000), DateTimeOffset.Parse((string)viewed["ts"]!, CultureInfo.InvariantCulture));

        var liked = Assert.Single(stored, e => (string?)e["type"] == "listing.liked");
        Assert.Equal("1001", (string?)liked["account"]);
        Assert.Equal("2017-11-26T09:01:00+08:00", (string?)liked["ts"]);

        var order = Assert.Single(stored, e => (string?)e["type"] == "order.placed");
        Assert.Equal("1002", (string?)order["buyer"]);
        Assert.Null(order["account"]); // the user is the buyer here, not also an account field
        Assert.Equal("2001", (string?)order["listing"]);
        Assert.Equal("item:2001", (string?)order["shop"]); // the stand-in for the item's unknown shop
        Assert.Equal((string?)order["id"], (string?)order["order"]);
        Assert.Equal("3001", (string?)order["category"]);
        Assert.Equal("2017-11-26T09:02:00+08:00", (string?)order["ts"]);
    }

    [Fact]
    public async Task Scan_TaobaoFormatSameFileTwice_AddsNothingTheSecondTime()
    {
        var store = _cli.PathOf("store", "clearwind.db");
        var input = _cli.WriteText("in/UserBehavior.csv", TaobaoRows + "1001,2001,3001,pv,1511658000\n"); // the first row again
        var settings = new ScanSettings([input], _cli.PathOf("out"), Store: store, Quiet: true, Format: TaobaoFormat);

        Assert.Equal(0, await _cli.ScanAsync(settings));
        var first = (await Stores.EventsAsync(store)).Select(e => e.Id).ToList();
        Assert.Equal(1, Number(_cli.Outputs("out").Summary, "events", "duplicates")); // identical rows are one event
        Assert.Equal(0, await _cli.ScanAsync(settings with { Out = _cli.PathOf("out2") }));

        var summary = _cli.Outputs("out2").Summary;
        Assert.Equal(0, Number(summary, "events", "new"));
        Assert.Equal(4, Number(summary, "events", "duplicates"));
        Assert.Equal(first, (await Stores.EventsAsync(store)).Select(e => e.Id));
        Assert.Equal(3, first.Count);
    }

    [Fact]
    public async Task Scan_TaobaoFormatBadRows_ReportsEachLineAndReadsTheRest()
    {
        var input = _cli.WriteText("in/UserBehavior.csv", """
            1001,2001,3001,pv,1511658000
            1001,2001,3001,1511658060
            1002,2001,3001,buy,2017-11-26 09:02:00
            1003,2002,3002,share,1511658180
            1004,2003,3003,pv,1511658240
            1005,2004,3004,pv,1511658300,extra

            """);

        Assert.Equal(0, await ScanWithFormatAsync(TaobaoFormat, input));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 2, "row has 4 columns", "expected 5");
        AssertProblem(_cli, outputs, input, 3, "ts", "Unix epoch seconds");
        AssertProblem(_cli, outputs, input, 4, "behavior_type", "type_values");
        AssertProblem(_cli, outputs, input, 6, "row has 6 columns");
        Assert.Equal(4, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(2, Number(outputs.Summary, "events", "by_type", "listing.viewed"));
        Assert.DoesNotContain("share", _cli.Errors, StringComparison.Ordinal); // errors never quote the input
    }

    [Fact]
    public async Task Scan_TaobaoFormatOneBuyerBuyingAnItemThriceInAnHour_IsFlagged()
    {
        // The orders' shop stands in for the item's shop, so the concentration rule can still see brushing of one item
        // (this is what makes "no findings" on the real traffic below a result rather than a given).
        var input = _cli.WriteText("in/UserBehavior.csv", """
            1001,2001,3001,buy,1511658000
            1001,2001,3001,buy,1511658600
            1001,2001,3001,buy,1511659200
            1002,2002,3001,buy,1511658000

            """);

        Assert.Equal(0, await ScanWithFormatAsync(TaobaoFormat, input));

        var outputs = _cli.Outputs("out");
        Assert.Equal(["item:2001"], outputs.BrushingShops);
        var finding = Assert.Single(outputs.FindingsAbout("item:2001"));
        Assert.Equal(["1001"], finding.GetProperty("related").EnumerateArray().Where(r => r.GetProperty("type").GetString() == "account").Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Scan_TaobaoFormatTwentyFiveFavsOnAnItemWithinAnHour_IsALikeBurst()
    {
        // fav rows are likes: 25 users favouring one item within 50 minutes, none buying, is a burst against the item's
        // own rate, so "no findings" for the like detectors on the real traffic below is a result too.
        var rows = string.Concat(Enumerable.Range(0, 25).Select(i => $"{1100 + i},2001,3001,fav,{1511658000 + (120 * i)}\n"));
        var input = _cli.WriteText("in/UserBehavior.csv", "1001,2002,3001,pv,1511650000\n" + rows);

        Assert.Equal(0, await ScanWithFormatAsync(TaobaoFormat, input));

        var finding = Assert.Single(_cli.Outputs("out").Findings, f => f.GetProperty("pattern").GetString() == "fake_likes.burst");
        Assert.Equal("2001", finding.GetProperty("entity").GetProperty("id").GetString());
        Assert.Equal(25, finding.GetProperty("related").EnumerateArray().Count(r => r.GetProperty("type").GetString() == "account"));
    }

    [Fact]
    public async Task Scan_TaobaoFixture_ReadsEveryRowAndFlagsNothing()
    {
        // 96,168 real rows (about two hours of organic Taobao traffic on 2017-11-26): every row is read and counted,
        // and nothing is flagged or decided.
        var input = RepositoryFiles.SharedData("taobao-userbehavior", "UserBehavior_head96k.csv");

        Assert.Equal(0, await ScanWithFormatAsync(TaobaoFormat, input));

        var outputs = _cli.Outputs("out");
        var summary = outputs.Summary;
        var read = Assert.Single(summary.GetProperty("inputs").EnumerateArray());
        Assert.Equal(96_168, read.GetProperty("lines").GetInt64());
        Assert.True(read.GetProperty("read_to_end").GetBoolean());
        Assert.Equal(85_773, Number(summary, "events", "by_type", "listing.viewed"));
        Assert.Equal(2_959, Number(summary, "events", "by_type", "listing.liked"));
        Assert.Equal(2_144, Number(summary, "events", "by_type", "order.placed"));
        Assert.Equal(5_292, Number(summary, "unknown_types", "cart.added"));
        Assert.Equal(0, Number(summary, "bad_lines"));
        Assert.Equal(0, Number(summary, "events", "duplicates"));
        Assert.Equal(90_876, Number(summary, "events", "processed"));
        Assert.Equal(0, Number(summary, "findings", "total"));
        Assert.Empty(outputs.Findings);
        Assert.Empty(outputs.Decisions);
        Assert.Empty(summary.GetProperty("detector_faults").EnumerateObject());
    }

    [Fact]
    public async Task Scan_CsvMapTaobaoPreset_ReadsTheFileLikeTheFormat()
    {
        var input = _cli.WriteText("in/UserBehavior.csv", TaobaoRows);

        Assert.Equal(0, await _cli.ScanAsync("out", [input], csvMap: "taobao-userbehavior"));

        Assert.Equal(3, Number(_cli.Outputs("out").Summary, "events", "read"));
        Assert.Equal(1, Number(_cli.Outputs("out").Summary, "unknown_types", "cart.added"));
    }

    [Fact]
    public async Task Scan_FormatCsv_ReadsAFileWhateverItsName()
    {
        var input = _cli.WriteText("in/orders.txt", ShopeeExampleRows);

        Assert.Equal(0, await ScanWithFormatAsync(ScanSettings.CsvFormat, input, csvMap: "shopee"));

        Assert.Equal(37, Number(_cli.Outputs("out").Summary, "events", "read"));
        Assert.Equal(0, Number(_cli.Outputs("out").Summary, "bad_lines"));
    }

    [Fact]
    public async Task Scan_FormatNdjsonExplicitly_BehavesAsTheDefault()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        Assert.Equal(0, await ScanWithFormatAsync(ScanSettings.NdjsonFormat, input));

        Assert.Equal(23, Number(_cli.Outputs("out").Summary, "events", "read"));
        Assert.Equal(["s1"], _cli.Outputs("out").BrushingShops);
    }

    [Theory]
    [InlineData("parquet", null, "unknown --format 'parquet'")]
    [InlineData("csv", null, "--format csv needs --csv-map")]
    [InlineData("taobao-userbehavior", "shopee", "leave out --csv-map")]
    public async Task Scan_FormatMisused_ExitsWithUsageErrorAndScansNothing(string format, string? csvMap, string message)
    {
        var input = _cli.WriteText("in/UserBehavior.csv", TaobaoRows);

        var exit = await ScanWithFormatAsync(format, input, csvMap);

        Assert.Equal(2, exit);
        Assert.Contains("error:", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains(message, _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
        Assert.False(File.Exists(_cli.Outputs("out").StorePath));
    }

    [Fact]
    public async Task Scan_UnknownFormat_ListsTheFormats()
    {
        var input = _cli.WriteText("in/UserBehavior.csv", TaobaoRows);

        Assert.Equal(2, await ScanWithFormatAsync("taobao", input));

        foreach (var format in ScanSettings.Formats)
        {
            Assert.Contains(format, _cli.Errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scan_HeaderlessJsonMapping_UsesValueMapTemplatesAndEpochMilliseconds()
    {
        // The same features as the preset, from a file: another platform's headerless, semicolon-separated export.
        var mapping = _cli.WriteText("in/mapping.json", """
            {
              "has_header": false,
              "column_names": ["when_ms", "user", "item", "action", "shop"],
              "delimiter": ";",
              "type_column": "action",
              "type_values": { "click": "listing.viewed", "order": "order.placed" },
              "columns": { "when_ms": "ts", "user": "account", "item": "listing" },
              "fields": { "source": "recommend" },
              "by_type": {
                "order.placed": { "columns": { "user": "buyer", "shop": "shop" }, "fields": { "order": "o-{item}-{id}", "source": "" } }
              },
              "ts_format": "unix_ms",
              "ts_offset": "+07:00"
            }
            """);
        var input = _cli.WriteText("in/export.txt", """
            1764554400000;u1;i1;click;s9
            1764554460000;u1;i1;order;s9
            1764554520000;u2;i2;order;

            """);

        Assert.Equal(0, await ScanWithFormatAsync(ScanSettings.CsvFormat, input, csvMap: mapping));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 3, "missing required field", "shop"); // an empty column is an absent field
        var stored = (await Stores.EventsAsync(outputs.StorePath)).Select(e => JsonNode.Parse(e.Json)!.AsObject()).ToList();
        Assert.Equal(2, stored.Count);
        var viewed = Assert.Single(stored, e => (string?)e["type"] == "listing.viewed");
        Assert.Equal("recommend", (string?)viewed["source"]);
        Assert.Equal("2025-12-01T09:00:00+07:00", (string?)viewed["ts"]);
        Assert.Null(viewed["shop"]); // the shop column is read for orders only
        var order = Assert.Single(stored, e => (string?)e["type"] == "order.placed");
        Assert.Equal("u1", (string?)order["buyer"]);
        Assert.Equal("s9", (string?)order["shop"]);
        Assert.Equal("o-i1-" + (string?)order["id"], (string?)order["order"]);
        Assert.Null(order["source"]); // an empty template leaves the field out
        Assert.StartsWith("order.placed:", (string?)order["id"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "has_header": false, "type": "listing.viewed", "columns": { "t": "ts", "item": "listing" } }""", "column_names")]
    [InlineData("""{ "has_header": false, "column_names": ["t"], "type": "listing.viewed", "columns": { "t": "ts", "item": "listing" } }""", "\"item\"")]
    [InlineData("""{ "column_names": ["t", "item"], "type": "listing.viewed", "columns": { "t": "ts", "item": "listing" } }""", "has_header")]
    [InlineData("""{ "type": "listing.viewed", "type_values": { "pv": "listing.viewed" }, "columns": { "t": "ts" } }""", "type_values")]
    [InlineData("""{ "type_column": "k", "type_values": { "pv": "listing.viewed" }, "by_type": { "listing.liked": {} }, "columns": { "t": "ts" } }""", "listing.liked")]
    [InlineData("""{ "type": "listing.viewed", "columns": { "t": "ts" }, "fields": { "listing": "item:{item" } }""", "without its '}'")]
    [InlineData("""{ "type": "listing.viewed", "columns": { "t": "ts", "item": "listing" }, "fields": { "listing": "{item}" } }""", "set twice")]
    [InlineData("""{ "type": "listing.viewed", "columns": { "t": "ts" }, "fields": { "id": "{t}" } }""", "\"id\"")]
    public async Task Scan_InvalidCsvMapping_ExitsWithUsageErrorNamingTheProblem(string json, string named)
    {
        var mapping = _cli.WriteText("in/mapping.json", json);
        var input = _cli.WriteText("in/events.csv", "t,item,k\n1511658000,i1,pv\n");

        Assert.Equal(2, await ScanWithFormatAsync(ScanSettings.CsvFormat, input, csvMap: mapping));

        Assert.Contains("error:", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains(named, _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }
}
