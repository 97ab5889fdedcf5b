using Clearwind.Alliance;
using System.Diagnostics;
using System.Threading.Channels;
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
/// On start it replays the stored events in event-time order, so its state after a restart is the state before it. The
/// replay runs in the background ("warming up"): from the moment the store is open, requests are stored and acknowledged,
/// and reads see the findings and decision log the store holds; what arrives meanwhile is detected and decided, and
/// <c>?decide=true</c> requests and work on the writer are answered, as soon as the replay is done.
/// </summary>
public sealed partial class LiveEngine : IAsyncDisposable
{
    private readonly IClearwindStore _store;
    private DetectionPipeline _pipeline;
    private Decider _decider;
    private readonly ServiceOptions _options;
    private readonly ILogger _logger;
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
    private Task _warming = Task.CompletedTask; // the replay after a start; the writer catches up once it completes
    private volatile EngineState _state = EngineState.Live;
    private Exception? _warmupFailure;
    private readonly List<MarketEvent> _backlog = []; // stored while warming up, detected when the replay is done
    private readonly List<PendingBatch> _deferred = []; // answered when the replay is done: verdicts, writer work
    private long _replaying; // stored events the warm-up replays (for the health check)

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

    /// <summary>Whether the engine is still replaying its history after a start (or failed to), with a word on it for the health check.</summary>
    public (EngineState State, string Detail) Status => _state switch
    {
        EngineState.Warming => (EngineState.Warming, $"warming up: replaying {Volatile.Read(ref _replaying):N0} stored events; events are stored and acknowledged, detection and verdicts follow when the replay is done"),
        EngineState.Failed => (EngineState.Failed, "the replay of the stored history failed (see the log); events are stored and acknowledged, nothing is detected until a restart: " + _warmupFailure?.Message),
        _ => (EngineState.Live, "live"),
    };

    /// <summary>A task that completes when the engine has caught up with its history (at once when it has).</summary>
    public Task WarmedUp => _caughtUp.Task;

    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// A task that completes when the view shows the stored findings and decision log (a moment after a start, before the
    /// replay is done); reads wait for it, ingest does not.
    /// </summary>
    public Task ViewLoaded => _viewLoaded.Task;

    private readonly TaskCompletionSource _viewLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>New events stored per second over the last minute (wall clock).</summary>
    public double EventsPerSecond => _rate.PerSecond();

    /// <summary>Batches waiting for the writer.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Opens the store, replays it and starts the writer.</summary>
    /// <exception cref="PolicyException">The policy file is invalid.</exception>
    public static Task<LiveEngine> OpenAsync(ServiceOptions options, ILogger logger, CancellationToken cancellationToken)
        => OpenAsync(options, logger, null, cancellationToken);

    /// <summary>Opens the store and starts; the history's replay first waits for <paramref name="gate"/> (tests).</summary>
    internal static async Task<LiveEngine> OpenAsync(ServiceOptions options, ILogger logger, ReplayGate? gate, CancellationToken cancellationToken)
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
            await engine.WarmStartAsync(gate, cancellationToken);
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
        try
        {
            await _warming; // a replay cut short by the stop
        }
        catch (Exception ex) when (ex is OperationCanceledException || _state != EngineState.Live)
        {
        }

        foreach (var waiting in _deferred)
        {
            waiting.Completion.TrySetException(new ObjectDisposedException(nameof(LiveEngine)));
        }

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

