using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;

namespace Clearwind.Cli.Commands;

/// <summary>What every verb needs: the store, the identifier key and the policy.</summary>
internal static class Engine
{
    /// <summary>Opens the store at a location: a <c>postgres://</c> URI, or a SQLite file path (see <see cref="StoreLocation"/>).</summary>
    /// <remarks>
    /// A scan can be run again, so its commits do not wait for the disk: a crash of the machine (or of the PostgreSQL
    /// server) may drop the last batches, never corrupt the store, and sending the input again restores them.
    /// </remarks>
    public static Task<IClearwindStore> OpenStoreAsync(string location, CancellationToken cancellationToken)
        => StoreLocation.OpenAsync(location, syncEveryCommit: false, cancellationToken);

    /// <summary>The identifier key for a store (see <see cref="StoreKeys.KeyerAsync"/>).</summary>
    public static Task<IdentifierKeyer> KeyerAsync(string? option, IMetadataStore metadata, CancellationToken cancellationToken)
        => StoreKeys.KeyerAsync(option, metadata, cancellationToken);

    /// <summary>The policy file given, or the built-in default.</summary>
    public static EnforcementPolicy Policy(string? path) => path is null ? DetectorCatalog.DefaultPolicy() : EnforcementPolicy.Load(path);
}
