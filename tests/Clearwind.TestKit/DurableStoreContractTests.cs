using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Storage;
using Xunit;

namespace Clearwind.TestKit;

/// <summary>The contract of a store that keeps its data on disk: everything survives dispose and reopen.</summary>
public abstract class DurableStoreContractTests : StoreContractTests
{
    /// <summary>Disposes <paramref name="store"/> and opens a new instance over the same data.</summary>
    protected abstract Task<IClearwindStore> ReopenAsync(IClearwindStore store);

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
}
