using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Clearwind.Storage.Postgres;
using Clearwind.TestKit;

namespace Clearwind.Cli.Tests.Commands;

/// <summary>
/// <c>scan --store postgres://…</c> and <c>verify --store postgres://…</c> against the server in <c>$CLEARWIND_TEST_POSTGRES</c>
/// (each test in a schema of its own): the same market scanned into PostgreSQL and into SQLite gives the same outputs.
/// </summary>
[Collection(CliTests.Name)]
[Trait("Category", TestPostgres.Category)]
public sealed class PostgresStoreCommandTests : IAsyncLifetime, IDisposable
{
    private const string Key = "a-test-key-for-both-stores-0123456789";
    private readonly CliHarness _cli = new();
    private readonly TestSchema _schema = TestPostgres.NewSchema();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Scan_SimulatedMarketIntoPostgres_SameFindingsAndDecisionsAsSqlite()
    {
        Assert.Equal(0, SimulateCommand.Run(seed: 3, scale: 0.05, days: 2, _cli.PathOf("sim"), quiet: true, CancellationToken.None));
        string[] input = [_cli.PathOf("sim", "events.ndjson")];

        Assert.Equal(0, await _cli.ScanAsync("sqlite", input, store: _cli.PathOf("store", "clearwind.db"), hmacKey: Key));
        Assert.Equal(0, await _cli.ScanAsync("postgres", input, store: _schema.Location, hmacKey: Key));

        var (sqlite, postgres) = (_cli.Outputs("sqlite"), _cli.Outputs("postgres"));
        Assert.NotEmpty(sqlite.Findings);
        Assert.NotEmpty(sqlite.Decisions);
        Assert.Equal(await File.ReadAllBytesAsync(sqlite.FindingsPath), await File.ReadAllBytesAsync(postgres.FindingsPath));
        Assert.Equal(await File.ReadAllBytesAsync(sqlite.DecisionsPath), await File.ReadAllBytesAsync(postgres.DecisionsPath));
        var lines = File.ReadLines(input[0]).Count(l => l.Length > 0);
        await using var store = await PostgresStore.OpenAsync(_schema.Location);
        Assert.Equal(lines, await store.Events.CountAsync());
        Assert.False(File.Exists(postgres.StorePath)); // nothing went to a SQLite file beside the outputs
    }

    [Fact]
    public async Task Scan_SameInputTwiceIntoPostgres_AddsNothingAndTheChainVerifies()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        Assert.Equal(0, await _cli.ScanAsync("first", [input], store: _schema.Location, hmacKey: Key));
        Assert.Equal(0, await _cli.ScanAsync("second", [input], store: _schema.Location, hmacKey: Key));
        var exit = await VerifyCommand.RunAsync(_schema.Location, null, CancellationToken.None);

        Assert.Equal(await File.ReadAllBytesAsync(_cli.Outputs("first").DecisionsPath), await File.ReadAllBytesAsync(_cli.Outputs("second").DecisionsPath));
        Assert.NotEmpty(_cli.Outputs("first").Decisions);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("chain intact", _cli.Output, StringComparison.Ordinal);
        Assert.Contains($"schema={_schema.Name}", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SchemaWithNoStore_ExitsWithUsageErrorAndCreatesNothing()
    {
        var exit = await VerifyCommand.RunAsync(_schema.Location, null, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"no Clearwind store in schema '{_schema.Name}'", _cli.Errors, StringComparison.Ordinal);
        Assert.Equal(0L, await _schema.ScalarAsync($"SELECT count(*) FROM pg_namespace WHERE nspname = '{_schema.Name}'"));
    }

    [Fact]
    public async Task Scan_UnreachablePostgres_ExitsWithUsageErrorAndNeverShowsThePassword()
    {
        var input = _cli.WriteLines("in/orders.ndjson", Lines.BrushingAndFlashSale());

        var exit = await _cli.ScanAsync("out", [input], store: "postgres://clearwind:s3cret-pw@127.0.0.1:1/nowhere?connect_timeout=2");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("postgres://clearwind@127.0.0.1:1/nowhere", _cli.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", _cli.Errors + _cli.Output, StringComparison.Ordinal);
    }
}
