using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Order brushing that stays under the Shopee rule (SPEC §2.1): shops that buy from their owner and staff (自买自卖),
/// shops that ship empty parcels (空包), and brushing platforms such as 傻推网 that link many brushers with many shops.
/// Every fake order is planned here; brushers also shop honestly, so their accounts are not fake through and through.
/// </content>
internal sealed partial class MarketWorld
{
    private const string SelfDealing = "order_brushing.self_dealing";
    private const string FakeFulfilment = "order_brushing.fake_fulfilment";
    private const string Ring = "order_brushing.ring";
    private const string Actor = "actor";

    // Brushing tasks are done in waking hours, with the same evening peak as honest shopping.
    private static readonly WeightedPicker TaskHours = new([.. Vocabulary.HourWeights.Select((w, h) => h < 8 ? 0 : w)]);

    private readonly List<FakeOrderSlot> _fakeOrders = [];
    private readonly List<(AccountProfile Account, int Sessions, bool Buys)> _camouflage = [];
    private readonly List<AccountProfile> _hiredAccounts = [];
    private List<TrackingPool> _trackingSites = [];

    /// <summary>Fake orders of the brushing variants, by time.</summary>
    public IReadOnlyList<FakeOrderSlot> FakeOrders => _fakeOrders;

    /// <summary>
    /// Accounts that brush and also shop honestly: their number of honest visits, and whether they keep visiting until
    /// they have bought something.
    /// </summary>
    public IReadOnlyList<(AccountProfile Account, int Sessions, bool Buys)> Camouflage => _camouflage;

    partial void PlanBrushingVariants()
    {
        // One or two empty-parcel sites sell tracking numbers to every shop that ships empty parcels.
        _trackingSites = [.. Enumerable.Range(0, Options.Scale < 0.5 ? 1 : 2).Select(_ => NewTrackingPool(Options.Scaled(30)))];

        // The Shopee-rule episodes ship empty parcels too (15–80 g whatever the product): that is fake fulfilment.
        foreach (var plan in Brushing.DistinctBy(p => p.Shop.Index))
        {
            var shop = plan.Shop;
            Labels.Entity(FakeFulfilment, EntityTypes.Shop, () => shop.Id, Actor, "brushing_episode");
        }

        PlanSelfDealing();
        PlanEmptyParcelShops();
        var platforms = Options.Scaled(2);
        for (var p = 0; p < platforms; p++)
        {
            PlanBrushingPlatform();
        }

        RegisterHiredAccounts();

        // Some of the Shopee-rule brushers shop honestly as well.
        foreach (var brusher in Brushers)
        {
            if (_random.Chance(0.6))
            {
                _camouflage.Add((brusher, _random.Between(1, 3), true));
            }
        }

        _fakeOrders.Sort((a, b) => a.At.CompareTo(b.At));
    }

    /// <summary>
    /// 自买自卖: the owner, or staff accounts that share some of the owner's identifiers (the office phone, the shop's
    /// computer, its network, the warehouse address, the company's payment account), buy the shop's own listings a
    /// few times over the week, one order a day at most, so the Shopee rule never sees them.
    /// </summary>
    private void PlanSelfDealing()
    {
        foreach (var shop in ClaimShops(Options.Scaled(10), "self_dealing", 0, 0.8))
        {
            var owner = shop.Owner;
            var buyers = new List<AccountProfile>();
            if (_random.Chance(0.5))
            {
                buyers.Add(owner);
            }

            var staff = _random.Between(buyers.Count == 0 ? 1 : 0, 3);
            for (var i = 0; i < staff; i++)
            {
                var account = LinkedAccount(AccountKind.Staff, owner, PickShared(_random.Between(1, 3)));
                _hiredAccounts.Add(account);
                buyers.Add(account);
                _camouflage.Add((account, _random.Between(0, 4), _random.Chance(0.5)));
            }

            // Most ship the goods to themselves; some save the cost with empty parcels.
            var style = _random.Chance(0.35) ? EmptyParcelStyle() : FulfilmentStyle.Genuine with { ReviewChance = 0.6 };
            var listings = PushedListings(shop, _random.Between(1, 2));
            foreach (var buyer in buyers)
            {
                foreach (var day in DistinctDays(_random.Between(2, 5)))
                {
                    _fakeOrders.Add(new FakeOrderSlot(buyer, _random.Pick(listings), TaskTime(day), style));
                }

                Labels.Entity(SelfDealing, EntityTypes.Account, () => buyer.Id, Actor, "self_dealing");
            }

            Labels.Entity(SelfDealing, EntityTypes.Shop, () => shop.Id, Actor, "self_dealing");
            if (style.ShowsSigns)
            {
                Labels.Entity(FakeFulfilment, EntityTypes.Shop, () => shop.Id, Actor, "self_dealing");
            }
        }
    }

