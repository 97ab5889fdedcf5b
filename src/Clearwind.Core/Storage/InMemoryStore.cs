using System.Runtime.CompilerServices;
using Clearwind.Detection;
using Clearwind.Policy;

namespace Clearwind.Storage;

/// <summary>A store in process memory, for tests and one-off runs. Thread-safe.</summary>
public sealed class InMemoryStore : IClearwindStore, IEventStore, IFindingStore, IDecisionLog, IMetadataStore, IRecordJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredEvent> _events = new(StringComparer.Ordinal);
    private readonly List<StoredEvent> _eventOrder = [];
    private readonly Dictionary<string, int> _findingIndex = new(StringComparer.Ordinal);
    private readonly List<Finding> _findings = [];
    private readonly HashSet<string> _decisionIds = new(StringComparer.Ordinal);
    private readonly List<Decision> _decisions = [];
    private string _head = DecisionChain.Genesis;
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private readonly List<JournalRecord> _journal = [];

    /// <inheritdoc/>
    public IEventStore Events => this;

    /// <inheritdoc/>
    public IFindingStore Findings => this;

    /// <inheritdoc/>
    public IDecisionLog Decisions => this;

    /// <inheritdoc/>
    public IMetadataStore Metadata => this;

    /// <inheritdoc/>
    public IRecordJournal Journal => this;

    /// <inheritdoc/>
    Task IRecordJournal.AppendAsync(IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            _journal.AddRange(records.Select((r, i) => r ?? throw new ArgumentException($"records[{i}] is null", nameof(records))));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<JournalRecord> IRecordJournal.ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JournalRecord[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _journal];
        }

        foreach (var r in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return r;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> AppendAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
        => Task.FromResult(Append(events, null));

    /// <inheritdoc/>
    public Task<int> AppendMarkingAsync(IReadOnlyList<StoredEvent> events, bool[] added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentOutOfRangeException.ThrowIfLessThan(added.Length, events?.Count ?? 0, nameof(added));
        return Task.FromResult(Append(events!, added));
    }

    private int Append(IReadOnlyList<StoredEvent> events, bool[]? marks)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i]?.Id is null)
            {
                throw new ArgumentException($"events[{i}] is null or lacks its id", nameof(events));
            }
        }

        lock (_gate)
        {
            var added = 0;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var isNew = _events.TryAdd(e.Id, e);
                if (isNew)
                {
                    _eventOrder.Add(e);
                    added++;
                }

                if (marks is not null)
                {
                    marks[i] = isNew;
                }
            }

            return added;
        }
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<StoredEvent> IEventStore.ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StoredEvent[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _eventOrder.OrderBy(e => e.Seq)];
        }

        foreach (var e in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_events.Count);
        }
    }

    /// <inheritdoc/>
    public Task<long> MaxSeqAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_eventOrder.Count == 0 ? 0 : _eventOrder.Max(e => e.Seq));
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        lock (_gate)
        {
            foreach (var f in findings)
            {
                if (_findingIndex.TryGetValue(f.Id, out var i))
                {
                    _findings[i] = f;
                }
                else
                {
                    _findingIndex[f.Id] = _findings.Count;
                    _findings.Add(f);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<Finding> IFindingStore.ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Finding[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _findings];
        }

        foreach (var f in snapshot)
        {
            yield return f;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> AppendAsync(IReadOnlyList<Decision> decisions, CancellationToken cancellationToken = default)
        => AppendAsync(decisions, null, cancellationToken);

    /// <inheritdoc/>
    public Task<int> AppendAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        lock (_gate)
        {
            var added = 0;
            foreach (var d in decisions)
            {
                ArgumentNullException.ThrowIfNull(d);
                if (_decisionIds.Add(d.Id))
                {
                    // The log chains the record (DecisionChain): prev_hash and hash are its own, whatever the caller set.
                    var linked = DecisionChain.Link(d, _head);
                    _decisions.Add(linked);
                    appended?.Add(linked);
                    _head = linked.Hash!;
                    added++;
                }
            }

            return Task.FromResult(added);
        }
    }

    /// <inheritdoc/>
    public Task<DecisionLogSeal?> ReadSealAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<DecisionLogSeal?>(new DecisionLogSeal(_decisions.Count, _head));
        }
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<Decision> IDecisionLog.ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Decision[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _decisions];
        }

        foreach (var d in snapshot)
        {
            yield return d;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_metadata.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc/>
    public Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_metadata.TryGetValue(key, out var existing))
            {
                _metadata[key] = value;
                existing = value;
            }

            return Task.FromResult(existing);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
