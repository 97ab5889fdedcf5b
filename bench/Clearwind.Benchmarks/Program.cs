using BenchmarkDotNet.Running;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Clearwind.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>-- phases [sqlite]</c> times the phases of one scan of the pipeline input instead.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["phases", ..])
        {
            return await ScanPhases.RunAsync(sqlite: args.Contains("sqlite"));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
