using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Cli.Commands;

/// <summary>What every verb needs: the store, the identifier key and the policy.</summary>
internal static class Engine
{
    /// <summary>Opens the store at a location (a SQLite file path).</summary>
    public static async Task<IClearwindStore> OpenStoreAsync(string location, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(location));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return await SqliteStore.OpenAsync(location, cancellationToken);
    }

    /// <summary>The identifier key for a store (see <see cref="StoreKeys.KeyerAsync"/>).</summary>
    public static Task<IdentifierKeyer> KeyerAsync(string? option, IMetadataStore metadata, CancellationToken cancellationToken)
        => StoreKeys.KeyerAsync(option, metadata, cancellationToken);

    /// <summary>The policy file given, or the built-in default.</summary>
    public static EnforcementPolicy Policy(string? path) => path is null ? DetectorCatalog.DefaultPolicy() : EnforcementPolicy.Load(path);
}
