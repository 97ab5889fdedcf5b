using Clearwind.Policy;

namespace Clearwind.Storage;

/// <summary>Append-only log of decisions: never edited, a reversal is a new record.</summary>
public interface IDecisionLog
{
    /// <summary>Appends decisions atomically; an id already logged is ignored. Returns how many were added.</summary>
    Task<int> AppendAsync(IReadOnlyList<Decision> decisions, CancellationToken cancellationToken = default);

    /// <summary>Every decision, in log order.</summary>
    IAsyncEnumerable<Decision> ReadAllAsync(CancellationToken cancellationToken = default);
}
