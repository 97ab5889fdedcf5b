namespace Clearwind.Storage;

/// <summary>Small named settings the store keeps (e.g. the generated HMAC key).</summary>
public interface IMetadataStore
{
    /// <summary>The value of a key, or null.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the key only if absent, and returns the value now stored (the first writer wins).</summary>
    Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken = default);
}
