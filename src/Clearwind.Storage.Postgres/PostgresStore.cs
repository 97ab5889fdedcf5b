namespace Clearwind.Storage.Postgres;

/// <summary>
/// Clearwind's production store: tables in one schema of a PostgreSQL database (<c>clearwind</c> unless the location
/// names another), created and migrated on open. Each append is one transaction, so a batch is stored whole or not at
/// all; writers of a table take turns, so several processes may share a store. Reads stream a consistent snapshot and
/// may run while the same store is written. Safe for concurrent callers.
/// </summary>
public sealed class PostgresStore : IClearwindStore
{
    private readonly PostgresDatabase _db;

    private PostgresStore(PostgresDatabase db)
    {
        _db = db;
        Events = new PostgresEventStore(db);
        Findings = new PostgresFindingStore(db);
        Decisions = new PostgresDecisionLog(db);
        Metadata = new PostgresMetadataStore(db);
        Journal = new PostgresJournal(db);
    }

    /// <summary>The schema version this code writes (recorded in the schema's <c>schema_version</c> table).</summary>
    public static int SchemaVersion => PostgresSchema.Latest;

    /// <summary>Where the store is (its <see cref="PostgresLocation.ToString"/> leaves the password out).</summary>
    public PostgresLocation Location => _db.Location;

    /// <inheritdoc/>
    public IEventStore Events { get; }

    /// <inheritdoc/>
    public IFindingStore Findings { get; }

    /// <inheritdoc/>
    public IDecisionLog Decisions { get; }

    /// <inheritdoc/>
    public IMetadataStore Metadata { get; }

    /// <inheritdoc/>
    public IRecordJournal Journal { get; }

    /// <summary>Opens the store at <paramref name="location"/> (see <see cref="PostgresLocation.Parse"/>), creating its schema and tables when missing.</summary>
    /// <exception cref="ArgumentException">The location cannot be read.</exception>
    /// <exception cref="InvalidDataException">The schema holds tables of something else.</exception>
    /// <exception cref="InvalidOperationException">The schema was written by a newer Clearwind, or the database is not UTF-8.</exception>
    public static Task<PostgresStore> OpenAsync(string location, CancellationToken cancellationToken = default)
        => OpenAsync(location, PostgresStoreOptions.Default, cancellationToken);

    /// <summary>Opens the store at <paramref name="location"/> with <paramref name="options"/> (durability of each commit).</summary>
    /// <exception cref="ArgumentException">The location cannot be read.</exception>
    /// <exception cref="InvalidDataException">The schema holds tables of something else.</exception>
    /// <exception cref="InvalidOperationException">The schema was written by a newer Clearwind, or the database is not UTF-8.</exception>
    public static Task<PostgresStore> OpenAsync(string location, PostgresStoreOptions options, CancellationToken cancellationToken = default)
        => OpenAsync(PostgresLocation.Parse(location), options, cancellationToken);

    /// <summary>Opens the store at <paramref name="location"/> with <paramref name="options"/>.</summary>
    public static async Task<PostgresStore> OpenAsync(PostgresLocation location, PostgresStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresStore(await PostgresDatabase.OpenAsync(location, options, cancellationToken));
    }

    /// <summary>The connections (tests look at session settings through it).</summary>
    internal PostgresDatabase Database => _db;

    /// <summary>The location, without its password.</summary>
    public override string ToString() => Location.ToString();

    /// <summary>Closes the pool's connections (an operation under way finishes first on its own connection).</summary>
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
