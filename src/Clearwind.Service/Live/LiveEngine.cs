using Clearwind.Alliance;
using System.Diagnostics;
using System.Threading.Channels;
using Clearwind.Appeals;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Service.Cases;
using Clearwind.Signals;
using Clearwind.Storage;

namespace Clearwind.Service.Live;

/// <summary>
/// The live engine behind the service: the same detectors, policy and store as <c>clearwind scan</c>, fed one request at a
/// time. One writer task owns the pipeline: requests queue up, and every request waiting when the writer comes round is
/// written in one transaction (a group commit), then detected and decided, and only then acknowledged, so an
/// acknowledged event is durable and its decisions are logged. Readers see a consistent view built after each commit.
/// On start it replays the stored events in event-time order, so its state after a restart is the state before it.
/// </summary>
public sealed partial class LiveEngine : IAsyncDisposable
{
    private readonly IClearwindStore _store;
    private DetectionPipeline _pipeline;
    private Decider _decider;
    private readonly ServiceOptions _options;
    private readonly ILogger _logger;
    private readonly EventIdSet _seen = new(1024);
    private readonly SalesTally _tally = new();
    private readonly Channel<PendingBatch> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Finding> _changed = new(StringComparer.Ordinal);
    private readonly LiveView _view = new();
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly IngestRate _rate = new(TimeProvider.System);
    private Task _writer = Task.CompletedTask;
    private long _nextSeq;
    private int _pending;
    private long _lastGroupWait; // how long the oldest request of the writer's last group had waited (Stopwatch ticks)
    private long _busySince; // when the writer started its current group; 0 while it waits for requests
    private int _disposed;
    private AllianceWatchlist _watchlist;

