using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.Attacks;

/// <summary>
/// <c>attack.malicious_orders</c> (恶意拍下): bursts of orders on a shop that are never paid, from accounts that look
/// like attackers. Each order is judged when its outcome arrives (paid, or cancelled before payment); a shop's unpaid
/// orders form episodes, and an episode that passes the thresholds gives one finding: the shop is the victim, the
/// suspect accounts are related actors and their unpaid orders are the related orders.
/// </summary>
internal sealed class MaliciousOrdersDetector : Detector
{
    public static readonly PatternId Id = new("attack.malicious_orders");

    private readonly MaliciousOrdersOptions _options;
    private readonly long _gapTicks;
    private readonly long _newTicks;
    private readonly long _coordinationTicks;

    private readonly ExpiringIndex<Pending> _pending;
    private readonly Dictionary<string, long> _registered = new(StringComparer.Ordinal);
    private readonly Queue<(string Account, long At)> _registeredOrder = new();
    private readonly Dictionary<string, List<(string Shop, long At)>> _unpaidByAccount = new(StringComparer.Ordinal);
    private readonly Queue<(string Account, long At)> _unpaidOrder = new();
    private readonly Dictionary<string, Episode> _episodes = new(StringComparer.Ordinal);

    // Shops with a burst of unpaid orders lately (min_orders or more in an episode), and when: an account's unpaid
    // order elsewhere counts as coordination only when that shop was under attack too, not when a shopper abandoned
    // a second cart.
    private readonly Dictionary<string, long> _burstShops = new(StringComparer.Ordinal);

    // Shop owners and the devices, phones, IPs and addresses they use (bounded by the number of shops): an attacking
    // account that is a shop's owner, or orders from its owner's device or phone, or from an IP or address few other
    // accounts use, names that shop as an actor too (a rival's own accounts).
    private readonly Dictionary<string, string> _ownedShop = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ownerIdentifiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>?> _ownerPlaceAccounts = new(StringComparer.Ordinal);

    public MaliciousOrdersDetector(MaliciousOrdersOptions options)
    {
        _options = options;
        _gapTicks = TimeSpan.FromSeconds(options.GapSeconds).Ticks;
        _newTicks = TimeSpan.FromDays(options.NewAccountDays).Ticks;
        _coordinationTicks = TimeSpan.FromSeconds(options.CoordinationSeconds).Ticks;
        _pending = new ExpiringIndex<Pending>(TimeSpan.FromSeconds(options.PendingSeconds));
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(AccountRegistered), typeof(AccountLogin), typeof(OrderPlaced), typeof(OrderPaid), typeof(OrderCancelled));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        var now = e.Ts.UtcTicks;
        switch (e)
        {
            case AccountRegistered registered:
                _registered[registered.Account] = now;
                _registeredOrder.Enqueue((registered.Account, now));
                NoteOwner(registered.Account, registered.Device, registered.Phone, registered.Ip, null);
                break;
            case AccountLogin login:
                NoteOwner(login.Account, login.Device, null, login.Ip, null);
                break;
            case ShopOpened opened when opened.Owner is { Length: > 0 } owner:
                _ownedShop[owner] = opened.Shop;
                break;
            case OrderPlaced placed:
                NoteOwner(placed.Buyer, placed.Device, placed.Phone, placed.Ip, placed.Address);
                _pending.TryAdd(placed.Order, new Pending(placed.Order, placed.Buyer, placed.Shop, now, placed.Id, placed.Device, placed.Phone, placed.Address, placed.Ip), now);
                break;
            case OrderPaid paid:
                if (_pending.Remove(paid.Order, out var settled) && _episodes.TryGetValue(settled.Shop, out var open))
                {
                    open.Paid++;
                }

                break;
            case OrderCancelled cancelled when cancelled.Reason is null or "unpaid_timeout" or "buyer":
                if (_pending.Remove(cancelled.Order, out var unpaid))
                {
                    AddUnpaid(unpaid, now, cancelled.Id, context);
                }

                break;
            case OrderCancelled cancelled:
                _pending.Remove(cancelled.Order, out _); // Cancelled by the seller or the platform: not the buyer's doing.
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        Expire(now);
        List<Episode>? closed = null;
        foreach (var episode in _episodes.Values)
        {
            if (now - episode.LastTicks > _gapTicks)
            {
                (closed ??= []).Add(episode);
            }
        }

        foreach (var episode in closed ?? [])
        {
            _episodes.Remove(episode.Shop);
            Judge(episode, context);
        }
    }

