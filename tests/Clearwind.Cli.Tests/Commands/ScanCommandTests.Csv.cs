using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    // The 37 rows of the Shopee Code League 2020 "Order Brushing" Examples page (cases 1–4), copied from
    // ../shared/data/shopee-order-brushing/official_example_rows.csv (times are UTC+8, as in the competition).
    private const string ShopeeExampleRows = """
        case,orderid,shopid,userid,event_time
        1,31420669820669,8996761,15182097,2019-12-30 23:57:50
        1,31420848484212,8996761,2136861,2019-12-31 00:00:48
        1,31463329902935,8996761,215382704,2019-12-31 11:48:49
        1,31463516755431,8996761,215382704,2019-12-31 11:51:56
        1,31463618079296,8996761,215382704,2019-12-31 11:53:38
        1,31463701425020,8996761,215382704,2019-12-31 11:55:01
        1,31463906062704,8996761,2136861,2019-12-31 11:58:26
        1,31463960795761,8996761,2136861,2019-12-31 11:59:20
        2,31449119091684,27121667,50769054,2019-12-31 07:51:59
        2,31449214862927,27121667,183926374,2019-12-31 07:53:35
        2,31449320907988,27121667,183926374,2019-12-31 07:55:20
        2,31449708525992,27121667,183926374,2019-12-31 08:01:48
        2,31460681694470,27121667,38982221,2019-12-31 11:04:41
        3,31205269078694,145777302,201343856,2019-12-28 12:07:49
        3,31205397240383,145777302,201343856,2019-12-28 12:09:57
        3,31205469197102,145777302,201343856,2019-12-28 12:11:09
        3,31205961085182,145777302,201343856,2019-12-28 12:19:21
        3,31206039633750,145777302,201343856,2019-12-28 12:20:40
        3,31206219245988,145777302,201343856,2019-12-28 12:23:40
        3,31207117377024,145777302,107406,2019-12-28 12:38:37
        3,31207546860021,145777302,101582282,2019-12-28 12:45:47
        3,31207600191875,145777302,201343856,2019-12-28 12:46:40
        3,31209716869145,145777302,24336198,2019-12-28 13:21:57
        3,31211630868210,145777302,90067860,2019-12-28 13:53:51
        3,31219427310904,145777302,14448203,2019-12-28 16:03:47
        3,31220878799186,145777302,199891702,2019-12-28 16:27:58
        3,31223463550457,145777302,201343856,2019-12-28 17:11:03
        4,31076433523765,181009364,214208720,2019-12-27 00:20:33
        4,31077003494175,181009364,214208720,2019-12-27 00:30:03
        4,31078405144719,181009364,214208720,2019-12-27 00:53:26
        4,31167197128282,181009364,27847950,2019-12-28 01:33:18
        4,31200690834058,181009364,214208720,2019-12-28 10:51:30
        4,31243796889716,181009364,160784036,2019-12-28 22:49:57
        4,31248330354574,181009364,18028327,2019-12-29 00:05:30
        4,31298070356347,181009364,101832161,2019-12-29 13:54:31
        4,31298092385907,181009364,101832161,2019-12-29 13:54:52
        4,31298150262970,181009364,101832161,2019-12-29 13:55:51

        """;

    [Fact]
    public async Task Scan_ShopeePresetOnOfficialExampleRows_FindsTheOfficialBrushingShops()
    {
        // The official answers (official_example_expected.csv): shopid → its suspicious buyers.
        var expected = new SortedDictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["8996761"] = ["215382704"],
            ["27121667"] = ["183926374"],
            ["145777302"] = ["201343856"],
            ["181009364"] = ["101832161", "214208720"],
        };
        var input = _cli.WriteText("in/orders.csv", ShopeeExampleRows);

        Assert.Equal(0, await _cli.ScanAsync("out", [input], csvMap: "shopee"));

        var outputs = _cli.Outputs("out");
        Assert.Equal(37, Number(outputs.Summary, "events", "read"));
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(expected.Keys, outputs.BrushingShops);
        foreach (var (shop, buyers) in expected)
        {
            // Each brushing episode names its top buyers; on these cases their union is the official answer.
            var named = outputs.FindingsAbout(shop)
                .SelectMany(f => f.GetProperty("related").EnumerateArray())
                .Where(r => r.GetProperty("type").GetString() == "account")
                .Select(r => r.GetProperty("id").GetString()!)
                .Distinct()
                .Order(StringComparer.Ordinal);
            Assert.Equal(buyers, named);
        }

        // Case 1: the brushing window opens at 11:48:49 in UTC+8, the competition's clock.
        var case1 = Assert.Single(outputs.FindingsAbout("8996761"));
        Assert.Equal("2019-12-31T03:48:49Z", case1.GetProperty("from").GetString());
        Assert.Equal("2019-12-31T03:59:20Z", case1.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Scan_CsvWithBomAndCrlf_IsRead()
    {
        // As a spreadsheet saves it: a UTF-8 byte-order mark and CRLF line endings.
        var text = "\uFEFF" + string.Join("\r\n", ShopeeExampleRows.Split('\n').Take(9)) + "\r\n";
        var input = _cli.WriteText("in/orders.csv", text);

        Assert.Equal(0, await _cli.ScanAsync("out", [input], csvMap: "shopee"));

        var outputs = _cli.Outputs("out");
        Assert.Equal(8, Number(outputs.Summary, "events", "read"));
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(["8996761"], outputs.BrushingShops);
    }

    [Fact]
    public async Task Scan_JsonMappingWithTypeColumn_ReadsEachRowsType()
    {
        var mapping = _cli.WriteText("in/mapping.json", """
            {
              // Every row says its own type; ids come from a column, prefixed.
              "type_column": "event_type",
              "id_column": "event_id",
              "id_prefix": "shopx:",
              "columns": { "event_time": "ts", "shop_id": "shop", "user_id": "buyer", "order_id": "order", "pay_account": "payment_account" }
            }
            """);
        var input = _cli.WriteText("in/events.csv", """
            event_id,event_type,event_time,shop_id,user_id,order_id,pay_account
            e1,order.placed,2026-03-01T10:00:00+08:00,s1,b1,o1,
            e2,order.paid,2026-03-01T10:01:00+08:00,,,o1,alipay:someone@example.com
            e3,order.placed,2026-03-01T10:10:00+08:00,s1,b1,o2,
            e4,order.placed,2026-03-01T10:20:00+08:00,s1,b1,o3,
            e5,order.placed,2026-03-01T10:05:00+08:00,s2,b2,o4,
            e6,order.teleported,2026-03-01T10:06:00+08:00,s2,b2,o5,

            """);

        Assert.Equal(0, await _cli.ScanAsync("out", [input], csvMap: mapping));

        var outputs = _cli.Outputs("out");
        var summary = outputs.Summary;
        Assert.Equal(4, Number(summary, "events", "by_type", "order.placed"));
        Assert.Equal(1, Number(summary, "events", "by_type", "order.paid"));
        Assert.Equal(1, Number(summary, "unknown_types", "order.teleported"));
        Assert.Equal(0, Number(summary, "bad_lines"));
        Assert.Equal(["s1"], outputs.BrushingShops);
        Assert.Equal(["shopx:e1", "shopx:e3", "shopx:e4"], Assert.Single(outputs.FindingsAbout("s1")).GetProperty("evidence")[0].GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var paid = await Stores.EventJsonAsync(outputs.StorePath, "shopx:e2");
        Assert.Equal("order.paid", (string?)paid["type"]);
        Assert.Equal("o1", (string?)paid["order"]);
        Assert.Matches(Keyed, (string?)paid["payment_account"]);
    }

    [Fact]
    public async Task Scan_CsvMappingColumnMissingFromHeader_GivesClearError()
    {
        // The Shopee preset needs userid; this export calls it buyer_id.
        var input = _cli.WriteText("in/orders.csv", "orderid,shopid,buyer_id,event_time\n1,s1,b1,2019-12-31 10:00:00\n");

        var exit = await _cli.ScanAsync("out", [input], csvMap: "shopee");

        Assert.Equal(2, exit);
        Assert.Contains("userid", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains("error:", _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }

    [Theory]
    [InlineData("type_column", "kind")]
    [InlineData("id_column", "event_id")]
    public async Task Scan_CsvMappingSpecialColumnMissingFromHeader_GivesClearError(string option, string column)
    {
        var typeOption = option == "type_column" ? $"\"type_column\": \"{column}\"" : "\"type\": \"order.placed\"";
        var idOption = option == "id_column" ? $", \"id_column\": \"{column}\"" : "";
        var mapping = _cli.WriteText("in/mapping.json", $$"""
            { {{typeOption}}{{idOption}}, "columns": { "when": "ts", "shop": "shop", "buyer": "buyer", "order": "order" } }
            """);
        var input = _cli.WriteText("in/orders.csv", "when,shop,buyer,order\n2026-03-01T10:00:00+08:00,s1,b1,o1\n");

        var exit = await _cli.ScanAsync("out", [input], csvMap: mapping);

        Assert.Equal(2, exit);
        Assert.Contains(column, _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }

    [Fact]
    public async Task Scan_CsvMappingFileWithUnknownOption_ExitsWithUsageError()
    {
        var mapping = _cli.WriteText("in/mapping.json", """{ "type": "order.placed", "colums": { "when": "ts" } }""");
        var input = _cli.WriteText("in/orders.csv", "when,shop,buyer,order\n2026-03-01T10:00:00+08:00,s1,b1,o1\n");

        Assert.Equal(2, await _cli.ScanAsync("out", [input], csvMap: mapping));

        Assert.Contains("colums", _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }

    [Fact]
    public async Task Scan_CsvRowWithBadTime_ReportsItsLine()
    {
        var rows = ShopeeExampleRows.Split('\n').Take(9).ToList();
        rows[4] = "1,31463618079296,8996761,215382704,31/12/2019 11:53";
        var input = _cli.WriteText("in/orders.csv", string.Join('\n', rows) + "\n");

        Assert.Equal(0, await _cli.ScanAsync("out", [input], csvMap: "shopee"));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 5, "ts");
        Assert.Equal(7, Number(outputs.Summary, "events", "read"));
    }
}
