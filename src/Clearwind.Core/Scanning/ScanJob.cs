using System.Diagnostics;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;

namespace Clearwind.Scanning;

/// <summary>
/// One scan: read inputs, key personal identifiers, drop repeated ids, store the new events, replay the whole
/// stored history through the detectors in event-time order, decide, and save findings and decisions.
/// Replaying the stored history is what makes a second scan of the same input give the same outputs, and a scan
/// of new events continue from what the store holds.
/// </summary>
public sealed class ScanJob
{
    /// <summary>Problems kept in <see cref="ScanResult.Problems"/>; later ones are only counted.</summary>
    public const int MaxKeptProblems = 10_000;

    private const int StoreBatchSize = 50_000;
    private const int ProgressEvery = 1 << 16;

    private readonly IClearwindStore _store;
    private readonly DetectionPipeline _pipeline;
    private readonly Decider _decider;
    private readonly IdentifierKeyer _keyer;

    /// <summary>Creates a scan over a store with a pipeline and a decider built from the same policy.</summary>
    public ScanJob(IClearwindStore store, DetectionPipeline pipeline, Decider decider, IdentifierKeyer keyer)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _decider = decider ?? throw new ArgumentNullException(nameof(decider));
        _keyer = keyer ?? throw new ArgumentNullException(nameof(keyer));
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

        var (timeline, seen) = await LoadStoredAsync(cancellationToken);
        var nextSeq = await _store.Events.MaxSeqAsync(cancellationToken) + 1;
        var storedBefore = timeline.Count;

        var problems = new List<InputProblem>();
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var stats = new List<InputStats>();
        var fresh = new List<Timed>();
        foreach (var input in inputs)
        {
            stats.Add(ReadInput(input, seen, fresh, ref nextSeq, byType, unknown, problems));
        }

        await StoreAsync(fresh, cancellationToken);
        timeline.AddRange(fresh);
        Detect(timeline);

        Progress?.Report(new ScanProgress(ScanPhase.Deciding, 0, null));
        var findings = _pipeline.Findings;
        var decisions = new List<Decision>();
        foreach (var finding in findings.OrderBy(f => f.To).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            decisions.AddRange(_decider.Decide(finding));
        }

        await _store.Findings.SaveAsync(findings, cancellationToken);
        var newDecisions = await _store.Decisions.AppendAsync(decisions, cancellationToken);
        var log = new List<Decision>();
        await foreach (var d in _store.Decisions.ReadAllAsync(cancellationToken))
        {
            log.Add(d);
        }

        return new ScanResult
        {
            Inputs = stats,
            EventsByType = byType,
            UnknownTypes = unknown,
            Problems = problems,
            NewEvents = fresh.Count,
            StoredEvents = storedBefore + fresh.Count,
            ProcessedEvents = timeline.Count,
            Findings = findings,
            Decisions = log,
            NewDecisions = newDecisions,
            DetectorFaults = _pipeline.Diagnostics.Faults,
            Elapsed = clock.Elapsed,
        };
    }

    private async Task<(List<Timed> Timeline, HashSet<string> Seen)> LoadStoredAsync(CancellationToken cancellationToken)
    {
        var count = await _store.Events.CountAsync(cancellationToken);
        var timeline = new List<Timed>((int)Math.Min(count, int.MaxValue / 2));
        var seen = new HashSet<string>((int)Math.Min(count, int.MaxValue / 2), StringComparer.Ordinal);
        Progress?.Report(new ScanProgress(ScanPhase.LoadingStore, 0, count));
        await foreach (var stored in _store.Events.ReadAllAsync(cancellationToken))
        {
            var e = EventParser.FromJson(stored.Json);
            timeline.Add(new Timed(e.Ts.UtcTicks, stored.Seq, e));
            seen.Add(stored.Id);
            if (timeline.Count % ProgressEvery == 0)
            {
                Progress?.Report(new ScanProgress(ScanPhase.LoadingStore, timeline.Count, count));
            }
        }

        return (timeline, seen);
    }

    private InputStats ReadInput(IEventInput input, HashSet<string> seen, List<Timed> fresh, ref long nextSeq,
        SortedDictionary<string, long> byType, SortedDictionary<string, long> unknown, List<InputProblem> problems)
    {
        var stats = new InputStats { Name = input.Name };
        Progress?.Report(new ScanProgress(ScanPhase.Reading, 0, input.Length, input.Name));
        IEnumerator<InputRecord> records;
        try
        {
            records = input.Read(done => Progress?.Report(new ScanProgress(ScanPhase.Reading, done, input.Length, input.Name))).GetEnumerator();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Problem(problems, new InputProblem(input.Name, 0, "cannot read: " + ex.Message));
            return stats;
        }

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
                    Problem(problems, new InputProblem(input.Name, 0, $"reading stopped after line {stats.Lines}: {ex.Message}"));
                    break;
                }

                var (line, result) = records.Current;
                stats.Lines++;
                switch (result.Status)
                {
                    case ParseStatus.Ok:
                        var e = _keyer.Apply(result.Event!);
                        stats.Events++;
                        byType[e.Type] = byType.GetValueOrDefault(e.Type) + 1;
                        if (!seen.Add(e.Id))
                        {
                            stats.Duplicates++;
                            break;
                        }

                        fresh.Add(new Timed(e.Ts.UtcTicks, nextSeq++, e));
                        break;
                    case ParseStatus.UnknownType:
                        stats.UnknownTypes++;
                        unknown[result.TypeName!] = unknown.GetValueOrDefault(result.TypeName!) + 1;
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

    private async Task StoreAsync(List<Timed> fresh, CancellationToken cancellationToken)
    {
        var batch = new StoredEvent[Math.Min(StoreBatchSize, fresh.Count)];
        for (var start = 0; start < fresh.Count; start += StoreBatchSize)
        {
            Progress?.Report(new ScanProgress(ScanPhase.Storing, start, fresh.Count));
            var n = Math.Min(StoreBatchSize, fresh.Count - start);
            Parallel.For(0, n, i =>
            {
                var e = fresh[start + i].Event;
                batch[i] = new StoredEvent(fresh[start + i].Seq, e.Id, e.Type, e.Ts, EventParser.ToJson(e));
            });
            await _store.Events.AppendAsync(n == batch.Length ? batch : batch[..n], cancellationToken);
        }
    }

    private void Detect(List<Timed> timeline)
    {
        if (!IsSorted(timeline))
        {
            timeline.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Seq.CompareTo(b.Seq));
        }

        Progress?.Report(new ScanProgress(ScanPhase.Detecting, 0, timeline.Count));
        for (var i = 0; i < timeline.Count; i++)
        {
            _pipeline.Process(timeline[i].Event);
            if ((i + 1) % ProgressEvery == 0)
            {
                Progress?.Report(new ScanProgress(ScanPhase.Detecting, i + 1, timeline.Count));
            }
        }

        _pipeline.Complete();
        Progress?.Report(new ScanProgress(ScanPhase.Detecting, timeline.Count, timeline.Count));
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
}
