using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Cli.Commands;

/// <summary>What every verb needs: the store, the identifier key and the policy.</summary>
internal static class Engine
{
    /// <summary>Environment variable that may hold the HMAC key for personal identifiers.</summary>
    public const string HmacKeyVariable = "CLEARWIND_HMAC_KEY";

    private const string HmacKeyMetadata = "hmac_key";

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

    /// <summary>The key: the option, else the environment variable, else the store's (generated on first use).</summary>
    public static async Task<IdentifierKeyer> KeyerAsync(string? option, IMetadataStore metadata, CancellationToken cancellationToken)
    {
        var text = option ?? Environment.GetEnvironmentVariable(HmacKeyVariable);
        if (string.IsNullOrEmpty(text))
        {
            text = await metadata.GetOrAddAsync(HmacKeyMetadata, IdentifierKeyer.NewKeyHex(), cancellationToken);
        }

        return IdentifierKeyer.FromText(text);
    }

    /// <summary>The policy file given, or the built-in default.</summary>
    public static EnforcementPolicy Policy(string? path) => path is null ? DetectorCatalog.DefaultPolicy() : EnforcementPolicy.Load(path);
}
