using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clearwind.Storage;

namespace Clearwind.Service.Security;

/// <summary>
/// API keys, kept in the store's metadata by the SHA-256 of the key (a leaked store gives no usable key). A key is shown
/// once, when it is made. On first start the service makes an admin key and writes it to a file only its owner can read.
/// </summary>
public sealed class ApiKeyStore(IMetadataStore metadata, TimeProvider time)
{
    private const string Prefix = "api_key:";
    private const string FirstAdminMarker = "api_key_first_admin";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly ConcurrentDictionary<string, ApiKey?> _cache = new(StringComparer.Ordinal);

    /// <summary>Makes a key and returns it (the only time it is seen).</summary>
    /// <exception cref="ArgumentException">Unknown role, or a seller key without shops.</exception>
    public async Task<string> CreateAsync(string name, string role, IReadOnlyList<string>? shops, CancellationToken cancellationToken, string? account = null)
    {
        if (!Roles.All.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown role '{role}'; roles: {string.Join(", ", Roles.All)}", nameof(role));
        }

        if (role == Roles.Seller && (shops is null || shops.Count == 0))
        {
            throw new ArgumentException("a seller key needs the shops it may see", nameof(shops));
        }

        if (role == Roles.Juror && string.IsNullOrWhiteSpace(account))
        {
            throw new ArgumentException("a juror key belongs to an enrolled juror's account (POST /v1/jurors)", nameof(account));
        }

        var key = "cw_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var record = new ApiKey(name, role, shops ?? [], time.GetUtcNow()) { Account = account };
        await metadata.GetOrAddAsync(Prefix + Hash(key), JsonSerializer.Serialize(record, Json), cancellationToken);
        return key;
    }

    /// <summary>The key's record, or null for an unknown key.</summary>
    public async Task<ApiKey?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var text = await metadata.GetAsync(Prefix + hash, cancellationToken);
        var found = text is null ? null : JsonSerializer.Deserialize<ApiKey>(text, Json);
        if (found is not null)
        {
            _cache[hash] = found; // unknown keys are not cached: a flood of guesses must not fill memory
        }

        return found;
    }

    /// <summary>
    /// On the first start of a store: makes an admin key and writes it to <paramref name="file"/> (owner read/write only).
    /// Returns true when it did; later starts leave the file alone.
    /// </summary>
    public async Task<bool> EnsureFirstAdminAsync(string file, CancellationToken cancellationToken)
    {
        var marker = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (await metadata.GetOrAddAsync(FirstAdminMarker, marker, cancellationToken) != marker)
        {
            return false;
        }

        var key = await CreateAsync("first admin", Roles.Admin, null, cancellationToken);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(file, options))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync(key);
        }

        return true;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
