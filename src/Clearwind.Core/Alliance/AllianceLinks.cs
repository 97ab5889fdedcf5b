using System.Collections.Concurrent;
using Clearwind.Privacy;

namespace Clearwind.Alliance;

/// <summary>An identifier as the platform keyed it, and the same identifier keyed under the alliance key.</summary>
/// <param name="Keyed">The platform's keyed value (<c>h1:</c>…), as events in the store hold it.</param>
/// <param name="Kind">One of <see cref="AllianceKinds"/>.</param>
/// <param name="Hash">The alliance hash (<c>a1:</c>…).</param>
public sealed record AllianceLink(string Keyed, string Kind, string Hash);

/// <summary>
/// The alliance hashes of identifiers keyed at ingest. The raw value exists only while an event is being keyed, so that is
/// when its alliance hash is taken; the links are journaled, and exports and imports translate through them.
/// </summary>
public sealed class AllianceLinks(AllianceHasher hasher)
{
    private readonly ConcurrentDictionary<string, AllianceLink> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AllianceLink> _new = new();

    /// <summary>Links already journaled: known, and not new.</summary>
    public void Remember(IEnumerable<AllianceLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            _known.TryAdd(link.Keyed, link);
        }
    }

    /// <summary>The links made since the last call, to be journaled.</summary>
    public IReadOnlyList<AllianceLink> TakeNew()
    {
        var taken = new List<AllianceLink>();
        while (_new.TryDequeue(out var link))
        {
            taken.Add(link);
        }

        return taken;
    }

    /// <summary>The link of a keyed value made (or remembered) here, if any. Safe to call while ingest keys values.</summary>
    public AllianceLink? Find(string keyed) => _known.GetValueOrDefault(keyed);

    internal void Link(IdentifierKind kind, string raw, string keyed)
    {
        if (AllianceKinds.Of(kind) is not { } allianceKind || _known.ContainsKey(keyed))
        {
            return;
        }

        var link = new AllianceLink(keyed, allianceKind, hasher.Hash(allianceKind, raw));
        if (_known.TryAdd(keyed, link))
        {
            _new.Enqueue(link);
        }
    }
}
