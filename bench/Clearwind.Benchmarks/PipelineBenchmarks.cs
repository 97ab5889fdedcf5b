using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
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
/// SPEC §9: "the whole pipeline close to the speed of merely parsing the input". <see cref="ParseOnly"/> is the
/// baseline, so the Ratio column of a scan is how many times slower than parsing it is (target ≤ 2.0).
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // As the clearwind CLI runs (ServerGarbageCollection in its project).
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PipelineBenchmarks
{
    private EnforcementPolicy _policy = null!;
    private string _path = "";
    private string _storePath = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = MarketFile.EnsureWritten();
        _policy = DetectorCatalog.DefaultPolicy();
        _storePath = Path.Combine(Path.GetTempPath(), "clearwind-bench", $"store-{Environment.ProcessId}.db");
    }

    /// <summary>Reads the file and parses every line into a typed event.</summary>
    [Benchmark(Baseline = true)]
    public long ParseOnly()
    {
        long events = 0;
        foreach (var record in new NdjsonInput(_path).Read())
        {
            if (record.Result.Status == ParseStatus.Ok)
            {
                events++;
            }
        }

        return events;
    }

    /// <summary>A full scan (read, key, dedupe, store, detect, decide) into a store in memory.</summary>
    [Benchmark]
    public async Task<long> ScanInMemory()
    {
        await using var store = new InMemoryStore();
        return await ScanAsync(store);
    }

    /// <summary>
    /// The same scan into a fresh SQLite file. Removing the previous run's file is timed too (an unlink, milliseconds):
    /// an [IterationSetup] would put this benchmark in a job of its own, without a Ratio to the baseline.
    /// </summary>
    [Benchmark]
    public async Task<long> ScanSqlite()
    {
        DeleteStoreFiles(_storePath);
        await using var store = await SqliteStore.OpenAsync(_storePath);
        return await ScanAsync(store);
    }

    /// <summary>The same with every detector on the scanning thread, one event at a time (<c>scan --threads 1</c>).</summary>
    [Benchmark]
    public async Task<long> ScanSqliteOneThread()
    {
        DeleteStoreFiles(_storePath);
        await using var store = await SqliteStore.OpenAsync(_storePath);
        return await ScanAsync(store, threads: 1);
    }

    [GlobalCleanup]
    public void Cleanup() => DeleteStoreFiles(_storePath);

    /// <summary>Scans the input; detectors run side by side on <paramref name="threads"/> threads (default: the processor count, as the CLI).</summary>
    private async Task<long> ScanAsync(IClearwindStore store, int? threads = null)
    {
        // A new keyer per scan, as in a CLI run: its cache starts cold, so keying every first-seen identifier is timed.
        var keyer = IdentifierKeyer.FromText(new string('k', 32));
        var builder = () => new DetectionPipelineBuilder { Parallelism = threads ?? Environment.ProcessorCount };
        var job = new ScanJob(store, () => _policy.BuildPipeline(DetectorCatalog.BuiltIn, builder()), new Decider(_policy), keyer);
        var result = await job.RunAsync([new NdjsonInput(_path)]);
        return result.ProcessedEvents;
    }

    internal static void DeleteStoreFiles(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}
