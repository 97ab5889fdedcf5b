using Clearwind.Fuzz.Engine;
using Clearwind.Fuzz.Targets;

namespace Clearwind.Fuzz.Tests;

/// <summary>A short, fixed-seed fuzz run of every decoder, so the harness and the decoders' hardening stay alive in CI.</summary>
public sealed class FuzzTargetsTests
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_ShortFixedSeedRun_FindsNoCrashOrHang(string name)
    {
        var target = FuzzTargets.Create(name)!;

        var report = new FuzzEngine(target, new FuzzSettings { Executions = 2_000, Seed = 20261203 }).Run();
        (target as IDisposable)?.Dispose();

        Assert.Equal(2_000, report.Executions);
        Assert.Empty(report.Real.Select(f => $"{f.Kind} {f.Signature}"));
        // More than one outcome: the mutants reach past the first check of the decoder.
        Assert.True(report.DistinctOutcomes > 1, $"only {report.DistinctOutcomes} outcome(s)");
    }
}
