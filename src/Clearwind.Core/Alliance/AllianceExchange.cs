using System.Security.Cryptography;
using System.Text.Json;
using Clearwind.Storage;

namespace Clearwind.Alliance;

/// <summary>What an import took in.</summary>
/// <param name="Source">The partner.</param>
/// <param name="Entries">Entries in the file.</param>
/// <param name="Withdrawn">Withdrawals in the file.</param>
/// <param name="Matchable">Entries that can match here: account handles, and identifiers this store has seen.</param>
/// <param name="Expired">Entries already expired (kept, never matching).</param>
public sealed record AllianceImportResult(string Source, int Entries, int Withdrawn, int Matchable, int Expired);

/// <summary>
/// The alliance's operations on a store, each one journaled: import a partner's signed file, withdraw this platform's own
/// entries, dispute an entry and settle the dispute; and the platform's signing key.
/// </summary>
public static class AllianceExchange
{
    private const string SigningKeyMetadata = "alliance_signing_key";

    /// <summary>
    /// Imports a partner's file: checked against the partner's public key, refused when older than the partner's file
    /// already imported, journaled whole. Its entries replace that partner's earlier ones.
    /// </summary>
    /// <exception cref="AllianceFileException">The file fails its checks; nothing is recorded.</exception>
    public static async Task<AllianceImportResult> ImportAsync(IClearwindStore store, ReadOnlyMemory<byte> file, ECDsa partnerKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var payload = AllianceFile.Read(file.Span, partnerKey);
        var book = await AllianceBook.ReadAsync(store.Journal, cancellationToken);
        if (book.LatestFileBySource.TryGetValue(payload.Source, out var latest) && latest >= payload.CreatedAt)
        {
            throw new AllianceFileException($"this file from {payload.Source} (written {payload.CreatedAt:O}) is not newer than the one already imported (written {latest:O})");
        }

        var record = new ImportRecord(payload.Source, AllianceFile.KeyId(partnerKey), payload.CreatedAt, payload.Entries, payload.Withdrawn);
        await store.Journal.AppendAsync([new JournalRecord(AllianceBook.ImportedKind, now, JsonSerializer.Serialize(record, AllianceBook.Json))], cancellationToken);
        var matchable = payload.Entries.Count(e => e.Kind == AllianceKinds.Account || book.KeyedOf(e.Hash).Count > 0);
        return new AllianceImportResult(payload.Source, payload.Entries.Count, payload.Withdrawn.Count, matchable, payload.Entries.Count(e => e.ExpiresAt <= now));
    }

    /// <summary>Withdraws entries (they stop matching here, and this platform's next export lists its own ones as withdrawn).</summary>
    public static Task WithdrawAsync(IClearwindStore store, IReadOnlyList<string> keys, string by, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        var record = new WithdrawRecord(keys, by, reason);
        return store.Journal.AppendAsync([new JournalRecord(AllianceBook.WithdrawnKind, now, JsonSerializer.Serialize(record, AllianceBook.Json))], cancellationToken);
    }

    /// <summary>Records a dispute of an entry, or its outcome: upheld stops the entry matching here.</summary>
    /// <exception cref="ArgumentException">No imported or exported entry has this key.</exception>
    public static async Task DisputeAsync(IClearwindStore store, DisputeRecord dispute, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dispute);
        var book = await AllianceBook.ReadAsync(store.Journal, cancellationToken);
        if (!book.Imported.Any(e => e.Key == dispute.Key) && !book.Exports.Any(x => x.Keys.Contains(dispute.Key)))
        {
            throw new ArgumentException($"no alliance entry {dispute.Key} here", nameof(dispute));
        }

        await store.Journal.AppendAsync([new JournalRecord(AllianceBook.DisputedKind, now, JsonSerializer.Serialize(dispute, AllianceBook.Json))], cancellationToken);
    }

    /// <summary>Journals links made at ingest, in records of at most 10,000.</summary>
    public static async Task RecordLinksAsync(IRecordJournal journal, IReadOnlyList<AllianceLink> links, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(links);
        const int PerRecord = 10_000;
        var records = new List<JournalRecord>();
        for (var i = 0; i < links.Count; i += PerRecord)
        {
            records.Add(AllianceBook.LinksRecordOf([.. links.Skip(i).Take(PerRecord)], now));
        }

        if (records.Count > 0)
        {
            await journal.AppendAsync(records, cancellationToken);
        }
    }

    /// <summary>
    /// This platform's signing key: the PEM file given, else the store's (an ECDSA P-256 key generated on first use and
    /// kept in the store's metadata, like the identifier key).
    /// </summary>
    public static async Task<ECDsa> SigningKeyAsync(IMetadataStore metadata, string? pemPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string pem;
        if (pemPath is not null)
        {
            pem = await File.ReadAllTextAsync(pemPath, cancellationToken);
        }
        else
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pem = await metadata.GetOrAddAsync(SigningKeyMetadata, fresh.ExportPkcs8PrivateKeyPem(), cancellationToken);
        }

        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    /// <summary>Reads a public key (PEM) a partner published.</summary>
    /// <exception cref="ArgumentException">The text holds no usable key.</exception>
    public static ECDsa PublicKeyFromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException("not a PEM public key (ECDSA P-256): " + ex.Message, nameof(pem), ex);
        }

        return key;
    }
}
