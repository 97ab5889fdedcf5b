using Clearwind.Events;

namespace Clearwind.Service.Live;

/// <summary>One request's events waiting for the writer, and the answer it waits for.</summary>
internal sealed class PendingBatch(IReadOnlyList<(MarketEvent Event, byte[] Json)> events, bool decide, Func<Task>? exclusive = null)
{
    /// <summary>Work that must run on the writer alone (appending decisions from an appeal), instead of events.</summary>
    public Func<Task>? Exclusive { get; } = exclusive;

    public IReadOnlyList<(MarketEvent Event, byte[] Json)> Events { get; } = events;

    public bool Decide { get; } = decide;

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public int Accepted { get; set; }

    public int Duplicates { get; set; }

    public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
