using System.Diagnostics;
using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Storage;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Benchmarks;

/// <summary>
/// Where a scan's time goes: one parse-only pass, then one scan whose progress reports are timed as they arrive
/// (ScanJob reports each phase as it starts), so each phase's wall time is the gap to the next phase.
/// </summary>
public static class ScanPhases
{
    public static async Task<int> RunAsync(bool sqlite, int threads)
    {
        var clock = Stopwatch.StartNew();
        // BENCH_INPUT=FILE: another NDJSON input (a `clearwind simulate` marketplace, say) instead of the pipeline input.
        var path = Environment.GetEnvironmentVariable("BENCH_INPUT") ?? MarketFile.EnsureWritten();
        Console.WriteLine($"input: {path} ({new FileInfo(path).Length / 1e6:N0} MB, ready in {clock.Elapsed.TotalSeconds:N1} s)");

        // Warm the JIT on the same code paths, as BenchmarkDotNet's warm-up would.
        ParseOnly(path);
        await ScanAsync(path, sqlite, threads, null);

        var gc = GcMark.Now();
        clock.Restart();
        var events = ParseOnly(path);
        var parse = clock.Elapsed;
        Console.WriteLine($"parse only: {events:N0} events in {parse.TotalSeconds:N2} s ({events / parse.TotalSeconds:N0} events/s); {GcMark.Now().Since(gc)}");

        var timer = new PhaseTimer();
        gc = GcMark.Now();
        var result = await ScanAsync(path, sqlite, threads, timer);
        var total = timer.Stop();
        Console.WriteLine($"scan ({(sqlite ? "SQLite" : "in memory")}, detectors on {threads} thread(s)): {result.ProcessedEvents:N0} events, {result.Findings.Count} findings in {total.TotalSeconds:N2} s = {total / parse:N2}× parse only; {GcMark.Now().Since(gc)}");
        Console.WriteLine();
        Console.WriteLine("| phase | seconds | share | × parse only | allocated (all threads, while the phase was reported) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (phase, time, allocated) in timer.Phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {time.TotalSeconds:N2} | {time / total:P0} | {time / parse:N2} | {allocated / 1e6:N0} MB |"));
        }

        return 0;
    }

    /// <summary>Process CPU time and garbage-collector counters at one moment, to show how much of a run the collector took.</summary>
    private readonly record struct GcMark(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated, TimeSpan Cpu)
    {
        public static GcMark Now()
            => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
                Process.GetCurrentProcess().TotalProcessorTime);

        public string Since(GcMark before) => string.Create(CultureInfo.InvariantCulture,
            $"CPU {(Cpu - before.Cpu).TotalSeconds:N2} s; GC: {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2} collections (gen0/1/2), {(Paused - before.Paused).TotalSeconds:N2} s paused, {(Allocated - before.Allocated) / 1e6:N0} MB allocated");
    }

    private static long ParseOnly(string path)
    {
        long events = 0;
        foreach (var record in new NdjsonInput(path).Read())
        {
            if (record.Result.Status == ParseStatus.Ok)
            {
                events++;
            }
        }

        return events;
    }

    private static async Task<ScanResult> ScanAsync(string path, bool sqlite, int threads, IProgress<ScanProgress>? progress)
    {
        var policy = DetectorCatalog.DefaultPolicy();
        var storePath = Path.Combine(Path.GetTempPath(), "clearwind-bench", $"phases-{Environment.ProcessId}.db");
        PipelineBenchmarks.DeleteStoreFiles(storePath);
        try
        {
            await using IClearwindStore store = sqlite ? await SqliteStore.OpenAsync(storePath) : new InMemoryStore();
            // PHASES_DETECTORS=none: no detector at all, to see what reading, keying and storing cost on their own.
            var none = Environment.GetEnvironmentVariable("PHASES_DETECTORS") == "none";
            var job = new ScanJob(store, () => none ? new DetectionPipelineBuilder { Parallelism = threads }.Build() : policy.BuildPipeline(DetectorCatalog.BuiltIn, new DetectionPipelineBuilder { Parallelism = threads }), new Decider(policy), IdentifierKeyer.FromText(new string('k', 32)))
            {
                Progress = progress,
            };
            return await job.RunAsync([new NdjsonInput(path)]);
        }
        finally
        {
            PipelineBenchmarks.DeleteStoreFiles(storePath);
        }
    }

    /// <summary>
    /// Charges the time between two progress reports to the phase of the earlier one, and sums it per phase.
    /// Synchronous, unlike <see cref="Progress{T}"/>. Phases that run at once (a store written while detectors run)
    /// share their wall time by whichever reported last, so read such rows together.
    /// </summary>
    private sealed class PhaseTimer : IProgress<ScanProgress>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<ScanPhase, TimeSpan> _totals = [];
        private readonly Dictionary<ScanPhase, long> _allocated = [];
        private long _allocatedSince = GC.GetTotalAllocatedBytes();
        private readonly List<ScanPhase> _order = [];
        private ScanPhase? _current;
        private TimeSpan _since;

        public IEnumerable<(string Phase, TimeSpan Time, long Allocated)> Phases => _order.Select(p => (p.ToString(), _totals[p], _allocated[p]));

        public void Report(ScanProgress value)
        {
            lock (_gate)
            {
                Charge();
                _current = value.Phase;
                if (!_totals.ContainsKey(value.Phase))
                {
                    _totals[value.Phase] = TimeSpan.Zero;
                    _allocated[value.Phase] = 0;
                    _order.Add(value.Phase);
                }
            }
        }

        public TimeSpan Stop()
        {
            lock (_gate)
            {
                Charge();
                _current = null;
                return _clock.Elapsed;
            }
        }

        private void Charge()
        {
            var now = _clock.Elapsed;
            var allocated = GC.GetTotalAllocatedBytes();
            if (_current is { } phase)
            {
                _totals[phase] += now - _since;
                _allocated[phase] += allocated - _allocatedSince;
            }

            _since = now;
            _allocatedSince = allocated;
        }
    }
}
