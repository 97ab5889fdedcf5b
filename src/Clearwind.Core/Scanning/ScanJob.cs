using System.Diagnostics;
using System.Threading.Channels;
using Clearwind.Appeals;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Signals;
using Clearwind.Storage;

namespace Clearwind.Scanning;

/// <summary>
/// One scan: read inputs, key personal identifiers, drop repeated ids, store the new events, run the detectors over
/// the whole history in event-time order, decide, and save findings and decisions.
/// Into an empty store with inputs in time order, events stream straight through (memory stays flat); otherwise the
/// stored history is replayed with the new events merged in by time. Replaying is what makes a second scan of the same
/// input give the same outputs, and a scan of new events continue from what the store holds.
/// </summary>
public sealed class ScanJob
{
    /// <summary>Problems kept in <see cref="ScanResult.Problems"/>; later ones are only counted.</summary>
    public const int MaxKeptProblems = 10_000;

    private const int ProgressEvery = 1 << 16;
    private const int MaxUnknownTypeNames = 1000;

    private readonly IClearwindStore _store;
    private readonly Func<DetectionPipeline> _newPipeline;
    private readonly bool _canRestart;
    private readonly Decider _decider;
    private readonly IdentifierKeyer _keyer;

    /// <summary>
    /// Creates a scan over a store; <paramref name="newPipeline"/> builds a fresh pipeline (the scan needs a second one
    /// when inputs turn out to be out of time order). The decider comes from the same policy.
    /// </summary>
    public ScanJob(IClearwindStore store, Func<DetectionPipeline> newPipeline, Decider decider, IdentifierKeyer keyer)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _newPipeline = newPipeline ?? throw new ArgumentNullException(nameof(newPipeline));
        _decider = decider ?? throw new ArgumentNullException(nameof(decider));
        _keyer = keyer ?? throw new ArgumentNullException(nameof(keyer));
        _canRestart = true;
    }

    /// <summary>Creates a scan with one pipeline instance: the history is always gathered and sorted before detection.</summary>
    public ScanJob(IClearwindStore store, DetectionPipeline pipeline, Decider decider, IdentifierKeyer keyer)
        : this(store, () => pipeline, decider, keyer)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _canRestart = false;
    }

    /// <summary>Raised for every input problem as it is found (before the run ends).</summary>
    public event Action<InputProblem>? ProblemFound;

    /// <summary>Receives progress.</summary>
    public IProgress<ScanProgress>? Progress { get; set; }

    /// <summary>Runs the scan.</summary>
    public async Task<ScanResult> RunAsync(IReadOnlyList<IEventInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var clock = Stopwatch.StartNew();

        var storedBefore = await _store.Events.CountAsync(cancellationToken);
        var streaming = storedBefore == 0 && _canRestart;
        var (timeline, seen) = storedBefore > 0 ? await LoadStoredAsync(cancellationToken) : ([], new EventIdSet(0));
        var nextSeq = await _store.Events.MaxSeqAsync(cancellationToken) + 1;

        var pipeline = _newPipeline();
        var tally = new SalesTally(); // paid orders per listing and shop, for the search signals
        var inOrder = true;
        var lastTicks = long.MinValue;
        var problems = new List<InputProblem>();
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var stats = new List<InputStats>();

        // New events go to the store in batches on another thread while reading and detecting go on. Findings and
        // decisions are saved only after every event is stored, so the store never holds a decision without its events.
        await using var writer = new EventWriter(_store, Progress, cancellationToken);
        void OnNewEvent(MarketEvent e, byte[] json)
        {
            var timed = new Timed(e.Ts.UtcTicks, nextSeq++, e);
            writer.Add(new StoredEvent(timed.Seq, e.Id, e.Type, e.Ts, json));
            if (!streaming)
            {
                timeline.Add(timed);
            }
            else if (inOrder && timed.Ticks >= lastTicks)
            {
                lastTicks = timed.Ticks;
                tally.Observe(e);
                pipeline.Process(e);
            }
            else
            {
                inOrder = false; // Detection restarts from the store, in time order, once everything is stored.
            }
        }

        foreach (var input in inputs)
        {
            stats.Add(ReadInput(input, seen, OnNewEvent, byType, unknown, problems, cancellationToken));
        }

        var newEvents = writer.Count;
        long processed;
        if (streaming && inOrder)
        {
            await writer.CompleteAsync();
            pipeline.Complete();
            processed = newEvents;
            Progress?.Report(new ScanProgress(ScanPhase.Detecting, processed, processed));
        }
        else if (streaming)
        {
            await writer.CompleteAsync();
            (timeline, _) = await LoadStoredAsync(cancellationToken);
            pipeline = _newPipeline();
            tally = new SalesTally();
            processed = Detect(pipeline, tally, timeline, cancellationToken);
        }
        else
        {
            processed = Detect(pipeline, tally, timeline, cancellationToken);
            await writer.CompleteAsync();
        }

        timeline.Clear();
        if (_keyer.Alliance is { } alliance)
        {
            // Alliance hashes of the identifiers keyed in this scan: their raw values are gone once the scan ends.
            await Alliance.AllianceExchange.RecordLinksAsync(_store.Journal, alliance.TakeNew(), pipeline.Now, cancellationToken);
        }

        Progress?.Report(new ScanProgress(ScanPhase.Deciding, 0, null));
        var findings = pipeline.Findings;
        var round = await DecisionRound.RunAsync(_store, _decider, findings, pipeline.Now, cancellationToken);
        var log = round.Log;
        var outcomes = round.Outcomes;
        var newDecisions = round.NewDecisions;

        return new ScanResult
        {
            Inputs = stats,
            EventsByType = new SortedDictionary<string, long>(byType, StringComparer.Ordinal),
            UnknownTypes = unknown,
            Problems = problems,
            NewEvents = newEvents,
            StoredEvents = storedBefore + newEvents,
            ProcessedEvents = processed,
            Findings = findings,
            Decisions = log,
            NewDecisions = newDecisions,
            DetectorFaults = pipeline.Diagnostics.Faults,
            Signals = SearchSignals.Compute(tally, findings, DecisionReversals.Standing(log)),
            Overturns = outcomes.Overturns(),
            Elapsed = clock.Elapsed,
        };
    }

    private async Task<(List<Timed> Timeline, EventIdSet Seen)> LoadStoredAsync(CancellationToken cancellationToken)
    {
        var count = await _store.Events.CountAsync(cancellationToken);
        var timeline = new List<Timed>((int)Math.Min(count, int.MaxValue / 2));
        var seen = new EventIdSet((int)Math.Min(count, int.MaxValue / 2));
        Progress?.Report(new ScanProgress(ScanPhase.LoadingStore, 0, count));
        await foreach (var stored in _store.Events.ReadAllAsync(cancellationToken))
        {
            var e = EventParser.FromJson(stored.Utf8Json);
            timeline.Add(new Timed(e.Ts.UtcTicks, stored.Seq, e));
            seen.Add(stored.Id);
            if (timeline.Count % ProgressEvery == 0)
            {
                Progress?.Report(new ScanProgress(ScanPhase.LoadingStore, timeline.Count, count));
            }
        }

        return (timeline, seen);
    }

    private InputStats ReadInput(IEventInput input, EventIdSet seen, Action<MarketEvent, byte[]> onNewEvent,
        Dictionary<string, long> byType, SortedDictionary<string, long> unknown, List<InputProblem> problems, CancellationToken cancellationToken)
    {
        var stats = new InputStats { Name = input.Name };
        Progress?.Report(new ScanProgress(ScanPhase.Reading, 0, input.Length, input.Name));
        IEnumerator<InputRecord> records;
        try
        {
            records = input.Read(done => Progress?.Report(new ScanProgress(ScanPhase.Reading, done, input.Length, input.Name)), _keyer.Apply, serialize: true).GetEnumerator();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Problem(problems, new InputProblem(input.Name, 0, "cannot read: " + ex.Message));
            return stats;
        }

        long lastLine = 0;
        using (records)
        {
            while (true)
            {
                try
                {
                    if (!records.MoveNext())
                    {
                        stats.ReadToEnd = true;
                        break;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    Problem(problems, new InputProblem(input.Name, 0, $"reading stopped after line {lastLine}: {ex.Message}"));
                    break;
                }

                var (line, result) = records.Current;
                lastLine = line;
                if (++stats.Lines % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                switch (result.Status)
                {
                    case ParseStatus.Ok:
                        var e = result.Event!;
                        stats.Events++;
                        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byType, e.Type, out _)++;
                        if (!seen.Add(e.Id))
                        {
                            stats.Duplicates++;
                            break;
                        }

                        onNewEvent(e, result.Utf8Json ?? EventParser.ToUtf8Json(e));
                        break;
                    case ParseStatus.UnknownType:
                        stats.UnknownTypes++;
                        // Type names are the input's text: keep a bounded number, count the rest together.
                        var name = unknown.Count < MaxUnknownTypeNames || unknown.ContainsKey(result.TypeName!) ? result.TypeName! : "(other)";
                        unknown[name] = unknown.GetValueOrDefault(name) + 1;
                        break;
                    default:
                        stats.BadLines++;
                        Problem(problems, new InputProblem(input.Name, line, result.Error ?? "malformed"));
                        break;
                }
            }
        }

        return stats;
    }

    private long Detect(DetectionPipeline pipeline, SalesTally tally, List<Timed> timeline, CancellationToken cancellationToken)
    {
        if (!IsSorted(timeline))
        {
            timeline.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Seq.CompareTo(b.Seq));
        }

        Progress?.Report(new ScanProgress(ScanPhase.Detecting, 0, timeline.Count));
        for (var i = 0; i < timeline.Count; i++)
        {
            tally.Observe(timeline[i].Event);
            pipeline.Process(timeline[i].Event);
            if ((i + 1) % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Progress?.Report(new ScanProgress(ScanPhase.Detecting, i + 1, timeline.Count));
            }
        }

        pipeline.Complete();
        Progress?.Report(new ScanProgress(ScanPhase.Detecting, timeline.Count, timeline.Count));
        return timeline.Count;
    }

    private static bool IsSorted(List<Timed> timeline)
    {
        for (var i = 1; i < timeline.Count; i++)
        {
            var (a, b) = (timeline[i - 1], timeline[i]);
            if (a.Ticks > b.Ticks || (a.Ticks == b.Ticks && a.Seq > b.Seq))
            {
                return false;
            }
        }

        return true;
    }

    private void Problem(List<InputProblem> problems, InputProblem problem)
    {
        if (problems.Count < MaxKeptProblems)
        {
            problems.Add(problem);
        }

        ProblemFound?.Invoke(problem);
    }

    private readonly record struct Timed(long Ticks, long Seq, MarketEvent Event);

    /// <summary>
    /// Stores new events in batches on a background task; a failure surfaces on the next add or on completion. Events
    /// arrive already serialised (by the input's parsing threads), so this thread only talks to the store.
    /// </summary>
    private sealed class EventWriter : IAsyncDisposable
    {
        // Small enough that each batch's arrays stay off the large-object heap.
        private const int BatchSize = 2048;
        private const int RowsPerAppend = 16 * BatchSize;
        private readonly Channel<List<StoredEvent>> _batches = Channel.CreateBounded<List<StoredEvent>>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
        private readonly IClearwindStore _store;
        private readonly IProgress<ScanProgress>? _progress;
        private readonly CancellationToken _cancellationToken;
        private readonly Task _consumer;
        private List<StoredEvent> _current = new(BatchSize);
        private bool _completed;

        public EventWriter(IClearwindStore store, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
        {
            _store = store;
            _progress = progress;
            _cancellationToken = cancellationToken;
            _consumer = Task.Run(ConsumeAsync, cancellationToken);
        }

        public long Count { get; private set; }

        public void Add(StoredEvent e)
        {
            _current.Add(e);
            Count++;
            if (_current.Count == BatchSize)
            {
                Post();
            }
        }

        public async Task CompleteAsync()
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (_current.Count > 0)
            {
                Post();
            }

            _batches.Writer.TryComplete();
            await _consumer;
        }

        public async ValueTask DisposeAsync()
        {
            _batches.Writer.TryComplete();
            try
            {
                await _consumer;
            }
            catch (Exception) when (!_completed)
            {
                // The scan is already failing; its own exception is the one to report.
            }
        }

        private void Post()
        {
            var batch = _current;
            _current = new List<StoredEvent>(BatchSize);
            while (!_batches.Writer.TryWrite(batch))
            {
                if (!_batches.Writer.WaitToWriteAsync(_cancellationToken).AsTask().GetAwaiter().GetResult())
                {
                    _consumer.GetAwaiter().GetResult(); // The consumer failed: rethrow its exception here.
                    throw new InvalidOperationException("the event writer stopped");
                }
            }
        }

        private async Task ConsumeAsync()
        {
            // Batches arrive small (to stay off the large-object heap) and are written many to a transaction: a
            // store's cost is largely per commit. The row buffer is allocated once and reused.
            var rows = new StoredEvent[RowsPerAppend];
            long stored = 0;
            try
            {
                while (await _batches.Reader.WaitToReadAsync(_cancellationToken))
                {
                    var count = 0;
                    while (count + BatchSize <= rows.Length && _batches.Reader.TryRead(out var batch))
                    {
                        batch.CopyTo(rows, count);
                        count += batch.Count;
                    }

                    await _store.Events.AppendAsync(new ArraySegment<StoredEvent>(rows, 0, count), _cancellationToken);
                    Array.Clear(rows, 0, count);
                    stored += count;
                    _progress?.Report(new ScanProgress(ScanPhase.Storing, stored, null));
                }
            }
            catch (Exception ex)
            {
                _batches.Writer.TryComplete(ex);
                throw;
            }
        }
    }
}