    /// <summary>
    /// 空包: a shop buys orders from buyers hired in chat groups (one order a day each at most) and ships empty parcels
    /// or only tracking numbers bought from an empty-parcel site. Each shop shows two or more of the signs.
    /// </summary>
    private void PlanEmptyParcelShops()
    {
        var hired = new List<AccountProfile>();
        var used = new HashSet<AccountProfile>();
        foreach (var shop in ClaimShops(Options.Scaled(12), "empty_parcel_shop", 0, 0.85))
        {
            var style = EmptyParcelStyle();
            var crew = new List<AccountProfile>();
            var size = _random.Between(4, 10);
            while (crew.Count < size)
            {
                // A few hired buyers take jobs from several shops.
                var account = hired.Count > 0 && _random.Chance(0.25) ? _random.Pick(hired) : HiredBuyer(hired);
                if (!crew.Contains(account))
                {
                    crew.Add(account);
                }
            }

            var listings = PushedListings(shop, _random.Between(1, 2));
            var orders = _random.Between(8, 24);
            var taken = new HashSet<(int Buyer, int Day)>();
            for (var k = 0; k < orders; k++)
            {
                var day = _random.Next(Options.Days);
                var buyer = _random.Next(crew.Count);
                if (taken.Add((buyer, day)))
                {
                    used.Add(crew[buyer]);
                    _fakeOrders.Add(new FakeOrderSlot(crew[buyer], _random.Pick(listings), TaskTime(day), style));
                }
            }

            Labels.Entity(FakeFulfilment, EntityTypes.Shop, () => shop.Id, Actor, "empty_parcel_shop");
        }

        foreach (var account in hired)
        {
            if (!used.Contains(account))
            {
                _accounts.Remove(account); // hired but never given an order: never registered
                continue;
            }

            _hiredAccounts.Add(account);
            _camouflage.Add((account, _random.Between(1, 5), _random.Chance(0.6)));
        }
    }

    /// <summary>
    /// A brushing platform (傻推网): brushers (刷手) each working one to four accounts, and shops posting a few tasks a
    /// day. The platform hands each task to a brusher with few jobs who has not served that shop for two days, so the
    /// orders of a shop come from many distinct buyers and slowly fill a dense block of buyers × shops.
    /// </summary>
    private void PlanBrushingPlatform()
    {
        // A platform links a good share of a small marketplace too, and never all of it.
        var size = Math.Min(_random.Between(10, 20), Math.Max(3, UnclaimedShops().Count / 12));
        var shops = ClaimShops(size, "brushing_platform", 0, 0.85);
        if (shops.Count < 2)
        {
            return;
        }

        var accounts = PlatformAccounts(Math.Max(4, _random.Between(16, 30) * shops.Count / 15));
        var styles = shops.Select(_ => _random.Chance(0.3) ? EmptyParcelStyle() : FulfilmentStyle.Genuine with { ReviewChance = 0.85 }).ToArray();
        var listings = shops.Select(s => PushedListings(s, _random.Between(1, 3))).ToArray();
        var load = new int[accounts.Count];
        var served = new int[shops.Count];
        var lastServed = new Dictionary<(int Account, int Shop), int>();
        for (var day = 0; day < Options.Days; day++)
        {
            var daily = new int[accounts.Count];
            for (var s = 0; s < shops.Count; s++)
            {
                if (!_random.Chance(0.85))
                {
                    continue;
                }

                var tasks = _random.Between(1, 5);
                var today = new HashSet<int>();
                for (var k = 0; k < tasks; k++)
                {
                    var chosen = -1;
                    for (var probe = 0; probe < 6; probe++)
                    {
                        var a = _random.Next(accounts.Count);
                        var rested = !lastServed.TryGetValue((a, s), out var last) || day - last >= 2;
                        if (rested && daily[a] < 4 && !today.Contains(a) && (chosen < 0 || load[a] < load[chosen]))
                        {
                            chosen = a;
                        }
                    }

                    if (chosen < 0)
                    {
                        continue;
                    }

                    today.Add(chosen);
                    daily[chosen]++;
                    load[chosen]++;
                    served[s]++;
                    lastServed[(chosen, s)] = day;
                    _fakeOrders.Add(new FakeOrderSlot(accounts[chosen], _random.Pick(listings[s]), TaskTime(day), styles[s]));
                }
            }
        }

        for (var a = 0; a < accounts.Count; a++)
        {
            var account = accounts[a];
            if (load[a] == 0)
            {
                _accounts.Remove(account); // never given a task: never registered
                continue;
            }

            _hiredAccounts.Add(account);
            _camouflage.Add((account, _random.Between(1, 6), _random.Chance(0.75)));
            Labels.Entity(Ring, EntityTypes.Account, () => account.Id, Actor, "brushing_platform");
        }

        for (var s = 0; s < shops.Count; s++)
        {
            var shop = shops[s];
            if (served[s] == 0)
            {
                continue;
            }

            Labels.Entity(Ring, EntityTypes.Shop, () => shop.Id, Actor, "brushing_platform");
            if (styles[s].ShowsSigns)
            {
                Labels.Entity(FakeFulfilment, EntityTypes.Shop, () => shop.Id, Actor, "brushing_platform");
            }
        }
    }

