using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

/// <summary><c>clearwind match-eval DIR</c>: the duplicate-listing title matcher on a Ditto-format benchmark.</summary>
[Collection(CliTests.Name)]
public sealed class MatchEvalCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void MatchEval_AbtBuy_ReportsTestPrecisionRecallAndF1()
    {
        var exit = MatchEvalCommand.Run(RepositoryFiles.SharedData("entity-matching", "Abt-Buy"), "test");

        Assert.Equal(0, exit);
        Assert.Contains("tuned on train+valid (7,659 pairs)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("test (1,916 pairs)", _cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"test \(1,916 pairs\): precision 0\.\d+, recall 0\.\d+, F1 0\.(8[5-9]|9)", _cli.Output); // ≥ 0.85
    }

    [Fact]
    public void MatchEval_FolderWithoutTheFiles_ExitsWithUsageError()
    {
        _cli.WriteText("bench/train.txt", "COL name VAL a\tCOL name VAL a\t1\n");

        var exit = MatchEvalCommand.Run(_cli.PathOf("bench"), "test");

        Assert.Equal(2, exit);
        Assert.Contains("valid.txt: no such file", _cli.Errors, StringComparison.Ordinal);
    }
}
