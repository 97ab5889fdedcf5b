using Clearwind.Storage;

namespace Clearwind.Service;

/// <summary>
/// The service's infrastructure settings, section <c>Clearwind</c> of the standard ASP.NET Core configuration
/// (appsettings.json, environment variables such as <c>Clearwind__Store</c>, command-line <c>--Clearwind:Store</c>).
/// Thresholds never live here: they are in the policy file.
/// </summary>
public sealed class ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Clearwind";

    /// <summary>
    /// The store: a SQLite file (created when missing; relative paths are taken from the working directory), or a
    /// PostgreSQL database given as <c>postgres://user:password@host:port/database?schema=NAME</c> (schema and tables
    /// created when missing). The password is never logged.
    /// </summary>
    public string Store { get; set; } = StoreLocation.Default;

    /// <summary>Policy file; null for the built-in default.</summary>
    public string? Policy { get; set; }

    /// <summary>HMAC key for personal identifiers; null for <c>$CLEARWIND_HMAC_KEY</c>, else the store's own.</summary>
    public string? HmacKey { get; set; }

    /// <summary>
    /// File the first admin API key is written to on first start (mode 600); null for <c>STORE.admin-key</c> next to a
    /// SQLite store, or <c>clearwind.admin-key</c> in the working directory for a PostgreSQL store. The key itself is never logged.
    /// </summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>Where the first admin key goes when <see cref="AdminKeyFile"/> is not set.</summary>
    public static string DefaultAdminKeyFile(string store)
        => StoreLocation.IsPostgres(store) ? Path.GetFullPath("clearwind.admin-key") : Path.GetFullPath(store) + ".admin-key";

    /// <summary>Most events one request may carry.</summary>
    public int MaxBatchEvents { get; set; } = 10_000;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Most events written in one group commit (requests waiting together share one transaction).</summary>
    public int GroupCommitEvents { get; set; } = 20_000;

    /// <summary>Requests waiting for the writer beyond which ingest answers 503 with Retry-After.</summary>
    public int MaxPendingBatches { get; set; } = 1_000;

    /// <summary>
    /// How long requests may wait for the writer before new ones get 503 with Retry-After: measured on the last group the
    /// writer took, and on the commit it is busy with. A count of requests alone let the queue hold seconds of work at twice
    /// the capacity (bench <c>serve-overload</c>), so accepted requests waited seconds and the queue took as long to drain.
    /// </summary>
    public int MaxQueueMilliseconds { get; set; } = 1_000;

    /// <summary>The request rate limiter (per API key, else per client address).</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Alliance sharing with partner platforms (docs/alliance.md).</summary>
    public AllianceSettings Alliance { get; set; } = new();
}

/// <summary>Alliance settings, section <c>Clearwind:Alliance</c>.</summary>
public sealed class AllianceSettings
{
    /// <summary>The alliance's shared key; null for <c>$CLEARWIND_ALLIANCE_KEY</c>, else no alliance hashes are taken at ingest.</summary>
    public string? Key { get; set; }

    /// <summary>This platform's name in the alliance (the source of its exports); null: exports are refused.</summary>
    public string? Source { get; set; }

    /// <summary>This platform's private signing key (PEM file); null for the store's own, generated once.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Partners whose files may be imported: name → their public key (PEM file).</summary>
    public Dictionary<string, string> PartnerKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Days an exported entry stays valid after last seen.</summary>
    public int ExpiryDays { get; set; } = 180;

    /// <summary>Identifiers seen with more accounts than this are left out of exports.</summary>
    public int MaxAccountsPerIdentifier { get; set; } = 3;
}

/// <summary>Token-bucket settings of the request rate limiter.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per second a client is granted on average.</summary>
    public int PermitsPerSecond { get; set; } = 5_000;

    /// <summary>Requests a client may send at once above the average.</summary>
    public int Burst { get; set; } = 10_000;

    /// <summary>Requests queued when the bucket is empty, before 429.</summary>
    public int QueueLimit { get; set; } = 2_000;
}
