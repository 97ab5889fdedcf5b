using System.Text;
using System.Text.Json.Nodes;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    [Fact]
    public async Task Scan_EmptyFile_ExitsWithUsageErrorAndWritesNothing()
    {
        var input = _cli.WriteText("in/empty.ndjson", "");

        var exit = await _cli.ScanAsync("out", [input]);

        Assert.Equal(2, exit);
        Assert.Contains("error:", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains("no usable event", _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
        Assert.False(File.Exists(_cli.Outputs("out").ProblemsPath));
    }

    [Fact]
    public async Task Scan_OneInputMissing_ExitsWithUsageErrorAndScansNothing()
    {
        var good = _cli.WriteText("in/good.ndjson", """{"id":"e1","type":"order.confirmed","ts":1,"order":"o1"}""" + "\n");

        var exit = await _cli.ScanAsync("out", [good, Path.Combine(Path.GetDirectoryName(good)!, "typo.ndjson")]);

        Assert.Equal(2, exit);
        Assert.Contains("typo.ndjson: no such file", _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }

    [Fact]
    public async Task Scan_BinaryGarbage_ExitsWithUsageError()
    {
        var garbage = new byte[256 * 1024];
        new Random(20260301).NextBytes(garbage); // fixed seed: the same garbage every run
        var input = _cli.WriteBytes("in/garbage.ndjson", garbage);

        var exit = await _cli.ScanAsync("out", [input]);

        Assert.Equal(2, exit);
        Assert.Contains("no usable event", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains($"{input}:1: ", _cli.Errors, StringComparison.Ordinal); // the bad lines are listed, from the first
        AssertNoOutputs(_cli.Outputs("out"));
    }

    [Fact]
    public async Task Scan_BinaryGarbage_NamesOnlyProblemFilesThatExist()
    {
        // More than the 20 problem lines shown on the console: the console points to problems.ndjson for the rest,
        // so that file must be there to read, even though the run had nothing usable.
        var garbage = new byte[256 * 1024];
        new Random(20260301).NextBytes(garbage);
        var input = _cli.WriteBytes("in/garbage.ndjson", garbage);

        Assert.Equal(2, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        if (_cli.Errors.Contains("problems.ndjson", StringComparison.Ordinal))
        {
            Assert.True(File.Exists(outputs.ProblemsPath), $"the console points to {outputs.ProblemsPath}, which was not written:\n{_cli.Errors[^400..]}");
            Assert.Contains(outputs.Problems, p => p.GetProperty("line").GetInt64() > 20);
        }
    }

    [Fact]
    public async Task Scan_TruncatedLastLine_ReportsLineAndUsesTheRest()
    {
        var lines = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var cut = Lines.OrderLine("s1-3", "s1", "b1", Lines.T0.AddMinutes(30));
        var input = _cli.WriteText("in/orders.ndjson", string.Concat(lines.Select(l => l + "\n")) + cut[..(cut.Length / 2)]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 4, "truncated");
        Assert.Equal(3, Number(outputs.Summary, "events", "read"));
        Assert.Equal(1, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(["s1"], outputs.BrushingShops);
    }

    [Fact]
    public async Task Scan_Utf8Bom_FirstLineStillParsed()
    {
        // The brushing window needs all three orders, the first of them on the line after the BOM.
        var text = string.Concat(Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).Select(l => l + "\n"));
        var input = _cli.WriteBytes("in/orders.ndjson", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(3, Number(outputs.Summary, "events", "read"));
        Assert.Empty(outputs.Problems);
        Assert.Equal(["s1"], outputs.BrushingShops);
    }

    [Fact]
    public async Task Scan_CrlfLineEndings_AreRead()
    {
        var text = string.Concat(Lines.BrushingAndFlashSale().Select(l => l + "\r\n"));
        var input = _cli.WriteText("in/orders.ndjson", text);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(23, Number(outputs.Summary, "events", "read"));
        Assert.Equal(["s1"], outputs.BrushingShops);
        var stored = await Stores.EventJsonAsync(outputs.StorePath, "s1-0");
        Assert.Equal("s1", (string?)stored["shop"]); // no \r left on the last field
    }

    [Fact]
    public async Task Scan_TenMegabyteLine_IsReportedAndRunGoesOn()
    {
        // Line 2 is 10 MB that never closes its JSON (a dump of binary data in a field); line 4 is malformed too, to
        // show that line numbers after the long line are still right.
        var huge = "{\"id\":\"huge\",\"type\":\"order.placed\",\"blob\":" + new string('x', 10 * 1024 * 1024) + "}";
        var orders = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var input = _cli.WriteLines("in/orders.ndjson", [orders[0], huge, orders[1], "{\"id\":", orders[2]]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 2, "invalid JSON");
        AssertProblem(_cli, outputs, input, 4);
        Assert.True(_cli.Errors.Length < 10_000, "the message must not quote the line");
        Assert.Equal(3, Number(outputs.Summary, "events", "read"));
        Assert.Equal(["s1"], outputs.BrushingShops); // the lines after the long one were used
    }

    [Fact]
    public async Task Scan_LineLongerThanLimit_IsReportedAndRunGoesOn()
    {
        // 17 MiB: beyond the reader's 16 MiB limit, so it is skipped without being held in memory.
        var huge = "{\"id\":\"huge\",\"type\":\"order.placed\",\"note\":\"" + new string('x', 17 * 1024 * 1024) + "\"}";
        var orders = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var input = _cli.WriteLines("in/orders.ndjson", [orders[0], huge, orders[1], "{\"id\":", orders[2]]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 2, "longer than");
        AssertProblem(_cli, outputs, input, 4);
        Assert.Equal(3, Number(outputs.Summary, "events", "read"));
        Assert.Equal(["s1"], outputs.BrushingShops);
    }

    [Fact]
    public async Task Scan_NestedUnknownFields_AreKeptInStoredEvent()
    {
        var order = Lines.Order("o1", "s1", "b1", Lines.T0);
        order["channel_note"] = "直播间 #12";
        order["meta"] = new JsonObject
        {
            ["campaign"] = new JsonObject { ["code"] = "SPRING-26", ["tags"] = new JsonArray("a", "b"), ["weight"] = 2.5, ["nested"] = new JsonObject { ["deep"] = true } },
            ["empty"] = new JsonObject(),
            ["nothing"] = null,
        };
        var input = _cli.WriteLines("in/orders.ndjson", [order.Line()]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var stored = await Stores.EventJsonAsync(_cli.Outputs("out").StorePath, "o1");
        Assert.Equal("直播间 #12", (string?)stored["channel_note"]);
        Assert.True(JsonNode.DeepEquals(order["meta"], stored["meta"]), $"meta changed: {stored["meta"]?.ToJsonString()}");
    }

    [Theory]
    [InlineData("id")]
    [InlineData("type")]
    [InlineData("ts")]
    [InlineData("order")]
    [InlineData("buyer")]
    [InlineData("shop")]
    public async Task Scan_MissingRequiredField_ReportsFieldAndLine(string field)
    {
        var broken = Lines.Order("broken", "s1", "b9", Lines.T0.AddMinutes(5));
        broken.Remove(field);
        var orders = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var input = _cli.WriteLines("in/orders.ndjson", [orders[0], broken.Line(), orders[1], orders[2]]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 2, "missing", field);
        Assert.Equal(1, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(["s1"], outputs.BrushingShops);
    }

    [Theory]
    [InlineData("31/12/2019 10:00")]
    [InlineData("2019-12-31 10:00:00")] // no offset: ambiguous
    [InlineData("2019-12-31T10:00:00")] // ISO-8601 without offset: ambiguous
    [InlineData("yesterday")]
    [InlineData("2019-13-45T99:00:00+08:00")]
    public async Task Scan_TsInWrongFormat_MessageNamesTs(string ts)
    {
        var broken = Lines.Order("broken", "s1", "b9", Lines.T0);
        broken["ts"] = ts;
        var orders = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var input = _cli.WriteLines("in/orders.ndjson", [orders[0], orders[1], broken.Line(), orders[2]]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        AssertProblem(_cli, outputs, input, 3, "ts");
        Assert.DoesNotContain(ts, outputs.Problems[0].GetProperty("error").GetString()!, StringComparison.Ordinal); // never quotes content
        Assert.Equal(["s1"], outputs.BrushingShops);
    }

    [Fact]
    public async Task Scan_NumbersAsStrings_AreReadAsNumbers()
    {
        var order = Lines.Order("o1", "s1", "b1", Lines.T0);
        order["quantity"] = "2";
        order["amount"] = "19.90";
        var input = _cli.WriteLines("in/orders.ndjson", [order.Line()]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        Assert.Equal(0, Number(_cli.Outputs("out").Summary, "bad_lines"));
        var stored = await Stores.EventJsonAsync(_cli.Outputs("out").StorePath, "o1");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, stored["quantity"]!.GetValueKind());
        Assert.Equal(2, (int)stored["quantity"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, stored["amount"]!.GetValueKind());
        Assert.Equal(19.90m, (decimal)stored["amount"]!);
    }

    [Fact]
    public async Task Scan_RepeatedId_IsIgnoredAndCountedAsDuplicate()
    {
        // The repeat of s1-0 names another buyer: it is ignored all the same (the first one read stands).
        var orders = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var repeat = Lines.OrderLine("s1-0", "s1", "b2", Lines.T0.AddMinutes(1));
        var input = _cli.WriteLines("in/orders.ndjson", [orders[0], orders[1], orders[0], repeat, orders[2]]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        var summary = outputs.Summary;
        Assert.Equal(5, Number(summary, "events", "read"));
        Assert.Equal(3, Number(summary, "events", "new"));
        Assert.Equal(2, Number(summary, "events", "duplicates"));
        Assert.Equal(2, Number(summary.GetProperty("inputs")[0], "duplicates"));
        Assert.Equal(0, Number(summary, "bad_lines"));
        Assert.Equal(3, (await Stores.EventsAsync(outputs.StorePath)).Count);
        Assert.Equal("b1", (string?)(await Stores.EventJsonAsync(outputs.StorePath, "s1-0"))["buyer"]);
        var finding = Assert.Single(outputs.FindingsAbout("s1"));
        Assert.Equal(3, finding.GetProperty("evidence")[0].GetProperty("figures").GetProperty("orders").GetInt32());
        Assert.False(outputs.Mentions("b2"));
    }

    [Fact]
    public async Task Scan_UnknownType_IsCountedInSummaryAndSkipped()
    {
        var orders = Lines.SameBuyer("s1-", "s1", "b1", Lines.T0, 3).ToList();
        var input = _cli.WriteLines("in/orders.ndjson",
        [
            orders[0],
            Lines.Event("order.teleported", "u1", Lines.T0).Line(),
            orders[1],
            Lines.Event("order.teleported", "u2", Lines.T0).Line(),
            Lines.Event("listing.exploded", "u3", Lines.T0).Line(),
            orders[2],
        ]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        var summary = outputs.Summary;
        Assert.Equal(2, Number(summary, "unknown_types", "order.teleported"));
        Assert.Equal(1, Number(summary, "unknown_types", "listing.exploded"));
        Assert.Equal(3, Number(summary.GetProperty("inputs")[0], "unknown_types"));
        Assert.Equal(3, Number(summary, "events", "read"));
        Assert.Equal(0, Number(summary, "bad_lines"));
        Assert.Empty(outputs.Problems); // skipped, not a malformed line
        Assert.Equal(3, (await Stores.EventsAsync(outputs.StorePath)).Count);
        Assert.Equal(["s1"], outputs.BrushingShops);
    }

    // A failed scan writes none of the SPEC §8 result files (problems.ndjson, the list of bad lines, may be there).
    private static void AssertNoOutputs(ScanOutputs outputs)
    {
        Assert.False(File.Exists(outputs.FindingsPath), "findings.ndjson written");
        Assert.False(File.Exists(outputs.DecisionsPath), "decisions.ndjson written");
        Assert.False(File.Exists(outputs.SummaryPath), "summary.json written");
    }
}
