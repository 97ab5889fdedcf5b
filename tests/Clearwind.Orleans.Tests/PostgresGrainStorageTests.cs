using System.Text.Json;
using Clearwind.Orleans.Persistence;
using Clearwind.TestKit;
using Orleans.Storage;

namespace Clearwind.Orleans.Tests;

/// <summary><see cref="PostgresGrainStorage"/> against IGrainStorage's contract, on a real server.</summary>
[Trait("Category", TestPostgres.Category)]
public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private static readonly GrainId Grain = GrainId.Create("detection", "0");
    private readonly TestSchema _schema = TestPostgres.NewSchema();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    private PostgresGrainStorage NewStorage() => new(_schema.Location, "clearwind", new TextJson());

    [Fact]
    public async Task Read_NothingWritten_IsANewStateWithoutRecord()
    {
        await using var storage = NewStorage();
        var state = new GrainState<Counter>();

        await storage.ReadStateAsync("rounds", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Value);
    }

    [Fact]
    public async Task Write_ThenReadInAnotherActivation_GivesTheStateAndItsEtag()
    {
        await using var storage = NewStorage();
        var written = new GrainState<Counter> { State = new Counter { Value = 7 } };
        await storage.WriteStateAsync("rounds", Grain, written);
        written.State.Value = 8;
        await storage.WriteStateAsync("rounds", Grain, written);

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("rounds", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(8, read.State!.Value);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithAStaleEtag_FailsAndLeavesTheNewerState()
    {
        await using var storage = NewStorage();
        var first = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("rounds", Grain, first);
        var second = new GrainState<Counter>();
        await storage.ReadStateAsync("rounds", Grain, second);
        second.State!.Value = 2;
        await storage.WriteStateAsync("rounds", Grain, second);

        first.State.Value = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("rounds", Grain, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("rounds", Grain, new GrainState<Counter> { State = new Counter { Value = 5 } }));

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("rounds", Grain, read);
        Assert.Equal(2, read.State!.Value);
    }

    [Fact]
    public async Task Clear_RemovesTheRecord_AndOtherStatesOrGrainsStay()
    {
        await using var storage = NewStorage();
        var state = new GrainState<Counter> { State = new Counter { Value = 3 } };
        await storage.WriteStateAsync("rounds", Grain, state);
        var other = new GrainState<Counter> { State = new Counter { Value = 4 } };
        await storage.WriteStateAsync("rounds", GrainId.Create("detection", "1"), other);

        await storage.ClearStateAsync("rounds", Grain, state);

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("rounds", Grain, read);
        Assert.False(read.RecordExists);
        await storage.ReadStateAsync("rounds", GrainId.Create("detection", "1"), read);
        Assert.Equal(4, read.State!.Value);
    }

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class TextJson : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input));

        public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span)!;
    }
}
