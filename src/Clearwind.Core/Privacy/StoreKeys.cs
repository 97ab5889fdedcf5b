using Clearwind.Storage;

namespace Clearwind.Privacy;

/// <summary>The HMAC key a store's personal identifiers are keyed with, shared by every host (CLI, service).</summary>
public static class StoreKeys
{
    /// <summary>Environment variable that may hold the HMAC key for personal identifiers.</summary>
    public const string HmacKeyVariable = "CLEARWIND_HMAC_KEY";

    internal const string HmacKeyMetadata = "hmac_key";
    internal const string HmacKeyCheckMetadata = "hmac_key_check";

    /// <summary>
    /// The key: the option, else the environment variable, else the store's (generated on first use). The store
    /// remembers a check value of the first key used, so one store never mixes identifiers keyed two ways.
    /// </summary>
    /// <exception cref="ArgumentException">The key is too short.</exception>
    /// <exception cref="InvalidOperationException">The store was keyed with another key.</exception>
    public static async Task<IdentifierKeyer> KeyerAsync(string? option, IMetadataStore metadata, CancellationToken cancellationToken)
    {
        var text = option ?? Environment.GetEnvironmentVariable(HmacKeyVariable);
        var source = option is not null ? "--hmac-key" : !string.IsNullOrEmpty(text) ? "$" + HmacKeyVariable : "the store's generated key";
        if (string.IsNullOrEmpty(text))
        {
            text = await metadata.GetOrAddAsync(HmacKeyMetadata, IdentifierKeyer.NewKeyHex(), cancellationToken);
        }

        IdentifierKeyer keyer;
        try
        {
            keyer = IdentifierKeyer.FromText(text);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{source}: {ex.Message}", ex);
        }

        var check = keyer.Key(IdentifierKind.Other, "clearwind:key-check")!;
        if (await metadata.GetOrAddAsync(HmacKeyCheckMetadata, check, cancellationToken) != check)
        {
            throw new InvalidOperationException($"{source} is not the key this store's identifiers were keyed with; use the same key as before (or a new store)");
        }

        return keyer;
    }

}