    /// <summary>
    /// Reads the stored events (their ids and sequence numbers, so the writer can take requests at once), shows the
    /// findings and decision log the store holds, starts the writer and replays the history in the background.
    /// </summary>
    private async Task WarmStartAsync(ReplayGate? gate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _nextSeq = await _store.Events.MaxSeqAsync(cancellationToken) + 1;
        var stored = await _store.Events.CountAsync(cancellationToken);
        if (stored == 0)
        {
            await LoadStoredViewAsync(cancellationToken); // nothing to replay, but a store may hold records all the same
            _caughtUp.TrySetResult();
        }
        else
        {
            _state = EngineState.Warming;
            _replaying = stored;
            _warming = Task.Run(
                async () =>
                {
                    await LoadStoredViewAsync(_stopping.Token);
                    if (gate is not null)
                    {
                        await gate.Opened.WaitAsync(_stopping.Token);
                    }

                    await ReplayAsync(await ReadHistoryAsync(_stopping.Token), replacing: false, _stopping.Token);
                },
                _stopping.Token);
            // Once it is done, wake the writer: it catches up with what was stored meanwhile before anything else.
            _ = _warming.ContinueWith(
                _ =>
                {
                    Interlocked.Increment(ref _pending);
                    _queue.Writer.TryWrite(new PendingBatch([], false, () => Task.CompletedTask));
                },
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        LogWarmStart(_logger, stored, clock.ElapsedMilliseconds);
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
    }

    /// <summary>Shows the findings and decision log the store holds (the state at the last stop) until the replay is done.</summary>
    private async Task LoadStoredViewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var findings = new List<Finding>();
            await foreach (var f in _store.Findings.ReadAllAsync(cancellationToken))
            {
                findings.Add(f);
            }

            var log = new List<Decision>();
            await foreach (var d in _store.Decisions.ReadAllAsync(cancellationToken))
            {
                log.Add(d);
            }

            _view.Apply(findings, log, findings.Count > 0 ? findings.Max(f => f.To) : default);
            _viewLoaded.TrySetResult();
            LogStoredView(_logger, findings.Count, log.Count, clock.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            _viewLoaded.TrySetException(ex);
            throw;
        }
    }

    private async Task<List<StoredEvent>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var history = new List<StoredEvent>();
        await foreach (var stored in _store.Events.ReadAllAsync(cancellationToken))
        {
            history.Add(stored);
        }

        return history;
    }

    /// <summary>Replays the whole stored history through the pipeline (a new policy's, or the alliance's new entries).</summary>
    private async Task RecoverAsync(CancellationToken cancellationToken, bool replacing = false)
        => await ReplayAsync(await ReadHistoryAsync(cancellationToken), replacing, cancellationToken);

    private async Task ReplayAsync(List<StoredEvent> history, bool replacing, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var timeline = new (long Ticks, long Seq, MarketEvent Event)[history.Count];
        Parallel.For(0, history.Count, i => timeline[i] = (history[i].Ts.UtcTicks, history[i].Seq, EventParser.FromJson(history[i].Utf8Json)));
        history.Clear(); // the bytes are not needed once parsed
        var read = clock.ElapsedMilliseconds;
        Array.Sort(timeline, static (a, b) => (a.Ticks, a.Seq).CompareTo((b.Ticks, b.Seq)));
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
        // Decide on the replayed findings as a scan's round does: people's calls in cases stand, and what the log holds
        // that no longer holds is lifted.
        var findings = _pipeline.Findings;
        var round = await DecisionRound.RunAsync(_store, _decider, findings, _pipeline.Now, cancellationToken);
        var decided = clock.ElapsedMilliseconds;
        _changed.Clear();
        _view.Apply(findings, round.Log, _pipeline.Now, replaceFindings: true);
        LogRecovered(_logger, timeline.Length, findings.Count, round.Log.Count, clock.ElapsedMilliseconds);
        LogRecoveryPhases(_logger, read, replayed - read, decided - replayed, clock.ElapsedMilliseconds - decided);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Events} stored events ({Ms} ms); the stored findings and decisions load and the history replays in the background")]
    private static partial void LogWarmStart(ILogger logger, long events, long ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Showing {Findings} stored findings and {Decisions} logged decisions ({Ms} ms) until the replay is done")]
    private static partial void LogStoredView(ILogger logger, int findings, int decisions, long ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Events} stored events: {Findings} findings, {Decisions} decisions in the log ({Ms} ms)")]
    private static partial void LogRecovered(ILogger logger, int events, int findings, int decisions, long ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay phases: reading {Read} ms, detecting {Detect} ms, deciding and saving {Decide} ms, the view {View} ms")]
    private static partial void LogRecoveryPhases(ILogger logger, long read, long detect, long decide, long view);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Events} events failed; its requests were answered with an error and nothing of it was acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events);
}
