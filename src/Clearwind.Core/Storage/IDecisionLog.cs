using Clearwind.Policy;

namespace Clearwind.Storage;

/// <summary>Append-only log of decisions: never edited, a reversal is a new record.</summary>
public interface IDecisionLog
{
    /// <summary>Appends decisions atomically; an id already logged is ignored. Returns how many were added.</summary>
    Task<int> AppendAsync(IReadOnlyList<Decision> decisions, CancellationToken cancellationToken = default)
        => AppendAsync(decisions, null, cancellationToken);

    /// <summary>
    /// Appends as <see cref="AppendAsync(IReadOnlyList{Decision}, CancellationToken)"/> and adds to <paramref name="appended"/>
    /// the records it added, in order, as the log chained them (<c>prev_hash</c> and <c>hash</c> set): a caller that keeps
    /// the log in memory need not hash them again.
    /// </summary>
    Task<int> AppendAsync(IReadOnlyList<Decision> decisions, List<Decision>? appended, CancellationToken cancellationToken = default);

    /// <summary>Every decision, in log order.</summary>
    IAsyncEnumerable<Decision> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The seal written in the same transaction as every append (<see cref="DecisionLogSeal"/>); null when the store holds
    /// none, which only tampering can cause (a store made before seals existed gets one when it is opened).
    /// </summary>
    Task<DecisionLogSeal?> ReadSealAsync(CancellationToken cancellationToken = default);
}
