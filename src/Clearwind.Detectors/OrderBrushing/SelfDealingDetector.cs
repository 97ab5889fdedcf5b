using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.OrderBrushing;

/// <summary>
/// <c>order_brushing.self_dealing</c> (自买自卖): a shop's orders placed by its owner, or by accounts tied to the owner by
/// shared identifiers (phone, device, payment account, delivery address, IP in registration, login or order history).
/// Each shared identifier is weighed by how rare it is: the detector counts the distinct accounts seen with every
/// identifier value, so a campus NAT address or a carrier gateway that many unrelated accounts use counts for little
/// or nothing. One finding per shop case: the shop is the actor, the tied buyers are related actors, and their orders
/// to the shop are the related orders judged fake.
/// </summary>
internal sealed class SelfDealingDetector : Detector
{
    public static readonly PatternId Id = new("order_brushing.self_dealing");

    private readonly ReviewsOnFakeOrders _reviews = new();

    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;

    private readonly SelfDealingOptions _options;
    private readonly long _settleTicks;
    private readonly long _retentionTicks;
    private readonly double[] _weights;

    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly IdentifierIndex<AccountId> _identifiers;
    private readonly ExpiringIndex<PlacedOrder> _unpaid = new(TimeSpan.FromDays(3)); // orders waiting for payment
    private readonly Dictionary<string, ShopCase> _cases = new(StringComparer.Ordinal);
    private readonly HashSet<ShopCase> _dirty = [];
    private long _nextHousekeeping = long.MinValue;

    public SelfDealingDetector(SelfDealingOptions options)
    {
        _options = options;
        _settleTicks = TimeSpan.FromHours(options.SettleHours).Ticks;
        _retentionTicks = TimeSpan.FromDays(options.RetentionDays).Ticks;
        _weights = [options.PhoneWeight, options.DeviceWeight, options.IpWeight, options.AddressWeight, options.PaymentWeight];
        _identifiers = new IdentifierIndex<AccountId>(options.MaxIdentifiersPerAccount, options.CommonAccounts);
    }

    public override PatternId Pattern => Id;

