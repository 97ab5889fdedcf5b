using Clearwind.Storage.Postgres;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Storage;

/// <summary>
/// The one place a host turns a store location (<c>--store</c>, <c>Clearwind:Store</c>) into a store: a value starting
/// with <c>postgres://</c> or <c>postgresql://</c> is a PostgreSQL database (<see cref="PostgresStore"/>), anything else
/// the path of a SQLite file (<see cref="SqliteStore"/>, the default, nothing to install). Core knows neither adapter;
/// the hosts know only this.
/// </summary>
public static class StoreLocation
{
    /// <summary>The default location: a SQLite file in the working directory.</summary>
    public const string Default = "clearwind.db";

    /// <summary>True when the location names a PostgreSQL database.</summary>
    public static bool IsPostgres(string location) => PostgresLocation.IsUri(location);

    /// <summary>
    /// Opens the store at <paramref name="location"/>, creating it (file and folder, or schema and tables) when missing.
    /// <paramref name="syncEveryCommit"/> makes every commit wait until it is on disk (a service that acknowledges
    /// writes); without it a crash of the machine or server may drop the last commits but never corrupts the store.
    /// </summary>
    /// <exception cref="ArgumentException">The location cannot be read.</exception>
    /// <exception cref="InvalidDataException">The location holds something that is not a Clearwind store.</exception>
    /// <exception cref="InvalidOperationException">The store was written by a newer Clearwind (or cannot be used; the message says why).</exception>
    public static async Task<IClearwindStore> OpenAsync(string location, bool syncEveryCommit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsPostgres(location)
            ? await PostgresStore.OpenAsync(location, new PostgresStoreOptions { SyncEveryCommit = syncEveryCommit }, cancellationToken)
            : await SqliteStore.OpenAsync(location, new SqliteStoreOptions { SyncEveryCommit = syncEveryCommit }, cancellationToken);
    }

    /// <summary>Opens the store at <paramref name="location"/> only if one is there: a tool that looks at a store creates none.</summary>
    /// <exception cref="InvalidOperationException">There is no store at the location (or it cannot be used; the message says why).</exception>
    public static async Task<IClearwindStore> OpenExistingAsync(string location, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (IsPostgres(location))
        {
            return await PostgresStore.OpenAsync(location, new PostgresStoreOptions { CreateIfMissing = false }, cancellationToken);
        }

        return File.Exists(location)
            ? await SqliteStore.OpenAsync(location, cancellationToken)
            : throw new InvalidOperationException($"no store file at {Describe(location)}");
    }

    /// <summary>The location as it may be shown or logged: a full file path, or the URI without its password.</summary>
    public static string Describe(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return IsPostgres(location) ? PostgresLocation.Describe(location) : Path.GetFullPath(location);
    }
}
