using System.Diagnostics;
using Clearwind.Storage.Postgres;
using Clearwind.TestKit;
using Xunit.Abstractions;

namespace Clearwind.Storage.Tests.Postgres;

/// <summary>
/// The store contract against <see cref="PostgresStore"/> on the server in <c>$CLEARWIND_TEST_POSTGRES</c>, each test in a
/// schema of its own, plus what only PostgreSQL can show. Without the variable every test fails, saying how to start a server.
/// </summary>
[Trait("Category", TestPostgres.Category)]
public sealed class PostgresStoreTests(ITestOutputHelper output) : DurableStoreContractTests
{
    protected override void Report(string line) => output.WriteLine(line);

    private readonly TestSchema _schema = TestPostgres.NewSchema();

    private PostgresStore Postgres => (PostgresStore)Store;

    protected override async Task<IClearwindStore> CreateStoreAsync() => await PostgresStore.OpenAsync(_schema.Location);

    protected override async Task<IClearwindStore> ReopenAsync(IClearwindStore store)
    {
        await store.DisposeAsync();
        return await PostgresStore.OpenAsync(_schema.Location);
    }

    protected override async Task<IClearwindStore> OpenAnotherAsync() => await PostgresStore.OpenAsync(_schema.Location);

    protected override async Task ExecuteWhileClosedAsync(string sql) => await _schema.ScalarAsync(sql);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Open_NewSchema_CreatesItAndRecordsEveryVersion()
    {
        Assert.Equal(3, PostgresStore.SchemaVersion);
        Assert.Equal(_schema.Name, Postgres.Location.Schema);
        Assert.Equal(3, await _schema.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(3L, await _schema.ScalarAsync("SELECT count(*) FROM schema_version"));
        Assert.Equal(7L, await _schema.ScalarAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{_schema.Name}'"));
    }

    [Fact]
    public async Task Open_SchemaOfAnOlderVersion_MigratesItAndKeepsItsData()
    {
        await Store.DisposeAsync();
        await using var old = TestPostgres.NewSchema();
        await using (var source = Npgsql.NpgsqlDataSource.Create(PostgresLocation.Parse(old.Location).ConnectionString))
        {
            await PostgresSchema.MigrateAsync(source, old.Name, target: 1, createIfMissing: true, CancellationToken.None);
        }

        await old.ScalarAsync("INSERT INTO metadata (key, value) VALUES ('hmac_key', 'k1')");
        await old.ScalarAsync("INSERT INTO events (seq, id, type, ts, json) VALUES (1, 'e1', 'order.placed', '2026-11-10T17:00:00Z', '{}')");
        Assert.Equal(1, await old.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Null(await old.ScalarAsync($"SELECT to_regclass('{old.Name}.journal')::text"));

        await using var store = await PostgresStore.OpenAsync(old.Location);

        Assert.Equal(3, await old.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal("k1", await store.Metadata.GetAsync("hmac_key"));
        Assert.Equal(1, await store.Events.CountAsync());
        await store.Journal.AppendAsync([new JournalRecord("note", Some.Epoch, "{}")]);
        Assert.Equal(1L, await old.ScalarAsync("SELECT count(*) FROM journal"));
    }

    [Fact]
    public async Task Open_SchemaWithNewerVersion_RefusesIt()
    {
        await Store.DisposeAsync();
        await _schema.ScalarAsync("INSERT INTO schema_version (version) VALUES (99)");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresStore.OpenAsync(_schema.Location));
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SchemaOfAnotherApplication_RefusesItAndLeavesItAlone()
    {
        await using var other = TestPostgres.NewSchema();
        await other.ScalarAsync($"CREATE SCHEMA {other.Name}; CREATE TABLE {other.Name}.customers (id int PRIMARY KEY)");

        await Assert.ThrowsAsync<InvalidDataException>(() => PostgresStore.OpenAsync(other.Location));
        Assert.Equal(1L, await other.ScalarAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{other.Name}'"));
    }

    [Fact]
    public async Task Open_NotCreateIfMissing_NoStoreThere_FailsAndCreatesNothing()
    {
        await using var none = TestPostgres.NewSchema();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresStore.OpenAsync(none.Location, new PostgresStoreOptions { CreateIfMissing = false }));

        Assert.Contains(none.Name, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await none.ScalarAsync($"SELECT count(*) FROM pg_namespace WHERE nspname = '{none.Name}'"));
        await using var existing = await PostgresStore.OpenAsync(_schema.Location, new PostgresStoreOptions { CreateIfMissing = false });
        Assert.Equal(0, await existing.Events.CountAsync());
    }

    [Fact]
    public async Task Open_ManyProcessesOpeningOneNewSchemaAtOnce_AllSucceedAndMigrateOnce()
    {
        await using var fresh = TestPostgres.NewSchema();

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresStore.OpenAsync(fresh.Location))));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal(3L, await fresh.ScalarAsync("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Open_Default_CommitsWithoutWaitingForTheFlush_SyncEveryCommit_Waits()
    {
        await using var synced = await PostgresStore.OpenAsync(_schema.Location, new PostgresStoreOptions { SyncEveryCommit = true });

        Assert.Equal("off", await SettingAsync(Postgres, "synchronous_commit"));
        Assert.Equal("on", await SettingAsync(synced, "synchronous_commit"));
    }

    [Fact]
    public async Task Open_UnreachableServer_FailsWithoutShowingThePassword()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => PostgresStore.OpenAsync("postgres://clearwind:s3cret-pw@127.0.0.1:1/nowhere?connect_timeout=2"));

        Assert.DoesNotContain("s3cret-pw", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_JsonWithEveryKindOfCharacter_ComesBackByteForByte()
    {
        var json = """{"id":"e1","type":"chat.message","ts":"2026-11-10T17:00:00Z","text":"店铺 🛒 \"quoted\" \\ back\u0001slash\ttab","n":1.50}""";
        var e = new StoredEvent(1, "e1", "chat.message", Some.Epoch, json);

        await Store.Events.AppendAsync([e]);

        Assert.Equal(e.Utf8Json, Assert.Single(await ReadEventsAsync()).Utf8Json);
    }


    private static async Task<string> SettingAsync(PostgresStore store, string name)
    {
        var db = store.Database;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = new Npgsql.NpgsqlCommand($"SHOW {name}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
