using System.Security.Cryptography;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage;

namespace Clearwind.Alliance;

/// <summary>How an export chooses and dates its entries.</summary>
public sealed record AllianceExportOptions
{
    /// <summary>The platform's name in the alliance (entries' source).</summary>
    public required string Source { get; init; }

    /// <summary>Days an entry stays valid after its identifier was last seen. Default 180.</summary>
    public int ExpiryDays { get; init; } = 180;

    /// <summary>
    /// An identifier seen with more accounts than this (a campus gateway device, a family address) is left out: it would
    /// list the innocent with the guilty. Default 3.
    /// </summary>
    public int MaxAccountsPerIdentifier { get; init; } = 3;
}

/// <summary>What an export wrote, and what it left out and why.</summary>
public sealed record AllianceExportResult(int Accounts, int Entries, int Withdrawn, int SharedLeftOut, int UnlinkedLeftOut, byte[] File);

/// <summary>
/// Builds this platform's alliance file from a store: the accounts standing decisions have confirmed as actors (throttled,
/// closed, hidden from search — not those only under review, and never a victim), their account handles, the phones,
/// devices, payment accounts and addresses their events show, and the websites and chat groups their messages name, as
/// alliance hashes.
/// </summary>
public static class AllianceExport
{
    // Actions that confirm an account as an actor; review, warn, protect and refunds do not.
    private static readonly HashSet<string> ConfirmingActions = new(StringComparer.Ordinal)
    {
        DecisionActions.Throttle, DecisionActions.Close, DecisionActions.BlockSearch, DecisionActions.Delist, DecisionActions.Demote,
    };

    /// <summary>Writes, signs and journals an export.</summary>
    public static async Task<AllianceExportResult> ExportAsync(
        IClearwindStore store, AllianceHasher hasher, ECDsa signingKey, AllianceExportOptions options, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(options);
        var confirmed = await ConfirmedAccountsAsync(store, cancellationToken);
        var book = await AllianceBook.ReadAsync(store.Journal, cancellationToken);

        // Every identifier the store's events show, with the accounts that showed it and when.
        var sightings = new Dictionary<(string Kind, string Keyed), Sighting>();
        var buyerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var stored in store.Events.ReadAllAsync(cancellationToken))
        {
            var e = EventParser.FromJson(stored.Utf8Json);
            IEnumerable<(string Account, string Kind, string Keyed)> shown = e is ChatMessage chat
                ? AllianceMentions.In(chat.Text).Select(m => (chat.From, m.Kind, m.Value))
                : AllianceIdentifiers.Of(e, buyerOf);
            foreach (var (account, kind, keyed) in shown)
            {
                if (!sightings.TryGetValue((kind, keyed), out var seen))
                {
                    sightings[(kind, keyed)] = seen = new Sighting();
                }

                seen.Add(account, e.Ts);
            }
        }

        var entries = new Dictionary<string, AllianceEntry>(StringComparer.Ordinal);
        var (sharedLeftOut, unlinkedLeftOut) = (0, 0);
        foreach (var ((kind, keyed), seen) in sightings.OrderBy(s => s.Key.Kind, StringComparer.Ordinal).ThenBy(s => s.Key.Keyed, StringComparer.Ordinal))
        {
            var listed = seen.Accounts.Keys.Where(confirmed.ContainsKey).ToList();
            if (listed.Count == 0)
            {
                continue;
            }

            if (seen.Accounts.Count > options.MaxAccountsPerIdentifier)
            {
                sharedLeftOut++;
                continue;
            }

            // Websites and chat groups are taken from chat text as it is stored; personal identifiers only through the
            // link made when they were keyed (their raw values are gone).
            var link = kind is AllianceKinds.Website or AllianceKinds.ChatGroup ? new AllianceLink(keyed, kind, hasher.Hash(kind, keyed)) : book.Links.GetValueOrDefault(keyed);
            if (link is null)
            {
                unlinkedLeftOut++; // keyed before the alliance key was set
                continue;
            }

            var strongest = listed.Select(a => confirmed[a]).MaxBy(c => c.Confidence)!;
            var (first, last) = (listed.Min(a => seen.Accounts[a].First), listed.Max(a => seen.Accounts[a].Last));
            Add(entries, new AllianceEntry(link.Kind, link.Hash, strongest.Pattern, strongest.Confidence, first, last, last.AddDays(options.ExpiryDays), options.Source));
        }