    private LiveEngine(IClearwindStore store, IdentifierKeyer keyer, EnforcementPolicy policy, ServiceOptions options, ILogger logger, CaseBook cases, AllianceWatchlist watchlist)
    {
        _store = store;
        _watchlist = watchlist;
        Cases = cases;
        _settled.UnionWith(cases.SettledFindings);
        Keyer = keyer;
        Policy = policy;
        _options = options;
        _logger = logger;
        (_pipeline, _decider) = Build(policy);
        _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>Cases, appeals and juries (folded from the store's journal).</summary>
    public CaseBook Cases { get; }

    /// <summary>The key personal identifiers are keyed with at ingest.</summary>
    public IdentifierKeyer Keyer { get; }

    /// <summary>The effective policy (a published version replaces it while the service runs).</summary>
    public EnforcementPolicy Policy { get; private set; }

    /// <summary>The store (for the service's own records: API keys).</summary>
    public IClearwindStore Store => _store;

    /// <summary>What readers see: findings, decisions and signals as of the last commit.</summary>
    public LiveView View => _view;

    /// <summary>
    /// Runs <paramref name="work"/> on the writer, between two commits, so what it appends to the decision log (an appeal's
    /// reversal) is ordered with the live decisions. The work gets the writer's <see cref="WriterAccess"/>.
    /// </summary>
    public async Task RunOnWriterAsync(Func<WriterAccess, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        Interlocked.Increment(ref _pending);
        var batch = new PendingBatch([], false, () => work(new WriterAccess(this)));
        if (!_queue.Writer.TryWrite(batch))
        {
            Interlocked.Decrement(ref _pending);
            throw new ObjectDisposedException(nameof(LiveEngine));
        }

        await batch.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>What work on the writer may do: append decisions, and mark findings overturned so they are not decided again.</summary>
    public sealed class WriterAccess
    {
        private readonly LiveEngine _engine;

        internal WriterAccess(LiveEngine engine) => _engine = engine;

        /// <summary>Appends decisions (new records: lifts, a reviewer's action) to the log and the view.</summary>
        public async Task AppendAsync(IReadOnlyList<Decision> decisions)
        {
            var fresh = decisions.Where(d => !_engine._view.HasDecision(d.Id)).ToList();
            await _engine._store.Decisions.AppendAsync(fresh, CancellationToken.None);
            _engine._view.Apply([], fresh, _engine._view.Now);
            ServiceMetrics.DecisionsAppended.Add(fresh.Count);
        }

        /// <summary>Marks findings settled by people: live re-decisions and restarts leave them to the case.</summary>
        public void Settle(IEnumerable<string> findingIds) => _engine._settled.UnionWith(findingIds);

        /// <summary>The standing decisions resting on a finding.</summary>
        public IReadOnlyList<Decision> StandingOf(string findingId) => _engine._view.StandingDecisionsOf(findingId);

        /// <summary>The decider (a reviewer's action is decided like any other, from the policy).</summary>
        public Decider Decider => _engine._decider;
    }

    /// <summary>New events stored per second over the last minute (wall clock).</summary>
    public double EventsPerSecond => _rate.PerSecond();

    /// <summary>Batches waiting for the writer.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Opens the store, replays it and starts the writer.</summary>
    /// <exception cref="PolicyException">The policy file is invalid.</exception>
    public static async Task<LiveEngine> OpenAsync(ServiceOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // An acknowledgement promises the events are stored, so each group commit is synced to the disk (SQLite: FULL;
        // PostgreSQL: synchronous_commit on): one flush per commit, shared by every request in the group, for acks that
        // survive a power loss and not just a crash.
        var store = await StoreLocation.OpenAsync(options.Store, syncEveryCommit: true, cancellationToken);
        try
        {
            var keyer = await StoreKeys.KeyerAsync(options.HmacKey, store.Metadata, cancellationToken);
            var alliance = await AllianceBook.ReadAsync(store.Journal, cancellationToken);
            if (AllianceHasher.FromOptionOrEnvironment(options.Alliance.Key) is { } hasher)
            {
                keyer.Alliance = new AllianceLinks(hasher);
                keyer.Alliance.Remember(alliance.Links.Values);
            }

            // A policy file given to serve wins; else the newest version published through the service; else the default.
            var versions = options.Policy is null ? await PolicyVersions.ReadAsync(store.Journal, cancellationToken) : [];
            var published = versions.Count > 0 ? versions[^1] : null;
            var policy = options.Policy is not null ? EnforcementPolicy.Load(options.Policy)
                : published is not null ? EnforcementPolicy.Parse(published.Policy)
                : DetectorCatalog.DefaultPolicy();
            var cases = await CaseBook.LoadAsync(store.Journal, cancellationToken);
            var engine = new LiveEngine(store, keyer, policy, options, logger, cases, WatchlistOf(alliance, keyer, options));
            await engine.RecoverAsync(cancellationToken);
            engine._writer = Task.Run(engine.WriteLoopAsync, CancellationToken.None);
            return engine;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Queues keyed events for the writer and waits until they are stored, detected and decided. Throws
    /// <see cref="EngineBusyException"/> when too many requests are waiting already.
    /// </summary>
    public Task<IngestOutcome> IngestAsync(IReadOnlyList<(MarketEvent Event, byte[] Json)> events, bool decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Interlocked.Increment(ref _pending) > _options.MaxPendingBatches || QueueTooSlow())
        {
            Interlocked.Decrement(ref _pending);
            throw new EngineBusyException();
        }

        var batch = new PendingBatch(events, decide);
        if (!_queue.Writer.TryWrite(batch))
        {
            Interlocked.Decrement(ref _pending);
            throw new ObjectDisposedException(nameof(LiveEngine));
        }

        // The caller may stop waiting; the batch is written all the same (it was accepted into the queue).
        return batch.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// True when a new request would only wait: too many requests are queued already, or the queue holds more than
    /// <see cref="ServiceOptions.MaxQueueMilliseconds"/> of waiting. Ingest asks this before it reads a body, so shedding
    /// costs almost nothing; <see cref="IngestAsync"/> decides again as it queues.
    /// </summary>
    public bool Overloaded => Volatile.Read(ref _pending) >= _options.MaxPendingBatches || QueueTooSlow();

    private bool QueueTooSlow()
    {
        if (Volatile.Read(ref _pending) <= 1)
        {
            return false; // nothing waits before this request but what the writer is on
        }

        var limit = _options.MaxQueueMilliseconds * Stopwatch.Frequency / 1000;
        var busySince = Volatile.Read(ref _busySince);
        return Volatile.Read(ref _lastGroupWait) > limit || (busySince != 0 && Stopwatch.GetTimestamp() - busySince > limit);
    }

    /// <summary>The search signals (SPEC §8) as of the last commit: sales clean of voided orders, rank multipliers, shop health.</summary>
    public SearchSignals Signals()
    {
        var (findings, standing) = _view.Snapshot();
        lock (_tally)
        {
            return SearchSignals.Compute(_tally, findings, standing);
        }
    }

    /// <summary>The shop an entity belongs to, when known: a shop itself, a listing's or an order's shop.</summary>
    public string? ShopOf(EntityRef entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_tally)
        {
            return entity.Type switch
            {
                EntityTypes.Shop => entity.Id,
                EntityTypes.Listing => _tally.ShopOfListing(entity.Id),
                EntityTypes.Order => _tally.TryGetOrder(entity.Id, out var shop, out _, out _) ? shop : null,
                _ => null,
            };
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the host stops it, and the container disposes it again
        }

        _queue.Writer.TryComplete();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }

        await _stopping.CancelAsync();
        _stopping.Dispose();
        Cases.Dispose();
        await _store.DisposeAsync();
    }

    /// <summary>
    /// Publishes <paramref name="policy"/> while the service runs: on the writer, between two commits, the stored history is
    /// replayed through the new policy's detectors and decided again, and the log brought in line (new decisions, lifts
    /// for what no longer holds), exactly as a restart under that policy would.
    /// </summary>
    /// <exception cref="PolicyException">The policy does not build.</exception>
    public Task ReplacePolicyAsync(EnforcementPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (pipeline, decider) = Build(policy); // fails here, before anything changes, when the policy is unusable
        return RunOnWriterAsync(
            async _ =>
            {
                (_pipeline, _decider, Policy) = (pipeline, decider, policy);
                await RecoverAsync(CancellationToken.None, replacing: true);
            },
            cancellationToken);
    }

    /// <summary>
    /// Takes in what the journal now holds of the alliance (an import, a withdrawal, a dispute settled) and replays the
    /// history, so partners' entries match past events too and entries that stopped matching stop counting.
    /// </summary>
    public Task ReloadAllianceAsync(CancellationToken cancellationToken)
        => RunOnWriterAsync(
            async _ =>
            {
                _watchlist = WatchlistOf(await AllianceBook.ReadAsync(_store.Journal, CancellationToken.None), Keyer, _options);
                (_pipeline, _decider) = Build(Policy);
                await RecoverAsync(CancellationToken.None, replacing: true);
            },
            cancellationToken);

    private static AllianceWatchlist WatchlistOf(AllianceBook book, IdentifierKeyer keyer, ServiceOptions options)
        => AllianceWatchlist.Build(book, AllianceHasher.FromOptionOrEnvironment(options.Alliance.Key), TimeProvider.System.GetUtcNow(), keyer.Alliance);

    private (DetectionPipeline Pipeline, Decider Decider) Build(EnforcementPolicy policy)
    {
        var builder = new DetectionPipelineBuilder();
        builder.Shared.GetOrAdd(AllianceWatchlist.SharedKey, () => _watchlist);
        var pipeline = policy.BuildPipeline(DetectorCatalog.BuiltIn, builder);
        pipeline.FindingReported += f => _changed[f.Id] = f;
        return (pipeline, new Decider(policy));
    }

    private async Task RecoverAsync(CancellationToken cancellationToken, bool replacing = false)
    {
        var clock = Stopwatch.StartNew();
        var timeline = new List<(long Ticks, long Seq, MarketEvent Event)>();
        await foreach (var stored in _store.Events.ReadAllAsync(cancellationToken))
        {
            timeline.Add((stored.Ts.UtcTicks, stored.Seq, EventParser.FromJson(stored.Utf8Json)));
            _seen.Add(stored.Id);
            _nextSeq = Math.Max(_nextSeq, stored.Seq);
        }

        _nextSeq++;
        var read = clock.ElapsedMilliseconds;
        timeline.Sort((a, b) => (a.Ticks, a.Seq).CompareTo((b.Ticks, b.Seq)));
        foreach (var (_, _, e) in timeline)
        {
            // Sales do not depend on the policy: a replacement replays only the detectors.
            if (!replacing)
            {
                lock (_tally)
                {
                    _tally.Observe(e);
                }
            }

            _pipeline.Process(e);
        }

        var replayed = clock.ElapsedMilliseconds;
        var logged = new List<Decision>();
        await foreach (var d in _store.Decisions.ReadAllAsync(cancellationToken))
        {
            logged.Add(d);
        }

        // Decide on the replayed findings as a scan would, and bring the log in line (lift what no longer holds).
        var findings = _pipeline.Findings;
        // People's calls in cases stand (a store the service used holds them).
        var outcomes = await CaseOutcomes.ReadAsync(_store.Journal, cancellationToken);

        var decisions = outcomes.Decide(_decider, findings, logged);
        var (current, lifts) = DecisionReversals.Reconcile(logged, decisions, _pipeline.Now);
        var decided = clock.ElapsedMilliseconds;
        await _store.Findings.SaveAsync(findings, cancellationToken);
        await _store.Decisions.AppendAsync([.. current, .. lifts], cancellationToken);
        var saved = clock.ElapsedMilliseconds;
        var log = new List<Decision>();
        await foreach (var d in _store.Decisions.ReadAllAsync(cancellationToken))
        {
            log.Add(d);
        }

        _changed.Clear();
        _view.Apply(findings, log, _pipeline.Now, replaceFindings: replacing);
        LogRecovered(_logger, timeline.Count, findings.Count, log.Count, clock.ElapsedMilliseconds);
        LogRecoveryPhases(_logger, read, replayed - read, decided - replayed, saved - decided, clock.ElapsedMilliseconds - saved);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Events} stored events: {Findings} findings, {Decisions} decisions in the log ({Ms} ms)")]
    private static partial void LogRecovered(ILogger logger, int events, int findings, int decisions, long ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay phases: reading {Read} ms, detecting {Detect} ms, deciding {Decide} ms, saving {Save} ms, the view {View} ms")]
    private static partial void LogRecoveryPhases(ILogger logger, long read, long detect, long decide, long save, long view);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Events} events failed; its requests were answered with an error and nothing of it was acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events);
}
