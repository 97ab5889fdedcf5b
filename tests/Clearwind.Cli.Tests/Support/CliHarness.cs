using System.Text;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Presentation;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Clearwind.Cli.Tests.Support;

/// <summary>
/// One test's world: a temp folder of its own (deleted at the end) and the CLI's consoles swapped for recorders
/// (restored at the end). Tests using it belong to <see cref="CliTests"/>, because the consoles are static.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    private readonly IAnsiConsole _savedOut = Consoles.Out;
    private readonly IAnsiConsole _savedError = Consoles.Error;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public CliHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "clearwind-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Consoles.Out = Recorder(_out);
        Consoles.Error = Recorder(_error);
    }

    /// <summary>The test's own folder.</summary>
    public string Root { get; }

    /// <summary>Everything written to the standard console so far.</summary>
    public string Output => _out.ToString();

    /// <summary>Everything written to the error console so far.</summary>
    public string Errors => _error.ToString();

    /// <summary>A path inside <see cref="Root"/>.</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes UTF-8 text (no BOM) exactly as given and returns its path.</summary>
    public string WriteText(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes lines ending in LF and returns the path.</summary>
    public string WriteLines(string name, IEnumerable<string> lines) => WriteText(name, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Writes bytes and returns the path.</summary>
    public string WriteBytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs <c>clearwind scan</c> in-process.</summary>
    public Task<int> ScanAsync(ScanSettings settings) => ScanCommand.RunAsync(settings, CancellationToken.None);

    /// <summary>Runs <c>clearwind scan INPUTS --out ROOT/OUT --quiet</c> (store: OUT/clearwind.db unless given).</summary>
    public Task<int> ScanAsync(string output, IReadOnlyList<string> inputs, string? store = null, string? csvMap = null, string? hmacKey = null)
        => ScanAsync(new ScanSettings(inputs, PathOf(output), Store: store, CsvMap: csvMap, HmacKey: hmacKey, Quiet: true));

    /// <summary>The outputs a scan wrote into ROOT/<paramref name="output"/>.</summary>
    public ScanOutputs Outputs(string output) => new(PathOf(output));

    public void Dispose()
    {
        Consoles.Out = _savedOut;
        Consoles.Error = _savedError;
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (after a failed test) must not hide the failure.
        }
    }

    private static IAnsiConsole Recorder(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });

        // Long paths and messages stay on one line, so tests can look for them whole.
        console.Profile.Width = 100_000;
        return console;
    }
}
