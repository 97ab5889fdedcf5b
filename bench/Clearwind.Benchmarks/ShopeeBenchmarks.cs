using BenchmarkDotNet.Attributes;
using Clearwind.OrderBrushing;

namespace Clearwind.Benchmarks;

/// <summary>
/// The Shopee Code League 2020 task at full size (222,750 orders, 18,770 shops). Target: <see cref="Solve"/> ≤ 0.2 s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ShopeeBenchmarks
{
    private string _csv = "";
    private List<ShopeeOrder> _orders = [];

    [GlobalSetup]
    public void Setup()
    {
        _csv = ShopeeOrderFile.Generate();
        _orders = ShopeeOrderFile.Parse(_csv);
    }

    /// <summary>Parses the CSV text into orders: the floor for any answer read from the file.</summary>
    [Benchmark(Baseline = true)]
    public int ParseCsv() => ShopeeOrderFile.Parse(_csv).Count;

    /// <summary>Solves the parsed orders.</summary>
    [Benchmark]
    public int Solve() => ShopeeOrderBrushing.Solve(_orders).Count;

    /// <summary>From the CSV text to the answer.</summary>
    [Benchmark]
    public int ParseAndSolve() => ShopeeOrderBrushing.Solve(ShopeeOrderFile.Parse(_csv)).Count;
}