    /// <summary>
    /// The accounts of a platform's brushers. A brusher works one to four accounts from one or two phones, mostly pays
    /// from one wallet and receives at one address (sometimes one the platform hands out), and most go online through
    /// the platform's proxy ranges.
    /// </summary>
    private List<AccountProfile> PlatformAccounts(int brushers)
    {
        var proxies = Enumerable.Range(0, _random.Between(2, 4)).Select(_ => RandomSubnet()).ToArray();
        var drops = Enumerable.Range(0, _random.Between(2, 5)).Select(_ => NewAddress()).ToArray();
        var accounts = new List<AccountProfile>();
        for (var b = 0; b < brushers; b++)
        {
            string[] devices = ["dv" + _random.NextHex16(), "dv" + _random.NextHex16()];
            var phone = _random.Pick(_random.Chance(0.3) ? Vocabulary.VirtualPhonePrefixes : Vocabulary.PhonePrefixes) + _random.NextDigits(8);
            var wallet = "2088" + _random.NextDigits(12);
            var home = _random.Chance(0.3) ? _random.Pick(drops) : NewAddress();
            var subnet = _random.Chance(0.65) ? _random.Pick(proxies) : RandomSubnet();
            var count = Math.Min(4, _random.NextGeometric(1.8));
            for (var k = 0; k < count; k++)
            {
                accounts.Add(NewAccount(AccountKind.Brusher, 0,
                    ip: subnet + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture),
                    device: _random.Chance(0.75) ? _random.Pick(devices) : null,
                    avatar: _random.Chance(0.35) ? DefaultAvatar : null,
                    phone: k == 0 || _random.Chance(0.25) ? phone : null,
                    address: _random.Chance(0.8) ? home : _random.Pick(drops),
                    paymentAccount: _random.Chance(0.7) ? wallet : null));
            }
        }

