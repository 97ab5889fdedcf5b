namespace Clearwind.Storage.Sqlite;

/// <summary>How a <see cref="SqliteStore"/> trades durability for write speed.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The defaults: a commit is safe from a process crash, and a power loss may drop the last ones.</summary>
    public static SqliteStoreOptions Default { get; } = new();

    /// <summary>
    /// Forces every commit to the disk before it returns (<c>PRAGMA synchronous = FULL</c>): a commit survives a power
    /// loss or an operating-system crash, not only a crash of the process. In WAL mode that is one <c>fsync</c> of the
    /// log per commit, so batch the writes (a group commit) where it matters. Off (<c>NORMAL</c>), the log is synced only
    /// at checkpoints: a power loss may drop the last commits, but never corrupts the file. A service that acknowledges
    /// writes wants it on; a batch job that can run again wants it off.
    /// </summary>
    /// <value>Default false.</value>
    public bool SyncEveryCommit { get; init; }
}
