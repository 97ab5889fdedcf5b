using System.Diagnostics;
using System.Globalization;
using System.Net;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Benchmarks;

/// <summary>
/// The serve benches of issue 13 that load a real <c>clearwind serve</c> (<see cref="ServeChild"/>, a new SQLite store) from
/// this process over 127.0.0.1 with <see cref="ServeLoad.SendScheduleAsync"/> (open loop), each request
/// <c>POST /v1/events</c> with a batch of a synthetic market's events (<see cref="MarketLoad"/>: every event type, all
/// detectors of the default policy at work):
/// <list type="bullet">
/// <item><c>serve-capacity [events-per-request] [step-seconds] [p99-limit-ms]</c>: rising steps of events/s until p99 passes the
/// limit (default 50 ms) or requests fail; the capacity is the last step that held.</item>
/// <item><c>serve-overload CAPACITY [seconds] [events-per-request]</c>: 30 s at half the capacity, <c>seconds</c> (default 60)
/// at twice it, 30 s at half again; per second what was accepted and rejected (429, 503) and how fast, whether the process
/// lived, and how long after the load dropped the accepted requests' p99 was back in its range before the overload.</item>
/// <item><c>serve-soak EVENTS-PER-S [minutes] [events-per-request]</c>: a minute's warm-up, then <c>minutes</c> (default 10) at
/// that rate; per minute the rate achieved, p50/p99, the server's RSS and GC heap (its <c>/metrics</c>).</item>
/// </list>
/// Overload and soak then stop the service (SIGTERM) and check the store: every acknowledged event stored, no rejected one,
/// none twice. Every figure is printed with the machine's load average.
/// </summary>
internal static class ServeStress
{
    private const int DefaultBatch = 100;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("clearwind-serve-stress-").FullName;
        try
        {
            await using var run = await Run.StartAsync(folder);
            return args[0] switch
            {
                "serve-capacity" => await CapacityAsync(run, Arg(args, 1, DefaultBatch), Arg(args, 2, 20), Arg(args, 3, 50)),
                "serve-overload" => await OverloadAsync(run, Arg(args, 1, 0), Arg(args, 2, 60), Arg(args, 3, DefaultBatch)),
                _ => await SoakAsync(run, Arg(args, 1, 0), Arg(args, 2, 10), Arg(args, 3, DefaultBatch)),
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Arg(string[] args, int index, int fallback)
        => args.Length > index && int.TryParse(args[index], NumberStyles.Integer, Inv, out var n) && n > 0 ? n : fallback;

    /// <summary>The service, its client, and the stream of events; requests are numbered across the whole run.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private long _nextRequest;

        private Run(string store, ServeChild server, HttpClient client, MarketLoad market)
        {
            Store = store;
            Server = server;
            Client = client;
            Market = market;
        }

        public string Store { get; }

        public ServeChild Server { get; private set; }

        public HttpClient Client { get; }

        public MarketLoad Market { get; }

        public static async Task<Run> StartAsync(string folder)
        {
            var store = Path.Combine(folder, "clearwind.db");
            var market = new MarketLoad(200_000);
            var started = Stopwatch.GetTimestamp();
            // SERVE_CHILD_ENV="DOTNET_gcServer=0;…": settings for the service's process, to compare runtime configurations.
            var environment = (Environment.GetEnvironmentVariable("SERVE_CHILD_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
            var server = ServeChild.Start(store, ServeChild.FreePort(), Path.Combine(folder, "serve.log"), environment);
            if (environment.Length > 0)
            {
                Console.WriteLine($"service environment: {string.Join(' ', environment)}");
            }

            await server.WaitReadyAsync(started, TimeSpan.FromSeconds(60));
            var client = await server.IngestClientAsync(store + ".admin-key");
            Console.WriteLine($"service: dotnet {ServeChild.Cli()} serve --store {store} (pid {server.Pid}); commit {Commit()}; load average {ServeChild.LoadAverage()}");
            return new Run(store, server, client, market);
        }

        /// <summary>Sends <paramref name="total"/> requests of <paramref name="batch"/> events on the schedule; request i carries the events of run request first+i.</summary>
        public async Task<(long First, ServeLoad.Sent Sent)> SendAsync(int total, int batch, Func<int, double> dueSeconds)
        {
            var first = _nextRequest;
            _nextRequest += total;
            var sent = await ServeLoad.SendScheduleAsync(Client, "/v1/events", total, dueSeconds, i => Market.Body((first + i) * batch, batch), (status, _) => status == HttpStatusCode.OK);
            return (first, sent);
        }

        /// <summary>Stops the service politely and checks the store against what was answered.</summary>
        public async Task<bool> CheckStoreAsync(IEnumerable<(long First, ServeLoad.Sent Sent)> runs, int batch)
        {
            await Server.DisposeAsync();
            var stored = new HashSet<string>(StringComparer.Ordinal);
            long rows = 0;
            await using (var store = await SqliteStore.OpenAsync(Store))
            {
                await foreach (var e in store.Events.ReadAllAsync())
                {
                    rows++;
                    stored.Add(e.Id);
                }
            }

            long acked = 0, lost = 0, rejected = 0, rejectedStored = 0;
            foreach (var (first, sent) in runs)
            {
                for (var i = 0; i < sent.Status.Length; i++)
                {
                    var isAck = sent.Status[i] == 200;
                    var isRejected = sent.Status[i] is 429 or 503;
                    for (var k = 0; k < batch && (isAck || isRejected); k++)
                    {
                        var present = stored.Contains(Market.Id(((first + i) * batch) + k));
                        acked += isAck ? 1 : 0;
                        lost += isAck && !present ? 1 : 0;
                        rejected += isRejected ? 1 : 0;
                        rejectedStored += isRejected && present ? 1 : 0;
                    }
                }
            }

            var ok = lost == 0 && rejectedStored == 0 && rows == stored.Count;
            Console.WriteLine(string.Create(Inv, $"store: {rows:N0} events; acknowledged {acked:N0}, of them not stored {lost}; rejected (429/503) {rejected:N0}, of them stored {rejectedStored}; stored twice {rows - stored.Count} → {(ok ? "ok" : "FAILED")}"));
            return ok;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<int> CapacityAsync(Run run, int batch, int stepSeconds, int limitMs)
    {
        Console.WriteLine(string.Create(Inv, $"serve-capacity: {batch} events a request, {stepSeconds} s a step, p99 limit {limitMs} ms"));
        await run.SendAsync(1_000 / batch * 30, batch, i => i / (1_000.0 / batch)); // warm-up: the JIT tiers the hot paths up
        Console.WriteLine("| events/s asked | achieved | requests | failed | p50 ms | p99 ms | max ms | server CPU cores | load average |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        // Two capacities: the highest rate whose p99 stays within the limit, and the highest rate the service keeps up with
        // at all (achieved ≥ 95 % of what was asked, nothing failed, p99 under a second): the overload bench doubles the latter.
        var capacity = 0;
        var throughput = 0;
        var withinLimit = true;
        foreach (var rate in new[] { 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 8_000, 10_000, 12_000, 15_000, 20_000, 25_000, 30_000 })
        {
            var perSecond = rate / (double)batch;
            var cpu0 = run.Server.CpuTime();
            var (_, sent) = await run.SendAsync((int)(perSecond * stepSeconds), batch, i => i / perSecond);
            var cpu = (run.Server.CpuTime() - cpu0).TotalSeconds;
            var seconds = Stopwatch.GetElapsedTime(sent.Start, sent.Finished).TotalSeconds;
            var ms = Millis(sent.Latency, sent.Ok, true);
            var failed = sent.Ok.Count(x => !x);
            var achieved = sent.Ok.Count(x => x) * batch / seconds;
            var p99 = Percentile(ms, 99);
            Console.WriteLine(string.Create(Inv, $"| {rate:N0} | {achieved:N0} | {sent.Ok.Length:N0} | {failed} | {Percentile(ms, 50):F1} | {p99:F1} | {(ms.Length == 0 ? 0 : ms[^1]):F1} | {cpu / seconds:F2} | {ServeChild.LoadAverage()} |"));
            if (failed > 0 || achieved < rate * 0.95 || p99 > 1_000)
            {
                break;
            }

            throughput = rate;
            withinLimit &= p99 <= limitMs;
            capacity = withinLimit ? rate : capacity;
        }

        Console.WriteLine(string.Create(Inv, $"capacity: {capacity:N0} events/s ({batch} a request) with p99 ≤ {limitMs} ms at every step up to it; the service kept up with {throughput:N0} events/s (p99 under 1 s); load average {ServeChild.LoadAverage()}"));
        return throughput > 0 ? 0 : 1;
    }

    private static async Task<int> OverloadAsync(Run run, int capacity, int overloadSeconds, int batch)
    {
        if (capacity == 0)
        {
            Console.WriteLine("serve-overload CAPACITY: give the capacity in events/s (serve-capacity measures it)");
            return 2;
        }

        const int Calm = 30;
        var normal = capacity / 2.0 / batch;
        var over = capacity * 2.0 / batch;
        int nA = (int)(normal * Calm), nB = (int)(over * overloadSeconds), nC = (int)(normal * Calm);
        double Due(int i) => i < nA ? i / normal
            : i < nA + nB ? Calm + ((i - nA) / over)
            : Calm + overloadSeconds + ((i - nA - nB) / normal);

        Console.WriteLine(string.Create(Inv, $"serve-overload: capacity {capacity:N0} events/s; {Calm} s at {normal * batch:N0}/s, {overloadSeconds} s at {over * batch:N0}/s, {Calm} s at {normal * batch:N0}/s; {batch} events a request"));
        await run.SendAsync((int)(normal * 20), batch, i => i / normal); // warm-up
        using var watch = new AliveWatch(run.Server);
        var (first, sent) = await run.SendAsync(nA + nB + nC, batch, Due);
        await watch.StopAsync();

        // Per second of the schedule (by when each request was due).
        var seconds = Calm + overloadSeconds + Calm;
        Console.WriteLine("| s | phase | sent | 200 | 429 | 503 | failed | p99 of 200 ms | p99 of 429/503 ms |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var p99ByS = new double[seconds];
        var rejectedMs = new List<double>();
        for (var s = 0; s < seconds; s++)
        {
            var idx = Enumerable.Range(0, sent.Status.Length).Where(i => (int)Due(i) == s).ToList();
            var okMs = idx.Where(i => sent.Status[i] == 200).Select(i => Ms(sent.Latency[i])).Order().ToArray();
            var rejMs = idx.Where(i => sent.Status[i] is 429 or 503).Select(i => Ms(sent.Latency[i])).Order().ToArray();
            rejectedMs.AddRange(rejMs);
            p99ByS[s] = Percentile(okMs, 99);
            var phase = s < Calm ? "before" : s < Calm + overloadSeconds ? "2×" : "after";
            Console.WriteLine(string.Create(Inv, $"| {s} | {phase} | {idx.Count} | {okMs.Length} | {idx.Count(i => sent.Status[i] == 429)} | {idx.Count(i => sent.Status[i] == 503)} | {idx.Count(i => sent.Status[i] is 0 or (not 200 and not 429 and not 503))} | {p99ByS[s]:F1} | {Percentile(rejMs, 99):F1} |"));
        }

        // The accepted requests' p99 before the overload: its range over the last 20 s of the calm phase.
        var normalP99 = p99ByS[(Calm - 20)..Calm].Max();
        var recovered = -1;
        for (var s = Calm + overloadSeconds; s + 2 < seconds; s++)
        {
            if (p99ByS[s] <= normalP99 && p99ByS[s + 1] <= normalP99 && p99ByS[s + 2] <= normalP99)
            {
                recovered = s - Calm - overloadSeconds;
                break;
            }
        }

        var overIdx = Enumerable.Range(nA, nB).ToList();
        var accepted = overIdx.Count(i => sent.Status[i] == 200);
        rejectedMs.Sort();
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv, $"during the {overloadSeconds} s at 2×: accepted {accepted * batch / (double)overloadSeconds:N0} events/s ({accepted:N0} requests), 429: {overIdx.Count(i => sent.Status[i] == 429):N0}, 503: {overIdx.Count(i => sent.Status[i] == 503):N0}, failed: {overIdx.Count(i => sent.Status[i] is not (200 or 429 or 503)):N0}"));
        Console.WriteLine(string.Create(Inv, $"rejections (whole run): {rejectedMs.Count:N0}, latency p50 {Percentile([.. rejectedMs], 50):F1} ms, p99 {Percentile([.. rejectedMs], 99):F1} ms, max {(rejectedMs.Count == 0 ? 0 : rejectedMs[^1]):F1} ms"));
        Console.WriteLine(string.Create(Inv, $"process alive throughout: {(watch.Exited ? "NO" : "yes")}; /healthz polls {watch.Polls}, answered 200 {watch.Healthy}, 503 (degraded or unhealthy) {watch.Unhealthy}, no answer within 1 s {watch.Silent}"));
        Console.WriteLine(string.Create(Inv, $"accepted p99 before the overload (worst second of the last 20): {normalP99:F1} ms; back within it {(recovered < 0 ? "never (in the 30 s after)" : $"{recovered} s")} after the load dropped; load average {ServeChild.LoadAverage()}"));
        var stored = await run.CheckStoreAsync([(first, sent)], batch);
        var pass = !watch.Exited && recovered is >= 0 and <= 10 && stored && (rejectedMs.Count == 0 || Percentile([.. rejectedMs], 99) <= 100);
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    private static async Task<int> SoakAsync(Run run, int rate, int minutes, int batch)
    {
        if (rate == 0)
        {
            Console.WriteLine("serve-soak EVENTS-PER-S [minutes]: give the rate (e.g. 70 % of serve-capacity's)");
            return 2;
        }

        var perSecond = rate / (double)batch;
        Console.WriteLine(string.Create(Inv, $"serve-soak: {rate:N0} events/s ({batch} a request), a minute's warm-up then {minutes} min"));
        Console.WriteLine("| minute | achieved events/s | failed | p50 ms | p99 ms | max ms | server RSS MB | GC heap MB | server CPU cores | load average |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var runs = new List<(long, ServeLoad.Sent)>();
        var p99 = new List<double>();
        var rss = new List<double>();
        var heap = new List<double>();
        var lost = 0;
        using var watch = new AliveWatch(run.Server);
        for (var minute = 0; minute <= minutes; minute++)
        {
            // One schedule a minute, so the memory is read between them and a slow minute is charged to itself.
            var cpu0 = run.Server.CpuTime();
            var sent = await run.SendAsync((int)(perSecond * 60), batch, i => i / perSecond);
            runs.Add(sent);
            var elapsed = Stopwatch.GetElapsedTime(sent.Sent.Start, sent.Sent.Finished).TotalSeconds;
            var ms = Millis(sent.Sent.Latency, sent.Sent.Ok, true);
            var failed = sent.Sent.Ok.Count(x => !x);
            lost += failed;
            var gcHeap = await GcHeapMbAsync(run.Server);
            var resident = run.Server.RssMb();
            if (minute > 0)
            {
                p99.Add(Percentile(ms, 99));
                rss.Add(resident);
                heap.Add(gcHeap);
            }

            Console.WriteLine(string.Create(Inv, $"| {(minute == 0 ? "warm-up" : minute.ToString(Inv))} | {sent.Sent.Ok.Count(x => x) * batch / elapsed:N0} | {failed} | {Percentile(ms, 50):F1} | {Percentile(ms, 99):F1} | {(ms.Length == 0 ? 0 : ms[^1]):F1} | {resident:N0} | {gcHeap:N0} | {(run.Server.CpuTime() - cpu0).TotalSeconds / elapsed:F2} | {ServeChild.LoadAverage()} |"));
        }

        await watch.StopAsync();
        var drift = (p99[^1] / p99[0]) - 1;
        var rssGrowth = (rss[^1] / rss[0]) - 1;
        var heapGrowth = (heap[^1] / heap[0]) - 1;
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv, $"p99 minute 1 {p99[0]:F1} ms, minute {minutes} {p99[^1]:F1} ms: drift {drift:P0} (limit 20 %)"));
        Console.WriteLine(string.Create(Inv, $"server RSS {rss[0]:N0} → {rss[^1]:N0} MB ({rssGrowth:P0}), GC heap {heap[0]:N0} → {heap[^1]:N0} MB ({heapGrowth:P0}) from the end of minute 1 to the end of minute {minutes} (limit 10 %)"));
        Console.WriteLine(string.Create(Inv, $"process alive throughout: {(watch.Exited ? "NO" : "yes")}; failed requests {lost}"));
        var stored = await run.CheckStoreAsync(runs, batch);
        var pass = drift <= 0.2 && rssGrowth <= 0.1 && heapGrowth <= 0.1 && !watch.Exited && lost == 0 && stored;
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    /// <summary>The server's GC heap after its last collection (all generations), from the runtime's metrics on <c>/metrics</c>.</summary>
    private static async Task<double> GcHeapMbAsync(ServeChild server)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var text = await client.GetStringAsync("/metrics");
            double bytes = 0;
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
                {
                    bytes += double.Parse(line[(line.LastIndexOf(' ') + 1)..], Inv);
                }
            }

            return bytes / 1048576.0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return double.NaN;
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double[] Millis(long[] latency, bool[] ok, bool okOnly)
        => [.. latency.Where((_, i) => !okOnly || ok[i]).Select(Ms).Order()];

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return sha.Length > 0 ? sha : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Polls the server twice a second while a load runs: does the process live, and what does <c>/healthz</c> say.</summary>
    private sealed class AliveWatch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public AliveWatch(ServeChild server)
        {
            _loop = Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(1) };
                while (!_stop.IsCancellationRequested)
                {
                    Exited |= server.HasExited;
                    Polls++;
                    try
                    {
                        using var response = await client.GetAsync("/healthz");
                        Healthy += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
                        Unhealthy += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        Silent++;
                    }

                    try
                    {
                        await Task.Delay(500, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
        }

        public bool Exited { get; private set; }

        public int Polls { get; private set; }

        public int Healthy { get; private set; }

        public int Unhealthy { get; private set; }

        public int Silent { get; private set; }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }

        public void Dispose() => _stop.Dispose();
    }
}
