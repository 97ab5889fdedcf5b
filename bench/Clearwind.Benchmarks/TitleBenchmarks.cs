using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Clearwind.Listings;
using Clearwind.Listings.Corpus;

namespace Clearwind.Benchmarks;

/// <summary>The 1 M generated titles both title benchmarks use (2 % planted near-copies, seed 42), built once per process.</summary>
internal static class TitleBench
{
    public const int Titles = 1_000_000;
    public const double CopyShare = 0.02;
    public const int Seed = 42;

    private static TitleCorpus? _corpus;

    public static TitleCorpus Corpus => _corpus ??= Generate(Titles);

    public static double CpuSeconds => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static TitleCorpus Generate(int count)
    {
        var clock = Stopwatch.StartNew();
        var corpus = TitleCorpus.Generate(count, CopyShare, Seed);
        var chars = corpus.Titles.Sum(t => (long)t.Length);
        Console.WriteLine($"// titles: {corpus.Titles.Length:N0} ({(double)chars / corpus.Titles.Length:N1} chars on average, {corpus.Titles.Select(TitleText.Bigrams).Average(s => s.Length):N1} bigrams), {corpus.Planted.Length:N0} planted near-copies, generated in {clock.Elapsed.TotalSeconds:N1} s");
        return corpus;
    }

    /// <summary>
    /// <c>-- titlepairs [runs] [titles]</c>: signatures and the all-pairs search once per run, timed in wall and CPU time without
    /// BenchmarkDotNet, then the recall check. Quicker than the BenchmarkDotNet classes; for looking, not for the record.
    /// </summary>
    public static int RunOnce(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        _corpus = Generate(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Titles);
        var titles = Corpus.Titles;
        int[][] signatures = [];
        TitleNearDuplicateResult? result = null;
        for (var run = 0; run < runs; run++)
        {
            var (wall, cpu) = Time(() => signatures = [.. titles.Select(TitleText.Bigrams)]);
            Console.WriteLine($"signatures, one thread: {wall:N3} s wall, {cpu:N3} s CPU, {titles.Length / cpu / 1e6:N2} M titles/s/core (load {Load()})");
            foreach (var shared in Shared)
            {
                (wall, cpu) = Time(() => result = TitleNearDuplicates.Find(signatures, TitleNearDuplicates.DefaultThreshold, 1, shared));
                Console.WriteLine($"all pairs, one thread, ℓ = {shared}: {wall:N3} s wall, {cpu:N3} s CPU, {result!.Pairs.Length:N0} pairs, {result.Candidates:N0} candidates, {result.PostingsRead:N0} index entries read");
            }

            (wall, cpu) = Time(() => result = TitleNearDuplicates.Find(signatures, TitleNearDuplicates.DefaultThreshold, -1));
            Console.WriteLine($"all pairs, all threads: {wall:N3} s wall, {cpu:N3} s CPU, {result!.Pairs.Length:N0} pairs, {result.Candidates:N0} candidates");
        }

        Console.WriteLine(Check(signatures, result!, sample: 400, TitleNearDuplicates.DefaultThreshold));
        return 0;
    }

    private static int[] Shared => Environment.GetEnvironmentVariable("TITLE_SHARED") is { } list ? [.. list.Split(',').Select(int.Parse)] : [TitleNearDuplicates.DefaultShared];

    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static (double Wall, double Cpu) Time(Action action)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var cpu = CpuSeconds;
        action();
        return (clock.Elapsed.TotalSeconds, CpuSeconds - cpu);
    }

    /// <summary>
    /// Recall and precision of <paramref name="result"/> on a sample of titles, against comparing each sampled title with every
    /// title by <see cref="TitleText.Dice"/> (length pre-check only, which cannot lose a pair: Dice ≤ 2·min ÷ (|a| + |b|)).
    /// Half the sample are planted copies (where pairs are), half any title.
    /// </summary>
    public static string Check(int[][] signatures, TitleNearDuplicateResult result, int sample, double threshold)
    {
        var corpus = Corpus;
        var random = new Random(7);
        var chosen = new HashSet<int>();
        while (chosen.Count < sample / 2)
        {
            chosen.Add(corpus.Planted[random.Next(corpus.Planted.Length)].Copy);
        }

        while (chosen.Count < sample)
        {
            chosen.Add(random.Next(signatures.Length));
        }

        var clock = Stopwatch.StartNew();
        var queries = chosen.ToArray();
        var truth = new List<(int, int)>[queries.Length];
        Parallel.For(0, queries.Length, q =>
        {
            var a = signatures[queries[q]];
            var pairs = new List<(int, int)>();
            for (var b = 0; b < signatures.Length; b++)
            {
                var other = signatures[b];
                if (b != queries[q] && 2.0 * Math.Min(a.Length, other.Length) / (a.Length + other.Length) >= threshold && TitleText.Dice(a, other) >= threshold)
                {
                    pairs.Add((Math.Min(queries[q], b), Math.Max(queries[q], b)));
                }
            }

            truth[q] = pairs;
        });

        var expected = truth.SelectMany(p => p).ToHashSet();
        var returned = result.Pairs.Where(p => chosen.Contains(p.First) || chosen.Contains(p.Second)).Select(p => (p.First, p.Second)).ToHashSet();
        var hits = expected.Count(returned.Contains);
        var below = result.Pairs.Count(p => TitleText.Dice(signatures[p.First], signatures[p.Second]) < threshold);
        var plantedAbove = corpus.Planted.Count(p => TitleText.Dice(signatures[p.Original], signatures[p.Copy]) >= threshold);
        var all = result.Pairs.Select(p => (p.First, p.Second)).ToHashSet();
        var plantedFound = corpus.Planted.Count(p => TitleText.Dice(signatures[p.Original], signatures[p.Copy]) >= threshold && all.Contains((Math.Min(p.Original, p.Copy), Math.Max(p.Original, p.Copy))));
        return $"// check at Dice ≥ {threshold:0.00}: {result.Pairs.Length:N0} pairs, {result.Candidates:N0} candidates checked exactly, {result.PostingsRead:N0} index entries read, {result.IndexEntries:N0} in the index, {result.DistinctBigrams:N0} distinct bigrams\n"
            + $"// brute force on {queries.Length} sampled titles × {signatures.Length:N0} ({clock.Elapsed.TotalSeconds:N1} s): {expected.Count:N0} pairs, {hits:N0} found, recall {(expected.Count == 0 ? 1 : (double)hits / expected.Count):0.0000}; "
            + $"returned pairs of sampled titles not in brute force: {returned.Count - hits}; returned pairs below the threshold (all): {below}\n"
            + $"// planted copies at ≥ {threshold:0.00}: {plantedAbove:N0} of {corpus.Planted.Length:N0}, {plantedFound:N0} found";
    }
}

