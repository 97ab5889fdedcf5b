using Clearwind.Alliance;
using System.Diagnostics;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage;

namespace Clearwind.Service.Live;

public sealed partial class LiveEngine
{
    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var group = new List<PendingBatch>();
        while (await reader.WaitToReadAsync(_stopping.Token))
        {
            if (_state == EngineState.Warming && _warming.IsCompleted)
            {
                await CatchUpAsync();
            }

            group.Clear();
            var events = 0;
            PendingBatch? exclusive = null;
            while (events < _options.GroupCommitEvents && reader.TryPeek(out var next))
            {
                if (next.Exclusive is not null && group.Count > 0)
                {
                    break; // commit the events before it first
                }

                reader.TryRead(out var batch);
                if (batch!.Exclusive is not null)
                {
                    exclusive = batch;
                    break;
                }

                group.Add(batch);
                events += batch.Events.Count;
            }

            Interlocked.Add(ref _pending, -group.Count - (exclusive is null ? 0 : 1));
            var taken = Stopwatch.GetTimestamp();
            Volatile.Write(ref _busySince, taken);
            Volatile.Write(ref _lastGroupWait, taken - (group.Count > 0 ? group[0].Queued : exclusive?.Queued ?? taken));
            if (exclusive is not null && _state == EngineState.Warming)
            {
                _deferred.Add(exclusive); // work on the writer sees a caught-up engine
                EndGroup();
                continue;
            }

            if (exclusive is not null)
            {
                try
                {
                    await exclusive.Exclusive!();
                    exclusive.Completion.TrySetResult(new IngestOutcome(0, 0, null));
                }
                catch (Exception ex)
                {
                    exclusive.Completion.TrySetException(ex);
                }

                EndGroup();
                continue;
            }

            try
            {
                await CommitAsync(group, events);
            }
            catch (Exception ex)
            {
                LogCommitFailed(_logger, ex, events);
                foreach (var batch in group)
                {
                    batch.Completion.TrySetException(ex);
                }
            }

            EndGroup();
        }
    }

    // Between groups the writer is not busy; with nothing queued, the last group's wait says nothing of the next request's.
    private void EndGroup()
    {
        Volatile.Write(ref _busySince, 0);
        if (Volatile.Read(ref _pending) == 0)
        {
            Volatile.Write(ref _lastGroupWait, 0);
        }
    }

    /// <summary>Stores a group of requests' new events in one transaction, detects, decides, and answers each request.</summary>
    private async Task CommitAsync(List<PendingBatch> group, int eventCount)
    {
        var clock = Stopwatch.StartNew();
        if (Keyer.Alliance is { } alliance)
        {
            // Alliance hashes of identifiers first keyed by these requests, before the events: their raw values are gone
            // once the requests end, and a link stored for an event that then fails to store does no harm.
            await AllianceExchange.RecordLinksAsync(_store.Journal, alliance.TakeNew(), TimeProvider.System.GetUtcNow(), CancellationToken.None);
        }

        // The store drops repeats against the whole history (its unique ids) and says which events were new, so the
        // engine holds no set of every id it has seen. A repeat's sequence number is simply never used.
        var offered = new List<StoredEvent>(eventCount);
        foreach (var batch in group)
        {
            foreach (var (e, json) in batch.Events)
            {
                offered.Add(new StoredEvent(_nextSeq++, e.Id, e.Type, e.Ts, json));
            }
        }

        var added = new bool[offered.Count];
        var stored = await _store.Events.AppendMarkingAsync(offered, added, CancellationToken.None);
        var fresh = new List<MarketEvent>(stored);
        var at = 0;
        foreach (var batch in group)
        {
            foreach (var (e, _) in batch.Events)
            {
                if (added[at++])
                {
                    fresh.Add(e);
                    batch.Accepted++;
                }
                else
                {
                    batch.Duplicates++;
                }
            }
        }

        ServiceMetrics.EventsStored.Add(stored);
        _rate.Add(stored);
        ServiceMetrics.EventsRepeated.Add(eventCount - stored);

        if (_state != EngineState.Live)
        {
            // Warming up (or the replay failed): stored and acknowledged now, detected once the replay is done.
            _backlog.AddRange(fresh);
            foreach (var batch in group)
            {
                if (!batch.Decide)
                {
                    batch.Completion.TrySetResult(new IngestOutcome(batch.Accepted, batch.Duplicates, null, Detected: false));
                }
                else if (_state == EngineState.Warming)
                {
                    _deferred.Add(batch);
                }
                else
                {
                    batch.Completion.TrySetException(new VerdictsUnavailableException(
                        $"{batch.Accepted} new event(s) of this request are stored, but there are no verdicts until the service restarts: {Status.Detail}"));
                }
            }

            return;
        }

        await DetectAndDecideAsync(fresh);
        ServiceMetrics.CommitSeconds.Record(clock.Elapsed.TotalSeconds);
        foreach (var batch in group)
        {
            Answer(batch);
        }
    }

    /// <summary>Detects new events in arrival order, decides on the findings they changed, saves both and updates the view.</summary>
    private async Task DetectAndDecideAsync(List<MarketEvent> fresh)
    {
        // Live events are detected in arrival order (the store keeps event time, and a restart replays in event time).
        _changed.Clear();
        lock (_tally)
        {
            foreach (var e in fresh)
            {
                _tally.Observe(e);
                _pipeline.Process(e);
            }
        }

        var changed = _changed.Values.OrderBy(f => f.To).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var appended = new List<Decision>();
        foreach (var finding in changed)
        {
            if (_settled.Contains(finding.Id))
            {
                continue; // overturned on appeal: its evidence may grow, but it is not decided on again
            }

            // Decide again on a finding whose evidence grew: a decision it no longer gives is lifted, never edited.
            var decisions = _decider.Decide(finding);
            var (current, lifts) = DecisionReversals.Reconcile(_view.StandingDecisionsOf(finding.Id), decisions, finding.To);
            appended.AddRange(current.Where(d => !_view.HasDecision(d.Id)));
            appended.AddRange(lifts);
        }

        if (changed.Count > 0)
        {
            await _store.Findings.SaveAsync(changed, CancellationToken.None);
        }

        if (appended.Count > 0)
        {
            await _store.Decisions.AppendAsync(appended, CancellationToken.None);
        }

        _view.Apply(changed, appended, _pipeline.Now);
        ServiceMetrics.FindingsReported.Add(changed.Count);
        ServiceMetrics.DecisionsAppended.Add(appended.Count);
    }

    /// <summary>Answers a request whose events are detected and decided: with its verdicts when it asked for them.</summary>
    private void Answer(PendingBatch batch)
    {
        IReadOnlyList<OrderVerdict>? verdicts = null;
        if (batch.Decide)
        {
            verdicts = [.. batch.Events.Select(x => OrderEvents.OrderOf(x.Event)).OfType<string>().Distinct(StringComparer.Ordinal).Select(_view.VerdictFor)];
        }

        batch.Completion.TrySetResult(new IngestOutcome(batch.Accepted, batch.Duplicates, verdicts));
    }

    /// <summary>
    /// Once the replay is done: detects what was stored meanwhile, answers the requests that waited for verdicts and runs
    /// the writer work that waited, in the order they came. A failed replay leaves the engine storing without detecting.
    /// </summary>
    private async Task CatchUpAsync()
    {
        try
        {
            await _warming;
        }
        catch (Exception ex)
        {
            _warmupFailure = ex;
            _state = EngineState.Failed;
            LogWarmupFailed(_logger, ex);
            foreach (var waiting in _deferred)
            {
                waiting.Completion.TrySetException(new InvalidOperationException(Status.Detail, ex));
            }

            _deferred.Clear();
            _backlog.Clear();
            _caughtUp.TrySetException(ex);
            return;
        }

        var backlog = _backlog.ToList();
        _backlog.Clear();
        _state = EngineState.Live;
        Exception? detecting = null;
        try
        {
            await DetectAndDecideAsync(backlog);
        }
        catch (Exception ex)
        {
            // As when a live commit fails after storing: the requests waiting for verdicts get the error, the events
            // stay stored, and the writer goes on.
            detecting = ex;
            LogCommitFailed(_logger, ex, backlog.Count);
        }

        foreach (var waiting in _deferred)
        {
            if (waiting.Exclusive is null)
            {
                if (detecting is null)
                {
                    Answer(waiting);
                }
                else
                {
                    waiting.Completion.TrySetException(detecting);
                }

                continue;
            }

            try
            {
                await waiting.Exclusive();
                waiting.Completion.TrySetResult(new IngestOutcome(0, 0, null));
            }
            catch (Exception ex)
            {
                waiting.Completion.TrySetException(ex);
            }
        }

        _deferred.Clear();
        LogCaughtUp(_logger, backlog.Count);
        _caughtUp.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Caught up: the replay is done and the {Events} events stored meanwhile are detected and decided")]
    private static partial void LogCaughtUp(ILogger logger, int events);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The replay of the stored history failed: events are still stored and acknowledged, but nothing is detected or decided until a restart")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception);
}
