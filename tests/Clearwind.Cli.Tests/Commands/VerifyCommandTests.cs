using System.Text.Json;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Clearwind.Cli.Tests.Commands;

/// <summary>
/// <c>clearwind verify</c> on a real SQLite store and <c>decisions.ndjson</c> left by <c>clearwind scan</c>: intact logs
/// check out; a row changed or deleted with raw SQL, or a line edited by hand, is named by position and id.
/// </summary>
[Collection(CliTests.Name)]
public sealed class VerifyCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    // Three shops each brushed by one buyer (3 orders in 20 minutes): each gives void_orders on the shop and review on
    // the buyer, so the log holds 6 decisions.
    private static List<string> ThreeBrushedShops(string prefix, DateTimeOffset start)
        =>
        [
            .. Lines.SameBuyer(prefix + "a", prefix + "s1", prefix + "b1", start, 3),
            .. Lines.SameBuyer(prefix + "b", prefix + "s2", prefix + "b2", start.AddHours(2), 3),
            .. Lines.SameBuyer(prefix + "c", prefix + "s3", prefix + "b3", start.AddHours(4), 3),
        ];

    private async Task<(string Store, ScanOutputs Outputs)> ScanAsync()
    {
        var input = _cli.WriteLines("in/orders.ndjson", ThreeBrushedShops("x", Lines.T0));
        Assert.Equal(0, await _cli.ScanAsync("out", [input]));
        var outputs = _cli.Outputs("out");
        Assert.Equal(6, outputs.Decisions.Count);
        return (outputs.StorePath, outputs);
    }

    private static string Id(JsonElement decision) => decision.GetProperty("id").GetString()!;

    private static string Hash(JsonElement decision) => decision.GetProperty("hash").GetString()!;

    private static int Sql(string store, string sql, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Verify_FreshScan_StoreAndFileCheckOutWithCountAndHead()
    {
        var (store, outputs) = await ScanAsync();

        var exit = await VerifyCommand.RunAsync(store, outputs.Folder, CancellationToken.None);

        Assert.Equal(0, exit);
        var head = Hash(outputs.Decisions[^1]);
        Assert.Contains($"OK store {store}: 6 decision(s), chain intact, head {head}", _cli.Output, StringComparison.Ordinal);
        Assert.Contains($"OK {outputs.DecisionsPath}: 6 decision(s), chain intact, head {head}", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(new string('0', 64), outputs.Decisions[0].GetProperty("prev_hash").GetString());
    }

    [Fact]
    public async Task Scan_PolicyChangedOnTheSameStore_LiftsWithNewRecordsAndKeepsTheChain()
    {
        // The platform softens the rule (warn the shop, nothing for the buyer) and rescans: the six logged decisions stay
        // as written, each reversed by a lift record, and the three warnings are appended after them.
        var (store, first) = await ScanAsync();
        var softer = _cli.WriteText("policy/softer.json", """{"patterns":{"order_brushing.concentration":{"action":"warn","review_below":0}}}""");
        var input = _cli.PathOf("in", "orders.ndjson");

        Assert.Equal(0, await _cli.ScanAsync(new ScanSettings([input], _cli.PathOf("again"), Store: store, Policy: softer, Quiet: true)));

        var log = _cli.Outputs("again").Decisions;
        Assert.Equal(15, log.Count);
        Assert.Equal(first.Decisions.Select(Hash), log.Take(6).Select(Hash));
        var lifts = log.Where(d => d.GetProperty("action").GetString() == "lift").ToList();
        Assert.Equal(first.Decisions.Select(Id).Order(), lifts.Select(d => d.GetProperty("reverses").GetString()!).Order());
        Assert.Equal(3, log.Count(d => d.GetProperty("action").GetString() == "warn"));
        Assert.Equal(0, await VerifyCommand.RunAsync(store, _cli.PathOf("again"), CancellationToken.None));

        // Back to the default policy: the warnings are lifted and the original decisions stand again under new ids.
        Assert.Equal(0, await _cli.ScanAsync(new ScanSettings([input], _cli.PathOf("back"), Store: store, Quiet: true)));
        var back = _cli.Outputs("back").Decisions;
        Assert.Equal(15 + 3 + 6, back.Count);
        Assert.Equal(first.Decisions.Select(d => d.GetProperty("action").GetString()).Order(), back.Skip(15).Where(d => d.GetProperty("action").GetString() != "lift").Select(d => d.GetProperty("action").GetString()).Order());
        Assert.DoesNotContain(back.Skip(15), d => first.Decisions.Select(Id).Contains(Id(d)));
        Assert.Equal(0, await VerifyCommand.RunAsync(store, _cli.PathOf("back"), CancellationToken.None));
    }

    [Fact]
    public async Task Verify_ActionChangedWithRawSql_NamesThatRecord()
    {
        var (store, outputs) = await ScanAsync();
        var third = outputs.Decisions[2];
        var action = third.GetProperty("action").GetString();
        Assert.Equal(1, Sql(store, $"UPDATE decisions SET json = replace(json, '\"action\":\"{action}\"', '\"action\":\"warn\"') WHERE id = $id", Id(third)));

        var exit = await VerifyCommand.RunAsync(store, null, CancellationToken.None);

        Assert.Equal(ExitCodes.ChainBroken, exit);
        Assert.Contains($"BROKEN store {store}: record 3 (id {Id(third)}): its content does not match its hash: the record was edited", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains($"The 2 record(s) before it check out (head {Hash(outputs.Decisions[1])})", _cli.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("OK", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowDeletedWithRawSql_FailsAtTheRecordAfterIt()
    {
        var (store, outputs) = await ScanAsync();
        Assert.Equal(1, Sql(store, "DELETE FROM decisions WHERE id = $id", Id(outputs.Decisions[3])));

        var exit = await VerifyCommand.RunAsync(store, null, CancellationToken.None);

        Assert.Equal(ExitCodes.ChainBroken, exit);
        Assert.Contains($"record 4 (id {Id(outputs.Decisions[4])})", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains("a record was removed, inserted or moved here", _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastRowDeleted_TheSealNamesTheCutEnd()
    {
        // The chain alone cannot tell a cut tail from a shorter log; the seal every append writes beside the log can.
        var (store, outputs) = await ScanAsync();
        Assert.Equal(1, Sql(store, "DELETE FROM decisions WHERE id = $id", Id(outputs.Decisions[5])));

        var exit = await VerifyCommand.RunAsync(store, null, CancellationToken.None);

        Assert.Equal(ExitCodes.ChainBroken, exit);
        Assert.Contains($"record 6 (id unreadable): the log ends after record 5 but its seal says 6 record(s) ending in {Hash(outputs.Decisions[5])}: 1 record(s) were removed from its end",
            _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnySingleRecordChangedDeletedOrMoved_IsDetectedInTheStoreAndTheFile()
    {
        var (store, outputs) = await ScanAsync();
        var pristine = _cli.PathOf("pristine");
        CopyFolder(outputs.Folder, pristine);
        // Read once: ScanOutputs reads the file at every call, and the loop rewrites it.
        var decisions = outputs.Decisions;
        var count = decisions.Count;
        var lines = File.ReadAllLines(outputs.DecisionsPath);
        var cases = 0;
        for (var i = 0; i < count; i++)
        {
            var id = Id(decisions[i]);
            foreach (var tamper in new[] { "change", "delete", "move" })
            {
                CopyFolder(pristine, outputs.Folder);
                var changed = tamper switch
                {
                    "change" => Sql(store, "UPDATE decisions SET json = json_set(json, '$.rule', 'edited by hand') WHERE id = $id", id),
                    "delete" => Sql(store, "DELETE FROM decisions WHERE id = $id", id),
                    // Moved to the end of the log, or the last record to the front.
                    _ => Sql(store, i < count - 1
                        ? "UPDATE decisions SET ord = (SELECT MAX(ord) + 1 FROM decisions) WHERE id = $id"
                        : "UPDATE decisions SET ord = (SELECT MIN(ord) - 1 FROM decisions) WHERE id = $id", id),
                };
                Assert.Equal(1, changed);
                var tampered = tamper switch
                {
                    "change" => lines.Select((l, n) => n == i ? l.Replace("\"rule\":\"", "\"rule\":\"edited ", StringComparison.Ordinal) : l).ToArray(),
                    "delete" => lines.Where((_, n) => n != i).ToArray(),
                    _ => i < count - 1 ? [.. lines.Where((_, n) => n != i), lines[i]] : [lines[i], .. lines.Take(i)],
                };
                File.WriteAllLines(outputs.DecisionsPath, tampered);

                Assert.True(ExitCodes.ChainBroken == await VerifyCommand.RunAsync(store, null, CancellationToken.None), $"store, record {i + 1} {tamper}d: {_cli.Output}");
                Assert.True(ExitCodes.ChainBroken == await VerifyCommand.RunAsync(null, outputs.Folder, CancellationToken.None), $"file, record {i + 1} {tamper}d: {_cli.Output}");
                cases++;
            }
        }

        Assert.Equal(18, cases);
        CopyFolder(pristine, outputs.Folder);
        Assert.Equal(0, await VerifyCommand.RunAsync(store, outputs.Folder, CancellationToken.None));
    }

    [Fact]
    public async Task Verify_LogAndSealRewrittenTogether_CaughtByAHeadKeptOutsideTheStore()
    {
        var (store, outputs) = await ScanAsync();
        var keptHead = Hash(outputs.Decisions[5]);
        Assert.Equal(1, Sql(store, "DELETE FROM decisions WHERE id = $id", Id(outputs.Decisions[5])));
        Assert.Equal(1, Sql(store, $"UPDATE decision_log_seal SET records = 5, head = '{Hash(outputs.Decisions[4])}' WHERE one = $id", "1"));

        Assert.Equal(0, await VerifyCommand.RunAsync(store, null, CancellationToken.None));
        Assert.Equal(ExitCodes.ChainBroken, await VerifyCommand.RunAsync(store, null, CancellationToken.None, [keptHead]));
        Assert.Contains($"no record has the expected head {keptHead}", _cli.Errors, StringComparison.Ordinal);
        // An earlier head the log still holds checks out.
        Assert.Equal(0, await VerifyCommand.RunAsync(store, null, CancellationToken.None, [Hash(outputs.Decisions[2])]));
    }

    [Fact]
    public async Task Verify_SealRowRemoved_IsABreak()
    {
        var (store, _) = await ScanAsync();
        Assert.Equal(1, Sql(store, "DELETE FROM decision_log_seal WHERE one = $id", "1"));

        Assert.Equal(ExitCodes.ChainBroken, await VerifyCommand.RunAsync(store, null, CancellationToken.None));
        Assert.Contains("the log has no seal", _cli.Errors, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        // Whole: a -wal file left from another copy would be read as part of the store.
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    [Fact]
    public async Task Verify_DecisionsFileEditedByHand_FailsAtThatLine()
    {
        var (store, outputs) = await ScanAsync();
        var lines = File.ReadAllLines(outputs.DecisionsPath);
        var second = outputs.Decisions[1];
        var strike = second.GetProperty("strike").GetInt32();
        lines[1] = lines[1].Replace($"\"strike\":{strike}", $"\"strike\":{strike + 1}", StringComparison.Ordinal);
        File.WriteAllLines(outputs.DecisionsPath, lines);

        var exit = await VerifyCommand.RunAsync(store, outputs.Folder, CancellationToken.None);

        Assert.Equal(ExitCodes.ChainBroken, exit);
        Assert.Contains($"OK store {store}: 6 decision(s)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains($"BROKEN {outputs.DecisionsPath}: record 2 (id {Id(second)}): its content does not match its hash", _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DecisionsFileWithALineDeletedOrGarbled_Fails()
    {
        var (_, outputs) = await ScanAsync();
        var lines = File.ReadAllLines(outputs.DecisionsPath).ToList();
        lines.RemoveAt(0);
        File.WriteAllLines(outputs.DecisionsPath, lines);

        Assert.Equal(ExitCodes.ChainBroken, await VerifyCommand.RunAsync(null, outputs.Folder, CancellationToken.None));
        Assert.Contains($"record 1 (id {Id(outputs.Decisions[0])})", _cli.Errors, StringComparison.Ordinal);

        lines[2] = "{not json";
        File.WriteAllLines(outputs.DecisionsPath, lines);

        Assert.Equal(ExitCodes.ChainBroken, await VerifyCommand.RunAsync(null, outputs.Folder, CancellationToken.None));
    }

    [Fact]
    public async Task Verify_TwoScansIntoOneStore_ChainContinuesAcrossThem()
    {
        var store = _cli.PathOf("store", "clearwind.db");
        var first = _cli.WriteLines("in/first.ndjson", ThreeBrushedShops("x", Lines.T0));
        var second = _cli.WriteLines("in/second.ndjson", ThreeBrushedShops("y", Lines.T0.AddDays(1)));

        Assert.Equal(0, await _cli.ScanAsync("part1", [first], store: store));
        Assert.Equal(0, await _cli.ScanAsync("part2", [second], store: store));

        var (part1, part2) = (_cli.Outputs("part1").Decisions, _cli.Outputs("part2").Decisions);
        Assert.Equal(6, part1.Count);
        Assert.Equal(12, part2.Count);
        // The second scan's log starts with the first scan's records, unchanged, and its first new record links to them.
        Assert.Equal(part1.Select(d => d.GetRawText()), part2.Take(6).Select(d => d.GetRawText()));
        Assert.Equal(Hash(part1[5]), part2[6].GetProperty("prev_hash").GetString());

        Assert.Equal(0, await VerifyCommand.RunAsync(store, _cli.PathOf("part2"), CancellationToken.None));
        Assert.Contains($"OK store {store}: 12 decision(s), chain intact, head {Hash(part2[11])}", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NothingToCheck_IsAUsageError()
    {
        Assert.Equal(ExitCodes.Usage, await VerifyCommand.RunAsync(null, null, CancellationToken.None));
        Assert.Contains("give --store FILE, --out DIR or both", _cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingStore_IsAUsageErrorAndCreatesNothing()
    {
        var missing = _cli.PathOf("nowhere", "clearwind.db");

        Assert.Equal(ExitCodes.Usage, await VerifyCommand.RunAsync(missing, null, CancellationToken.None));

        Assert.False(File.Exists(missing));
        Assert.Contains($"no store file at {missing}", _cli.Errors, StringComparison.Ordinal);
    }
}
