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
    private readonly Lazy<Task<IClearwindStore>> _store;
    private readonly Lazy<Task<IdentifierKeyer>> _keyer;
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
        // Every acknowledgement is a flushed commit: an event a client was told is stored survives a crash.
        _store = new(() => StoreLocation.OpenAsync(_options.Store, syncEveryCommit: true, CancellationToken.None));
        _keyer = new(async () => await StoreKeys.KeyerAsync(_options.HmacKey, (await StoreAsync()).Metadata, CancellationToken.None));
    }

    public ClearwindClusterOptions Options => _options;

    public EnforcementPolicy Policy { get; }

    public Task<IClearwindStore> StoreAsync() => _store.Value;

    public Task<IdentifierKeyer> KeyerAsync() => _keyer.Value;

    /// <summary>A fresh pipeline from the policy: all detectors, in the order every silo builds them.</summary>
    public DetectionPipeline NewPipeline() => Policy.BuildPipeline(DetectorCatalog.BuiltIn);

    /// <summary>The events of a batch, parsed once on this silo; the batch before the previous one is forgotten.</summary>
    public MarketEvent[] Parsed(LaneBatchKey key, byte[][] events)
    {
        var lazy = _parsed.GetOrAdd((key.Run, key.Number), _ => new Lazy<MarketEvent[]>(() => [.. events.Select(json => EventParser.FromJson(json))]));
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
        if (_store.IsValueCreated)
        {
            await (await _store.Value).DisposeAsync();
        }
    }
}
