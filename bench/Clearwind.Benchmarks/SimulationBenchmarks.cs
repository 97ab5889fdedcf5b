using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Clearwind.Simulation;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>clearwind simulate --scale 1 --days 7</c> without the disk: a scale-1 week (about 500,000 events) generated, and
/// generated and written as NDJSON to a discarding stream. Target (issue 4): ≤ 10 s.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // As the clearwind CLI runs.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SimulationBenchmarks
{
    private readonly SyntheticMarketOptions _options = SyntheticMarketOptions.ForScale(1, days: 7, seed: 42);

    /// <summary>Generates every event and the labels.</summary>
    [Benchmark(Baseline = true)]
    public long Generate()
    {
        long events = 0;
        foreach (var _ in new MarketSimulation(_options).Events())
        {
            events++;
        }

        return events;
    }

    /// <summary>Generates and serialises every event as NDJSON (what <c>simulate</c> writes).</summary>
    [Benchmark]
    public long GenerateAndWrite() => SyntheticMarket.WriteNdjson(new MarketSimulation(_options).Events(), Stream.Null);
}
