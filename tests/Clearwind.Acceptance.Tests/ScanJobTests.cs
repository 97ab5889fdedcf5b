using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Simulation;
using Clearwind.Storage;

namespace Clearwind.Acceptance.Tests;

/// <summary>The three ways a scan runs (streaming, restarted after out-of-order input, replay) give the same answer.</summary>
[Trait("Category", "Acceptance")]
public sealed class ScanJobTests : IDisposable
{
    private static readonly EnforcementPolicy Policy = DetectorCatalog.DefaultPolicy();
    private readonly string _dir = Directory.CreateTempSubdirectory("clearwind-scanjob-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<MarketEvent> Market() => [.. SyntheticMarket.Generate(new SyntheticMarketOptions { Seed = 3, EventsTarget = 30_000, Shops = 60, Buyers = 1500, BrushingShops = 4 })];

    private string Write(string name, IEnumerable<MarketEvent> events)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, events.Select(EventParser.ToJson));
        return path;
    }

    private static async Task<string> ScanAsync(IClearwindStore store, bool factory, params string[] paths)
    {
        var keyer = IdentifierKeyer.FromText(new string('k', 32));
        var job = factory
            ? new ScanJob(store, () => Policy.BuildPipeline(DetectorCatalog.BuiltIn), new Decider(Policy), keyer)
            : new ScanJob(store, Policy.BuildPipeline(DetectorCatalog.BuiltIn), new Decider(Policy), keyer);
        var result = await job.RunAsync([.. paths.Select(p => new NdjsonInput(p))]);
        return string.Join('\n', result.Findings.Select(OutputJson.Write)) + "\n--\n" + string.Join('\n', result.Decisions.Select(OutputJson.Write));
    }

    [Fact]
    public async Task Scan_StreamingRestartedAndReplayed_GiveIdenticalFindingsAndDecisions()
    {
        var market = Market();
        var whole = Write("whole.ndjson", market);
        var late = Write("late.ndjson", market.Where((_, i) => i % 2 == 0));
        var early = Write("early.ndjson", market.Where((_, i) => i % 2 == 1));

        var streamed = await ScanAsync(new InMemoryStore(), factory: true, whole);
        var gathered = await ScanAsync(new InMemoryStore(), factory: false, whole);
        var restarted = await ScanAsync(new InMemoryStore(), factory: true, late, early);
        var store = new InMemoryStore();
        await ScanAsync(store, factory: true, late);
        var continued = await ScanAsync(store, factory: true, early);

        Assert.Contains("order_brushing.concentration", streamed);
        Assert.Equal(streamed, gathered);
        Assert.Equal(streamed, restarted);
        Assert.Equal(streamed.Split("\n--\n")[0], continued.Split("\n--\n")[0]);
    }

    [Fact]
    public async Task Scan_StoreFailsWhileWriting_FailsWithThatErrorInsteadOfHanging()
    {
        var path = Write("market.ndjson", Market());
        var store = new FailingStore();

        var run = ScanAsync(store, factory: true, path);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(run, finished);
        var error = await Assert.ThrowsAsync<IOException>(() => run);
        Assert.Equal("disk full", error.Message);
    }

    private sealed class FailingStore : IClearwindStore, IEventStore
    {
        private readonly InMemoryStore _inner = new();

        public IEventStore Events => this;

        public IFindingStore Findings => _inner.Findings;

        public IDecisionLog Decisions => _inner.Decisions;

        public IMetadataStore Metadata => _inner.Metadata;

        public IRecordJournal Journal => _inner.Journal;

        public Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
            => throw new IOException("disk full");

        public Task<int> AppendMarkingAsync(IReadOnlyList<StoredEvent> events, bool[] added, CancellationToken cancellationToken = default)
            => throw new IOException("disk full");

        public IAsyncEnumerable<StoredEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _inner.Events.ReadAllAsync(cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public Task<long> MaxSeqAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
