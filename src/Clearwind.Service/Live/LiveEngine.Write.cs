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
        var stored = new List<StoredEvent>(eventCount);
        var fresh = new List<MarketEvent>(eventCount);
        foreach (var batch in group)
        {
            foreach (var (e, json) in batch.Events)
            {
                if (_seen.Add(e.Id))
                {
                    stored.Add(new StoredEvent(_nextSeq++, e.Id, e.Type, e.Ts, json));
                    fresh.Add(e);
                    batch.Accepted++;
                }
                else
                {
                    batch.Duplicates++;
                }
            }
        }

        if (Keyer.Alliance is { } alliance)
        {
            // Alliance hashes of identifiers first keyed by these requests, before the events: their raw values are gone
            // once the requests end, and a link stored for an event that then fails to store does no harm.
            await AllianceExchange.RecordLinksAsync(_store.Journal, alliance.TakeNew(), TimeProvider.System.GetUtcNow(), CancellationToken.None);
        }

        try
        {
            await _store.Events.AppendAsync(stored, CancellationToken.None);
        }
        catch
        {
            foreach (var e in fresh)
            {
                _seen.Remove(e.Id); // not stored: a retry must not be taken for a repeat
            }

            throw;
        }

        ServiceMetrics.EventsStored.Add(stored.Count);
        _rate.Add(stored.Count);
        ServiceMetrics.EventsRepeated.Add(eventCount - stored.Count);

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
        ServiceMetrics.CommitSeconds.Record(clock.Elapsed.TotalSeconds);

        foreach (var batch in group)
        {
            IReadOnlyList<OrderVerdict>? verdicts = null;
            if (batch.Decide)
            {
                verdicts = [.. batch.Events.Select(x => OrderEvents.OrderOf(x.Event)).OfType<string>().Distinct(StringComparer.Ordinal).Select(_view.VerdictFor)];
            }

            batch.Completion.TrySetResult(new IngestOutcome(batch.Accepted, batch.Duplicates, verdicts));
        }
    }
}
