using Clearwind.Orleans.Abstractions;

namespace Clearwind.Orleans.Grains;

/// <summary>
/// Arrival sequence numbers for the whole cluster. An activation starts after the highest number stored; when the
/// store already holds events it also skips a block, because a previous activation (on a silo that died) may have
/// handed out numbers that partitions are still about to write: numbers are never given twice.
/// </summary>
internal sealed class SequenceGrain(ClusterEngine engine) : Grain, ISequenceGrain
{
    /// <summary>More numbers than all partitions can hold reserved and unwritten at once.</summary>
    private const long SkippedOnRestart = 1L << 24;

    private long _next;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var store = await engine.StoreAsync();
        var max = await store.Events.MaxSeqAsync(cancellationToken);
        _next = max == 0 ? 1 : max + 1 + SkippedOnRestart;
    }

    public Task<long> ReserveAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var first = _next;
        _next += count;
        return Task.FromResult(first);
    }
}