        return accounts;
    }

    /// <summary>A buyer hired in a chat group: an ordinary-looking account of its own.</summary>
    private AccountProfile HiredBuyer(List<AccountProfile> hired)
    {
        var account = NewAccount(AccountKind.Brusher, 0, avatar: _random.Chance(0.35) ? DefaultAvatar : null);
        hired.Add(account);
        return account;
    }

    /// <summary>Accounts created for brushing register before their first fake order.</summary>
    private void RegisterHiredAccounts()
    {
        var first = new Dictionary<AccountProfile, long>();
        foreach (var slot in _fakeOrders)
        {
            if (!first.TryGetValue(slot.Buyer, out var at) || slot.At < at)
            {
                first[slot.Buyer] = slot.At;
            }
        }

        foreach (var account in _hiredAccounts)
        {
            account.RegisteredAt = RegisteredBefore(first[account]);
        }
    }

    /// <summary>An empty-parcel fulfilment showing at least two of the signs, never necessarily all of them.</summary>
    private FulfilmentStyle EmptyParcelStyle()
    {
        while (true)
        {
            var style = new FulfilmentStyle
            {
                EmptyParcelGrams = _random.Chance(0.7) ? _random.Between(8, 60) : null,
                Tracking = _random.Chance(0.5) ? _random.Pick(_trackingSites) : null,
                InstantDelivery = _random.Chance(0.35),
                QuickConfirm = _random.Chance(0.55),
                BlankReview = _random.Chance(0.45),
                CashbackChat = _random.Chance(0.4),
                ReviewChance = 0.6 + (0.3 * _random.NextDouble()),
            };
            bool[] signs = [style.EmptyParcelGrams is not null, style.Tracking is not null, style.InstantDelivery, style.QuickConfirm, style.BlankReview, style.CashbackChat];
            if (signs.Count(s => s) >= 2)
            {
                return style;
            }
        }
    }

    private TrackingPool NewTrackingPool(int size)
    {
        var (carrier, prefix, digits) = _random.Pick(Vocabulary.Carriers);
        return new TrackingPool(carrier, [.. Enumerable.Range(0, Math.Max(4, size)).Select(_ => prefix + _random.NextDigits(digits))]);
    }

    /// <summary>
    /// Claims up to <paramref name="count"/> unclaimed shops for a scenario, from a band of popularity (0 is the least
    /// popular unclaimed shop, 1 the most popular), optionally filtered.
    /// </summary>
    private List<ShopProfile> ClaimShops(int count, string scenario, double fromRank, double toRank, Func<ShopProfile, bool>? filter = null)
    {
        var candidates = UnclaimedShops().OrderBy(s => s.Popularity).ThenBy(s => s.Index).ToList();
        var from = (int)(candidates.Count * fromRank);
        var to = Math.Max(from, (int)Math.Ceiling(candidates.Count * toRank));
        var band = candidates[from..to].Where(filter ?? (_ => true)).ToList();
        _random.Shuffle(CollectionsMarshal.AsSpan(band));
        return [.. band.Take(count).Select(s => Claim(s, scenario))];
    }

    /// <summary>
    /// A new account that takes over the given identifiers of <paramref name="to"/> (registration is set later). A delivery
    /// address or payment account only shows when <paramref name="to"/> buys, so the link always includes a phone, a device
    /// or a network address as well.
    /// </summary>
    private AccountProfile LinkedAccount(AccountKind kind, AccountProfile to, SharedIdentifiers shared)
    {
        const SharedIdentifiers visible = SharedIdentifiers.Phone | SharedIdentifiers.Device | SharedIdentifiers.Ip;
        if ((shared & visible) == SharedIdentifiers.None)
        {
            shared |= _random.Pick([SharedIdentifiers.Phone, SharedIdentifiers.Device, SharedIdentifiers.Ip]);
        }

        return NewAccount(kind, 0,
            ip: shared.HasFlag(SharedIdentifiers.Ip) ? to.Ip : null,
            device: shared.HasFlag(SharedIdentifiers.Device) ? to.Device : null,
            avatar: _random.Chance(0.35) ? DefaultAvatar : null,
            phone: shared.HasFlag(SharedIdentifiers.Phone) ? to.Phone : null,
            address: shared.HasFlag(SharedIdentifiers.Address) ? to.Address : null,
            paymentAccount: shared.HasFlag(SharedIdentifiers.Payment) ? to.PaymentAccount : null);
    }

    /// <summary><paramref name="count"/> distinct identifiers of the five.</summary>
    private SharedIdentifiers PickShared(int count)
    {
        SharedIdentifiers[] all = [SharedIdentifiers.Phone, SharedIdentifiers.Device, SharedIdentifiers.Ip, SharedIdentifiers.Address, SharedIdentifiers.Payment];
        _random.Shuffle(all);
        return all.Take(count).Aggregate(SharedIdentifiers.None, (a, b) => a | b);
    }

    /// <summary>
    /// Most accounts are older than the run (registered in its first hour, as most honest buyers are); the others join a
    /// few hours to three days before they are first used.
    /// </summary>
    private long RegisteredBefore(long first)
    {
        if (_random.Chance(0.35))
        {
            var t = first - _random.NextTicks(TimeSpan.FromHours(2), TimeSpan.FromDays(3));
            if (t >= Hour)
            {
                return t;
            }
        }

        return Math.Min(first - Hour, _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55)));
    }

    /// <summary>A time of day <paramref name="day"/> in waking hours (never before 08:00).</summary>
    private long TaskTime(int day) => (day * Day) + (Math.Max(8, TaskHours.Pick(_random)) * Hour) + _random.NextInt64(Hour);

    /// <summary>Up to <paramref name="count"/> distinct days of the run.</summary>
    private int[] DistinctDays(int count)
    {
        var days = Enumerable.Range(0, Options.Days).ToArray();
        _random.Shuffle(days);
        return days[..Math.Min(count, days.Length)];
    }

    /// <summary>The listings a shop pushes up the rankings: any of its listings, not necessarily its best sellers.</summary>
    private ListingProfile[] PushedListings(ShopProfile shop, int count)
        => [.. Enumerable.Range(0, shop.ListingCount).OrderBy(_ => _random.Next()).Take(count).Select(i => Listings[shop.FirstListing + i])];

    private string RandomSubnet()
        => string.Create(CultureInfo.InvariantCulture, $"{_random.Pick(Vocabulary.IspPrefixes)}{_random.Next(1, 255)}.{_random.Next(0, 255)}.");
}
