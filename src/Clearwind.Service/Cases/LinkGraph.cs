using Clearwind.Events;
using Clearwind.Storage;

namespace Clearwind.Service.Cases;

/// <summary>A node of a link graph: an account or a shop.</summary>
public sealed record LinkNode(string Id, string Type);

/// <summary>
/// An edge: two accounts sharing an identifier of a kind (phone, device, ip, address, payment) that few accounts use, or an
/// account that ordered from a shop. <paramref name="Weight"/> counts the shared identifiers (or the orders).
/// </summary>
public sealed record LinkEdge(string Source, string Target, string Kind, int Weight);

/// <summary>An entity's links (identifier values never leave the store: only their kind is shown).</summary>
/// <param name="Nodes">The entity, its owner, linked accounts and the shops they ordered from.</param>
/// <param name="Edges">Shared identifiers and orders.</param>
/// <param name="CommonIdentifiers">Identifiers left out because too many accounts use them (a campus NAT, a carrier gateway), by kind.</param>
public sealed record LinkGraphView(IReadOnlyList<LinkNode> Nodes, IReadOnlyList<LinkEdge> Edges, IReadOnlyDictionary<string, int> CommonIdentifiers);

/// <summary>
/// The linked-account graph of an account or a shop (its owner), read from the stored events on demand: accounts sharing a
/// rare identifier with it, and the shops they ordered from. Two passes over the store (and, for a shop, a read up to its
/// opening to find the owner).
/// </summary>
public static class LinkGraph
{
    /// <summary>Linked accounts shown at most (the most strongly linked first).</summary>
    public const int MaxLinked = 40;

    /// <summary>Builds the graph of <paramref name="entity"/> (an account or a shop).</summary>
    public static async Task<LinkGraphView> BuildAsync(IEventStore events, EntityRef entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(entity);
        var focal = new HashSet<string>(StringComparer.Ordinal);
        var shopOf = entity.Type == EntityTypes.Shop ? entity.Id : null;
        if (entity.Type == EntityTypes.Account)
        {
            focal.Add(entity.Id);
        }

        // A shop is linked through its owner: read until the shop opens (usually early in the store).
        if (shopOf is not null)
        {
            await foreach (var e in ReadAsync(events, cancellationToken))
            {
                if (e is ShopOpened opened && opened.Shop == shopOf)
                {
                    if (opened.Owner is { } owner)
                    {
                        focal.Add(owner);
                    }

                    break;
                }
            }
        }

        // Pass 1: every identifier the focal accounts used, by kind.
        var mine = new Dictionary<string, string>(StringComparer.Ordinal); // identifier → kind
        var buyerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in ReadAsync(events, cancellationToken))
        {
            foreach (var (account, kind, value) in EventIdentifiers.Of(e, buyerOf))
            {
                if (focal.Contains(account))
                {
                    mine[value] = kind;
                }
            }
        }

        // Pass 2: who else used them, and how many accounts use each; the shops the focal accounts ordered from.
        var users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var orders = new Dictionary<(string Account, string Shop), int>();
        buyerOf.Clear();
        await foreach (var e in ReadAsync(events, cancellationToken))
        {
            foreach (var (account, _, value) in EventIdentifiers.Of(e, buyerOf))
            {
                if (mine.ContainsKey(value))
                {
                    if (!users.TryGetValue(value, out var set))
                    {
                        users[value] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(account);
                }
            }

            if (e is OrderPlaced o && focal.Contains(o.Buyer))
            {
                orders[(o.Buyer, o.Shop)] = orders.GetValueOrDefault((o.Buyer, o.Shop)) + 1;
            }
        }

        var common = new Dictionary<string, int>(StringComparer.Ordinal);
        var shared = new Dictionary<(string Focal, string Other, string Kind), int>();
        foreach (var (value, accounts) in users)
        {
            var kind = mine[value];
            if (accounts.Count > CaseFacts.CommonIdentifierAccounts)
            {
                common[kind] = common.GetValueOrDefault(kind) + 1;
                continue;
            }

            foreach (var f in accounts.Where(focal.Contains))
            {
                foreach (var other in accounts.Where(a => a != f))
                {
                    shared[(f, other, kind)] = shared.GetValueOrDefault((f, other, kind)) + 1;
                }
            }
        }

        var linked = shared.GroupBy(p => p.Key.Other).OrderByDescending(g => g.Sum(p => p.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxLinked).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var nodes = new List<LinkNode>();
        if (shopOf is not null)
        {
            nodes.Add(new LinkNode(shopOf, EntityTypes.Shop));
        }

        nodes.AddRange(focal.Order(StringComparer.Ordinal).Select(a => new LinkNode(a, EntityTypes.Account)));
        nodes.AddRange(linked.Where(a => !focal.Contains(a)).Order(StringComparer.Ordinal).Select(a => new LinkNode(a, EntityTypes.Account)));
        var edges = new List<LinkEdge>();
        if (shopOf is not null)
        {
            edges.AddRange(focal.Order(StringComparer.Ordinal).Select(owner => new LinkEdge(owner, shopOf, "owns", 1)));
        }

        edges.AddRange(shared.Where(p => linked.Contains(p.Key.Other)).OrderBy(p => p.Key.Focal, StringComparer.Ordinal).ThenBy(p => p.Key.Other, StringComparer.Ordinal).ThenBy(p => p.Key.Kind, StringComparer.Ordinal)
            .Select(p => new LinkEdge(p.Key.Focal, p.Key.Other, p.Key.Kind, p.Value)));
        foreach (var ((account, shop), count) in orders.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Shop, StringComparer.Ordinal).Take(MaxLinked))
        {
            if (nodes.TrueForAll(n => n.Id != shop || n.Type != EntityTypes.Shop))
            {
                nodes.Add(new LinkNode(shop, EntityTypes.Shop));
            }

            edges.Add(new LinkEdge(account, shop, "ordered", count));
        }

        return new LinkGraphView(nodes, edges, common);
    }

    private static async IAsyncEnumerable<MarketEvent> ReadAsync(IEventStore events, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in events.ReadAllAsync(cancellationToken))
        {
            yield return EventParser.FromJson(stored.Utf8Json);
        }
    }
}