    public override void Complete(DetectionContext context)
    {
        foreach (var episode in _episodes.Values.ToList())
        {
            Judge(episode, context);
        }

        _episodes.Clear();
        _pending.Clear();
        _registered.Clear();
        _registeredOrder.Clear();
        _unpaidByAccount.Clear();
        _unpaidOrder.Clear();
        _ownedShop.Clear();
        _ownerIdentifiers.Clear();
        _ownerPlaceAccounts.Clear();
        _burstShops.Clear();
    }

    private void NoteOwner(string account, string? device, string? phone, string? ip, string? address)
    {
        CountPlace(account, 'i', ip);
        CountPlace(account, 'a', address);
        if (!_ownedShop.TryGetValue(account, out var shop))
        {
            return;
        }

        if (ip is { Length: > 0 })
        {
            OwnPlace(account, shop, "i:" + ip);
        }

        if (address is { Length: > 0 })
        {
            OwnPlace(account, shop, "a:" + address);
        }

        if (device is { Length: > 0 })
        {
            _ownerIdentifiers["d:" + device] = shop;
        }

        if (phone is { Length: > 0 })
        {
            _ownerIdentifiers["p:" + phone] = shop;
        }
    }

    // An owner's IP or address starts a count of the accounts seen with it, up to common_accounts.
    private void OwnPlace(string owner, string shop, string key)
    {
        _ownerIdentifiers[key] = shop;
        if (!_ownerPlaceAccounts.ContainsKey(key))
        {
            _ownerPlaceAccounts[key] = new HashSet<string>(StringComparer.Ordinal) { owner };
        }
    }

