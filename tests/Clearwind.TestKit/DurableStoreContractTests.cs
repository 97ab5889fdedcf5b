using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Storage;
using Xunit;

namespace Clearwind.TestKit;

/// <summary>
/// The contract of a store that keeps its data outside the process (SQLite, PostgreSQL): everything survives dispose and
/// reopen, several instances may share the data, a batch is stored whole or not at all, and a disposed store refuses work.
/// </summary>
public abstract class DurableStoreContractTests : StoreContractTests
{
    /// <summary>Disposes <paramref name="store"/> and opens a new instance over the same data.</summary>
    protected abstract Task<IClearwindStore> ReopenAsync(IClearwindStore store);

    /// <summary>Opens a second instance over the same data, while the first stays open (another process, say).</summary>
    protected abstract Task<IClearwindStore> OpenAnotherAsync();

    /// <summary>Runs raw SQL on the store's data with no instance open (to make it look like an older version's).</summary>
    protected abstract Task ExecuteWhileClosedAsync(string sql);

    /// <summary>Writes a measured figure to the test's output.</summary>
    protected virtual void Report(string line)
    {
    }

    [Fact]
    public async Task Append_LargeBatch_StoresAllInOneTransaction()
    {
        const int Count = 200_000;
        var events = Some.StoredEvents(Count);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var added = await Store.Events.AppendAsync(events);
        clock.Stop();
        var again = await Store.Events.AppendAsync(events);

        Assert.Equal(Count, added);
        Assert.Equal(0, again);
        Assert.Equal(Count, await Store.Events.MaxSeqAsync());
        Report($"{Count:N0} events in {clock.Elapsed.TotalMilliseconds:N0} ms = {Count / clock.Elapsed.TotalSeconds:N0} rows/s");
    }

    [Fact]
    public async Task Store_DisposeAndReopen_KeepsEverything()
    {
        var events = Some.StoredEvents(20);
        Finding[] findings = [Some.Finding(shop: "s1"), Some.Finding(shop: "s2")];
        Decision[] decisions = [Some.Decision(id: "d1"), Some.Decision(id: "d2")];
        await Store.Events.AppendAsync(events);
        await Store.Findings.SaveAsync(findings);
        await Store.Findings.SaveAsync([Some.Finding(shop: "s1", score: 0.1)]);
        await Store.Decisions.AppendAsync(decisions);
        await Store.Metadata.GetOrAddAsync("hmac_key", "k1");

        ReplaceStore(await ReopenAsync(Store));

        Assert.Equal(events, await ReadEventsAsync());
        Assert.Equal(20, await Store.Events.CountAsync());
        Assert.Equal(20, await Store.Events.MaxSeqAsync());
        AssertSameFindings([Some.Finding(shop: "s1", score: 0.1), findings[1]], await ReadFindingsAsync());
        AssertSameDecisions(decisions, await ReadDecisionsAsync());
        Assert.Equal("k1", await Store.Metadata.GetOrAddAsync("hmac_key", "k2"));
    }

