using System.Text.Json;
using Clearwind.Storage;

namespace Clearwind.Alliance;

/// <summary>
/// Everything the alliance has left in a store's journal, folded in order: links (alliance hashes of keyed identifiers),
/// imported files, withdrawals, disputes and exports. Nothing is edited: a withdrawn or disputed entry is a later record.
/// </summary>
public sealed class AllianceBook
{
    /// <summary>Journal kind: alliance hashes of identifiers keyed at ingest.</summary>
    public const string LinksKind = "alliance_links";

    /// <summary>Journal kind: a partner's signed file was imported.</summary>
    public const string ImportedKind = "alliance_imported";

    /// <summary>Journal kind: an entry was withdrawn by its source (or by this platform, for its own entries).</summary>
    public const string WithdrawnKind = "alliance_withdrawn";

    /// <summary>Journal kind: an entry was disputed, or a dispute settled.</summary>
    public const string DisputedKind = "alliance_disputed";

    /// <summary>Journal kind: this platform exported a file.</summary>
    public const string ExportedKind = "alliance_exported";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Dictionary<string, AllianceLink> _linksByKeyed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _keyedByHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImportRecord> _latestBySource = new(StringComparer.Ordinal);
    private readonly HashSet<string> _withdrawn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DisputeRecord> _disputes = new(StringComparer.Ordinal);
    private readonly List<ExportRecord> _exports = [];

    /// <summary>Links, by the platform's keyed value.</summary>
    public IReadOnlyDictionary<string, AllianceLink> Links => _linksByKeyed;

    /// <summary>Imported entries as the latest file of each source gave them (withdrawn, disputed and expired ones included).</summary>
    public IEnumerable<AllianceEntry> Imported => _latestBySource.Values.SelectMany(i => i.Entries);

    /// <summary>The newest file imported from each source: when it was written.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LatestFileBySource => _latestBySource.ToDictionary(p => p.Key, p => p.Value.CreatedAt, StringComparer.Ordinal);

    /// <summary>Keys of withdrawn entries.</summary>
    public IReadOnlySet<string> Withdrawn => _withdrawn;

    /// <summary>Disputes, latest state by entry key.</summary>
    public IReadOnlyDictionary<string, DisputeRecord> Disputes => _disputes;

    /// <summary>This platform's exports, oldest first.</summary>
    public IReadOnlyList<ExportRecord> Exports => _exports;

    /// <summary>Reads the journal.</summary>
    public static async Task<AllianceBook> ReadAsync(IRecordJournal journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var book = new AllianceBook();
        await foreach (var record in journal.ReadAllAsync(cancellationToken))
        {
            book.Observe(record);
        }

        return book;
    }

    /// <summary>The platform's keyed values of an alliance hash (several when one raw value was keyed under several kinds).</summary>
    public IReadOnlyList<string> KeyedOf(string hash) => _keyedByHash.TryGetValue(hash, out var keyed) ? keyed : [];

    /// <summary>
    /// Entries that match at <paramref name="asOf"/>: from the latest file of their source, not withdrawn, not expired,
    /// and not disputed with the dispute upheld.
    /// </summary>
    public IReadOnlyList<AllianceEntry> Active(DateTimeOffset asOf)
        => [.. Imported.Where(e => e.ExpiresAt > asOf && !_withdrawn.Contains(e.Key) && !(_disputes.TryGetValue(e.Key, out var d) && d.Status == DisputeStatus.Upheld))];

    /// <summary>Folds one journal record in (records of other kinds are ignored).</summary>
    public void Observe(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        switch (record.Kind)
        {
            case LinksKind:
                foreach (var link in JsonSerializer.Deserialize<LinksRecord>(record.Json, Json)!.Links)
                {
                    AddLink(link);
                }

                break;
            case ImportedKind:
                var import = JsonSerializer.Deserialize<ImportRecord>(record.Json, Json)!;
                if (!_latestBySource.TryGetValue(import.Source, out var held) || held.CreatedAt <= import.CreatedAt)
                {
                    _latestBySource[import.Source] = import;
                }

                _withdrawn.UnionWith(import.Withdrawn);
                break;
            case WithdrawnKind:
                _withdrawn.UnionWith(JsonSerializer.Deserialize<WithdrawRecord>(record.Json, Json)!.Keys);
                break;
            case DisputedKind:
                var dispute = JsonSerializer.Deserialize<DisputeRecord>(record.Json, Json)!;
                _disputes[dispute.Key] = dispute;
                break;
            case ExportedKind:
                _exports.Add(JsonSerializer.Deserialize<ExportRecord>(record.Json, Json)!);
                break;
        }
    }

    /// <summary>The journal record of new links.</summary>
    public static JournalRecord LinksRecordOf(IReadOnlyList<AllianceLink> links, DateTimeOffset at)
        => new(LinksKind, at, JsonSerializer.Serialize(new LinksRecord(links), Json));

    private void AddLink(AllianceLink link)
    {
        if (!_linksByKeyed.TryAdd(link.Keyed, link))
        {
            return;
        }

        if (!_keyedByHash.TryGetValue(link.Hash, out var keyed))
        {
            _keyedByHash[link.Hash] = keyed = [];
        }

        keyed.Add(link.Keyed);
    }

    private sealed record LinksRecord(IReadOnlyList<AllianceLink> Links);
}

/// <summary>A partner's file as imported: its source, when it was written, its entries and withdrawals.</summary>
public sealed record ImportRecord(string Source, string KeyId, DateTimeOffset CreatedAt, IReadOnlyList<AllianceEntry> Entries, IReadOnlyList<string> Withdrawn);

/// <summary>Entries withdrawn, and who did it.</summary>
public sealed record WithdrawRecord(IReadOnlyList<string> Keys, string By, string Reason);

/// <summary>Where a dispute stands.</summary>
public enum DisputeStatus
{
    /// <summary>Filed, not decided: the entry still matches (as review, never as a penalty).</summary>
    Open,

    /// <summary>The dispute was upheld: the entry no longer matches here.</summary>
    Upheld,

    /// <summary>The dispute was rejected: the entry stands.</summary>
    Rejected,
}

/// <summary>A dispute of an entry by someone it affects.</summary>
public sealed record DisputeRecord(string Key, string By, string Reason, DisputeStatus Status, string? DecidedBy = null);

/// <summary>An export: when, how many entries and withdrawals, the file's SHA-256 and the keys it listed.</summary>
public sealed record ExportRecord(DateTimeOffset CreatedAt, string Source, string Sha256, IReadOnlyList<string> Keys, IReadOnlyList<string> Withdrawn);
