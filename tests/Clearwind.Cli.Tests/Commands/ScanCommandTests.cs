using System.Text.Json;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;

namespace Clearwind.Cli.Tests.Commands;

/// <summary>
/// <c>clearwind scan</c> end to end, in-process through <see cref="ScanCommand.RunAsync"/>: real files in, the SPEC §8
/// files and the SQLite store out. Split by aspect: outputs, inputs, bad input, store, privacy, CSV.
/// </summary>
[Collection(CliTests.Name)]
public sealed partial class ScanCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>
    /// A problem line is reported twice: on the error console (<c>PATH:LINE: message</c>) and in
    /// <c>problems.ndjson</c> (<c>input</c>, <c>line</c>, <c>error</c>).
    /// </summary>
    private static void AssertProblem(CliHarness cli, ScanOutputs outputs, string input, long line, params string[] words)
    {
        var problem = Assert.Single(outputs.Problems, p => p.GetProperty("input").GetString() == input && p.GetProperty("line").GetInt64() == line);
        Assert.Equal(["error", "input", "line"], problem.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var error = problem.GetProperty("error").GetString()!;
        foreach (var word in words)
        {
            Assert.Contains(word, error, StringComparison.Ordinal);
        }

        var consoleLine = Assert.Single(cli.Errors.Split('\n'), l => l.Contains($"{input}:{line}: ", StringComparison.Ordinal));
        Assert.Contains(error, consoleLine, StringComparison.Ordinal);
    }

    private static long Number(JsonElement summary, params string[] path)
    {
        var element = summary;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetInt64();
    }
}