    [Fact]
    public async Task Decisions_Reopened_ChainContinuesFromTheLastRecord()
    {
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]);

        ReplaceStore(await ReopenAsync(Store));
        await Store.Decisions.AppendAsync([Some.Decision(id: "d2")]);

        var log = await ReadDecisionsAsync();
        var first = Sha256(CanonicalOfSomeDecision("d1", Zeros));
        Assert.Equal(first, log[1].PrevHash);
        Assert.Equal(Sha256(CanonicalOfSomeDecision("d2", first)), log[1].Hash);
        Assert.True(DecisionChain.Verify(log).Ok);
    }

    [Fact]
    public async Task Store_Reopened_StillDeduplicatesAgainstOldData()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(5));
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]);
        await Store.Findings.SaveAsync([Some.Finding(shop: "s1")]);

        ReplaceStore(await ReopenAsync(Store));

        Assert.Equal(1, await Store.Events.AppendAsync(Some.StoredEvents(6)));
        Assert.Equal(0, await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]));
        await Store.Findings.SaveAsync([Some.Finding(shop: "s2"), Some.Finding(shop: "s1", score: 0.3)]);
        AssertSameFindings([Some.Finding(shop: "s1", score: 0.3), Some.Finding(shop: "s2")], await ReadFindingsAsync());
    }

    [Fact]
    public async Task Store_TwoInstancesOnOneStore_SeeEachOthersWrites()
    {
        await using var second = await OpenAnotherAsync();

        await Store.Events.AppendAsync(Some.StoredEvents(5));

        Assert.Equal(5, await second.Events.CountAsync());
        Assert.Equal(0, await second.Events.AppendAsync(Some.StoredEvents(5)));
        Assert.Equal("a", await Store.Metadata.GetOrAddAsync("k", "a"));
        Assert.Equal("a", await second.Metadata.GetOrAddAsync("k", "b"));
    }

    [Fact]
    public async Task Append_TwoInstancesConcurrently_LoseNothing()
    {
        await using var second = await OpenAnotherAsync();
        var a = Some.StoredEvents(2000, firstSeq: 1);
        var b = Some.StoredEvents(2000, firstSeq: 2001);

        var added = await Task.WhenAll(
            Task.Run(async () => await AppendInChunksAsync(Store, a)),
            Task.Run(async () => await AppendInChunksAsync(second, b)));

        Assert.Equal(4000, added.Sum());
        Assert.Equal(4000, await Store.Events.CountAsync());
        Assert.Equal(a.Concat(b), await ReadEventsAsync());
    }

    [Fact]
    public async Task Decisions_StoreFromBeforeSeals_IsSealedAtItsLogWhenOpened()
    {
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1"), Some.Decision(id: "d2")]);
        await Store.DisposeAsync();
        // What a version-2 store looks like: no seal, no record of migration 3.
        await ExecuteWhileClosedAsync("DROP TABLE decision_log_seal; DELETE FROM schema_version WHERE version = 3");

        ReplaceStore(await CreateStoreAsync());

        var log = await ReadDecisionsAsync();
        Assert.Equal(new DecisionLogSeal(2, log[1].Hash!), await Store.Decisions.ReadSealAsync());
        await Store.Decisions.AppendAsync([Some.Decision(id: "d3")]);
        Assert.Equal(new DecisionLogSeal(3, (await ReadDecisionsAsync())[2].Hash!), await Store.Decisions.ReadSealAsync());
    }

    [Fact]
    public async Task Decisions_TwoInstancesAppendingConcurrently_KeepOneUnbrokenChain()
    {
        await using var second = await OpenAnotherAsync();

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await Store.Decisions.AppendAsync([Some.Decision(id: $"a{i}")]);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await second.Decisions.AppendAsync([Some.Decision(id: $"b{i}"), Some.Decision(id: $"a{i}")]);
                }
            }));

        var log = await ReadDecisionsAsync();
        Assert.Equal(40, log.Count);
        Assert.Equal(40, log.Select(d => d.Id).Distinct().Count());
        var check = DecisionChain.Verify(log);
        Assert.True(check.Ok, check.Break?.Reason);
        Assert.Equal(40, check.Verified);
        Assert.Equal(new DecisionLogSeal(40, log[^1].Hash!), await second.Decisions.ReadSealAsync());
    }

    [Fact]
    public async Task Append_CanceledMidBatch_LeavesNoPartialBatch()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(10));
        using var cts = new CancellationTokenSource();
        var batch = new CancelAt<StoredEvent>(Some.StoredEvents(20_000, firstSeq: 11), at: 15_000, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Events.AppendAsync(batch, cts.Token));

        Assert.Equal(10, await Store.Events.CountAsync());
        Assert.Equal(10, await Store.Events.MaxSeqAsync());
        Assert.Equal(20_000, await Store.Events.AppendAsync(Some.StoredEvents(20_000, firstSeq: 11)));
    }

    [Fact]
    public async Task Decisions_CanceledMidBatch_LeavesNoPartialBatch()
    {
        using var cts = new CancellationTokenSource();
        var batch = new CancelAt<Decision>([Some.Decision(id: "d1"), Some.Decision(id: "d2"), Some.Decision(id: "d3")], at: 2, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Decisions.AppendAsync(batch, cts.Token));

        Assert.Empty(await ReadDecisionsAsync());
        Assert.Equal(new DecisionLogSeal(0, DecisionChain.Genesis), await Store.Decisions.ReadSealAsync());
    }

    [Fact]
    public async Task Append_NewIdWithTakenSeq_FailsWholeBatchLoudly()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(10));
        StoredEvent[] batch = [Some.StoredEvent(11), Some.StoredEvent(12), Some.StoredEvent(5, id: "intruder"), Some.StoredEvent(13)];

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Events.AppendAsync(batch));

        Assert.Contains("intruder", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, await Store.Events.CountAsync());
        Assert.Equal(10, await Store.Events.MaxSeqAsync());
    }

    [Fact]
    public async Task Events_SubMillisecondTime_IsStoredToTheMillisecond()
    {
        var ts = Some.Epoch.AddTicks(1_234_567);
        await Store.Events.AppendAsync([Some.StoredEvent(1, ts: ts)]);

        var read = Assert.Single(await ReadEventsAsync());

        Assert.Equal(ts.ToUnixTimeMilliseconds(), read.Ts.ToUnixTimeMilliseconds());
        Assert.NotEqual(ts, read.Ts);
        Assert.Equal(TimeSpan.Zero, read.Ts.Offset);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        await Store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.Events.CountAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.Events.AppendAsync(Some.StoredEvents(1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(ReadEventsAsync);
        await Store.DisposeAsync(); // twice is harmless
    }

    private static async Task<int> AppendInChunksAsync(IClearwindStore store, StoredEvent[] events)
    {
        var added = 0;
        foreach (var chunk in events.Chunk(100))
        {
            added += await store.Events.AppendAsync(chunk);
        }

        return added;
    }
}
