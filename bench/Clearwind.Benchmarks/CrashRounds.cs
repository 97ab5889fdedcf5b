using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>crash-rounds [rounds] [seed]</c>: <c>kill -9</c> of a real <c>clearwind serve</c> (a child process on 127.0.0.1, one
/// SQLite store for the whole run) at a random instant while several senders in this process ingest, then a restart on the
/// same store, round after round. Odd rounds are plain ingest (a synthetic market's events, 50 a request); even rounds send
/// with <c>?decide=true</c>, half of the senders a brushing episode a request (five orders of one buyer at a new shop, which
/// the service judges, decides and logs within a few requests), so the writer is appending findings and decisions at the
/// kill. After each kill the store files are copied as the crash left them and the service is started again at once (timed
/// until <c>/healthz</c> answers 200). Checked on the crash-state copy: <c>PRAGMA integrity_check</c>, every acknowledged
/// event stored, no event stored twice, every decision a client was shown in a verdict present in the log, <c>clearwind verify</c>;
/// and on a copy taken once the restarted service is ready: every stored finding the policy decides on has a decision in
/// the log (the restart's replay closes a gap the kill left between a commit's findings and its decisions), integrity and
/// <c>verify</c> again. Prints a table per round and the totals; exit code 1 when any check failed.
/// </summary>
internal static partial class CrashRounds
{
    private const int Senders = 6;
    private const int EventsPerRequest = 50;
    private const int BrushingOrders = 5;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(5);
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
        var seed = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount & 0x7fffffff;
        var folder = Directory.CreateTempSubdirectory("clearwind-crash-rounds-").FullName;
        try
        {
            return await RunAsync(folder, rounds, seed);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("CRASH_ROUNDS_KEEP") != "1")
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(string folder, int rounds, int seed)
    {
        var inv = CultureInfo.InvariantCulture;
        var store = Path.Combine(folder, "clearwind.db");
        var log = Path.Combine(folder, "serve.log");
        var port = ServeChild.FreePort();
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        var market = new MarketLoad(100_000);
        Console.WriteLine(string.Create(inv, $"crash-rounds: {rounds} rounds, seed {seed} (run again with `crash-rounds {rounds} {seed}`), {Senders} senders, {EventsPerRequest} events a request; market of {market.Count:N0} events built in {clock.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine($"service: dotnet {ServeChild.Cli()} serve --store {store} --urls http://127.0.0.1:{port}; load average {ServeChild.LoadAverage()}");

        var started = Stopwatch.GetTimestamp();
        var server = ServeChild.Start(store, port, log);
        var first = await server.WaitReadyAsync(started, TimeSpan.FromSeconds(60));
        Console.WriteLine(string.Create(inv, $"first start (new store): ready in {first.TotalSeconds:F2} s"));
        Console.WriteLine();
        Console.WriteLine("| round | load | kill after s | requests acked | events acked | shed (503) | cut off | stored at kill | acked lost | stored twice | decisions logged | shown, not logged | findings undecided at kill | after restart | integrity | verify | replay ms | restart → ready s | kill → ready s | restart → caught up s |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |");

        var policy = DetectorCatalog.DefaultPolicy();
        var allAcked = new HashSet<string>(StringComparer.Ordinal);
        var allShown = new HashSet<string>(StringComparer.Ordinal);
        long nextRequest = 0;
        var failures = 0;
        var readyTimes = new List<double>();
        var caughtUpTimes = new List<double>();
        var undecidedAtKill = 0;
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var deciding = round % 2 == 0;
                var killAfter = TimeSpan.FromSeconds(0.5 + (rng.NextDouble() * 2.5));
                var load = await LoadUntilKillAsync(server, store, market, deciding, killAfter, () => Interlocked.Increment(ref nextRequest) - 1);
                var killedAt = Stopwatch.GetTimestamp();

                // The files exactly as the kill left them (the -shm index is rebuilt by whoever opens them next).
                var crash = Path.Combine(folder, $"crash-{round}.db");
                Snapshot(store, crash);
                var restartAt = Stopwatch.GetTimestamp();
                server = ServeChild.Start(store, port, log);
                var ready = await server.WaitReadyAsync(restartAt, TimeSpan.FromSeconds(120));
                var killToReady = Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
                readyTimes.Add(ready.TotalSeconds);
                var caughtUp = await server.WaitReadyAsync(restartAt, TimeSpan.FromSeconds(120), caughtUp: true); // the replay done
                caughtUpTimes.Add(caughtUp.TotalSeconds);

                foreach (var id in load.Acked)
                {
                    allAcked.Add(id);
                }

                allShown.UnionWith(load.Shown);
                var atKill = await CheckAsync(crash, policy, allAcked, allShown);
                var recovered = Path.Combine(folder, $"recovered-{round}.db");
                Snapshot(store, recovered); // the restarted service is idle: nothing is written between its recovery and the next round
                var afterRestart = await CheckAsync(recovered, policy, allAcked, allShown);
                DeleteStore(crash);
                DeleteStore(recovered);

                undecidedAtKill += atKill.Undecided;
                var ok = atKill.Lost == 0 && atKill.Twice == 0 && atKill.ShownMissing == 0 && atKill.Integrity && atKill.Verified
                    && afterRestart.Lost == 0 && afterRestart.Twice == 0 && afterRestart.ShownMissing == 0 && afterRestart.Undecided == 0 && afterRestart.Integrity && afterRestart.Verified
                    && ready <= ReadyLimit && load.OtherFailures == 0;
                failures += ok ? 0 : 1;
                Console.WriteLine(string.Create(inv, $"| {round} | {(deciding ? "decide" : "ingest")} | {killAfter.TotalSeconds:F2} | {load.Requests:N0} | {load.Acked.Count:N0} | {load.Shed} | {load.CutOff} | {atKill.Stored:N0} | {atKill.Lost} | {atKill.Twice} | {atKill.Decisions:N0} | {atKill.ShownMissing} | {atKill.Undecided} | {afterRestart.Undecided} | {Word(atKill.Integrity && afterRestart.Integrity)} | {Word(atKill.Verified && afterRestart.Verified)} | {LastReplayMs(log)} | {ready.TotalSeconds:F2} | {killToReady:F2} | {caughtUp.TotalSeconds:F2} |"));
                if (load.OtherFailures > 0)
                {
                    Console.WriteLine($"  round {round}: {load.OtherFailures} requests failed before the kill: {load.FailureNote}");
                }
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        readyTimes.Sort();
        caughtUpTimes.Sort();
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"totals: {rounds} rounds, {allAcked.Count:N0} events acknowledged, {allShown.Count:N0} decisions shown in verdicts; rounds with a failed check: {failures}"));
        Console.WriteLine(string.Create(inv, $"kills that left findings without their decisions (the writer between its findings and its decisions): {undecidedAtKill} findings in all; each closed by the restart's replay"));
        Console.WriteLine(string.Create(inv, $"restart until /healthz 200: median {readyTimes[readyTimes.Count / 2]:F2} s, max {readyTimes[^1]:F2} s (limit {ReadyLimit.TotalSeconds:N0} s); until caught up (the replay done, /healthz Healthy): median {caughtUpTimes[caughtUpTimes.Count / 2]:F2} s, max {caughtUpTimes[^1]:F2} s; load average {ServeChild.LoadAverage()}; {clock.Elapsed.TotalMinutes:F1} min in all"));
        Console.WriteLine(failures == 0 ? "PASS" : "FAIL");
        return failures == 0 ? 0 : 1;
    }

    private static string Word(bool ok) => ok ? "ok" : "**FAILED**";

    private sealed record RoundLoad(int Requests, List<string> Acked, List<string> Shown, int CutOff, int Shed, int OtherFailures, string FailureNote);

    /// <summary>Runs the senders, kills the service after <paramref name="killAfter"/>, and returns what was acknowledged.</summary>
    private static async Task<RoundLoad> LoadUntilKillAsync(ServeChild server, string store, MarketLoad market, bool deciding, TimeSpan killAfter, Func<long> next)
    {
        using var client = await server.IngestClientAsync(store + ".admin-key");
        var acked = new ConcurrentQueue<string>();
        var shown = new ConcurrentQueue<string>();
        var killed = 0;
        var cutOff = 0;
        var other = 0;
        var shed = 0;
        var requests = 0;
        var note = "";
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            var brushing = deciding && sender % 2 == 1;
            while (Volatile.Read(ref killed) == 0)
            {
                var r = next();
                var events = brushing ? Brushing(market, r) : [.. Enumerable.Range(0, EventsPerRequest).Select(i => market.Event((r * EventsPerRequest) + i))];
                var body = new MemoryStream();
                foreach (var e in events)
                {
                    body.Write(EventParser.ToUtf8Json(e));
                    body.WriteByte((byte)'\n');
                }

                using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
                content.Headers.ContentType = Ndjson;
                try
                {
                    using var response = await client.PostAsync(deciding ? "/v1/events?decide=true" : "/v1/events", content);
                    var answer = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref requests);
                        foreach (var e in events)
                        {
                            acked.Enqueue(e.Id);
                        }

                        if (deciding)
                        {
                            foreach (var id in ShownDecisions(answer))
                            {
                                shown.Enqueue(id);
                            }
                        }
                    }
                    else if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                    {
                        Interlocked.Increment(ref shed); // refused under load, as it should be: not acknowledged, nothing to check
                        await Task.Delay(100);
                    }
                    else
                    {
                        Interlocked.Increment(ref other);
                        note = $"{(int)response.StatusCode}";
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (Volatile.Read(ref killed) == 1)
                    {
                        Interlocked.Increment(ref cutOff); // on its way when the process died
                        return;
                    }

                    Interlocked.Increment(ref other);
                    note = ex.GetType().Name;
                }
            }
        })).ToList();

        await Task.Delay(killAfter);
        Volatile.Write(ref killed, 1);
        server.Kill();
        await Task.WhenAll(senders);
        return new RoundLoad(requests, [.. acked], [.. shown], cutOff, shed, other, note);
    }

    // Five orders of one new buyer at a new shop within 40 minutes of where the market stream is: brushing by the Shopee rule,
    // judged once event time moves an hour on (a few requests later), then decided and logged.
    private static List<MarketEvent> Brushing(MarketLoad market, long request)
    {
        var at = market.Event(request * EventsPerRequest).Ts;
        return [.. Enumerable.Range(0, BrushingOrders).Select(i => (MarketEvent)new OrderPlaced
        {
            Id = $"crash-br-{request}-{i}",
            Ts = at.AddMinutes(10 * i),
            Order = $"crash-bo-{request}-{i}",
            Buyer = $"crash-bb-{request}",
            Shop = $"crash-bs-{request}",
            Listing = $"crash-bs-{request}-l1",
            Amount = 99.5m,
            Quantity = 1,
        })];
    }

    // The ids of the decisions in a ?decide=true answer's verdicts (orders[].decisions[].id).
    private static List<string> ShownDecisions(byte[] answer)
    {
        var ids = new List<string>();
        using var doc = JsonDocument.Parse(answer);
        if (doc.RootElement.TryGetProperty("orders", out var orders) && orders.ValueKind == JsonValueKind.Array)
        {
            foreach (var order in orders.EnumerateArray())
            {
                foreach (var decision in order.GetProperty("decisions").EnumerateArray())
                {
                    ids.Add(decision.GetProperty("id").GetString()!);
                }
            }
        }

        return ids;
    }

    private sealed record Check(long Stored, int Lost, int Twice, int Decisions, int ShownMissing, int Undecided, bool Integrity, bool Verified);

    private static async Task<Check> CheckAsync(string path, EnforcementPolicy policy, HashSet<string> acked, HashSet<string> shown)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long stored = 0;
        var logged = new HashSet<string>(StringComparer.Ordinal);
        var decided = new HashSet<string>(StringComparer.Ordinal);
        var findings = new List<Finding>();
        bool integrity;
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            integrity = await store.CheckIntegrityAsync();
            await foreach (var e in store.Events.ReadAllAsync())
            {
                stored++;
                ids.Add(e.Id);
            }

            await foreach (var d in store.Decisions.ReadAllAsync())
            {
                logged.Add(d.Id);
                decided.UnionWith(d.Findings);
            }

            await foreach (var f in store.Findings.ReadAllAsync())
            {
                findings.Add(f);
            }
        }

        // A stored finding on which the policy acts must have a decision in the log naming it.
        var decider = new Decider(policy);
        var undecided = findings.Count(f => !decided.Contains(f.Id) && decider.Decide(f).Count > 0);
        var verified = await VerifyAsync(path);
        return new Check(stored, acked.Count(id => !ids.Contains(id)), (int)(stored - ids.Count), logged.Count, shown.Count(id => !logged.Contains(id)), undecided, integrity, verified);
    }

    // `clearwind verify --store FILE`, the command an operator runs: exit code 0 when the hash chain checks out.
    private static async Task<bool> VerifyAsync(string path)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ServeChild.Cli(), "verify", "--store", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"  verify {path}: exit {process.ExitCode}: {await output}{await error}");
        }

        return process.ExitCode == 0;
    }

    private static void Snapshot(string store, string copy)
    {
        File.Copy(store, copy, overwrite: true);
        if (File.Exists(store + "-wal"))
        {
            File.Copy(store + "-wal", copy + "-wal", overwrite: true);
        }
    }

    private static void DeleteStore(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static string LastReplayMs(string log)
    {
        var last = "?";
        foreach (var line in File.ReadLines(log))
        {
            if (ReplayLine().Match(line) is { Success: true } m)
            {
                last = m.Groups[1].Value;
            }
        }

        return last;
    }

    [GeneratedRegex(@"Replayed \d+ stored events: .* \((\d+) ms\)")]
    private static partial Regex ReplayLine();
}
