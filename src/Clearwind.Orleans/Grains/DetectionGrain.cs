using System.Diagnostics;
using Clearwind.Detection;
using Clearwind.Orleans.Abstractions;
using Clearwind.Policy;
using Clearwind.Scanning;
using Microsoft.Extensions.Logging;

namespace Clearwind.Orleans.Grains;

/// <summary>
/// Replays the stored history, in event-time order (ties by arrival), through every detector lane as grains, batch
/// by batch; takes what they report into one pipeline in the sequential order (<see cref="DetectionPipeline.Replay"/>),
/// so the findings are a scan's findings; then runs the scan's <see cref="DecisionRound"/>. Detectors are deterministic
/// functions of the stored events, so a run that loses a silo simply starts again with fresh lanes.
/// </summary>
internal sealed partial class DetectionGrain(
    ClusterEngine engine,
    ILogger<DetectionGrain> logger,
    [PersistentState("rounds", Persistence.ClearwindGrainState.StorageName)] IPersistentState<Persistence.DetectionRounds> rounds)
    : Grain, IDetectionGrain, IRemindable
{
    private const string RoundReminder = "detection-round";

    // Until the cluster declares a lost silo dead, lanes may still be placed on it: keep starting again for a while.
    private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    public async Task RunEveryAsync(TimeSpan every)
    {
        if (every <= TimeSpan.Zero)
        {
            if (await this.GetReminder(RoundReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        await this.RegisterOrUpdateReminder(RoundReminder, every, every);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A round replays the whole history: skip the tick when nothing arrived since the last round.
        var events = await (await engine.StoreAsync()).Events.CountAsync();
        if (reminderName == RoundReminder && events != rounds.State.EventsAtLastRound)
        {
            await RunAsync();
        }
    }

    public async Task<DetectionSummary> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var store = await engine.StoreAsync();
        var history = new List<Clearwind.Storage.StoredEvent>();
        await foreach (var stored in store.Events.ReadAllAsync())
        {
            history.Add(stored);
        }

        history.Sort(static (a, b) => a.Ts.UtcTicks != b.Ts.UtcTicks ? a.Ts.UtcTicks.CompareTo(b.Ts.UtcTicks) : a.Seq.CompareTo(b.Seq));
        engine.RoundStarted();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (pipeline, lanes, silos) = await DetectAsync(history);
                    var round = await DecisionRound.RunAsync(store, new Decider(engine.Policy), pipeline.Findings, pipeline.Now);
                    (rounds.State.EventsAtLastRound, rounds.State.LastRoundAt) = (history.Count, TimeProvider.System.GetUtcNow());
                    rounds.State.Rounds++;
                    await rounds.WriteStateAsync();
                    return new DetectionSummary(history.Count, pipeline.Findings.Count, round.Log.Count, round.NewDecisions, lanes, silos, attempt, clock.Elapsed);
                }
                catch (Exception ex) when (clock.Elapsed < RetryFor && ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or LaneStateLostException)
                {
                    LogRestart(logger, ex, attempt);
                    await Task.Delay(RetryPause);
                }
            }
        }
        finally
        {
            engine.RoundEnded();
        }
    }

    private async Task<(DetectionPipeline Pipeline, int Lanes, string[] Silos)> DetectAsync(List<Clearwind.Storage.StoredEvent> history)
    {
        var run = Guid.NewGuid().ToString("N");
        var pipeline = engine.NewPipeline();
        var laneCount = DetectorLane.Group(pipeline.Detectors).Length;
        var lanes = Enumerable.Range(0, laneCount).Select(n => GrainFactory.GetGrain<IDetectionLaneGrain>(n, run)).ToArray();
        var silos = new HashSet<string>(StringComparer.Ordinal);
        var size = engine.Options.DetectionBatch;
        for (int start = 0, number = 0; start < history.Count; start += size, number++)
        {
            var count = Math.Min(size, history.Count - start);
            var events = new byte[count][];
            var sweepIndexes = new List<int>();
            var sweepTimes = new List<DateTimeOffset>();
            for (var i = 0; i < count; i++)
            {
                var stored = history[start + i];
                events[i] = stored.Utf8Json;
                if (pipeline.Advance(stored.Ts) is { } sweepAt)
                {
                    sweepIndexes.Add(i);
                    sweepTimes.Add(sweepAt);
                }
            }

            var batch = new LaneBatch(run, number, events, [.. sweepIndexes], [.. sweepTimes]);
            var reports = await Task.WhenAll(lanes.Select(lane => lane.RunAsync(batch)));
            pipeline.Replay(Collect(reports, silos), [.. sweepIndexes.Zip(sweepTimes, (index, now) => new LaneSweep(index, now))]);
        }

        var completions = await Task.WhenAll(lanes.Select(lane => lane.CompleteAsync()));
        pipeline.Replay(Collect(completions, silos), []);
        return (pipeline, laneCount, [.. silos.Order(StringComparer.Ordinal)]);
    }

    private static List<LaneOutput> Collect(LaneReport[] reports, HashSet<string> silos)
    {
        var outputs = new List<LaneOutput>();
        foreach (var report in reports)
        {
            silos.Add(report.Silo);
            outputs.AddRange(report.Outputs.Select(LaneOutputCodec.FromMessage));
        }

        return outputs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "detection attempt {Attempt} lost a lane; starting again from the store")]
    private static partial void LogRestart(ILogger logger, Exception exception, int attempt);
}
