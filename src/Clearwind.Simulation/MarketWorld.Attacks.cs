using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Competitor attacks (SPEC §2.5, seed 004): malicious orders (恶意拍下) that hold a victim's stock and are never paid,
/// and ad clicks that drain a victim's budget (直通车攻击), both in the coordinated form of December 2013 (thousands of
/// small sellers in voice-chat rooms against the big shops, wave after wave) and by single competitors.
/// </content>
internal sealed partial class MarketWorld
{
    private const string MaliciousOrders = "attack.malicious_orders";
    private const string ClickFraud = "attack.click_fraud";

    private readonly List<AttackOrderSlot> _attackOrders = [];
    private readonly List<InvalidClickSlot> _invalidClicks = [];

    /// <summary>Malicious orders, by time.</summary>
    public IReadOnlyList<AttackOrderSlot> AttackOrders => _attackOrders;

    /// <summary>Invalid ad clicks, by time.</summary>
    public IReadOnlyList<InvalidClickSlot> InvalidClicks => _invalidClicks;

    partial void PlanAttacks()
    {
        PlanCoordinatedAttack();
        var orderAttacks = Options.Scaled(5);
        for (var k = 0; k < orderAttacks; k++)
        {
            PlanCompetitorOrderAttack();
        }

        var clickAttacks = Options.Scaled(6);
        for (var k = 0; k < clickAttacks; k++)
        {
            PlanClickFraud();
        }

        _attackOrders.Sort((a, b) => a.At.CompareTo(b.At));
        _invalidClicks.Sort((a, b) => a.At.CompareTo(b.At));
    }

