using BenchmarkDotNet.Running;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Clearwind.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>-- phases [sqlite] [threads]</c> times the phases of one scan of the pipeline input instead; <c>-- ringmemory</c> prints the
/// retained size of the ring detector's state for 1 M buyers and 100 k shops, <c>-- ringphases</c> splits the time of its
/// 1 M-order benchmark (<see cref="RingMemory"/>); <c>-- titlepairs [runs] [titles]</c> times title signatures and the all-pairs
/// near-duplicate title search once, in wall and CPU time, and checks its recall (<see cref="TitleBench"/>);
/// <c>-- serve-load [rate] [seconds] [warmup] [p99-limit-ms]</c> measures the live service's <c>?decide=true</c> latency under an
/// open-loop stream of orders (<see cref="ServeLoad"/>); <c>-- cluster-throughput POSTGRES-LOCATION SILOS [SCALE] [SENDERS]</c>
/// measures ingest and detection through SILOS cluster nodes (<see cref="ClusterThroughput"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["phases", ..])
        {
            // "phases [sqlite] [threads]": detectors side by side on that many threads (default: the processor count, as the CLI).
            var threads = args.Skip(1).Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault(n => n > 0, Environment.ProcessorCount);
            return await ScanPhases.RunAsync(sqlite: args.Contains("sqlite"), threads);
        }

        if (args is ["ringmemory", ..])
        {
            return RingMemory.Run(args);
        }

        if (args is ["ringsweep", ..])
        {
            return RingMemory.RunSweep(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
        }

        if (args is ["ringscan", ..])
        {
            return RingMemory.RunScanShare();
        }

        if (args is ["detectors", ..])
        {
            return RingMemory.RunDetectorsAlone(args);
        }

        if (args is ["titlepairs", ..])
        {
            return TitleBench.RunOnce(args);
        }

        if (args is ["serve-load", ..])
        {
            return await ServeLoad.RunAsync(args);
        }

        if (args is ["crash-rounds", ..])
        {
            return await CrashRounds.RunAsync(args);
        }

        if (args is ["serve-capacity" or "serve-overload" or "serve-soak", ..])
        {
            return await ServeStress.RunAsync(args);
        }

        if (args is ["psi", ..])
        {
            return IntersectionRun.Run(args);
        }

        if (args is ["cluster-throughput", ..])
        {
            return await ClusterThroughput.RunAsync(args);
        }

        if (args is ["store-append", ..])
        {
            return await StoreAppend.RunAsync(args);
        }

        if (args is ["scan-scaling", ..])
        {
            return await ScanScaling.RunAsync(args);
        }

        if (args is ["retained", ..])
        {
            return RetainedState.Run(args);
        }

        if (args is ["decision-latency", ..])
        {
            return DecisionLatency.Run(args);
        }

        if (args is ["orderstate", ..])
        {
            return OrderState.Run(args);
        }

        if (args is ["ringphases", ..])
        {
            return RingMemory.RunPhases();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