    /// <summary>Counts the account at the place <c>"{kind}:{value}"</c>, looked up without building the key.</summary>
    private void CountPlace(string account, char kind, string? value)
    {
        if (string.IsNullOrEmpty(value) || _ownerPlaceAccounts.Count == 0)
        {
            return;
        }

        var length = value.Length + 2;
        var rented = length <= 256 ? null : new char[length];
        var key = rented is null ? stackalloc char[length] : rented;
        key[0] = kind;
        key[1] = ':';
        value.CopyTo(key[2..]);
        if (_ownerPlaceAccounts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var known, out var accounts)
            && accounts is not null && accounts.Add(account) && accounts.Count >= _options.CommonAccounts)
        {
            _ownerPlaceAccounts[known] = null; // A NAT or a shared office: no longer a link to the owner.
        }
    }

    // The owner's device or phone links in full; an IP or address only while few accounts have used it.
    private bool LinksToOwner(string key, out string shop)
    {
        if (!_ownerIdentifiers.TryGetValue(key, out shop!))
        {
            return false;
        }

        return !_ownerPlaceAccounts.TryGetValue(key, out var accounts) || (accounts is not null && accounts.Count <= _options.RareAccounts);
    }

    private void AddUnpaid(Pending order, long now, string eventId, DetectionContext context)
    {
        if (_episodes.TryGetValue(order.Shop, out var episode) && now - episode.LastTicks > _gapTicks)
        {
            _episodes.Remove(order.Shop);
            Judge(episode, context);
            episode = null;
        }

        if (episode is null)
        {
            _episodes[order.Shop] = episode = new Episode(order.Shop, now);
        }

        episode.Unpaid.Add(new Unpaid(order, eventId, now));
        episode.LastTicks = now;
        if (episode.Unpaid.Count >= _options.MinOrders)
        {
            _burstShops[order.Shop] = now;
        }
        if (!_unpaidByAccount.TryGetValue(order.Buyer, out var shops))
        {
            _unpaidByAccount[order.Buyer] = shops = [];
        }

        shops.Add((order.Shop, now));
        _unpaidOrder.Enqueue((order.Buyer, now));
    }

    private void Expire(long now)
    {
        _pending.Expire(now);

        while (_registeredOrder.TryPeek(out var r) && now - r.At > _newTicks)
        {
            _registeredOrder.Dequeue();
            if (_registered.TryGetValue(r.Account, out var at) && at == r.At)
            {
                _registered.Remove(r.Account);
            }
        }

        foreach (var (shop, at) in _burstShops)
        {
            if (now - at > (2 * _coordinationTicks) + _gapTicks)
            {
                _burstShops.Remove(shop);
            }
        }

        // Unpaid orders are kept twice the coordination window: an episode is judged up to a gap after its last order.
        while (_unpaidOrder.TryPeek(out var u) && now - u.At > 2 * _coordinationTicks + _gapTicks)
        {
            _unpaidOrder.Dequeue();
            if (_unpaidByAccount.TryGetValue(u.Account, out var list))
            {
                list.RemoveAll(x => x.At <= u.At);
                if (list.Count == 0)
                {
                    _unpaidByAccount.Remove(u.Account);
                }
            }
        }
    }

    private void Judge(Episode episode, DetectionContext context)
    {
        var orders = episode.Unpaid;
        var byBuyer = orders.GroupBy(o => o.Order.Buyer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var share = (double)orders.Count / (orders.Count + episode.Paid);
        if (orders.Count < _options.MinOrders || byBuyer.Count < _options.MinAccounts || share < _options.MinUnpaidShare)
        {
            return;
        }

        // Identifiers shared by two or more of the episode's accounts link them (keyed values, compared for equality).
        var holders = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var o in orders)
        {
            foreach (var key in Identifiers(o.Order))
            {
                if (!holders.TryGetValue(key, out var set))
                {
                    holders[key] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(o.Order.Buyer);
            }
        }

        var reasons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (buyer, own) in byBuyer)
        {
            var why = new List<string>();
            var first = own.Min(o => o.Order.PlacedTicks);
            if (_registered.TryGetValue(buyer, out var registered) && first - registered <= _newTicks)
            {
                why.Add("new");
            }

            if (own.SelectMany(o => Identifiers(o.Order)).Any(k => holders[k].Count > 1))
            {
                why.Add("linked");
            }

            _unpaidByAccount.TryGetValue(buyer, out var history);
            if (own.Count >= 2 || (history ?? []).Count(x => x.Shop == episode.Shop && Math.Abs(x.At - first) <= _coordinationTicks) >= 2)
            {
                why.Add("repeat");
            }

            if ((history ?? []).Any(x => x.Shop != episode.Shop && Math.Abs(x.At - first) <= _coordinationTicks && _burstShops.ContainsKey(x.Shop)))
            {
                why.Add("other_shops");
            }

            if (why.Count > 0)
            {
                reasons[buyer] = why;
            }
        }

        // Many honest buyers are new, and some of them fail to pay: a new account alone shows the burst is odd, but
        // only behaviour (links, repeats, other shops hit) names an account as an attacker.
        reasons = reasons.Where(r => r.Value.Any(w => w != "new")).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        if (reasons.Count < _options.MinSuspectAccounts)
        {
            return;
        }

        context.Report(ToFinding(episode, byBuyer, reasons, share));
    }

    private static IEnumerable<string> Identifiers(Pending order)
    {
        if (order.Device is { Length: > 0 } device)
        {
            yield return "d:" + device;
        }

        if (order.Phone is { Length: > 0 } phone)
        {
            yield return "p:" + phone;
        }

        if (order.Address is { Length: > 0 } address)
        {
            yield return "a:" + address;
        }
    }

    private Finding ToFinding(Episode episode, Dictionary<string, List<Unpaid>> byBuyer, Dictionary<string, List<string>> reasons, double share)
    {
        var shop = new EntityRef(EntityTypes.Shop, episode.Shop);
        var suspects = reasons.Keys.Order(StringComparer.Ordinal).ToList();
        var judged = suspects.SelectMany(b => byBuyer[b]).OrderBy(o => o.Order.PlacedTicks).ToList();
        var from = new DateTimeOffset(episode.Unpaid.Min(o => o.Order.PlacedTicks), TimeSpan.Zero);
        var to = new DateTimeOffset(episode.LastTicks, TimeSpan.Zero);
        var unpaid = episode.Unpaid.Count;
        var rivals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var buyer in suspects)
        {
            if (_ownedShop.TryGetValue(buyer, out var owned))
            {
                rivals.Add(owned);
            }

            foreach (var key in byBuyer[buyer].SelectMany(o => Identifiers(o.Order).Append("i:" + o.Order.Ip)))
            {
                if (LinksToOwner(key, out var linkedShop))
                {
                    rivals.Add(linkedShop);
                }
            }
        }

        rivals.Remove(episode.Shop);

        // Confidence grows with the size of the burst and with how many of its accounts look like attackers.
        var suspectShare = (double)suspects.Count / byBuyer.Count;
        var size = Math.Min(1, (double)judged.Count / (4.0 * _options.MinOrders));
        var score = Math.Clamp(0.45 + (0.25 * suspectShare) + (0.15 * size) + (0.15 * share), 0, 1);
        var severity = judged.Count >= 4 * _options.MinOrders ? Severity.High : Severity.Medium;

        int Count(string reason) => reasons.Values.Count(r => r.Contains(reason));
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} {unpaid} orders from {byBuyer.Count} account(s) were never paid ({100 * share:0}% of the {unpaid + episode.Paid} orders settled meanwhile); {suspects.Count} of the accounts look like attackers."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{byBuyer.Count} 个账号拍下的 {unpaid} 笔订单始终未付款（占同期已结束的 {unpaid + episode.Paid} 笔订单的 {100 * share:0}%）；其中 {suspects.Count} 个账号疑似恶意拍下。"),
                Cap(episode.Unpaid.SelectMany(o => new[] { o.Order.EventId, o.CancelEventId })),
                new Dictionary<string, double>
                {
                    ["unpaid_orders"] = unpaid,
                    ["paid_orders"] = episode.Paid,
                    ["unpaid_share"] = Math.Round(share, 4),
                    ["accounts"] = byBuyer.Count,
                    ["suspect_accounts"] = suspects.Count,
                    ["new_accounts"] = Count("new"),
                    ["linked_accounts"] = Count("linked"),
                    ["repeat_accounts"] = Count("repeat"),
                    ["accounts_on_other_shops"] = Count("other_shops"),
                    ["shops_of_attackers"] = rivals.Count,
                }),
        };
        foreach (var buyer in suspects.Take(20))
        {
            var own = byBuyer[buyer];
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Account {buyer} left {own.Count} order(s) unpaid ({string.Join(", ", reasons[buyer])})."),
                string.Create(CultureInfo.InvariantCulture, $"账号 {buyer} 拍下 {own.Count} 笔订单未付款（{string.Join("、", reasons[buyer].Select(r => r switch { "new" => "新注册账号", "linked" => "与其他拍下账号共用设备、手机号或地址", "repeat" => "多次拍下不付款", "other_shops" => "同期也在其他店铺拍下不付款", _ => r }))}）。"),
                Cap(own.Select(o => o.Order.EventId)),
                new Dictionary<string, double> { ["unpaid_orders"] = own.Count }));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, shop, from),
            Pattern = Id.Value,
            Entity = shop,
            Role = EntityRole.Victim,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related =
            [
                .. suspects.Select(b => new RelatedEntity(EntityTypes.Account, b, EntityRole.Actor)),
                .. rivals.Select(r => new RelatedEntity(EntityTypes.Shop, r, EntityRole.Actor)),
                .. judged.Select(o => new RelatedEntity(EntityTypes.Order, o.Order.Order, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"≥ {_options.MinOrders} unpaid orders from ≥ {_options.MinAccounts} accounts, at most {_options.GapSeconds / 60.0:0.##} minutes apart, ≥ {100 * _options.MinUnpaidShare:0}% of the shop's settled orders, ≥ {_options.MinSuspectAccounts} accounts new, linked, repeating or hitting other shops"),
        };
    }

    private List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];


    private sealed record Pending(string Order, string Buyer, string Shop, long PlacedTicks, string EventId, string? Device, string? Phone, string? Address, string? Ip);

    private sealed record Unpaid(Pending Order, string CancelEventId, long SettledTicks);

    private sealed class Episode(string shop, long first)
    {
        public string Shop { get; } = shop;

        public long FirstTicks { get; } = first;

        public long LastTicks { get; set; } = first;

        public int Paid { get; set; }

        public List<Unpaid> Unpaid { get; } = [];
    }
}
