using Clearwind.Events;

namespace Clearwind.Service.Live;

/// <summary>One request's events waiting for the writer, and the answer it waits for.</summary>
internal sealed class PendingBatch(IReadOnlyList<(MarketEvent Event, byte[] Json)> events, bool decide)
{
    public IReadOnlyList<(MarketEvent Event, byte[] Json)> Events { get; } = events;

    public bool Decide { get; } = decide;

    public int Accepted { get; set; }

    public int Duplicates { get; set; }

    public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
