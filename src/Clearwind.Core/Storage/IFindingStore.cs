using Clearwind.Detection;

namespace Clearwind.Storage;

/// <summary>The current findings. Saving a finding with a known id replaces it (its evidence grew).</summary>
public interface IFindingStore
{
    /// <summary>Inserts or replaces findings atomically.</summary>
    Task SaveAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken = default);

    /// <summary>Every finding, in the order first saved.</summary>
    IAsyncEnumerable<Finding> ReadAllAsync(CancellationToken cancellationToken = default);
}