    private enum IdKind : byte
    {
        Phone,
        Device,
        Ip,
        Address,
        Payment,
    }

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(AccountRegistered), typeof(AccountLogin), typeof(OrderPlaced), typeof(OrderPaid), typeof(ReviewPosted));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is ReviewPosted posted)
        {
            _reviews.Observe(posted, context);
        }

        var ticks = e.Ts.UtcTicks;
        switch (e)
        {
            case ShopOpened shop when shop.Owner is not null:
                _owners[shop.Shop] = shop.Owner;
                break;
            case AccountRegistered reg:
                var registered = Account(reg.Account, ticks);
                Note(registered, IdKind.Phone, reg.Phone, e.Id, ticks);
                Note(registered, IdKind.Device, reg.Device, e.Id, ticks);
                Note(registered, IdKind.Ip, reg.Ip, e.Id, ticks);
                break;
            case AccountLogin login:
                var loggedIn = Account(login.Account, ticks);
                Note(loggedIn, IdKind.Ip, login.Ip, e.Id, ticks);
                Note(loggedIn, IdKind.Device, login.Device, e.Id, ticks);
                break;
            case OrderPlaced order:
                var buyer = Account(order.Buyer, ticks);
                Note(buyer, IdKind.Ip, order.Ip, e.Id, ticks);
                Note(buyer, IdKind.Device, order.Device, e.Id, ticks);
                Note(buyer, IdKind.Address, order.Address, e.Id, ticks);
                Note(buyer, IdKind.Phone, order.Phone, e.Id, ticks);
                var placed = new PlacedOrder(order.Order, order.Buyer, order.Shop, e.Id, ticks);
                _unpaid.TryAdd(order.Order, placed, ticks);
                Consider(placed);
                break;
            case OrderPaid paid when _unpaid.Remove(paid.Order, out var known):
                Note(Account(known.Buyer, ticks), IdKind.Payment, paid.PaymentAccount, e.Id, ticks);
                Consider(known);
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        _reviews.Forget(context.Now.UtcTicks);
        var now = context.Now.UtcTicks;
        Judge(now, context, all: false);
        if (now >= _nextHousekeeping)
        {
            Forget(now);
            _nextHousekeeping = now + HousekeepingTicks;
        }
    }

    public override void Complete(DetectionContext context) => Judge(context.Now.UtcTicks, context, all: true);

    private IdentifierIndex<AccountId>.Identifiers Account(string account, long ticks) => _identifiers.Account(account, ticks);

    private void Note(IdentifierIndex<AccountId>.Identifiers ids, IdKind kind, string? value, string eventId, long ticks)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _identifiers.Note(ids, IdentifierHash.Of((int)kind, value), new AccountId(kind, eventId), ticks);
        }
    }

    private void Consider(PlacedOrder order)
    {
        if (!_owners.TryGetValue(order.Shop, out var owner))
        {
            return;
        }

        if (order.Buyer != owner && Link(order.Buyer, owner, null) <= 0)
        {
            return;
        }

        if (!_cases.TryGetValue(order.Shop, out var shopCase))
        {
            _cases[order.Shop] = shopCase = new ShopCase(order.Shop);
        }

        if (shopCase.Add(order))
        {
            _dirty.Add(shopCase);
        }
    }

    /// <summary>Link strength of <paramref name="buyer"/> to <paramref name="owner"/>: <c>1 − Π(1 − weight × rarity)</c> over shared identifiers.</summary>
    private double Link(string buyer, string owner, List<SharedId>? shared)
    {
        if (!_identifiers.TryGetAccount(buyer, out var mine) || !_identifiers.TryGetAccount(owner, out var theirs))
        {
            return 0;
        }

        var (small, large) = mine.Count <= theirs.Count ? (mine, theirs) : (theirs, mine);
        var missing = 1.0;
        foreach (var (key, first) in small.Entries)
        {
            if (!large.TryGetValue(key, out var other) || !_identifiers.TryGetAccounts(key, out var accounts) || accounts == IdentifierIndex<AccountId>.Common)
            {
                continue;
            }

            var rarity = Math.Min(1.0, (double)_options.RareAccounts / Math.Max(1, accounts - 1));
            var weight = _weights[(int)first.Kind] * rarity;
            if (weight <= 0)
            {
                continue;
            }

            missing *= 1 - weight;
            var (buyerEvent, ownerEvent) = ReferenceEquals(small, mine) ? (first.EventId, other.EventId) : (other.EventId, first.EventId);
            shared?.Add(new SharedId(first.Kind, accounts, weight, buyerEvent, ownerEvent));
        }

        return 1 - missing;
    }

    private void Judge(long now, DetectionContext context, bool all)
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        List<ShopCase>? ready = null;
        foreach (var shopCase in _dirty)
        {
            if (all || shopCase.LastOrderTicks + _settleTicks <= now)
            {
                (ready ??= []).Add(shopCase);
            }
        }

        if (ready is null)
        {
            return;
        }

        foreach (var shopCase in ready.OrderBy(c => c.Shop, StringComparer.Ordinal))
        {
            _dirty.Remove(shopCase);
            if (ToFinding(shopCase) is { } finding)
            {
                _reviews.Report(finding, context);
            }
        }
    }

    private void Forget(long now)
    {
        var before = now - _retentionTicks;
        _unpaid.Expire(now);

        _identifiers.Forget(before);

        foreach (var (shop, shopCase) in _cases)
        {
            if (shopCase.LastOrderTicks < before && !_dirty.Contains(shopCase))
            {
                _cases.Remove(shop);
            }
        }
    }

    private Finding? ToFinding(ShopCase shopCase)
    {
        if (!_owners.TryGetValue(shopCase.Shop, out var owner))
        {
            return null;
        }

        var tied = new List<(string Buyer, BuyerOrders Orders, double Link, List<SharedId> Shared)>();
        foreach (var (buyer, orders) in shopCase.Buyers)
        {
            if (orders.OrderIds.Count < _options.MinOrders)
            {
                continue;
            }

            var shared = new List<SharedId>();
            var link = buyer == owner ? 1.0 : Link(buyer, owner, shared);
            if (link >= _options.MinLink)
            {
                tied.Add((buyer, orders, link, shared));
            }
        }

        if (tied.Count == 0)
        {
            return null;
        }

        tied.Sort((a, b) => StringComparer.Ordinal.Compare(a.Buyer, b.Buyer));
        var firstTicks = tied.Min(t => t.Orders.FirstTicks);
        shopCase.ReportedFromTicks ??= firstTicks;
        var from = new DateTimeOffset(Math.Min(firstTicks, shopCase.ReportedFromTicks.Value), TimeSpan.Zero);
        var to = new DateTimeOffset(tied.Max(t => t.Orders.LastTicks), TimeSpan.Zero);
        var totalOrders = tied.Sum(t => t.Orders.OrderIds.Count);
        var maxLink = tied.Max(t => t.Link);
        var entity = new EntityRef(EntityTypes.Shop, shopCase.Shop);

        // The tie's strength, discounted when there are only a few orders: two orders on a link of 0.5 (one rare shared
        // IP or address) score 0.375 and go to review; the owner buying four times scores about 0.83.
        var score = maxLink * (1 - (1.0 / (totalOrders + 2)));
        var severity = maxLink >= 0.9 && totalOrders >= 4 ? Severity.High : Severity.Medium;

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{totalOrders} order(s) between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} came from {tied.Count} buyer(s) who are, or are tied to, the shop's owner {owner}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间有 {totalOrders} 笔订单来自 {tied.Count} 个买家，这些买家就是店主 {owner} 本人或与其存在关联（自买自卖）。"),
                Cap(tied.SelectMany(t => t.Orders.EventIds)),
                new Dictionary<string, double>
                {
                    ["orders"] = totalOrders,
                    ["buyers"] = tied.Count,
                    ["max_link"] = Math.Round(maxLink, 4),
                    ["min_link"] = _options.MinLink,
                    ["min_orders"] = _options.MinOrders,
                }),
        };
        foreach (var (buyer, orders, link, shared) in tied)
        {
            evidence.Add(BuyerEvidence(buyer, owner, orders, link, shared));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, new DateTimeOffset(shopCase.ReportedFromTicks.Value, TimeSpan.Zero)),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related =
            [
                .. tied.Select(t => new RelatedEntity(EntityTypes.Account, t.Buyer, EntityRole.Actor)),
                .. tied.SelectMany(t => t.Orders.OrderIds).Select(o => new RelatedEntity(EntityTypes.Order, o, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"buyer is the shop's owner, or shares identifiers with the owner with link 1 − Π(1 − weight × min(1, {_options.RareAccounts} ÷ (accounts − 1))) ≥ {_options.MinLink:0.##} (identifiers seen on {_options.CommonAccounts}+ accounts ignored), with {_options.MinOrders}+ orders to the shop"),
        };
    }

    private Evidence BuyerEvidence(string buyer, string owner, BuyerOrders orders, double link, List<SharedId> shared)
    {
        var figures = new Dictionary<string, double>
        {
            ["orders"] = orders.OrderIds.Count,
            ["link"] = Math.Round(link, 4),
        };
        if (buyer == owner)
        {
            return new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Buyer {buyer} is the shop's owner and placed {orders.OrderIds.Count} order(s) with the shop."),
                string.Create(CultureInfo.InvariantCulture, $"买家 {buyer} 就是店主本人，在本店下了 {orders.OrderIds.Count} 笔订单。"),
                Cap(orders.EventIds),
                figures);
        }

        var parts = new List<string>();
        var events = new List<string>();
        foreach (var id in shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Kind))
        {
            var name = Name(id.Kind);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} (seen on {id.Accounts} account(s), weight {id.Weight:0.##})"));
            figures[FigureName(id.Kind)] = id.Accounts;
            events.Add(id.OwnerEvent);
            events.Add(id.BuyerEvent);
        }

        events.AddRange(orders.EventIds);
        return new Evidence(
            string.Create(CultureInfo.InvariantCulture,
                $"Buyer {buyer} shares {string.Join(", ", parts)} with the shop's owner {owner} (link {link:0.##}) and placed {orders.OrderIds.Count} order(s) with the shop."),
            string.Create(CultureInfo.InvariantCulture,
                $"买家 {buyer} 与店主 {owner} 共用{string.Join("、", shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Kind).Select(id => string.Create(CultureInfo.InvariantCulture, $"{NameZh(id.Kind)}（{id.Accounts} 个账号使用过，权重 {id.Weight:0.##}）")))}（关联度 {link:0.##}），并在本店下了 {orders.OrderIds.Count} 笔订单。"),
            Cap(events.Distinct(StringComparer.Ordinal)),
            figures);
    }

    private static string Name(IdKind kind) => kind switch
    {
        IdKind.Phone => "phone",
        IdKind.Device => "device",
        IdKind.Ip => "IP",
        IdKind.Address => "delivery address",
        _ => "payment account",
    };

    private static string NameZh(IdKind kind) => kind switch
    {
        IdKind.Phone => "手机号",
        IdKind.Device => "设备",
        IdKind.Ip => "IP 地址",
        IdKind.Address => "收货地址",
        _ => "支付账号",
    };

    private static string FigureName(IdKind kind) => kind switch
    {
        IdKind.Phone => "phone_accounts",
        IdKind.Device => "device_accounts",
        IdKind.Ip => "ip_accounts",
        IdKind.Address => "address_accounts",
        _ => "payment_account_accounts",
    };

    private List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];

    /// <summary>One identifier on an account: its kind (for the evidence) and the first event that showed it.</summary>
    private readonly record struct AccountId(IdKind Kind, string EventId);

    private readonly record struct SharedId(IdKind Kind, int Accounts, double Weight, string BuyerEvent, string OwnerEvent);

    private readonly record struct PlacedOrder(string Order, string Buyer, string Shop, string EventId, long Ticks);

    private sealed class BuyerOrders
    {
        public List<string> OrderIds { get; } = [];

        public List<string> EventIds { get; } = [];

        public long FirstTicks { get; set; } = long.MaxValue;

        public long LastTicks { get; set; }
    }

    /// <summary>One shop's orders from buyers with any tie to its owner.</summary>
    private sealed class ShopCase(string shop)
    {
        private readonly HashSet<string> _orders = new(StringComparer.Ordinal);

        public string Shop { get; } = shop;

        public Dictionary<string, BuyerOrders> Buyers { get; } = new(StringComparer.Ordinal);

        public long LastOrderTicks { get; private set; }

        public long? ReportedFromTicks { get; set; }

        public bool Add(PlacedOrder order)
        {
            if (!_orders.Add(order.Order))
            {
                return false;
            }

            if (!Buyers.TryGetValue(order.Buyer, out var orders))
            {
                Buyers[order.Buyer] = orders = new BuyerOrders();
            }

            orders.OrderIds.Add(order.Order);
            orders.EventIds.Add(order.EventId);
            orders.FirstTicks = Math.Min(orders.FirstTicks, order.Ticks);
            orders.LastTicks = Math.Max(orders.LastTicks, order.Ticks);
            LastOrderTicks = Math.Max(LastOrderTicks, order.Ticks);
            return true;
        }
    }
}
