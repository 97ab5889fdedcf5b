namespace Clearwind.Storage.Postgres;

/// <summary>How a <see cref="PostgresStore"/> trades durability for write speed.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>The defaults: a commit survives a crash of Clearwind; a crash of the server may drop the last ones.</summary>
    public static PostgresStoreOptions Default { get; } = new();

    /// <summary>
    /// Waits, on every commit, until the server has flushed it to its write-ahead log (<c>synchronous_commit = on</c>), so a
    /// commit survives a crash of the server or of its machine. Off (<c>synchronous_commit = off</c>), the server flushes a
    /// moment later: a server crash may drop the last commits (a fraction of a second of them) but never leaves a
    /// half-written batch, and bulk appends go faster. A service that acknowledges writes wants it on; a batch job that
    /// can run again wants it off. Set per connection, so it holds for this opening only.
    /// </summary>
    /// <value>Default false.</value>
    public bool SyncEveryCommit { get; init; }

    /// <summary>
    /// Creates the schema and its tables when the location has none. Off, opening a location without a Clearwind store
    /// fails and creates nothing: for tools that only look at a store (<c>clearwind verify</c>), where a mistyped schema
    /// must not come out as an empty, intact store.
    /// </summary>
    /// <value>Default true.</value>
    public bool CreateIfMissing { get; init; } = true;
}
