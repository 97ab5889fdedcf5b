using Clearwind.Appeals;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Storage;

namespace Clearwind.Service.Cases;

/// <summary>What the platform knows about one order: enough to pre-fill an appeal and to check a delivery proof.</summary>
public sealed record OrderFacts(string Order, string Buyer, string Shop, string? Listing, DateTimeOffset PlacedAt)
{
    public string? Carrier { get; set; }

    public string? Tracking { get; set; }

    public double? WeightG { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>
/// Facts gathered from the stored events for one case, on demand (appeals are rare; the live pipeline keeps no such
/// index): the orders a finding names, how often their tracking numbers were used, the chats between the shop and those
/// buyers, the shop's declared campaigns, and profiles of the parties and of candidate jurors for the conflict check.
/// Identifiers are already keyed (HMAC at ingest); one used by many accounts (a campus NAT, a carrier gateway) is dropped
/// from profiles, because it links strangers rather than people.
/// </summary>
public sealed class CaseFacts
{
    /// <summary>An identifier seen on more accounts than this links strangers, not parties, and is left out of profiles.</summary>
    public const int CommonIdentifierAccounts = 20;

    /// <summary>Orders within this many days before the case count as recent dealings between a juror and a party.</summary>
    public const int RecentOrderDays = 180;

    private readonly Dictionary<string, string?> _shopOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _shopCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _shopCategories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _identifiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _counterparties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _identifierAccounts = new(StringComparer.Ordinal);

    private CaseFacts()
    {
    }

    /// <summary>The orders asked about, by id (only those the store knows).</summary>
    public Dictionary<string, OrderFacts> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>How many orders in the whole store shipped with each tracking number of the orders asked about.</summary>
    public Dictionary<string, int> TrackingUses { get; } = new(StringComparer.Ordinal);

    /// <summary>Chat message ids between the shop's owner and the buyers of the orders asked about.</summary>
    public List<string> Chats { get; } = [];

    /// <summary>Campaigns the shops asked about declared, as <c>clearwind</c> reads them.</summary>
    public List<DeclaredCampaign> Campaigns { get; } = [];

    /// <summary>
    /// Reads the store once (twice when profiles are asked for) and keeps what concerns <paramref name="orders"/>,
    /// <paramref name="shops"/> and the <paramref name="accounts"/> to profile.
    /// </summary>
    public static async Task<CaseFacts> GatherAsync(IEventStore events, IReadOnlySet<string> orders, IReadOnlySet<string> shops, IReadOnlySet<string> accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var facts = new CaseFacts();
        var trackingOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var buyers = new HashSet<string>(StringComparer.Ordinal);
        var chats = new List<ChatMessage>();
        var recentFrom = now.AddDays(-RecentOrderDays);
        await foreach (var stored in events.ReadAllAsync(cancellationToken))
        {
            switch (EventParser.FromJson(stored.Utf8Json))
            {
                case ShopOpened s:
                    facts._shopOwner[s.Shop] = s.Owner;
                    facts._shopCompany[s.Shop] = s.Company;
                    break;
                case ListingEvent l when l.Shop is not null && l.Category is not null:
                    Add(facts._shopCategories, l.Shop, l.Category);
                    break;
                case OrderPlaced o:
                    if (orders.Contains(o.Order))
                    {
                        facts.Orders[o.Order] = new OrderFacts(o.Order, o.Buyer, o.Shop, o.Listing, o.Ts);
                        buyers.Add(o.Buyer);
                    }

                    if (o.Ts >= recentFrom)
                    {
                        if (accounts.Contains(o.Buyer))
                        {
                            Add(facts._counterparties, o.Buyer, o.Shop);
                        }

                        if (facts._shopOwner.GetValueOrDefault(o.Shop) is { } owner && accounts.Contains(owner))
                        {
                            Add(facts._counterparties, owner, o.Buyer);
                        }
                    }

                    break;
                case OrderShipped s:
                    if (s.Tracking is { Length: > 0 } tracking)
                    {
                        trackingOf[tracking] = trackingOf.GetValueOrDefault(tracking) + 1;
                    }

                    if (facts.Orders.TryGetValue(s.Order, out var shipped))
                    {
                        (shipped.Carrier, shipped.Tracking, shipped.WeightG, shipped.ShippedAt) = (s.Carrier, s.Tracking, s.WeightG, s.Ts);
                    }

                    break;
                case OrderDelivered d when facts.Orders.TryGetValue(d.Order, out var delivered):
                    delivered.DeliveredAt = d.Ts;
                    break;
                case OrderConfirmed c when facts.Orders.TryGetValue(c.Order, out var confirmed):
                    confirmed.ConfirmedAt = c.Ts;
                    break;
                case ChatMessage m:
                    chats.Add(m);
                    break;
                case CampaignDeclared c when shops.Contains(c.Shop):
                    facts.Campaigns.Add(DeclaredCampaign.Of(c));
                    break;
            }
        }

        foreach (var order in facts.Orders.Values)
        {
            if (order.Tracking is { } tracking)
            {
                facts.TrackingUses[tracking] = trackingOf.GetValueOrDefault(tracking);
            }
        }

        var owners = shops.Select(s => facts._shopOwner.GetValueOrDefault(s)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        facts.Chats.AddRange(chats
            .Where(m => (owners.Contains(m.From) && buyers.Contains(m.To)) || (owners.Contains(m.To) && buyers.Contains(m.From)))
            .Select(m => m.Message));

        if (accounts.Count > 0)
        {
            // The shops' owners are parties too; they are known only now, so identifiers take a second pass, and how many
            // accounts share each identifier a third.
            var profiled = new HashSet<string>(accounts, StringComparer.Ordinal);
            profiled.UnionWith(owners);
            await facts.NoteIdentifiersAsync(events, profiled, cancellationToken);
            await facts.CountIdentifierUseAsync(events, cancellationToken);
        }

        return facts;
    }

    /// <summary>The owner account of a shop, when the store saw it open.</summary>
    public string? OwnerOf(string shop) => _shopOwner.GetValueOrDefault(shop);

    /// <summary>A juror candidate's profile: rare identifiers, own shops and their categories, company, recent counterparties.</summary>
    public JurorProfile Profile(string account)
    {
        var shops = _shopOwner.Where(p => p.Value == account).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return new JurorProfile(account)
        {
            Identifiers = RareIdentifiers(account),
            Shops = shops,
            Categories = shops.SelectMany(CategoriesOf).ToHashSet(StringComparer.Ordinal),
            Company = shops.Select(s => _shopCompany.GetValueOrDefault(s)).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)),
            Counterparties = _counterparties.GetValueOrDefault(account) ?? [],
        };
    }

    /// <summary>One side of a case: the shops, their owners and the other accounts named, with their rare identifiers, categories and companies.</summary>
    public CaseParties Parties(IEnumerable<string> shops, IEnumerable<string> accounts)
    {
        var shopSet = shops.ToHashSet(StringComparer.Ordinal);
        var accountSet = accounts.ToHashSet(StringComparer.Ordinal);
        accountSet.UnionWith(shopSet.Select(OwnerOf).OfType<string>());
        return new CaseParties
        {
            Shops = shopSet,
            Accounts = accountSet,
            Identifiers = accountSet.SelectMany(RareIdentifiers).ToHashSet(StringComparer.Ordinal),
            Categories = shopSet.SelectMany(CategoriesOf).ToHashSet(StringComparer.Ordinal),
            Companies = shopSet.Select(s => _shopCompany.GetValueOrDefault(s)).OfType<string>().Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal),
        };
    }

