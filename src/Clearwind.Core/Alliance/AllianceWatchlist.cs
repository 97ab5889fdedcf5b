namespace Clearwind.Alliance;

/// <summary>
/// The partners' active entries as this platform can match them: by the keyed identifiers its events carry (through the
/// links taken at ingest) and by account handle (hashed under the alliance key when the host has it). Hosts put it in
/// the pipeline's <see cref="Detection.SharedState"/> under <see cref="SharedKey"/>; detectors only read it.
/// </summary>
public sealed class AllianceWatchlist
{
    /// <summary>The <see cref="Detection.SharedState"/> key hosts put the watchlist under.</summary>
    public const string SharedKey = "alliance.watchlist";

    private readonly Dictionary<string, List<AllianceEntry>> _byKeyed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AllianceEntry>> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AllianceEntry>> _rawByHash = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Value), List<AllianceEntry>?> _rawMatches = [];
    private readonly AllianceHasher? _hasher;
    private readonly AllianceLinks? _live;

    private AllianceWatchlist(AllianceHasher? hasher, AllianceLinks? live) => (_hasher, _live) = (hasher, live);

    /// <summary>An empty watchlist: nothing matches.</summary>
    public static AllianceWatchlist Empty { get; } = new(null, null);

    /// <summary>True when nothing can match.</summary>
    public bool IsEmpty => _byHash.Count == 0 && _rawByHash.Count == 0;

    /// <summary>Whether any entry is a payment account (matching those needs each order's buyer).</summary>
    public bool HasPaymentAccounts { get; private set; }

    /// <summary>
    /// The entries active at <paramref name="asOf"/> in <paramref name="book"/>. Identifiers match through the book's
    /// links and, for identifiers first keyed during this run, through <paramref name="live"/> (the keyer's links); account
    /// handles only match with the alliance key's <paramref name="hasher"/>.
    /// </summary>
    public static AllianceWatchlist Build(AllianceBook book, AllianceHasher? hasher, DateTimeOffset asOf, AllianceLinks? live = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        var list = new AllianceWatchlist(hasher, live);
        foreach (var entry in book.Active(asOf))
        {
            if (entry.Kind is AllianceKinds.Account or AllianceKinds.Website or AllianceKinds.ChatGroup)
            {
                if (hasher is not null)
                {
                    Add(list._rawByHash, entry.Hash, entry);
                    list.HasMentions |= entry.Kind != AllianceKinds.Account;
                }

                continue;
            }

            Add(list._byHash, entry.Hash, entry);
            list.HasPaymentAccounts |= entry.Kind == AllianceKinds.PaymentAccount;
            foreach (var keyed in book.KeyedOf(entry.Hash))
            {
                Add(list._byKeyed, keyed, entry);
            }
        }

        return list;
    }

    /// <summary>Entries listing a keyed identifier, or null.</summary>
    public IReadOnlyList<AllianceEntry>? Identifier(string keyed)
        => _byKeyed.GetValueOrDefault(keyed) ?? (_live?.Find(keyed) is { } link ? _byHash.GetValueOrDefault(link.Hash) : null);

    /// <summary>Whether any entry is a website or chat group (matching those reads chat text).</summary>
    public bool HasMentions { get; private set; }

    /// <summary>Entries listing an account handle, or null. Not thread-safe: one detector asks.</summary>
    public IReadOnlyList<AllianceEntry>? Account(string account) => Raw(AllianceKinds.Account, account);

    /// <summary>
    /// Entries listing a value the alliance hashes from text as it is (an account handle, a website, a chat group), or
    /// null; needs the alliance key. Not thread-safe: one detector asks.
    /// </summary>
    public IReadOnlyList<AllianceEntry>? Raw(string kind, string value)
    {
        if (_hasher is null || _rawByHash.Count == 0)
        {
            return null;
        }

        if (!_rawMatches.TryGetValue((kind, value), out var found))
        {
            found = _rawByHash.GetValueOrDefault(_hasher.Hash(kind, value));
            _rawMatches[(kind, value)] = found;
        }

        return found;
    }

    private static void Add(Dictionary<string, List<AllianceEntry>> index, string key, AllianceEntry entry)
    {
        if (!index.TryGetValue(key, out var entries))
        {
            index[key] = entries = [];
        }

        entries.Add(entry);
    }
}