        foreach (var (account, why) in confirmed.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var (first, last) = why.Seen;
            Add(entries, new AllianceEntry(AllianceKinds.Account, hasher.Hash(AllianceKinds.Account, account), why.Pattern, why.Confidence, first, last, last.AddDays(options.ExpiryDays), options.Source));
        }

        // Entries this platform withdrew, or whose dispute it upheld, stay out even while the decision behind them stands;
        // they and whatever an earlier export listed and this one no longer does (a lifted decision) are listed as withdrawn.
        var ownPrefix = options.Source + "/";
        var takenBack = book.Withdrawn.Where(k => k.StartsWith(ownPrefix, StringComparison.Ordinal))
            .Concat(book.Disputes.Values.Where(d => d.Status == DisputeStatus.Upheld && d.Key.StartsWith(ownPrefix, StringComparison.Ordinal)).Select(d => d.Key))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var key in takenBack)
        {
            entries.Remove(key);
        }

        var listedBefore = book.Exports.Where(x => x.Source == options.Source).SelectMany(x => x.Keys).ToHashSet(StringComparer.Ordinal);
        listedBefore.UnionWith(takenBack);
        var keys = entries.Values.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var withdrawn = listedBefore.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToList();

        var payload = new AlliancePayload(AllianceFile.FormatName, options.Source, now, [.. entries.Values.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Hash, StringComparer.Ordinal)], withdrawn);
        var file = AllianceFile.Write(payload, signingKey);
        var record = new ExportRecord(now, options.Source, Convert.ToHexStringLower(SHA256.HashData(file)), [.. payload.Entries.Select(e => e.Key)], withdrawn);
        await store.Journal.AppendAsync([new JournalRecord(AllianceBook.ExportedKind, now, JsonSerializer.Serialize(record, AllianceBook.Json))], cancellationToken);
        return new AllianceExportResult(confirmed.Count, payload.Entries.Count, withdrawn.Count, sharedLeftOut, unlinkedLeftOut, file);
    }

    private static void Add(Dictionary<string, AllianceEntry> entries, AllianceEntry entry)
    {
        if (!entries.TryGetValue(entry.Key, out var held) || held.Confidence < entry.Confidence)
        {
            entries[entry.Key] = entry;
        }
    }

    /// <summary>Accounts with a standing confirming decision: the pattern and confidence of the strongest, and when its findings ran.</summary>
    private static async Task<Dictionary<string, Confirmation>> ConfirmedAccountsAsync(IClearwindStore store, CancellationToken cancellationToken)
    {
        var findings = new Dictionary<string, Detection.Finding>(StringComparer.Ordinal);
        await foreach (var f in store.Findings.ReadAllAsync(cancellationToken))
        {
            findings[f.Id] = f;
        }

        var log = new List<Decision>();
        await foreach (var d in store.Decisions.ReadAllAsync(cancellationToken))
        {
            log.Add(d);
        }

        var confirmed = new Dictionary<string, Confirmation>(StringComparer.Ordinal);
        foreach (var d in DecisionReversals.Standing(log))
        {
            if (d.Entity.Type != EntityTypes.Account || !ConfirmingActions.Contains(d.Action))
            {
                continue;
            }

            var behind = d.Findings.Select(id => findings.GetValueOrDefault(id)).OfType<Detection.Finding>().ToList();
            if (behind.Count == 0 || behind.Any(f => f.ClearedAt is not null))
            {
                continue;
            }

            var confidence = Math.Clamp(behind.Max(f => f.Score), 0, 1);
            var seen = (behind.Min(f => f.From), behind.Max(f => f.To));
            if (!confirmed.TryGetValue(d.Entity.Id, out var held) || held.Confidence < confidence)
            {
                confirmed[d.Entity.Id] = new Confirmation(d.Rule, confidence, seen);
            }
        }

        return confirmed;
    }

    private sealed record Confirmation(string Pattern, double Confidence, (DateTimeOffset First, DateTimeOffset Last) Seen);

    private sealed class Sighting
    {
        public Dictionary<string, (DateTimeOffset First, DateTimeOffset Last)> Accounts { get; } = new(StringComparer.Ordinal);

        public void Add(string account, DateTimeOffset at)
            => Accounts[account] = Accounts.TryGetValue(account, out var span) ? (at < span.First ? at : span.First, at > span.Last ? at : span.Last) : (at, at);
    }
}
