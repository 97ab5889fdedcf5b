using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.Service;
using Clearwind.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>serve-load [rate] [seconds] [warmup] [p99-limit-ms]</c>: the live service under a steady stream of orders, each a
/// <c>POST /v1/events?decide=true</c> waiting for its verdict. The service runs in this process on Kestrel at 127.0.0.1
/// over a new SQLite store, with the configuration <c>clearwind serve</c> ships (the service's appsettings.json), after a
/// synthetic marketplace (accounts, shops, listings and two weeks of trade) is loaded through the same API.
/// The load is open-loop: request i is due at start + i / rate whether or not earlier ones have been answered, and its
/// latency runs from when it was due, so a stall is charged to every request it delays (no coordinated omission).
/// Prints latency percentiles, the rate achieved, errors, the server's group commits and the GC's pauses; the exit code is 1
/// when p99 exceeds the limit (default 10 ms).
/// </summary>
public static class ServeLoad
{
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Argument(args, 1, 1_000);
        var seconds = Argument(args, 2, 30);
        var warmup = Argument(args, 3, 30); // the JIT is still tiering up (re-compiling) the hot paths for about half a minute
        var limitMs = Argument(args, 4, 10);
        var folder = Directory.CreateTempSubdirectory("clearwind-serve-load-").FullName;
        try
        {
            return await RunAsync(folder, rate, seconds, warmup, limitMs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, int rate, int seconds, int warmup, int limitMs)
    {
        var store = Path.Combine(folder, "clearwind.db");
        // The service's appsettings.json (copied here by the project reference) is the configuration it ships with; with
        // SERVE_LOAD_BARE=1 the content root is the empty temp folder instead, as when `clearwind serve` runs in a folder
        // without one (ASP.NET Core's default logging, Information for everything).
        var root = Environment.GetEnvironmentVariable("SERVE_LOAD_BARE") == "1" ? folder : AppContext.BaseDirectory;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{ServiceOptions.Section}:{nameof(ServiceOptions.Store)}"] = store,
            ["Logging:LogLevel:Clearwind.Service.Live.EngineHost"] = "Warning", // the start-up lines would interleave with the report
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddClearwindService();
        await using var app = builder.Build();
        app.MapClearwindService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(store + ".admin-key").Trim());
        var created = await client.PostAsJsonAsync("/v1/keys", new { role = "ingest", name = "serve-load" });
        created.EnsureSuccessStatusCode();
        using (var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.RootElement.GetProperty("key").GetString());
        }