    /// <summary>
    /// The December 2013 attack: on one or two evenings, small sellers (their own accounts, accounts linked to them and
    /// accounts opened for the occasion) answer the voice-room calls in waves, each wave placing unpaid orders on the hot
    /// listings of several big shops at once; some of them also click the big shops' ads on expensive keywords.
    /// </summary>
    private void PlanCoordinatedAttack()
    {
        const string scenario = "coordinated_attack";
        var victims = ClaimShops(Options.Scaled(8), scenario, 0.85, 1, s => s.Tier != "individual");
        if (victims.Count == 0)
        {
            victims = ClaimShops(Options.Scaled(8), scenario, 0.7, 1);
        }

        var sellers = ClaimShops(Options.Scaled(12), scenario, 0, 0.7);
        if (victims.Count == 0)
        {
            return;
        }

        var firstDay = Options.Days >= 3 ? _random.Between(1, Options.Days - 2) : Options.Days - 1;
        var evenings = Options.Days - firstDay >= 2 ? 2 : 1;
        var start = (firstDay * Day) + (19 * Hour);

        var attackers = new List<(AccountProfile Account, ShopProfile? Seller)>();
        foreach (var seller in sellers)
        {
            var own = _random.Chance(0.5);
            if (own)
            {
                attackers.Add((seller.Owner, seller));
            }

            var linked = _random.Between(own ? 0 : 1, 2);
            for (var i = 0; i < linked; i++)
            {
                var account = LinkedAccount(AccountKind.Attacker, seller.Owner, PickShared(_random.Between(1, 2)));
                account.RegisteredAt = _random.Chance(0.5) ? _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55)) : NewAccountBefore(start);
                attackers.Add((account, seller));
            }
        }

        // Accounts opened for the occasion in the hours before, a few of them several on one phone.
        var fresh = Math.Max(Options.Scaled(60) - attackers.Count, Options.Scaled(20));
        AccountProfile? previous = null;
        for (var i = 0; i < fresh; i++)
        {
            var account = previous is not null && _random.Chance(0.3)
                ? LinkedAccount(AccountKind.Attacker, previous, SharedIdentifiers.Device | (_random.Chance(0.5) ? SharedIdentifiers.Ip : SharedIdentifiers.None))
                : NewAccount(AccountKind.Attacker, 0, avatar: _random.Chance(0.6) ? DefaultAvatar : null);
            account.RegisteredAt = NewAccountBefore(start);
            attackers.Add((account, null));
            previous = account;
        }

        var clickers = attackers.Select(_ => _random.Chance(0.4)).ToArray();
        var ordered = new bool[attackers.Count];
        var clicked = new bool[attackers.Count];
        var hit = new bool[victims.Count];
        var drained = new bool[victims.Count];
        var keywords = victims.Select(v => HotListings(v).Select(l => (Listing: l, Keywords: ExpensiveKeywords(l))).ToArray()).ToArray();
        for (var evening = 0; evening < evenings; evening++)
        {
            var day = firstDay + evening;
            var perVictim = new Dictionary<(int Attacker, int Victim), int>();
            var waves = _random.Between(2, 4);
            for (var w = 0; w < waves; w++)
            {
                var waveStart = (day * Day) + (19 * Hour) + _random.NextTicks(TimeSpan.Zero, TimeSpan.FromHours(3.5));
                var length = _random.NextTicks(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40));
                for (var a = 0; a < attackers.Count; a++)
                {
                    if (!_random.Chance(0.6))
                    {
                        continue;
                    }

                    var (account, _) = attackers[a];
                    var targets = Enumerable.Range(0, victims.Count).OrderBy(_ => _random.Next()).Take(_random.Between(1, 3)).ToArray();
                    foreach (var v in targets)
                    {
                        // At most two orders a day from one account on one victim: many accounts, few orders each.
                        perVictim.TryGetValue((a, v), out var placed);
                        var orders = Math.Min(2 - placed, _random.Between(1, 2));
                        var t = waveStart + _random.NextTicks(TimeSpan.Zero, TimeSpan.FromTicks(length));
                        var listing = _random.Pick(keywords[v]).Listing;
                        for (var o = 0; o < orders; o++)
                        {
                            _attackOrders.Add(new AttackOrderSlot(account, listing, t, account.Ip, account.Device));
                            t += _random.NextTicks(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
                            ordered[a] = hit[v] = true;
                        }

                        perVictim[(a, v)] = placed + orders;
                    }

                    if (clickers[a])
                    {
                        var v = targets[0];
                        var t = waveStart + _random.NextTicks(TimeSpan.Zero, TimeSpan.FromTicks(length));
                        var clicks = _random.Between(2, 6);
                        for (var c = 0; c < clicks; c++)
                        {
                            var (listing, words) = _random.Pick(keywords[v]);
                            _invalidClicks.Add(new InvalidClickSlot(account, listing, t, account.Ip, account.Device, _random.Pick(words), _random.Chance(0.9)));
                            t += _random.NextTicks(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(3));
                        }

                        clicked[a] = drained[v] = true;
                    }
                }
            }
        }

        LabelAttackers(attackers, ordered, MaliciousOrders, scenario);
        LabelAttackers(attackers, clicked, ClickFraud, scenario);
        for (var v = 0; v < victims.Count; v++)
        {
            var victim = victims[v];
            if (hit[v])
            {
                Labels.Victim(MaliciousOrders, EntityTypes.Shop, () => victim.Id, scenario);
            }

            if (drained[v])
            {
                Labels.Victim(ClickFraud, EntityTypes.Shop, () => victim.Id, scenario);
            }
        }
    }

    /// <summary>
    /// A single rival's attack: a handful of fresh accounts, linked to the rival's owner or to one another, place
    /// unpaid orders on a bigger competitor's hot listings in one to three bursts. Without a rival in the marketplace
    /// the accounts are hired (职业) attackers, linked only among themselves.
    /// </summary>
    private void PlanCompetitorOrderAttack()
    {
        var victim = ClaimShops(1, "competitor_malicious_orders", 0.5, 1).FirstOrDefault();
        if (victim is null)
        {
            return;
        }

        var rival = _random.Chance(0.7)
            ? ClaimShops(1, "competitor_malicious_orders", 0, 0.9, s => s.MainCategory == victim.MainCategory).FirstOrDefault()
            : null;
        var scenario = rival is null ? "hired_malicious_orders" : "competitor_malicious_orders";
        var days = DistinctDays(_random.Between(1, 3)).Order().ToArray();
        var bursts = days.Select(TaskTime).ToArray();

        var accounts = new List<AccountProfile>();
        var count = _random.Between(3, 8);
        for (var i = 0; i < count; i++)
        {
            var account = rival is not null && (i == 0 || _random.Chance(0.5))
                ? LinkedAccount(AccountKind.Attacker, rival.Owner, PickShared(_random.Between(1, 2)))
                : i > 0 && _random.Chance(0.6)
                    ? LinkedAccount(AccountKind.Attacker, _random.Pick(accounts), PickShared(_random.Between(1, 2)))
                    : NewAccount(AccountKind.Attacker, 0, avatar: _random.Chance(0.5) ? DefaultAvatar : null);
            account.RegisteredAt = NewAccountBefore(bursts[0]);
            accounts.Add(account);
        }

        var hot = HotListings(victim);
        foreach (var burst in bursts)
        {
            var length = _random.NextTicks(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(90));
            foreach (var account in accounts)
            {
                var orders = _random.Between(1, 2);
                var t = burst + _random.NextTicks(TimeSpan.Zero, TimeSpan.FromTicks(length));
                for (var o = 0; o < orders; o++)
                {
                    _attackOrders.Add(new AttackOrderSlot(account, _random.Pick(hot), t, account.Ip, account.Device));
                    t += _random.NextTicks(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(20));
                }
            }
        }

        foreach (var account in accounts)
        {
            Labels.Entity(MaliciousOrders, EntityTypes.Account, () => account.Id, Actor, scenario);
        }

        if (rival is not null)
        {
            Labels.Entity(MaliciousOrders, EntityTypes.Shop, () => rival.Id, Actor, scenario);
        }

        Labels.Victim(MaliciousOrders, EntityTypes.Shop, () => victim.Id, scenario);
    }

    /// <summary>
    /// 直通车攻击: a few accounts on a few devices and network addresses click a competitor's ads on its expensive
    /// keywords, again and again, and leave at once. A rival's own accounts share its owner's devices and network; a
    /// click farm has no link to anyone.
    /// </summary>
    private void PlanClickFraud()
    {
        var victim = ClaimShops(1, "competitor_click_fraud", 0.4, 1).FirstOrDefault();
        if (victim is null)
        {
            return;
        }

        var rival = _random.Chance(0.6)
            ? ClaimShops(1, "competitor_click_fraud", 0, 0.9, s => s.MainCategory == victim.MainCategory).FirstOrDefault()
            : null;
        var scenario = rival is null ? "click_farm" : "competitor_click_fraud";
        var ips = new List<string>();
        var devices = new List<string>();
        var clickers = new List<AccountProfile>();
        if (rival is not null)
        {
            ips.Add(rival.Owner.Ip);
            devices.Add(rival.Owner.Device);
            if (_random.Chance(0.5))
            {
                clickers.Add(rival.Owner);
            }
        }

        var extraIps = _random.Between(1, 2);
        for (var i = 0; i < extraIps; i++)
        {
            ips.Add(RandomIp(null));
        }

        var extraDevices = _random.Between(1, 2);
        for (var i = 0; i < extraDevices; i++)
        {
            devices.Add("dv" + _random.NextHex16());
        }

        var fresh = Math.Max(1, _random.Between(2, 5) - clickers.Count);
        var created = new List<AccountProfile>();
        for (var i = 0; i < fresh; i++)
        {
            var account = NewAccount(AccountKind.ClickFraud, 0, ip: _random.Pick(ips), device: _random.Pick(devices),
                avatar: _random.Chance(0.5) ? DefaultAvatar : null);
            created.Add(account);
            clickers.Add(account);
        }

        var ads = HotListings(victim).Take(_random.Between(1, 2)).Select(l => (Listing: l, Keywords: ExpensiveKeywords(l))).ToArray();
        var first = long.MaxValue;
        foreach (var day in DistinctDays(_random.Between(2, 5)))
        {
            var rounds = _random.Between(3, 8);
            for (var r = 0; r < rounds; r++)
            {
                var t = TaskTime(day);
                var clicker = _random.Pick(clickers);
                var ip = _random.Pick(ips);
                var device = _random.Chance(0.7) ? clicker.Device : _random.Pick(devices);
                var clicks = _random.Between(2, 8);
                for (var c = 0; c < clicks; c++)
                {
                    var (listing, words) = _random.Pick(ads);
                    _invalidClicks.Add(new InvalidClickSlot(clicker, listing, t, ip, device, _random.Pick(words), _random.Chance(0.9)));
                    first = Math.Min(first, t);
                    t += _random.NextTicks(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(3));
                }
            }
        }

        foreach (var account in created)
        {
            account.RegisteredAt = RegisteredBefore(first);
        }

        foreach (var clicker in clickers)
        {
            Labels.Entity(ClickFraud, EntityTypes.Account, () => clicker.Id, Actor, scenario);
        }

        if (rival is not null)
        {
            Labels.Entity(ClickFraud, EntityTypes.Shop, () => rival.Id, Actor, scenario);
        }

        Labels.Victim(ClickFraud, EntityTypes.Shop, () => victim.Id, scenario);
    }

    private void LabelAttackers(List<(AccountProfile Account, ShopProfile? Seller)> attackers, bool[] acted, string pattern, string scenario)
    {
        var sellers = new List<ShopProfile>();
        for (var a = 0; a < attackers.Count; a++)
        {
            var (account, seller) = attackers[a];
            if (!acted[a])
            {
                continue;
            }

            Labels.Entity(pattern, EntityTypes.Account, () => account.Id, Actor, scenario);
            if (seller is not null && !sellers.Contains(seller))
            {
                sellers.Add(seller);
                Labels.Entity(pattern, EntityTypes.Shop, () => seller.Id, Actor, scenario);
            }
        }
    }

    /// <summary>A shop's best sellers (its first listings), which attacks aim at.</summary>
    private ListingProfile[] HotListings(ShopProfile shop)
        => [.. Enumerable.Range(0, Math.Min(3, shop.ListingCount)).Select(i => Listings[shop.FirstListing + i])];

    /// <summary>One to three of the high-traffic, high-price keywords a listing's ads are bought on.</summary>
    private string[] ExpensiveKeywords(ListingProfile listing)
    {
        string[] words = [listing.Product, (listing.Brand ?? "") + listing.Product, listing.Product + "正品", listing.Product + "推荐", "新款" + listing.Product];
        return [.. words.Distinct().OrderBy(_ => _random.Next()).Take(_random.Between(1, 3))];
    }

    /// <summary>An account opened for an attack, from ten minutes to two days before it.</summary>
    private long NewAccountBefore(long attack)
    {
        var t = attack - _random.NextTicks(TimeSpan.FromMinutes(10), TimeSpan.FromHours(40));
        return t >= Hour ? t : _random.NextTicks(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(55));
    }
}
