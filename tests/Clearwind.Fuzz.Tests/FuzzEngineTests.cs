using System.Text;
using Clearwind.Fuzz.Engine;

namespace Clearwind.Fuzz.Tests;

/// <summary>The engine itself: it must notice crashes, broken properties and hangs, and keep the inputs.</summary>
public sealed class FuzzEngineTests
{
    [Fact]
    public void Engine_TargetFailingOnSomeInputs_RecordsMinimisesAndSavesEachFailure()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clearwind-fuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = new FuzzEngine(new ThrowsOnX(), new FuzzSettings { Executions = 2_000, Seed = 5, CrashersDirectory = folder }).Run();

            var crash = Assert.Single(report.Failures, f => f.Kind == FailureKind.Crash);
            var property = Assert.Single(report.Failures, f => f.Kind == FailureKind.Property);
            Assert.Equal("property: P is not allowed", property.Signature);
            Assert.Equal("P"u8.ToArray(), property.Input);
            Assert.StartsWith("System.FormatException at ", crash.Signature, StringComparison.Ordinal);
            Assert.Equal("X"u8.ToArray(), crash.Input);
            Assert.Equal(crash.Input, File.ReadAllBytes(crash.SavedAs!));
            Assert.StartsWith(Path.Combine(folder, "throws-on-x"), crash.SavedAs, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Engine_TargetThatHangsOnSomeInputs_RecordsTheHangAndFinishesTheRun()
    {
        var settings = new FuzzSettings { Executions = 100, Seed = 5, HangAfter = TimeSpan.FromMilliseconds(200) };

        var report = new FuzzEngine(new HangsOnX(), settings).Run();

        Assert.Equal(100, report.Executions);
        Assert.True(report.Hangs >= 1);
        Assert.All(report.Failures, f => Assert.Equal(FailureKind.Hang, f.Kind));
        Assert.All(report.Failures, f => Assert.Contains((byte)'X', f.Input));
    }

    [Fact]
    public void Replay_InputBreakingAProperty_ReportsTheProperty()
    {
        var (outcome, failure) = FuzzEngine.Replay(new ThrowsOnX(), "P"u8.ToArray(), TimeSpan.FromSeconds(2));

        Assert.Null(outcome);
        Assert.Equal("property: P is not allowed", failure);
    }

    // Seeds one mutation away from the failing bytes: the byte mutator's dictionary words include them.
    private sealed class ThrowsOnX : FuzzTarget
    {
        public override string Name => "throws-on-x";

        public override IReadOnlyList<byte[]> Seeds() => ["abc"u8.ToArray()];

        public override IReadOnlyList<string> Dictionary => ["X", "P"];

        public override string Run(byte[] input) => input.Contains((byte)'X') ? throw new FormatException("x")
            : input.Contains((byte)'P') ? throw new PropertyViolation("P is not allowed")
            : "fine " + input.Length;

        public override byte[] MutateStructured(byte[] input, Mutator mutator) => mutator.MutateBytes(input);
    }

    private sealed class HangsOnX : FuzzTarget
    {
        public override string Name => "hangs-on-x";

        public override IReadOnlyList<byte[]> Seeds() => ["abc"u8.ToArray()];

        // X is one word in eight, so a few mutants hang and most do not.
        public override IReadOnlyList<string> Dictionary => ["X", "a", "b", "c", "d", "e", "f", "g"];

        public override string Run(byte[] input)
        {
            // Long enough to pass the 200 ms limit, short enough that abandoned workers end soon after the test.
            if (input.Contains((byte)'X'))
            {
                Thread.Sleep(1_000);
            }

            return Encoding.ASCII.GetString(input.Length > 3 ? input[..3] : input);
        }

        public override byte[] MutateStructured(byte[] input, Mutator mutator) => mutator.MutateBytes(input);
    }
}
