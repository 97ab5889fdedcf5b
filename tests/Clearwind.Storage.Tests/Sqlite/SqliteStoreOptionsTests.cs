using Clearwind.Storage.Sqlite;
using Clearwind.TestKit;

namespace Clearwind.Storage.Tests.Sqlite;

/// <summary><see cref="SqliteStoreOptions"/>: what each opening asks of SQLite, and that the file does not keep it.</summary>
public sealed class SqliteStoreOptionsTests : IDisposable
{
    // SQLite's numbers for PRAGMA synchronous.
    private const long Normal = 1;
    private const long Full = 2;

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Open_Default_SyncsAtCheckpointsOnly()
    {
        await using var store = await SqliteStore.OpenAsync(_file.Path);

        Assert.Equal(Normal, await store.SynchronousAsync());
    }

    [Fact]
    public async Task Open_SyncEveryCommit_SyncsEachCommit()
    {
        await using var store = await SqliteStore.OpenAsync(_file.Path, new SqliteStoreOptions { SyncEveryCommit = true });

        Assert.Equal(Full, await store.SynchronousAsync());
    }

    [Fact]
    public async Task Open_SyncEveryCommit_StoresAndReadsBackLikeTheDefault()
    {
        await using (var store = await SqliteStore.OpenAsync(_file.Path, new SqliteStoreOptions { SyncEveryCommit = true }))
        {
            for (var i = 0; i < 20; i++)
            {
                await store.Events.AppendAsync(Some.StoredEvents(5, firstSeq: (i * 5) + 1));
            }
        }

        await using var again = await SqliteStore.OpenAsync(_file.Path);

        Assert.Equal(100, await again.Events.CountAsync());
        Assert.True(await again.CheckIntegrityAsync());
        Assert.Equal(Normal, await again.SynchronousAsync()); // the option was the opening's, not the file's
    }

    [Fact]
    public async Task Open_NullOptions_Throws()
        => await Assert.ThrowsAsync<ArgumentNullException>(() => SqliteStore.OpenAsync(_file.Path, null!));
}
