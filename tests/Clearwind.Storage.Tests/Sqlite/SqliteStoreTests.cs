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
    protected override void Report(string line) => output.WriteLine(line);

    private readonly TempDatabase _file = new();

    private SqliteStore Sqlite => (SqliteStore)Store;

    protected override async Task<IClearwindStore> CreateStoreAsync() => await SqliteStore.OpenAsync(_file.Path);

    protected override async Task<IClearwindStore> ReopenAsync(IClearwindStore store)
    {
        await store.DisposeAsync();
        return await SqliteStore.OpenAsync(_file.Path);
    }

    protected override async Task<IClearwindStore> OpenAnotherAsync() => await SqliteStore.OpenAsync(_file.Path);

    protected override Task ExecuteWhileClosedAsync(string sql) => ExecuteAsync(sql);

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
        Assert.Equal(3, SqliteStore.SchemaVersion);
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
        Assert.Equal(3, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
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
    public async Task Dispose_ClosesTheFile_CheckpointsAndRemovesWal()
    {
        await Store.Events.AppendAsync(Some.StoredEvents(100));
        await ReadEventsAsync();

        await Store.DisposeAsync();

        Assert.False(File.Exists(_file.Path + "-wal"));
        Assert.Equal(100, await ScalarAsync<long>("SELECT COUNT(*) FROM events"));
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
}
