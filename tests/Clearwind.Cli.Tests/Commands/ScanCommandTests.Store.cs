using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Clearwind.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    [Fact]
    public async Task Scan_GarbageIntoExistingStore_KeepsEveryStoredEvent()
    {
        var store = _cli.PathOf("store", "clearwind.db");
        var good = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());
        Assert.Equal(0, await _cli.ScanAsync(new ScanSettings([good], _cli.PathOf("out"), Store: store, Quiet: true)));
        var findingsBefore = await File.ReadAllBytesAsync(_cli.Outputs("out").FindingsPath);
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        var bad = _cli.WriteBytes("in/garbage.ndjson", garbage);

        var exit = await _cli.ScanAsync(new ScanSettings([bad], _cli.PathOf("out"), Store: store, Quiet: true));

        Assert.Equal(2, exit);
        await using (var opened = await SqliteStore.OpenAsync(store))
        {
            Assert.Equal(23, await opened.Events.CountAsync());
            Assert.True(await opened.CheckIntegrityAsync());
        }

        // The earlier outputs in the same --out folder are left as they were.
        Assert.Equal(findingsBefore, await File.ReadAllBytesAsync(_cli.Outputs("out").FindingsPath));
        Assert.Equal(["s1"], _cli.Outputs("out").BrushingShops);
    }

    [Fact]
    public async Task Scan_SameInputTwice_AddsNothingAndWritesIdenticalOutputs()
    {
        var store = _cli.PathOf("store", "clearwind.db");
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        Assert.Equal(0, await _cli.ScanAsync("first", [input], store: store));
        Assert.Equal(0, await _cli.ScanAsync("second", [input], store: store));

        var (first, second) = (_cli.Outputs("first"), _cli.Outputs("second"));
        Assert.Equal(23, Number(first.Summary, "events", "new"));
        Assert.Equal(0, Number(second.Summary, "events", "new"));
        Assert.Equal(23, Number(second.Summary, "events", "duplicates"));
        Assert.Equal(23, Number(second.Summary, "events", "stored"));
        Assert.Equal(0, Number(second.Summary, "decisions", "new"));
        Assert.Equal(23, (await Stores.EventsAsync(store)).Count);
        Assert.NotEmpty(first.Findings);
        Assert.Equal(await File.ReadAllBytesAsync(first.FindingsPath), await File.ReadAllBytesAsync(second.FindingsPath));
        Assert.Equal(await File.ReadAllBytesAsync(first.DecisionsPath), await File.ReadAllBytesAsync(second.DecisionsPath));
    }

    [Fact]
    public async Task Scan_SecondHalfAfterFirstHalf_FindsSameAsAllAtOnce()
    {
        // b1's window at s1 spans the two halves: 2 orders in the first (rate 2: not brushing on its own), the third
        // in the second. b7 brushes s7 entirely inside the first half, and the flash sale at s2 runs across both.
        var all = new List<string>();
        all.AddRange(Lines.SameBuyer("s7-", "s7", "b7", Lines.T0, 3, minutesApart: 5));
        all.Add(Lines.OrderLine("s1-0", "s1", "b1", Lines.T0.AddMinutes(30)));
        all.AddRange(Enumerable.Range(0, 10).Select(i => Lines.OrderLine($"s2-{i}", "s2", $"fan{i:00}", Lines.T0.AddMinutes(31 + i))));
        all.Add(Lines.OrderLine("s1-1", "s1", "b1", Lines.T0.AddMinutes(45)));
        var half = all.Count;
        all.Add(Lines.OrderLine("s1-2", "s1", "b1", Lines.T0.AddMinutes(70)));
        all.AddRange(Enumerable.Range(10, 10).Select(i => Lines.OrderLine($"s2-{i}", "s2", $"fan{i:00}", Lines.T0.AddMinutes(61 + i))));
        var first = _cli.WriteLines("in/first.ndjson", all[..half]);
        var second = _cli.WriteLines("in/second.ndjson", all[half..]);
        var whole = _cli.WriteLines("in/all.ndjson", all);
        var store = _cli.PathOf("store", "clearwind.db");

        Assert.Equal(0, await _cli.ScanAsync("part1", [first], store: store));
        Assert.Equal(0, await _cli.ScanAsync("part2", [second], store: store));
        Assert.Equal(0, await _cli.ScanAsync("once", [whole]));

        Assert.Equal(["s7"], _cli.Outputs("part1").BrushingShops);
        Assert.Equal(["s1", "s7"], _cli.Outputs("once").BrushingShops);
        Assert.Equal(Number(_cli.Outputs("once").Summary, "events", "stored"), Number(_cli.Outputs("part2").Summary, "events", "stored"));
        Assert.Equal(await File.ReadAllBytesAsync(_cli.Outputs("once").FindingsPath), await File.ReadAllBytesAsync(_cli.Outputs("part2").FindingsPath));
        Assert.Equal(await File.ReadAllBytesAsync(_cli.Outputs("once").DecisionsPath), await File.ReadAllBytesAsync(_cli.Outputs("part2").DecisionsPath));
    }

    [Fact]
    public async Task Scan_SecondScanBringsEarlierOrders_FindsSameAsAllAtOnce()
    {
        // Late data: the second scan holds orders timed before and among the first scan's. The replay of the whole
        // stored history in event-time order gives the findings of one scan over everything.
        var first = _cli.WriteLines("in/first.ndjson", Lines.SameBuyer("a", "s1", "b1", Lines.T0.AddMinutes(20), 3));
        var late = new[] { Lines.OrderLine("z0", "s1", "b1", Lines.T0), Lines.OrderLine("z1", "s1", "b1", Lines.T0.AddMinutes(10)), Lines.OrderLine("z2", "s1", "b1", Lines.T0.AddMinutes(50)) };
        var second = _cli.WriteLines("in/second.ndjson", late);
        var whole = _cli.WriteLines("in/all.ndjson", [.. File.ReadAllLines(first), .. late]);
        var store = _cli.PathOf("store", "clearwind.db");

        Assert.Equal(0, await _cli.ScanAsync("part1", [first], store: store));
        Assert.Equal(0, await _cli.ScanAsync("part2", [second], store: store));
        Assert.Equal(0, await _cli.ScanAsync("once", [whole]));

        var finding = Assert.Single(_cli.Outputs("part2").FindingsAbout("s1"));
        Assert.Equal(6, finding.GetProperty("evidence")[0].GetProperty("figures").GetProperty("orders").GetInt32());
        Assert.Equal(await File.ReadAllBytesAsync(_cli.Outputs("once").FindingsPath), await File.ReadAllBytesAsync(_cli.Outputs("part2").FindingsPath));
    }

    [Fact]
    public async Task Scan_StoreFileIsNotADatabase_ExitsWithUsageErrorAndLeavesItUntouched()
    {
        // --store pointed at the wrong file by mistake: it is refused, and not a byte of it changes.
        var notes = Enumerable.Range(0, 4096).Select(i => (byte)('a' + (i % 26))).ToArray();
        var store = _cli.WriteBytes("data/notes.db", notes);
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        var exit = await _cli.ScanAsync("out", [input], store: store);

        Assert.Equal(notes, await File.ReadAllBytesAsync(store));
        Assert.Equal(2, exit);
        Assert.Contains(store, _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }

    [Fact]
    public async Task Scan_StoreIsAnotherApplicationsDatabase_ExitsWithUsageErrorAndLeavesItUntouched()
    {
        // Another program's SQLite file (default rollback journal): Clearwind must refuse it without changing it,
        // not even its journal mode.
        var store = _cli.PathOf("data", "crm.db");
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a'), ('b');";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(store);
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        var exit = await _cli.ScanAsync("out", [input], store: store);

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(store));
        Assert.Equal(2, exit);
        Assert.Contains("not a Clearwind store", _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }
}
