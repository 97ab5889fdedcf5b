using System.Diagnostics;
using Clearwind.Policy;
using Clearwind.Storage.Sqlite;
using Clearwind.TestKit;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Clearwind.Storage.Tests.Sqlite;

/// <summary>The store contract against <see cref="SqliteStore"/> on a temp file, plus what only a file can show.</summary>
public sealed class SqliteStoreTests(ITestOutputHelper output) : DurableStoreContractTests, IDisposable
{
    private readonly TempDatabase _file = new();

    private SqliteStore Sqlite => (SqliteStore)Store;

    protected override async Task<IClearwindStore> CreateStoreAsync() => await SqliteStore.OpenAsync(_file.Path);

    protected override async Task<IClearwindStore> ReopenAsync(IClearwindStore store)
    {
        await store.DisposeAsync();
        return await SqliteStore.OpenAsync(_file.Path);
    }

    // xunit disposes after DisposeAsync, so the store is closed before its folder goes.
    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Open_NewFile_UsesWalJournalMode()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(3));

        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode"));
        Assert.True(File.Exists(_file.Path + "-wal"));
    }

    [Fact]
    public async Task Open_NewFile_RecordsSchemaVersion()
    {
        Assert.Equal(2, SqliteStore.SchemaVersion);
        Assert.Equal(SqliteStore.SchemaVersion, await ScalarAsync<long>("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(Path.GetFullPath(_file.Path), Sqlite.Path);
    }

    [Fact]
    public async Task Open_MissingFolder_CreatesIt()
    {
        var path = Path.Combine(Path.GetDirectoryName(_file.Path)!, "nested", "deeper", "store.db");

        await using var store = await SqliteStore.OpenAsync(path);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task CheckIntegrity_AfterWrites_ReturnsTrue()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(1000));
        await Store.Findings.SaveAsync([Some.Finding()]);
        await Store.Decisions.AppendAsync([Some.Decision()]);

        Assert.True(await Sqlite.CheckIntegrityAsync());
    }

    [Fact]
    public async Task Open_ExistingFile_KeepsDataAndSchemaVersion()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(10));
        await Store.Metadata.GetOrAddAsync("hmac_key", "k1");
        await Store.DisposeAsync();

        await using var again = await SqliteStore.OpenAsync(_file.Path);

        Assert.Equal(10, await again.Events.CountAsync());
        Assert.Equal("k1", await again.Metadata.GetAsync("hmac_key"));
        Assert.Equal(2, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Open_TwoStoresOnOneFile_SeeEachOthersWrites()
    {
        await using var second = await SqliteStore.OpenAsync(_file.Path);

        await Store.Events.AppendAsync(Some.StoredEvents(5));

        Assert.Equal(5, await second.Events.CountAsync());
        Assert.Equal(0, await second.Events.AppendAsync(Some.StoredEvents(5)));
        Assert.Equal("a", await Store.Metadata.GetOrAddAsync("k", "a"));
        Assert.Equal("a", await second.Metadata.GetOrAddAsync("k", "b"));
    }

    [Fact]
    public async Task Append_TwoStoresOnOneFileConcurrently_LoseNothing()
    {
        await using var second = await SqliteStore.OpenAsync(_file.Path);
        var a = Some.StoredEvents(2000, firstSeq: 1);
        var b = Some.StoredEvents(2000, firstSeq: 2001);

        var added = await Task.WhenAll(
            Task.Run(async () => await AppendInChunksAsync(Store, a)),
            Task.Run(async () => await AppendInChunksAsync(second, b)));

        Assert.Equal(4000, added.Sum());
        Assert.Equal(4000, await Store.Events.CountAsync());
        Assert.True(await Sqlite.CheckIntegrityAsync());
    }

    [Fact]
    public async Task Open_FileWithNewerSchema_RefusesIt()
    {
        await Store.DisposeAsync();
        await ExecuteAsync("INSERT INTO schema_version (version) VALUES (99)");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteStore.OpenAsync(_file.Path));
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DatabaseOfAnotherApplication_RefusesItAndLeavesItAlone()
    {
        using var other = new TempDatabase();
        await ExecuteAsync("CREATE TABLE customers (id INTEGER PRIMARY KEY)", other.Path);

        await Assert.ThrowsAsync<InvalidDataException>(() => SqliteStore.OpenAsync(other.Path));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'", other.Path));
    }

    [Fact]
    public async Task Open_InMemoryPath_IsRejected()
        => await Assert.ThrowsAsync<ArgumentException>(() => SqliteStore.OpenAsync(":memory:"));

    [Fact]
    public async Task Append_CanceledMidBatch_LeavesNoPartialBatch()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(10));
        using var cts = new CancellationTokenSource();
        var batch = new CancelAt<StoredEvent>(Some.StoredEvents(1000, firstSeq: 11), at: 500, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Events.AppendAsync(batch, cts.Token));

        Assert.Equal(10, await Store.Events.CountAsync());
        Assert.Equal(10, await Store.Events.MaxSeqAsync());
        Assert.Equal(1000, await Store.Events.AppendAsync(Some.StoredEvents(1000, firstSeq: 11)));
    }

    [Fact]
    public async Task Decisions_CanceledMidBatch_LeavesNoPartialBatch()
    {
        using var cts = new CancellationTokenSource();
        var batch = new CancelAt<Decision>([Some.Decision(id: "d1"), Some.Decision(id: "d2"), Some.Decision(id: "d3")], at: 2, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Decisions.AppendAsync(batch, cts.Token));

        Assert.Empty(await ReadDecisionsAsync());
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
    public async Task Append_NullEventInBatch_FailsWholeBatch()
    {
        StoredEvent[] batch = [Some.StoredEvent(1), null!, Some.StoredEvent(3)];

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Events.AppendAsync(batch));

        Assert.Equal(0, await Store.Events.CountAsync());
    }

    [Fact]
    public async Task Events_SubMillisecondTime_IsStoredToTheMillisecond()
    {
        var ts = Some.Epoch.AddTicks(1_234_567);
        await Store.Events.AppendAsync([Some.StoredEvent(1, ts: ts)]);

        var read = Assert.Single(await ReadEventsAsync());

        Assert.Equal(ts.ToUnixTimeMilliseconds(), read.Ts.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, read.Ts.Offset);
    }

    [Fact]
    public async Task Dispose_ClosesTheFile_CheckpointsAndRemovesWal()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(100));
        await ReadEventsAsync();

        await Store.DisposeAsync();

        Assert.False(File.Exists(_file.Path + "-wal"));
        Assert.Equal(100, await ScalarAsync<long>("SELECT COUNT(*) FROM events"));
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

    [Fact]
    public async Task Append_LargeBatch_StoresAllInOneTransaction()
    {
        const int Count = 200_000;
        var events = Some.StoredEvents(Count);

        var clock = Stopwatch.StartNew();
        var added = await Store.Events.AppendAsync(events);
        clock.Stop();
        var again = await Store.Events.AppendAsync(events);

        Assert.Equal(Count, added);
        Assert.Equal(0, again);
        Assert.Equal(Count, await Store.Events.MaxSeqAsync());
        output.WriteLine($"{Count:N0} events in {clock.Elapsed.TotalMilliseconds:N0} ms = {Count / clock.Elapsed.TotalSeconds:N0} rows/s");
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

    private async Task<T> ScalarAsync<T>(string sql, string? path = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? _file.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, string? path = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? _file.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A batch that cancels its token when element <c>at</c> is taken: a failure in the middle of a transaction.</summary>
    private sealed class CancelAt<T>(IReadOnlyList<T> items, int at, CancellationTokenSource cts) : IReadOnlyList<T>
    {
        public int Count => items.Count;

        public T this[int index]
        {
            get
            {
                if (index == at)
                {
                    cts.Cancel();
                }

                return items[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
