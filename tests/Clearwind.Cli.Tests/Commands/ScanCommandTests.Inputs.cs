using System.Globalization;
using System.IO.Compression;
using System.Text;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    [Fact]
    public async Task Scan_TsAsIsoWithOffsetAndAsEpochMs_BothRead()
    {
        // SPEC §7: ts is ISO-8601 with an offset, or Unix epoch milliseconds (here as a number and as digits in a string).
        var t1 = Lines.T0;
        var t2 = Lines.T0.AddMinutes(10);
        var t3 = Lines.T0.AddMinutes(20);
        var iso = Lines.Order("iso", "s1", "b1", t1);
        var epoch = Lines.Order("epoch", "s1", "b1", t2);
        epoch["ts"] = t2.ToUnixTimeMilliseconds();
        var epochText = Lines.Order("epoch-text", "s1", "b1", t3);
        epochText["ts"] = t3.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var input = _cli.WriteLines("in/orders.ndjson", [iso.Line(), epoch.Line(), epochText.Line()]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));
        var finding = Assert.Single(outputs.FindingsAbout("s1"));
        Assert.Equal(t1, DateTimeOffset.Parse(finding.GetProperty("from").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(t3, DateTimeOffset.Parse(finding.GetProperty("to").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(["iso", "epoch", "epoch-text"], finding.GetProperty("evidence")[0].GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Scan_TwoFilesOutOfOrder_ProcessesInEventTimeOrder()
    {
        // File A (read first) holds b1's orders at 11:00 and 11:10, then an order by b2 at 13:00.
        // File B (read second) holds b1's earlier order at 10:50, which completes the window [10:50, 11:50]: 3 orders / 1 buyer.
        // Read in file order, the 10:50 order would come after 13:00 and no window would reach rate 3.
        var a = _cli.WriteLines("in/a.ndjson",
        [
            Lines.OrderLine("a1", "s1", "b1", Lines.T0.AddMinutes(60)),
            Lines.OrderLine("a2", "s1", "b1", Lines.T0.AddMinutes(70)),
            Lines.OrderLine("a3", "s1", "b2", Lines.T0.AddMinutes(180)),
        ]);
        var b = _cli.WriteLines("in/b.ndjson", [Lines.OrderLine("b1", "s1", "b1", Lines.T0.AddMinutes(50))]);

        Assert.Equal(0, await _cli.ScanAsync("out", [a, b]));

        var finding = Assert.Single(_cli.Outputs("out").FindingsAbout("s1"));
        Assert.Equal(["b1", "a1", "a2"], finding.GetProperty("evidence")[0].GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Lines.T0.AddMinutes(50), DateTimeOffset.Parse(finding.GetProperty("from").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Scan_EqualTimesAcrossFiles_KeepInputOrder()
    {
        // Three orders at the very same second: ties keep the order they were read in (file by file, line by line),
        // never the order of their ids.
        var a = _cli.WriteLines("in/a.ndjson", [Lines.OrderLine("z3", "s1", "b1", Lines.T0)]);
        var b = _cli.WriteLines("in/b.ndjson", [Lines.OrderLine("a1", "s1", "b1", Lines.T0), Lines.OrderLine("m2", "s1", "b1", Lines.T0)]);

        Assert.Equal(0, await _cli.ScanAsync("ab", [a, b]));
        Assert.Equal(0, await _cli.ScanAsync("ba", [b, a]));

        Assert.Equal(["z3", "a1", "m2"], EvidenceEvents(_cli.Outputs("ab")));
        Assert.Equal(["a1", "m2", "z3"], EvidenceEvents(_cli.Outputs("ba")));

        static IEnumerable<string?> EvidenceEvents(ScanOutputs outputs)
            => Assert.Single(outputs.FindingsAbout("s1")).GetProperty("evidence")[0].GetProperty("events").EnumerateArray().Select(e => e.GetString());
    }

    [Fact]
    public async Task Scan_GzipNdjson_IsRead()
    {
        var path = _cli.PathOf("in", "orders.ndjson.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(Lines.BrushingAndFlashSale().Select(l => l + "\n"))));
        }

        Assert.Equal(0, await _cli.ScanAsync("out", [path]));

        var outputs = _cli.Outputs("out");
        Assert.Equal(23, Number(outputs.Summary, "events", "read"));
        Assert.Equal(0, Number(outputs.Summary, "bad_lines"));
        Assert.Equal(["s1"], outputs.BrushingShops);
    }
}
