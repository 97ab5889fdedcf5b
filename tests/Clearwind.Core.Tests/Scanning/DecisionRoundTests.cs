using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Scanning;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Scanning;

/// <summary>
/// The log a decision round returns is the store's whole log: linked in memory when the store's seal shows nothing else
/// was appended, read back when another writer appended while the round ran.
/// </summary>
public sealed class DecisionRoundTests
{
    private static readonly Decider Decider = new(EnforcementPolicy.Parse("""{ "version": 1, "patterns": { "order_brushing.concentration": { "action": "void_orders" } } }"""));

    private static async Task<List<Decision>> StoredLogAsync(IClearwindStore store)
    {
        var log = new List<Decision>();
        await foreach (var d in store.Decisions.ReadAllAsync())
        {
            log.Add(d);
        }

        return log;
    }

    [Fact]
    public async Task Round_AloneOnTheStore_ReturnsExactlyTheStoredLog()
    {
        await using var store = new InMemoryStore();
        await store.Decisions.AppendAsync([Some.Decision(id: "d_earlier", shop: "s9")]);
        Finding[] findings = [Some.Finding(shop: "s1"), Some.Finding(shop: "s2")];

        var round = await DecisionRound.RunAsync(store, Decider, findings, Some.Epoch.AddDays(1));

        var stored = await StoredLogAsync(store);
        Assert.True(round.NewDecisions > 0);
        Assert.Equal(stored.Count, round.Log.Count);
        Assert.Equal(stored.Select(OutputJsonText), round.Log.Select(OutputJsonText));
        Assert.Equal("d_earlier", round.Log[0].Id);
    }

    [Fact]
    public async Task Round_AnotherWriterAppendsMeanwhile_ReturnsTheStoredLogWithItsRecord()
    {
        await using var inner = new InMemoryStore();
        await using var store = new InterleavingStore(inner, Some.Decision(id: "d_other_writer", shop: "s7"));

        var round = await DecisionRound.RunAsync(store, Decider, [Some.Finding(shop: "s1")], Some.Epoch.AddDays(1));

        var stored = await StoredLogAsync(inner);
        Assert.Contains(stored, d => d.Id == "d_other_writer");
        Assert.Equal(stored.Select(OutputJsonText), round.Log.Select(OutputJsonText));
        Assert.True(DecisionChain.Verify(round.Log).Ok);
    }

    private static string OutputJsonText(Decision d) => OutputJson.Write(d);

    /// <summary>A store where another writer appends one decision just before each append of the round.</summary>
    private sealed class InterleavingStore(InMemoryStore inner, Decision foreign) : IClearwindStore, IDecisionLog
    {
        public IEventStore Events => inner.Events;

        public IFindingStore Findings => inner.Findings;

        public IDecisionLog Decisions => this;

        public IMetadataStore Metadata => inner.Metadata;

        public IRecordJournal Journal => inner.Journal;

        public async Task<int> AppendAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken = default)
        {
            await inner.Decisions.AppendAsync([foreign], cancellationToken);
            return await inner.Decisions.AppendAsync(decisions, appended, cancellationToken);
        }

        public IAsyncEnumerable<Decision> ReadAllAsync(CancellationToken cancellationToken = default) => inner.Decisions.ReadAllAsync(cancellationToken);

        public Task<DecisionLogSeal?> ReadSealAsync(CancellationToken cancellationToken = default) => inner.Decisions.ReadSealAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