    private IEnumerable<string> CategoriesOf(string shop) => _shopCategories.GetValueOrDefault(shop) ?? [];

    private HashSet<string> RareIdentifiers(string account)
        => _identifiers.TryGetValue(account, out var ids)
            ? ids.Where(i => _identifierAccounts.GetValueOrDefault(i) <= CommonIdentifierAccounts).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>Notes the identifiers each profiled account used (registration, logins, orders, payments).</summary>
    private async Task NoteIdentifiersAsync(IEventStore events, HashSet<string> accounts, CancellationToken cancellationToken)
    {
        var buyerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var stored in events.ReadAllAsync(cancellationToken))
        {
            foreach (var (account, _, value) in EventIdentifiers.Of(EventParser.FromJson(stored.Utf8Json), buyerOf))
            {
                if (accounts.Contains(account))
                {
                    Add(_identifiers, account, value);
                }
            }
        }
    }

    /// <summary>Counts, for each identifier of a profiled account, how many accounts in the store used it.</summary>
    private async Task CountIdentifierUseAsync(IEventStore events, CancellationToken cancellationToken)
    {
        var wanted = _identifiers.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        var users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var buyerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var stored in events.ReadAllAsync(cancellationToken))
        {
            foreach (var (account, _, value) in EventIdentifiers.Of(EventParser.FromJson(stored.Utf8Json), buyerOf))
            {
                if (wanted.Contains(value))
                {
                    Add(users, value, account);
                }
            }
        }

        foreach (var (identifier, accounts) in users)
        {
            _identifierAccounts[identifier] = accounts.Count;
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> index, string key, string value)
    {
        if (!index.TryGetValue(key, out var set))
        {
            index[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }
}