        var clock = Stopwatch.StartNew();
        var (preloaded, templates, end) = await PreloadAsync(client);
        var liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"preloaded {preloaded:N0} events through the API in {clock.Elapsed.TotalSeconds:F1} s; {templates.Count:N0} orders to draw the load from; {liveBefore / 1048576.0:N0} MB live");

        var total = rate * (warmup + seconds);
        var bodies = new byte[total][];
        for (var i = 0; i < total; i++)
        {
            // An honest order at a listing of the preloaded market, due i / rate seconds after the last preloaded event, so
            // event time keeps pace with the clock. The buyer is one of a million (with a device, address and phone of its
            // own): a market taking 1,000 orders a second has millions of buyers, and a few thousand placing them all
            // would be brushing every shop.
            var template = templates[i % templates.Count];
            var buyer = (int)((i * 7_919L) % 1_000_000);
            var order = template with
            {
                Id = $"load-e{i}",
                Order = $"load-o{i}",
                Buyer = $"load-b{buyer}",
                Ip = $"10.{buyer >> 16}.{(buyer >> 8) & 255}.{buyer & 255}",
                Device = $"load-d{buyer}",
                Address = $"load-address-{buyer}",
                Phone = $"1{buyer:D10}",
                Ts = end.AddTicks((long)(i * (double)TimeSpan.TicksPerSecond / rate)),
            };
            bodies[i] = EventParser.ToUtf8Json(order);
        }

        if (Environment.GetEnvironmentVariable("SERVE_LOAD_LATENCY_MODE") is { Length: > 0 } mode)
        {
            GCSettings.LatencyMode = Enum.Parse<GCLatencyMode>(mode); // e.g. SustainedLowLatency, to compare with what serve sets
        }

        using var commits = new CommitListener();
        using var allocations = Environment.GetEnvironmentVariable("SERVE_LOAD_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        using var pauses = Environment.GetEnvironmentVariable("SERVE_LOAD_GC") == "1" ? new PauseListener() : null;
        var result = await SendOpenLoopAsync(client, bodies, rate, rate * warmup, commits);
        var liveAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(bodies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live heap {liveBefore / 1048576.0:N0} MB before the load, {liveAfter / 1048576.0:N0} MB after: {(liveAfter - liveBefore) / (double)total / 1024:N1} KB kept per order"));
        await app.StopAsync();
        allocations?.Print(result.Latency.Length);
        pauses?.Print();
        return Report(result, rate, seconds, warmup, limitMs);
    }

    private static async Task<(long Events, List<OrderPlaced> Templates, DateTimeOffset End)> PreloadAsync(HttpClient client)
    {
        // SERVE_LOAD_PRELOAD sets the size of the preloaded market in events (default 100,000), to see what the engine's
        // retained state costs the latency (its collections grow with it).
        var target = long.TryParse(Environment.GetEnvironmentVariable("SERVE_LOAD_PRELOAD"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 10_000 ? n : 100_000;
        var scale = target / 100_000.0;
        var options = new SyntheticMarketOptions
        {
            Seed = 9,
            Shops = Math.Max(20, (int)(200 * scale)),
            Buyers = Math.Max(500, (int)(5_000 * scale)),
            Days = 14,
            EventsTarget = target,
        };
        var templates = new List<OrderPlaced>();
        var end = DateTimeOffset.MinValue;
        long count = 0;
        foreach (var chunk in SyntheticMarket.Generate(options).Chunk(5_000))
        {
            using var body = new MemoryStream();
            SyntheticMarket.WriteNdjson(chunk, body);
            using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
            content.Headers.ContentType = Ndjson;
            using var response = await client.PostAsync("/v1/events", content);
            response.EnsureSuccessStatusCode();
            count += chunk.Length;
            templates.AddRange(chunk.OfType<OrderPlaced>());
            end = chunk[^1].Ts > end ? chunk[^1].Ts : end;
        }

        return (count, templates, end);
    }

    private static async Task<LoadResult> SendOpenLoopAsync(HttpClient client, byte[][] bodies, int rate, int warmupRequests, CommitListener commits)
    {
        var gc0 = GcState.Now();
        var measuredFrom = 0L;
        var sent = await SendScheduleAsync(
            client,
            "/v1/events?decide=true",
            bodies.Length,
            i => i / (double)rate,
            i => bodies[i],
            (status, answer) => status == HttpStatusCode.OK && answer.AsSpan().IndexOf("\"verdict\""u8) >= 0,
            (i, now) =>
            {
                if (i == warmupRequests)
                {
                    commits.Reset();
                    gc0 = GcState.Now();
                    measuredFrom = now;
                }
            });
        var gc = GcState.Now() - gc0;
        return new LoadResult(sent.Latency[warmupRequests..], sent.Lag[warmupRequests..], sent.Ok[warmupRequests..], Stopwatch.GetElapsedTime(measuredFrom, sent.Finished), gc, commits.Snapshot());
    }

    /// <summary>What <see cref="SendScheduleAsync"/> saw of each request (times in <see cref="Stopwatch"/> ticks).</summary>
    /// <param name="Start">When request 0 was due.</param>
    /// <param name="Latency">From when the request was due until its answer was read (or it failed).</param>
    /// <param name="Lag">How late the schedule thread sent it.</param>
    /// <param name="Status">The HTTP status, 0 when the connection failed.</param>
    /// <param name="Ok">What the caller's check said of the answer.</param>
    /// <param name="Finished">When the last answer came.</param>
    internal sealed record Sent(long Start, long[] Latency, long[] Lag, int[] Status, bool[] Ok, long Finished);

    /// <summary>
    /// The open-loop load generator of the serve benches: request i (body <paramref name="body"/>(i)) is POSTed to
    /// <paramref name="path"/> when it is due, <paramref name="dueSeconds"/>(i) after the start, whether or not earlier ones were
    /// answered, and its latency counts from when it was due, so a stall is charged to every request it delays (no coordinated
    /// omission). <paramref name="onDue"/> runs on the schedule thread as each request is sent.
    /// </summary>
    internal static async Task<Sent> SendScheduleAsync(HttpClient client, string path, int total, Func<int, double> dueSeconds, Func<int, byte[]> body, Func<HttpStatusCode, byte[], bool> check, Action<int, long>? onDue = null)
    {
        var latency = new long[total];
        var lag = new long[total];
        var status = new int[total];
        var ok = new bool[total];
        var tasks = new Task[total];
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        long Due(int i) => start + (long)(dueSeconds(i) * Stopwatch.Frequency);

        // One thread keeps the schedule: it sends every request that is due, then sleeps about a millisecond. A late send
        // (the thread was not scheduled in time) is charged to the request, since its latency counts from when it was due.
        var scheduler = new Thread(() =>
        {
            for (var next = 0; next < total;)
            {
                var now = Stopwatch.GetTimestamp();
                while (next < total && Due(next) <= now)
                {
                    onDue?.Invoke(next, now);
                    var due = Due(next);
                    lag[next] = now - due;
                    tasks[next] = SendAsync(client, path, body, due, next, latency, status, ok, check);
                    next++;
                }

                if (next < total)
                {
                    Thread.Sleep(1);
                }
            }
        })
        { IsBackground = true, Name = "serve-load schedule" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(tasks);
        return new Sent(start, latency, lag, status, ok, Stopwatch.GetTimestamp());
    }

    private static async Task SendAsync(HttpClient client, string path, Func<int, byte[]> body, long due, int index, long[] latency, int[] status, bool[] ok, Func<HttpStatusCode, byte[], bool> check)
    {
        await Task.Yield(); // leave the schedule thread at once
        try
        {
            using var content = new ByteArrayContent(body(index));
            content.Headers.ContentType = Ndjson;
            using var response = await client.PostAsync(path, content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            status[index] = (int)response.StatusCode;
            ok[index] = check(response.StatusCode, answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            ok[index] = false;
        }

        latency[index] = Stopwatch.GetTimestamp() - due;
    }

    private static int Report(LoadResult result, int rate, int seconds, int warmup, int limitMs)
    {
        var sorted = result.Latency.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var lag = result.Lag.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var errors = result.Ok.Count(x => !x);
        var achieved = sorted.Length / result.Elapsed.TotalSeconds;
        var p99 = Percentile(sorted, 99);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"serve-load: POST /v1/events?decide=true, one order a request, {rate:N0}/s open-loop for {seconds} s after {warmup} s of warm-up"));
        Console.WriteLine(string.Create(inv, $"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent {AppContext.TryGetSwitch("System.GC.Concurrent", out var c) && c}, latency mode {GCSettings.LatencyMode}, gen0 budget cap {(GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var cap) && cap is long bytes and > 0 and < 1L << 30 ? $"{bytes / 1048576.0:N0} MB" : "none")}"));
        Console.WriteLine();
        Console.WriteLine("| requests | achieved/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(inv, $"| {sorted.Length:N0} | {achieved:N0} | {errors} | {Percentile(sorted, 50):F2} | {Percentile(sorted, 90):F2} | {p99:F2} | {Percentile(sorted, 99.9):F2} | {sorted[^1]:F2} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"send lag (the client's own lateness, included above): p50 {Percentile(lag, 50):F2} ms, p99 {Percentile(lag, 99):F2} ms, max {lag[^1]:F2} ms"));
        var commits = result.Commits;
        Console.WriteLine(string.Create(inv, $"group commits: {commits.Length:N0} ({(commits.Length == 0 ? 0 : sorted.Length / (double)commits.Length):F1} requests each); commit time p50 {Percentile(commits, 50):F2} ms, p99 {Percentile(commits, 99):F2} ms, max {(commits.Length == 0 ? 0 : commits[^1]):F2} ms"));
        var collections = result.Gc.Gen0 + result.Gc.Gen1 + result.Gc.Gen2;
        var heap = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(inv, $"GC while measured: gen0 {result.Gc.Gen0}, gen1 {result.Gc.Gen1}, gen2 {result.Gc.Gen2}, paused {result.Gc.Pause.TotalMilliseconds:F1} ms in all ({(collections == 0 ? 0 : result.Gc.Pause.TotalMilliseconds / collections):F1} ms a collection); allocated {result.Gc.Allocated / 1048576.0:N0} MB ({result.Gc.Allocated / Math.Max(1, sorted.Length) / 1024.0:N1} KB a request); heap {heap.HeapSizeBytes / 1048576.0:N0} MB, last promoted {heap.PromotedBytes / 1048576.0:N1} MB"));
        Console.WriteLine(string.Create(inv, $"CPU of this process (service and client) while measured: {result.Gc.Cpu.TotalMilliseconds / Math.Max(1, sorted.Length):F3} ms a request, {result.Gc.Cpu / result.Elapsed:F2} of {Environment.ProcessorCount} cores; machine load average {LoadAverage()}"));
        var pass = p99 <= limitMs && errors == 0;
        Console.WriteLine(pass ? $"PASS: p99 ≤ {limitMs} ms, no errors" : $"FAIL: p99 {p99.ToString("F2", inv)} ms (limit {limitMs} ms), {errors} errors");
        return pass ? 0 : 1;
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // Nearest rank: the smallest value with at least p % of the values at or below it.
    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Argument(string[] args, int index, int fallback)
        => args.Length > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private sealed record LoadResult(long[] Latency, long[] Lag, bool[] Ok, TimeSpan Elapsed, GcState Gc, double[] Commits);

    private readonly record struct GcState(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated, TimeSpan Cpu)
    {
        public static GcState Now()
            => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), Environment.CpuUsage.TotalTime);

        public static GcState operator -(GcState a, GcState b)
            => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Pause - b.Pause, a.Allocated - b.Allocated, a.Cpu - b.Cpu);
    }

    /// <summary>Collects the service's <c>clearwind.commit.duration</c> measurements (milliseconds), one per group commit.</summary>
    private sealed class CommitListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _ms = [];

        public CommitListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ServiceMetricsName && instrument.Name == "clearwind.commit.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                lock (_ms)
                {
                    _ms.Add(seconds * 1000);
                }
            });
            _listener.Start();
        }

        private static string ServiceMetricsName => "Clearwind.Service";

        public void Reset()
        {
            lock (_ms)
            {
                _ms.Clear();
            }
        }

        public double[] Snapshot()
        {
            lock (_ms)
            {
                return [.. _ms.Order()];
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>
    /// With <c>SERVE_LOAD_ALLOCATIONS=1</c>: the runtime's allocation samples (an event about every 100 KB allocated, naming
    /// the type that crossed the mark), summed by type, to see what a request allocates.
    /// </summary>
    private sealed class AllocationSampler : EventListener
    {
        private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

        public void Print(int requests)
        {
            lock (_bytes)
            {
                Console.WriteLine("allocation samples by type (bytes a request, estimated):");
                foreach (var (type, bytes) in _bytes.OrderByDescending(x => x.Value).Take(25))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / (double)Math.Max(1, requests),10:N0}  {type}"));
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // the GC keyword
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 0;
            lock (_bytes)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }

    /// <summary>With <c>SERVE_LOAD_GC=1</c>: each collection's generation, the time to stop the threads, and the collection's own time.</summary>
    private sealed class PauseListener : EventListener
    {
        private readonly List<string> _lines = [];
        private DateTime _suspend;
        private DateTime _suspended;
        private DateTime _start;
        private int _depth;
        private double _collect;

        public void Print()
        {
            lock (_lines)
            {
                Console.WriteLine("collections (generation, reason: stopping the threads + collecting, ms):");
                Console.WriteLine(string.Join(Environment.NewLine, _lines));
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            switch (eventData.EventName)
            {
                case "GCSuspendEEBegin_V1":
                    _suspend = eventData.TimeStamp;
                    break;
                case "GCSuspendEEEnd_V1":
                    _suspended = eventData.TimeStamp;
                    break;
                case "GCStart_V2":
                    _start = eventData.TimeStamp;
                    _depth = Convert.ToInt32(eventData.Payload![1], CultureInfo.InvariantCulture);
                    var reason = Convert.ToInt32(eventData.Payload[2], CultureInfo.InvariantCulture);
                    _depth = (_depth * 100) + reason;
                    break;
                case "GCEnd_V1":
                    _collect = (eventData.TimeStamp - _start).TotalMilliseconds;
                    break;
                case "GCRestartEEEnd_V1":
                    lock (_lines)
                    {
                        _lines.Add(string.Create(CultureInfo.InvariantCulture, $"  gen{_depth / 100} r{_depth % 100}: {(_suspended - _suspend).TotalMilliseconds:F1} + {_collect:F1}; all {(eventData.TimeStamp - _suspend).TotalMilliseconds:F1}"));
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