/// <summary>
/// Issue 7: title signatures (≥ 1 M titles/s/core). <see cref="TitleText.Bigrams"/> over 1 M generated titles on one thread;
/// the baseline only reads every character of every title (what any signature costs at least). ns per title = Mean
/// (<c>OperationsPerInvoke</c> = 1 M), so titles/s/core = 10⁹ ÷ Mean in ns.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TitleSignatureBenchmarks
{
    private string[] _titles = [];

    [GlobalSetup]
    public void Setup() => _titles = TitleBench.Corpus.Titles;

    /// <summary>Reads every character and counts the non-space ones: the floor under any signature.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TitleBench.Titles)]
    public long ReadChars()
    {
        long n = 0;
        foreach (var title in _titles)
        {
            foreach (var c in title)
            {
                n += char.IsWhiteSpace(c) ? 0 : 1;
            }
        }

        return n;
    }

    /// <summary>The distinct, sorted character bigrams of every title, as listing.duplicate computes them.</summary>
    [Benchmark(OperationsPerInvoke = TitleBench.Titles)]
    public long Bigrams()
    {
        long n = 0;
        foreach (var title in _titles)
        {
            n += TitleText.Bigrams(title).Length;
        }

        return n;
    }
}

/// <summary>
/// Issue 7: all pairs of 1 M titles with Dice ≥ 0.70 (≤ 2 s) by <see cref="TitleNearDuplicates"/>. The baseline computes the
/// 1 M signatures on one thread; <c>AllPairsOneCore</c> is the search from those signatures on one thread, <c>AllPairs</c> on
/// every core. CPU time per operation is printed after each benchmark (it includes the warm-up); the recall check against
/// brute force on a sample is printed after <c>AllPairs</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 2)]
public class TitleNearDuplicateBenchmarks
{
    private string[] _titles = [];
    private int[][] _signatures = [];
    private TitleNearDuplicateResult? _last;
    private double _cpu;
    private double _wall;
    private int _ops;

    [GlobalSetup]
    public void Setup()
    {
        _titles = TitleBench.Corpus.Titles;
        _signatures = [.. _titles.Select(TitleText.Bigrams)];
    }

    [Benchmark(Baseline = true)]
    public int Signatures()
    {
        var clock = Stopwatch.StartNew();
        var cpu = TitleBench.CpuSeconds;
        var n = 0;
        foreach (var title in _titles)
        {
            n += TitleText.Bigrams(title).Length;
        }

        Count(cpu, clock);
        return n;
    }

    [Benchmark]
    public int AllPairsOneCore() => Search(1);

    [Benchmark]
    public int AllPairs() => Search(-1);

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {_ops} operations: {_wall / _ops:N3} s wall, {_cpu / _ops:N3} s CPU each (load average now {TitleBench.Load()})");
        if (_last is not null)
        {
            Console.WriteLine(TitleBench.Check(_signatures, _last, sample: 200, TitleNearDuplicates.DefaultThreshold));
        }
    }

    private int Search(int threads)
    {
        var clock = Stopwatch.StartNew();
        var cpu = TitleBench.CpuSeconds;
        _last = TitleNearDuplicates.Find(_signatures, TitleNearDuplicates.DefaultThreshold, threads);
        Count(cpu, clock);
        return _last.Pairs.Length;
    }

    private void Count(double cpu, Stopwatch clock)
    {
        _cpu += TitleBench.CpuSeconds - cpu;
        _wall += clock.Elapsed.TotalSeconds;
        _ops++;
    }
}
