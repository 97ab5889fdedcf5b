using System.Collections.Concurrent;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;
using Microsoft.Extensions.Options;

namespace Clearwind.Orleans;

/// <summary>
/// What the grains of one silo share: the store (opened once, shared by the silo's grains), the policy, the identifier
/// key, and the batches parsed for detection (each silo parses a batch once, whatever the number of its lanes).
/// </summary>
public sealed class ClusterEngine : IAsyncDisposable
{
    private readonly ClearwindClusterOptions _options;
    private readonly Lock _gate = new();
    private Task<IClearwindStore>? _store;
    private Task<IdentifierKeyer>? _keyer;
    private (string Run, Task<Alliance.AllianceWatchlist> Task)? _watchlist;
    private int _batchesParsed;
    private int _roundsCoordinating;
    private readonly ConcurrentDictionary<(string Run, int Number), Lazy<MarketEvent[]>> _parsed = new();

    public ClusterEngine(IOptions<ClearwindClusterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (string.IsNullOrWhiteSpace(_options.Store))
        {
            throw new InvalidOperationException("Clearwind:Store is required: the store every silo shares (postgres://…)");
        }

        Policy = string.IsNullOrEmpty(_options.Policy) ? DetectorCatalog.DefaultPolicy() : EnforcementPolicy.Load(_options.Policy);
    }

    public ClearwindClusterOptions Options => _options;

    public EnforcementPolicy Policy { get; }

    /// <summary>Detection batches this silo has parsed for its lanes, since it started.</summary>
    public int BatchesParsed => _batchesParsed;

    /// <summary>Detection rounds this silo is coordinating now (its <c>DetectionGrain</c>).</summary>
    public int RoundsCoordinating => _roundsCoordinating;

    internal void RoundStarted() => Interlocked.Increment(ref _roundsCoordinating);

    internal void RoundEnded() => Interlocked.Decrement(ref _roundsCoordinating);

    /// <summary>The store, opened on first use; a failed opening (the database down) is tried again on the next call.</summary>
    public Task<IClearwindStore> StoreAsync()
    {
        lock (_gate)
        {
            // Every acknowledgement is a flushed commit: an event a client was told is stored survives a crash.
            return _store is { IsFaulted: false, IsCanceled: false } ? _store : _store = StoreLocation.OpenAsync(_options.Store, syncEveryCommit: true, CancellationToken.None);
        }
    }

    /// <summary>The identifier key (see <see cref="StoreKeys.KeyerAsync"/>), read once.</summary>
    public Task<IdentifierKeyer> KeyerAsync()
    {
        lock (_gate)
        {
            return _keyer is { IsFaulted: false, IsCanceled: false } ? _keyer : _keyer = ReadKeyerAsync();
        }
    }

    private async Task<IdentifierKeyer> ReadKeyerAsync()
    {
        var store = await StoreAsync();
        var keyer = await StoreKeys.KeyerAsync(_options.HmacKey, store.Metadata, CancellationToken.None);
        if (Alliance.AllianceHasher.FromOptionOrEnvironment(_options.AllianceKey) is { } hasher)
        {
            // As scan and serve: identifiers keyed here are also keyed under the alliance key, and the links journaled.
            keyer.Alliance = new Alliance.AllianceLinks(hasher);
            keyer.Alliance.Remember((await Alliance.AllianceBook.ReadAsync(store.Journal)).Links.Values);
        }

        return keyer;
    }

    /// <summary>Journals the alliance links ingest made since the last call (none without an alliance key).</summary>
    public async Task RecordAllianceLinksAsync()
    {
        if ((await KeyerAsync()).Alliance is { } links)
        {
            await Alliance.AllianceExchange.RecordLinksAsync((await StoreAsync()).Journal, links.TakeNew(), TimeProvider.System.GetUtcNow());
        }
    }

    /// <summary>
    /// The partners' active entries for a round's pipeline (empty when nothing was imported), read from the journal once
    /// per round on this silo however many of the round's lanes it holds.
    /// </summary>
    public Task<Alliance.AllianceWatchlist> WatchlistAsync(string run)
    {
        lock (_gate)
        {
            if (_watchlist is not { } held || held.Run != run || held.Task.IsFaulted || held.Task.IsCanceled)
            {
                _watchlist = held = (run, ReadWatchlistAsync());
            }

            return held.Task;
        }
    }

    private async Task<Alliance.AllianceWatchlist> ReadWatchlistAsync()
        => Alliance.AllianceWatchlist.Build(
            await Alliance.AllianceBook.ReadAsync((await StoreAsync()).Journal),
            Alliance.AllianceHasher.FromOptionOrEnvironment(_options.AllianceKey),
            TimeProvider.System.GetUtcNow(),
            (await KeyerAsync()).Alliance);

    public DetectionPipeline NewPipeline(Alliance.AllianceWatchlist? watchlist = null)
    {
        var builder = new DetectionPipelineBuilder();
        builder.Shared.GetOrAdd(Alliance.AllianceWatchlist.SharedKey, () => watchlist ?? Alliance.AllianceWatchlist.Empty);
        return Policy.BuildPipeline(DetectorCatalog.BuiltIn, builder);
    }

    /// <summary>The events of a batch, parsed once on this silo; the batch before the previous one is forgotten.</summary>
    public MarketEvent[] Parsed(LaneBatchKey key, byte[][] events)
    {
        var lazy = _parsed.GetOrAdd((key.Run, key.Number), _ => new Lazy<MarketEvent[]>(() =>
        {
            Interlocked.Increment(ref _batchesParsed);
            return [.. events.Select(json => EventParser.FromJson(json))];
        }));
        _parsed.TryRemove((key.Run, key.Number - 2), out _);
        return lazy.Value;
    }

    /// <summary>Forgets what a run's batches left behind.</summary>
    public void Forget(string run)
    {
        foreach (var key in _parsed.Keys.Where(k => k.Run == run))
        {
            _parsed.TryRemove(key, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is { IsCompletedSuccessfully: true })
        {
            await (await _store).DisposeAsync();
        }
    }
}
