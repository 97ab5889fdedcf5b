using Clearwind.Fuzz.Engine;
using Clearwind.Fuzz.Targets;

namespace Clearwind.Fuzz.Tests;

/// <summary>Every input a fuzz run ever failed on (Crashers/TARGET/HASH.bin) must now end cleanly: an outcome, no exception, no hang.</summary>
public sealed class CrasherReplayTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Crashers");

    public static TheoryData<string, string> SavedCrashers()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SavedCrashers))]
    public void SavedCrasher_ReplayedThroughItsTarget_EndsCleanlyWithinTheHangLimit(string target, string file)
    {
        var fuzzTarget = FuzzTargets.Create(target);
        Assert.NotNull(fuzzTarget);

        var (outcome, failure) = FuzzEngine.Replay(fuzzTarget, File.ReadAllBytes(Path.Combine(Root, target, file)), TimeSpan.FromSeconds(2));

        Assert.Null(failure);
        Assert.False(string.IsNullOrEmpty(outcome));
    }

    [Fact]
    public void Crashers_EveryTarget_HasItsFolder()
    {
        // A folder per target that ever failed; a misnamed folder would silently replay nothing.
        var folders = Directory.EnumerateDirectories(Root).Select(Path.GetFileName).ToList();

        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.Contains(f, FuzzTargets.Names));
    }
}
