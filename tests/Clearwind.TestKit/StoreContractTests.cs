using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Storage;
using Xunit;

namespace Clearwind.TestKit;

/// <summary>
/// What every <see cref="IClearwindStore"/> must do. A store's test class derives from this and says how to create
/// (and, when the store is durable, reopen) one; xunit runs every fact below against it. Each test gets a fresh store.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private IClearwindStore? _store;

    /// <summary>The store under test.</summary>
    protected IClearwindStore Store => _store ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    /// <summary>Creates an empty store.</summary>
    protected abstract Task<IClearwindStore> CreateStoreAsync();

    /// <inheritdoc/>
    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc/>
    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    // ---- events -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Events_EmptyStore_HasNothing()
    {
        Assert.Equal(0, await Store.Events.CountAsync());
        Assert.Equal(0, await Store.Events.MaxSeqAsync());
        Assert.Empty(await ReadEventsAsync());
    }

    [Fact]
    public async Task Events_AppendNewEvents_ReturnsCountAdded()
    {
        var added = await Store.Events.AppendAsync(Some.StoredEvents(3));

        Assert.Equal(3, added);
        Assert.Equal(3, await Store.Events.CountAsync());
    }

    [Fact]
    public async Task Events_AppendEmptyBatch_AddsNothing()
    {
        Assert.Equal(0, await Store.Events.AppendAsync([]));
        Assert.Equal(0, await Store.Events.CountAsync());
    }

    [Fact]
    public async Task Events_AppendNull_Throws()
        => await Assert.ThrowsAsync<ArgumentNullException>(() => Store.Events.AppendAsync(null!));

    [Fact]
    public async Task Events_NullEventInBatch_FailsWholeBatch()
    {
        StoredEvent[] batch = [Some.StoredEvent(1), null!, Some.StoredEvent(3)];

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Events.AppendAsync(batch));

        Assert.Equal(0, await Store.Events.CountAsync());
    }

    [Fact]
    public async Task Events_BatchRepeatsAnId_StoresItOnceAndCountsItOnce()
    {
        var batch = new[] { Some.StoredEvent(1, "a"), Some.StoredEvent(2, "b"), Some.StoredEvent(3, "a") };

        var added = await Store.Events.AppendAsync(batch);

        Assert.Equal(2, added);
        Assert.Equal(["a", "b"], (await ReadEventsAsync()).Select(e => e.Id));
    }

    [Fact]
    public async Task Events_AppendSameBatchTwice_SecondAddsNothing()
    {
        var batch = Some.StoredEvents(5);
        await Store.Events.AppendAsync(batch);

        var added = await Store.Events.AppendAsync(batch);

        Assert.Equal(0, added);
        Assert.Equal(5, await Store.Events.CountAsync());
    }

    [Fact]
    public async Task Events_AppendOverlappingBatch_AddsOnlyNewIds()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(3, firstSeq: 1));

        var added = await Store.Events.AppendAsync([Some.StoredEvent(2), Some.StoredEvent(3), Some.StoredEvent(4), Some.StoredEvent(5)]);

        Assert.Equal(2, added);
        Assert.Equal([1L, 2, 3, 4, 5], (await ReadEventsAsync()).Select(e => e.Seq));
    }

    [Fact]
    public async Task Events_AppendMarking_SaysOfEachEventWhetherItWasAdded()
    {
        await Store.Events.AppendAsync([Some.StoredEvent(1, "a")]);
        // "a" is stored already; "c" comes twice in the batch, so only its first is added.
        StoredEvent[] batch = [Some.StoredEvent(2, "a"), Some.StoredEvent(3, "b"), Some.StoredEvent(4, "c"), Some.StoredEvent(5, "c"), Some.StoredEvent(6, "d")];
        var marks = new bool[batch.Length + 2]; // longer than the batch is fine: the rest is left alone
        marks[^1] = true;

        var added = await Store.Events.AppendMarkingAsync(batch, marks);

        Assert.Equal(3, added);
        Assert.Equal([false, true, true, false, true, false, true], marks);
        Assert.Equal([1L, 3, 4, 6], (await ReadEventsAsync()).Select(e => e.Seq));
    }

    [Fact]
    public async Task Events_AppendMarking_TooFewMarks_ThrowsAndStoresNothing()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Events.AppendMarkingAsync(Some.StoredEvents(3), new bool[2]));

        Assert.Equal(0, await Store.Events.CountAsync());
    }

    [Fact]
    public async Task Events_KnownIdSentAgainWithOtherContent_KeepsFirstVersion()
    {
        var first = Some.StoredEvent(1, "a", shop: "s1");
        await Store.Events.AppendAsync([first]);

        var added = await Store.Events.AppendAsync([Some.StoredEvent(7, "a", shop: "s2")]);

        Assert.Equal(0, added);
        Assert.Equal([first], await ReadEventsAsync());
        Assert.Equal(1, await Store.Events.MaxSeqAsync());
    }

    [Fact]
    public async Task Events_ReadAll_ReturnsEventsBySeqWithIdenticalFields()
    {
        // Appended out of order, across batches, with an offset other than UTC and a non-ASCII field.
        var e1 = Some.StoredEvent(1, Some.OrderPlaced(id: "e1", shop: "店铺一", ts: Some.Epoch.AddMilliseconds(123)));
        var e2 = Some.StoredEvent(2);
        var e3 = Some.StoredEvent(3);
        var e10 = Some.StoredEvent(10, ts: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await Store.Events.AppendAsync([e3, e1]);
        await Store.Events.AppendAsync([e10, e2]);

        var read = await ReadEventsAsync();

        Assert.Equal([e1, e2, e3, e10], read);
        Assert.All(read.Zip([e1, e2, e3, e10]), p => Assert.Equal(p.Second.Ts.ToUnixTimeMilliseconds(), p.First.Ts.ToUnixTimeMilliseconds()));
        Assert.Equal(e1.Json, read[0].Json);
    }

    [Fact]
    public async Task Events_CountAndMaxSeq_AfterAppends_MatchTheStoredEvents()
    {
        await Store.Events.AppendAsync([Some.StoredEvent(5), Some.StoredEvent(2)]);
        await Store.Events.AppendAsync([Some.StoredEvent(9), Some.StoredEvent(5)]);

        Assert.Equal(3, await Store.Events.CountAsync());
        Assert.Equal(9, await Store.Events.MaxSeqAsync());
    }

    [Fact]
    public async Task Events_ConcurrentAppendsFromManyTasks_LoseNothing()
    {
        const int Tasks = 8;
        const int PerTask = 250;
        var batches = Enumerable.Range(0, Tasks).Select(t => Some.StoredEvents(PerTask, firstSeq: 1 + (t * PerTask), shop: $"s{t}")).ToArray();

        // Every task also sends its neighbour's first batch half: duplicates across tasks must be counted once.
        var added = await Task.WhenAll(batches.Select((b, t) => Task.Run(async () =>
        {
            var count = 0;
            foreach (var chunk in b.Chunk(50))
            {
                count += await Store.Events.AppendAsync(chunk);
                count += await Store.Events.AppendAsync(batches[(t + 1) % Tasks][..25]);
            }

            return count;
        }))).WaitAsync(Deadline);

        Assert.Equal(Tasks * PerTask, added.Sum());
        Assert.Equal(Tasks * PerTask, await Store.Events.CountAsync());
        Assert.Equal(batches.SelectMany(b => b).OrderBy(e => e.Seq), await ReadEventsAsync());
    }

    [Fact]
    public async Task Events_AppendWhileReading_DoesNotBlockAndReadFinishes()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(10));
        var seen = new List<long>();

        await Task.Run(async () =>
        {
            await foreach (var e in Store.Events.ReadAllAsync())
            {
                seen.Add(e.Seq);
                if (e.Seq == 3)
                {
                    Assert.Equal(1, await Store.Events.AppendAsync([Some.StoredEvent(100)]));
                }
            }
        }).WaitAsync(Deadline);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seen.Where(s => s <= 10));
        Assert.Equal(11, await Store.Events.CountAsync());
    }

    // ---- findings -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Findings_EmptyStore_ReadsNothing()
        => Assert.Empty(await ReadFindingsAsync());

    [Fact]
    public async Task Findings_Save_ReadsBackInSaveOrderWithSameContent()
    {
        var a = Some.Finding(shop: "s2");
        var b = Some.Finding(shop: "s1", severity: Severity.High, score: 0.25, from: Some.Epoch.AddDays(-1));
        var c = Some.Finding(pattern: "fake_likes.burst", shop: "s3");
        await Store.Findings.SaveAsync([a, b]);
        await Store.Findings.SaveAsync([c]);

        var read = await ReadFindingsAsync();

        AssertSameFindings([a, b, c], read);
    }

    [Fact]
    public async Task Findings_SaveKnownId_ReplacesContentAndKeepsOrder()
    {
        var a = Some.Finding(shop: "s1");
        var b = Some.Finding(shop: "s2");
        var c = Some.Finding(shop: "s3");
        await Store.Findings.SaveAsync([a, b, c]);

        var grown = Some.Finding(shop: "s2", score: 0.99, severity: Severity.High, text: "7 orders from one buyer", events: ["e1", "e2", "e3", "e4"]);
        await Store.Findings.SaveAsync([grown, Some.Finding(shop: "s4")]);

        var read = await ReadFindingsAsync();

        Assert.Equal(b.Id, grown.Id);
        AssertSameFindings([a, grown, c, Some.Finding(shop: "s4")], read);
    }

    [Fact]
    public async Task Findings_SameIdTwiceInOneBatch_LastWinsAtFirstPosition()
    {
        var first = Some.Finding(shop: "s1", score: 0.5);
        var other = Some.Finding(shop: "s2");
        var last = Some.Finding(shop: "s1", score: 0.8);

        await Store.Findings.SaveAsync([first, other, last]);

        AssertSameFindings([last, other], await ReadFindingsAsync());
    }

    [Fact]
    public async Task Findings_SaveNull_Throws()
        => await Assert.ThrowsAsync<ArgumentNullException>(() => Store.Findings.SaveAsync(null!));

    // ---- decisions ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Journal_Appends_ReadBackInOrderWithKindTimeAndBody()
    {
        var t = Some.Epoch;
        await Store.Journal.AppendAsync([new JournalRecord("appeal_filed", t, """{"case":"c1"}"""), new JournalRecord("vote", t.AddMinutes(5), """{"case":"c1","vote":"overturn"}""")]);
        await Store.Journal.AppendAsync([]);
        await Store.Journal.AppendAsync([new JournalRecord("appeal_filed", t.AddMinutes(1), """{"case":"c2"}""")]);

        var records = new List<JournalRecord>();
        await foreach (var r in Store.Journal.ReadAllAsync())
        {
            records.Add(r);
        }

        Assert.Equal(["appeal_filed", "vote", "appeal_filed"], records.Select(r => r.Kind));
        Assert.Equal([t, t.AddMinutes(5), t.AddMinutes(1)], records.Select(r => r.At));
        Assert.Equal("""{"case":"c2"}""", records[2].Json);
    }

    [Fact]
    public async Task Decisions_Seal_RecordsTheLengthAndLastHashOfEveryAppend()
    {
        Assert.Equal(new DecisionLogSeal(0, DecisionChain.Genesis), await Store.Decisions.ReadSealAsync());

        await Store.Decisions.AppendAsync([Some.Decision(id: "d1"), Some.Decision(id: "d2")]);
        await Store.Decisions.AppendAsync([Some.Decision(id: "d2"), Some.Decision(id: "d3")]);
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]);

        var log = await ReadDecisionsAsync();
        Assert.Equal(["d1", "d2", "d3"], log.Select(d => d.Id));
        Assert.Equal(new DecisionLogSeal(3, log[2].Hash!), await Store.Decisions.ReadSealAsync());
    }

    [Fact]
    public async Task Decisions_EmptyStore_ReadsNothing()
        => Assert.Empty(await ReadDecisionsAsync());

    [Fact]
    public async Task Decisions_Append_ReturnsCountAddedAndReadsBackInLogOrder()
    {
        var d1 = Some.Decision(shop: "s2", strike: 1);
        var d2 = Some.Decision(shop: "s1", strike: 1, action: DecisionActions.Demote, expiresAt: Some.Epoch.AddDays(30));
        var d3 = Some.Decision(shop: "s2", strike: 2, action: DecisionActions.Review, appealBy: null);

        Assert.Equal(2, await Store.Decisions.AppendAsync([d1, d2]));
        Assert.Equal(1, await Store.Decisions.AppendAsync([d3]));

        AssertSameDecisions([d1, d2, d3], await ReadDecisionsAsync());
    }

    [Fact]
    public async Task Decisions_AppendKnownId_IsIgnoredAndOriginalKept()
    {
        var original = Some.Decision(id: "d1", action: DecisionActions.Warn);
        await Store.Decisions.AppendAsync([original]);

        var added = await Store.Decisions.AppendAsync([Some.Decision(id: "d1", action: DecisionActions.Close), Some.Decision(id: "d2")]);

        Assert.Equal(1, added);
        AssertSameDecisions([original, Some.Decision(id: "d2")], await ReadDecisionsAsync());
    }

    [Fact]
    public async Task Decisions_AppendHandingBackTheAppended_GivesExactlyTheRecordsAddedAsTheLogHoldsThem()
    {
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]);
        var appended = new List<Decision>();

        var added = await Store.Decisions.AppendAsync([Some.Decision(id: "d1", action: DecisionActions.Close), Some.Decision(id: "d2"), Some.Decision(id: "d3")], appended);

        var log = await ReadDecisionsAsync();
        Assert.Equal(2, added);
        Assert.Equal(["d2", "d3"], appended.Select(d => d.Id));
        Assert.Equal(log.Skip(1).Select(OutputJson.Write), appended.Select(OutputJson.Write));
        Assert.Equal(log[0].Hash, appended[0].PrevHash);
    }

    [Fact]
    public async Task Decisions_AppendSameBatchTwice_SecondAddsNothing()
    {
        Decision[] batch = [Some.Decision(id: "d1"), Some.Decision(id: "d2"), Some.Decision(id: "d1", strike: 9)];

        Assert.Equal(2, await Store.Decisions.AppendAsync(batch));
        Assert.Equal(0, await Store.Decisions.AppendAsync(batch));

        AssertSameDecisions([batch[0], batch[1]], await ReadDecisionsAsync());
    }

    [Fact]
    public async Task Decisions_Append_ChainsEveryRecordToTheOneBefore()
    {
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]);
        await Store.Decisions.AppendAsync([Some.Decision(id: "d2")]);

        var log = await ReadDecisionsAsync();

        var first = Sha256(CanonicalOfSomeDecision("d1", Zeros));
        Assert.Equal(Zeros, log[0].PrevHash);
        Assert.Equal(first, log[0].Hash);
        Assert.Equal(first, log[1].PrevHash);
        Assert.Equal(Sha256(CanonicalOfSomeDecision("d2", first)), log[1].Hash);
        var check = DecisionChain.Verify(log);
        Assert.True(check.Ok);
        Assert.Equal(2, check.Verified);
        Assert.Equal(log[1].Hash, check.Head);
    }

    [Fact]
    public async Task Decisions_AppendKnownId_DoesNotMoveTheChain()
    {
        await Store.Decisions.AppendAsync([Some.Decision(id: "d1")]);

        await Store.Decisions.AppendAsync([Some.Decision(id: "d1", action: DecisionActions.Close), Some.Decision(id: "d2")]);

        var log = await ReadDecisionsAsync();
        Assert.Equal(2, log.Count);
        Assert.Equal(Sha256(CanonicalOfSomeDecision("d1", Zeros)), log[1].PrevHash);
        Assert.True(DecisionChain.Verify(log).Ok);
    }

    [Fact]
    public async Task Decisions_HashesGivenByTheCaller_AreReplacedByTheLog()
    {
        var forged = Some.Decision(id: "d1") with { PrevHash = new string('f', 64), Hash = new string('e', 64) };

        await Store.Decisions.AppendAsync([forged]);

        var stored = Assert.Single(await ReadDecisionsAsync());
        Assert.Equal(Zeros, stored.PrevHash);
        Assert.Equal(Sha256(CanonicalOfSomeDecision("d1", Zeros)), stored.Hash);
    }

    [Fact]
    public async Task Decisions_Explanation_IsKeptAndCoveredByTheHash()
    {
        var explained = Some.Decision(id: "d1") with { Explanation = new DecisionExplanation("Shop s1 gets a warning.", "店铺 s1 收到警告。") };

        await Store.Decisions.AppendAsync([explained]);

        var stored = Assert.Single(await ReadDecisionsAsync());
        Assert.Equal(explained.Explanation, stored.Explanation);
        var canonical = CanonicalOfSomeDecision("d1", Zeros).Replace(
            "\"prev_hash\"", "\"explanation\":{\"en\":\"Shop s1 gets a warning.\",\"zh_cn\":\"店铺 s1 收到警告。\"},\"prev_hash\"", StringComparison.Ordinal);
        Assert.Equal(Sha256(canonical), stored.Hash);
        Assert.NotEqual(Sha256(CanonicalOfSomeDecision("d1", Zeros)), stored.Hash);
    }

    [Fact]
    public async Task Decisions_AppendNull_Throws()
        => await Assert.ThrowsAsync<ArgumentNullException>(() => Store.Decisions.AppendAsync(null!));

    // ---- metadata -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Metadata_GetUnknownKey_ReturnsNull()
        => Assert.Null(await Store.Metadata.GetAsync("hmac_key"));

    [Fact]
    public async Task Metadata_GetOrAdd_FirstWriterWins()
    {
        Assert.Equal("first", await Store.Metadata.GetOrAddAsync("hmac_key", "first"));
        Assert.Equal("first", await Store.Metadata.GetOrAddAsync("hmac_key", "second"));
        Assert.Equal("first", await Store.Metadata.GetAsync("hmac_key"));
        Assert.Equal("other", await Store.Metadata.GetOrAddAsync("other_key", "other"));
    }

    [Fact]
    public async Task Metadata_GetOrAddFromManyTasks_AllSeeOneValue()
    {
        var values = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Store.Metadata.GetOrAddAsync("k", $"v{i}"))))
            .WaitAsync(Deadline);

        Assert.Single(values.Distinct());
        Assert.Equal(values[0], await Store.Metadata.GetAsync("k"));
    }

    // ---- durability ---------------------------------------------------------------------------------------------

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>Replaces the store under test (after a reopen).</summary>
    protected void ReplaceStore(IClearwindStore store) => _store = store;

    /// <summary>All events, by seq.</summary>
    protected async Task<List<StoredEvent>> ReadEventsAsync()
    {
        var list = new List<StoredEvent>();
        await foreach (var e in Store.Events.ReadAllAsync())
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>All findings, in first-saved order.</summary>
    protected async Task<List<Finding>> ReadFindingsAsync()
    {
        var list = new List<Finding>();
        await foreach (var f in Store.Findings.ReadAllAsync())
        {
            list.Add(f);
        }

        return list;
    }

    /// <summary>All decisions, in log order.</summary>
    protected async Task<List<Decision>> ReadDecisionsAsync()
    {
        var list = new List<Decision>();
        await foreach (var d in Store.Decisions.ReadAllAsync())
        {
            list.Add(d);
        }

        return list;
    }

    // Findings and decisions hold lists, which records compare by reference: compare their SPEC §8 JSON instead.
    protected static void AssertSameFindings(IEnumerable<Finding> expected, IEnumerable<Finding> actual)
        => Assert.Equal(expected.Select(OutputJson.Write), actual.Select(OutputJson.Write));

    // The log sets prev_hash and hash itself (the chain tests check them): compare the rest.
    protected static void AssertSameDecisions(IEnumerable<Decision> expected, IEnumerable<Decision> actual)
        => Assert.Equal(
            expected.Select(d => OutputJson.Write(d with { PrevHash = null, Hash = null })),
            actual.Select(d => OutputJson.Write(d with { PrevHash = null, Hash = null })));

    /// <summary>64 zeros: the first record's prev_hash.</summary>
    protected const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 (lower-case hex) of a canonical form written out by hand in the test.</summary>
    protected static string Sha256(string canonical)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The canonical form of <c>Some.Decision(id: ID)</c> (a warn against shop s1), written out by hand.</summary>
    protected static string CanonicalOfSomeDecision(string id, string prevHash)
        => "{\"id\":\"" + id + "\",\"entity\":{\"type\":\"shop\",\"id\":\"s1\"},\"action\":\"warn\",\"rule\":\"order_brushing.concentration\","
            + "\"findings\":[\"f_1\"],\"strike\":1,\"effective_at\":\"2026-11-10T17:00:00Z\",\"expires_at\":null,\"appeal_by\":\"2026-11-17T16:00:00Z\","
            + "\"prev_hash\":\"" + prevHash + "\"}";
}
