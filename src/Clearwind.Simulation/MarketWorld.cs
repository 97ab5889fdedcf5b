using System.Globalization;
using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation;

/// <summary>
/// Everything that exists in a synthetic marketplace and every scripted scenario, decided up front from the seed.
/// Building it is cheap and draws from its own random stream, so the ground truth can be read without generating
/// events, and the generated traffic never shifts the plan.
/// </summary>
internal sealed partial class MarketWorld
{
    /// <summary>The avatar accounts keep when they never upload one.</summary>
    public const string DefaultAvatar = "ffd8e0c0c0e0f8ff";

    private const long Minute = TimeSpan.TicksPerMinute;
    private const long Hour = TimeSpan.TicksPerHour;
    private const long Day = TimeSpan.TicksPerDay;
    private static readonly decimal[] PriceEndings = [0.00m, 0.90m, 0.99m, 0.80m, 0.50m];

    private readonly Random _random;
    private readonly List<AccountProfile> _accounts = [];
    private readonly long[] _buyerRegistered;
    private int _campaigns;

    private MarketWorld(SyntheticMarketOptions options)
    {
        Options = options;
        _random = new Random(options.Seed);
        EndTicks = options.Days * Day;

        var subnets = BuildSubnets(Math.Max(16, options.Buyers / 40));
        var campusIps = Enumerable.Range(0, 4)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"202.120.{_random.Next(1, 255)}.{_random.Next(1, 255)}"))
            .ToArray();

        Shops = BuildShops();
        Listings = BuildListings();
        ShopPicker = new WeightedPicker([.. Shops.Select(s => s.Popularity)]);
        Buyers = BuildBuyers(subnets, campusIps);
        _buyerRegistered = [.. Buyers.Select(b => b.RegisteredAt)];
        BuyerPicker = new WeightedPicker([.. Buyers.Select(b => b.Activity)]);

        var rings = BuildBrushingRings();
        Brushing = PlanBrushing(rings);
        Brushers = [.. rings.SelectMany(r => r).Where(b => b.RegisteredAt >= 0).OrderBy(b => b.RegisteredAt)];
        FlashSales = PlanFlashSales();

        // Each family plans its scenarios here, in a fixed order (the order is part of what a seed means). They may add
        // accounts and change shops and listings before any event exists; ids of accounts are given right after.
        PlanBrushingVariants();
        PlanFakeEngagement();
        PlanListingCheats();
        PlanAttacks();
        PlanLookAlikes();
        AssignAccountIds();

        Campaigns = PlanCampaigns();
        Reports = PlanReports();
        PlanReportScenarios();
        LabelBrushingAndFlashSales();
    }

    /// <summary>Labels collected while planning (and, later, while generating).</summary>
    public LabelBook Labels { get; } = new();

    /// <summary>Order brushing beyond the Shopee rule: self-dealing, empty parcels, rings, slow brushing.</summary>
    partial void PlanBrushingVariants();

    /// <summary>Fake likes, fake reviews, marketing and impersonating accounts, brand alerts.</summary>
    partial void PlanFakeEngagement();

    /// <summary>Listing cheating under the 1688 search rules.</summary>
    partial void PlanListingCheats();

    /// <summary>Competitor attacks: malicious orders, click fraud.</summary>
    partial void PlanAttacks();

    /// <summary>Honest look-alikes beyond flash sales (SPEC §9).</summary>
    partial void PlanLookAlikes();

    /// <summary>Seller reports (planned after account ids exist, since a report names its target).</summary>
    partial void PlanReportScenarios();

    /// <summary>Honest shops open from the first hour that no scenario has claimed yet.</summary>
    public List<ShopProfile> UnclaimedShops()
        => [.. Shops.Where(s => s.OpensAt < Hour && s.Scenario is null && !s.Brushes && !s.RunsFlashSale)];

    /// <summary>Marks a shop as used by a scenario, so no other scenario builds on it.</summary>
    public static ShopProfile Claim(ShopProfile shop, string scenario)
    {
        shop.Scenario ??= scenario;
        return shop;
    }

    /// <summary>A new account of the given kind that registers at <paramref name="registered"/> (ticks after the start).</summary>
    public AccountProfile NewAccount(AccountKind kind, long registered, string? nickname = null, string? ip = null, string? device = null,
        string? avatar = null, string? phone = null, string? address = null, string? paymentAccount = null)
    {
        var account = new AccountProfile
        {
            Kind = kind,
            RegisteredAt = registered,
            Nickname = nickname ?? NewNickname(),
            Phone = phone ?? _random.Pick(Vocabulary.PhonePrefixes) + _random.NextDigits(8),
            Device = device ?? "dv" + _random.NextHex16(),
            Ip = ip ?? RandomIp(null),
            Avatar = avatar ?? _random.NextHex16(),
            Address = address ?? NewAddress(),
            PaymentAccount = paymentAccount ?? "2088" + _random.NextDigits(12),
        };
        _accounts.Add(account);
        return account;
    }

    private void LabelBrushingAndFlashSales()
    {
        foreach (var plan in Brushing)
        {
            var shop = plan.Shop;
            Labels.Entity("order_brushing.concentration", EntityTypes.Shop, () => shop.Id, "actor", "brushing_episode");
            foreach (var brusher in plan.Brushers)
            {
                Labels.Entity("order_brushing.concentration", EntityTypes.Account, () => brusher.Id, "actor", "brushing_episode");
            }
        }

        foreach (var sale in FlashSales)
        {
            var shop = sale.Shop;
            Labels.HardNegative(sale.Campaign is null ? "flash_sale" : "flash_sale_declared", EntityTypes.Shop, () => shop.Id, "order_brushing");
        }
    }

    public SyntheticMarketOptions Options { get; }

    /// <summary>End of the run, in ticks after the start (exclusive).</summary>
    public long EndTicks { get; }

    public IReadOnlyList<ShopProfile> Shops { get; }

    public IReadOnlyList<ListingProfile> Listings { get; }

    /// <summary>Honest buyers, by registration time.</summary>
    public IReadOnlyList<AccountProfile> Buyers { get; }

    /// <summary>Accounts that place fake orders.</summary>
    public IReadOnlyList<AccountProfile> Brushers { get; }

    /// <summary>Every account, by registration time (ids are given in this order).</summary>
    public IReadOnlyList<AccountProfile> Accounts => _accounts;

    public WeightedPicker ShopPicker { get; }

    public WeightedPicker BuyerPicker { get; }

    public IReadOnlyList<BrushingPlan> Brushing { get; }

    public IReadOnlyList<FlashSalePlan> FlashSales { get; }

    /// <summary>Every declared campaign (those of flash sales included).</summary>
    public IReadOnlyList<CampaignPlan> Campaigns { get; }

    public IReadOnlyList<ReportPlan> Reports { get; }

    public static MarketWorld Build(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new MarketWorld(options);
    }

    /// <summary>Honest buyers that may act from <paramref name="ticks"/> on: those registered before it.</summary>
    public int ActiveBuyers(long ticks)
    {
        var i = Array.BinarySearch(_buyerRegistered, ticks);
        return i < 0 ? ~i : i;
    }

    /// <summary>The labels of what was injected.</summary>
    public SyntheticMarketTruth Truth()
    {
        var start = Options.Start;
        var episodes = Brushing
            .Select(p => new BrushingEpisode(p.Shop.Id, p.Listing.Id, [.. p.Brushers.Select(b => b.Id)],
                At(start, p.Start), At(start, p.Start + p.Duration), p.OrdersPerBrusher.Sum()))
            .OrderBy(e => e.From).ThenBy(e => e.Shop, StringComparer.Ordinal)
            .ToList();
        var sales = FlashSales
            .Select(f => new FlashSale(f.Shop.Id, f.Listing.Id, At(start, f.Start), At(start, f.Start + f.Duration), f.Buyers, f.Campaign is not null))
            .OrderBy(f => f.From).ThenBy(f => f.Shop, StringComparer.Ordinal)
            .ToList();
        return new SyntheticMarketTruth(
            [.. episodes.Select(e => e.Shop).Distinct().Order(StringComparer.Ordinal)],
            [.. episodes.SelectMany(e => e.Brushers).Distinct().Order(StringComparer.Ordinal)],
            episodes,
            sales);
    }

    public static DateTimeOffset At(DateTimeOffset start, long ticks) => new(start.Ticks + ticks, start.Offset);

    private string[] BuildSubnets(int count)
    {
        var subnets = new string[count];
        for (var i = 0; i < count; i++)
        {
            subnets[i] = string.Create(CultureInfo.InvariantCulture,
                $"{_random.Pick(Vocabulary.IspPrefixes)}{_random.Next(1, 255)}.{_random.Next(0, 255)}.");
        }

        return subnets;
    }

    private ShopProfile[] BuildShops()
    {
        var n = Options.Shops;
        var late = Options.Days >= 3 ? n / 10 : 0;
        var ranks = Enumerable.Range(0, n).ToArray();
        _random.Shuffle(ranks);
        var shops = new ShopProfile[n];
        for (var i = 0; i < n; i++)
        {
            var isLate = i >= n - late;
            var opensAt = isLate
                ? (_random.Next(1, Options.Days - 1) * Day) + _random.NextTicks(TimeSpan.FromHours(9), TimeSpan.FromHours(18))
                : _random.NextTicks(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
            var owner = NewOwner(AccountKind.Owner,
                Math.Max(0, opensAt - (isLate ? _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromDays(2)) : _random.NextTicks(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(55)))),
                _random.Pick(Vocabulary.PhonePrefixes), "dv" + _random.NextHex16(), RandomIp(null), NewAddress());

            var identity = NewShopIdentity(owner);
            shops[i] = new ShopProfile
            {
                Index = i,
                Id = string.Create(CultureInfo.InvariantCulture, $"s{i + 1:D5}"),
                Owner = owner,
                Name = identity.Name,
                Company = identity.Company,
                Tier = identity.Tier,
                Brands = identity.Brands,
                OpensAt = opensAt,
                Popularity = Math.Pow(ranks[i] + 1, -0.9) * _random.NextLogNormal(1, 0.2),
                MainCategory = identity.MainCategory,
            };
        }

        return shops;
    }

    private ListingProfile[] BuildListings()
    {
        var listings = new List<ListingProfile>(Shops.Count * 16);
        foreach (var shop in Shops)
        {
            shop.FirstListing = listings.Count;
            shop.ListingCount = Math.Clamp((int)Math.Round(_random.NextLogNormal(10, 0.8)), 2, 300);

            // Many shops end their detail pages with the same banner (size chart, shipping notice, brand story).
            var banner = _random.Chance(0.6) ? new ImageRef(_random.NextHex16(), 750, 50 * _random.Between(6, 10)) : null;
            ref var siblings = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_companyListings, CompanyKey(shop), out _);
            siblings ??= [];
            for (var k = 0; k < shop.ListingCount; k++)
            {
                listings.Add(NewHonestListing(shop, listings.Count + 1, banner, siblings));
            }
        }

        return [.. listings];
    }

    /// <summary>A plain title: [brand] marketing words, the product and a spec.</summary>
    public static string MakeTitle(Random random, string? brand, string product, string spec)
    {
        var words = Vocabulary.TitleWords;
        var a = random.Next(words.Length);
        var b = (a + 1 + random.Next(words.Length - 1)) % words.Length;
        return string.Concat(brand ?? "", words[a], random.Chance(0.5) ? words[b] : "", product, spec == brand ? "" : spec);
    }

    /// <summary>A new honest title for a listing, from its own product, brand and attributes.</summary>
    public static string Retitle(Random random, ListingProfile listing)
        => TitleSegment.Join(ComposeTitle(random, listing.Category, listing.Product, listing.Brand, listing.Attributes, companion: random.Chance(0.1)));

    public static decimal MakePrice(Random random, double median) => RoundPrice(random, Math.Clamp(random.NextLogNormal(median, 0.6), 1, 20_000));

    private AccountProfile[] BuildBuyers(string[] subnets, string[] campusIps)
    {
        var n = Options.Buyers;
        var buyers = new AccountProfile[n];
        for (var i = 0; i < n; i++)
        {
            var registered = _random.Chance(0.75)
                ? _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55))
                : _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromTicks(EndTicks - Hour));

            // Families share an address (and often who pays); campus buyers share one NAT address.
            var family = i > 0 && _random.Chance(0.04) ? buyers[_random.Next(i)] : null;
            var campus = _random.Chance(0.05);
            var ip = campus ? _random.Pick(campusIps) : _random.Pick(subnets) + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture);
            var buyer = buyers[i] = new AccountProfile
            {
                Kind = AccountKind.Buyer,
                RegisteredAt = registered,
                Nickname = NewNickname(),
                // Some honest people use virtual-operator numbers too, so such a number alone proves nothing.
                Phone = _random.Pick(_random.Chance(0.03) ? Vocabulary.VirtualPhonePrefixes : Vocabulary.PhonePrefixes) + _random.NextDigits(8),
                Device = "dv" + _random.NextHex16(),
                Ip = family?.Ip ?? ip,
                Avatar = _random.Chance(0.35) ? DefaultAvatar : _random.NextHex16(),
                Address = family?.Address ?? NewAddress(),
                PaymentAccount = family is not null && _random.Chance(0.5) ? family.PaymentAccount : "2088" + _random.NextDigits(12),
                Activity = _random.NextLogNormal(1, 0.9),
                FavoriteShops = [ShopPicker.Pick(_random), ShopPicker.Pick(_random), ShopPicker.Pick(_random)],
            };
            if (family is not null)
            {
                Labels.HardNegative("family_shared_address", EntityTypes.Account, () => buyer.Id, "order_brushing");
                Labels.HardNegative("family_shared_address", EntityTypes.Account, () => family.Id, "order_brushing");
            }

            if (campus && family is null)
            {
                Labels.HardNegative("campus_shared_ip", EntityTypes.Account, () => buyer.Id, "fake_likes");
            }
        }

        Array.Sort(buyers, (x, y) => x.RegisteredAt.CompareTo(y.RegisteredAt));
        _accounts.AddRange(buyers);
        return buyers;
    }

    // Rings of 3–5 throwaway accounts that share devices, a proxy range, a few receiving addresses and payers.
    private List<AccountProfile[]> BuildBrushingRings()
    {
        var rings = new List<AccountProfile[]>();
        if (Options.BrushingShops == 0)
        {
            return rings;
        }

        var pool = Math.Max(3, Options.BrushingShops * 2);
        while (pool > 0)
        {
            var size = Math.Min(pool, _random.Between(3, 5));
            pool -= size;
            var proxy = string.Create(CultureInfo.InvariantCulture, $"47.{_random.Next(92, 120)}.{_random.Next(0, 255)}.");
            string[] devices = ["dv" + _random.NextHex16(), "dv" + _random.NextHex16()];
            string[] addresses = [NewAddress(), NewAddress()];
            string[] payers = ["2088" + _random.NextDigits(12), "2088" + _random.NextDigits(12)];
            var ring = new AccountProfile[size];
            for (var i = 0; i < size; i++)
            {
                ring[i] = new AccountProfile
                {
                    Kind = AccountKind.Brusher,
                    RegisteredAt = -1, // set once the episodes are planned
                    Nickname = _random.Chance(0.7) ? "用户" + _random.NextDigits(8) : NewNickname(),
                    Phone = _random.Pick(Vocabulary.VirtualPhonePrefixes) + _random.NextDigits(8),
                    Device = _random.Chance(0.5) ? _random.Pick(devices) : "dv" + _random.NextHex16(),
                    Ip = proxy + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture),
                    Avatar = DefaultAvatar,
                    Address = _random.Pick(addresses),
                    PaymentAccount = _random.Pick(payers),
                };
            }

            rings.Add(ring);
        }

        return rings;
    }

    private List<BrushingPlan> PlanBrushing(List<AccountProfile[]> rings)
    {
        var plans = new List<BrushingPlan>();
        if (rings.Count == 0)
        {
            return plans;
        }

        // Small and middling shops brush: the top 30% by popularity never do.
        var candidates = Shops.Where(s => s.OpensAt < Hour).OrderBy(s => s.Popularity).ThenBy(s => s.Index).ToList();
        candidates = candidates.Take(Math.Max(Options.BrushingShops, (int)(candidates.Count * 0.7))).ToList();
        _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates));
        foreach (var shop in candidates.Take(Options.BrushingShops))
        {
            shop.Brushes = true;
            var ring = _random.Pick(rings);
            var episodes = Options.Days == 1 ? 1 : _random.Between(1, 3);
            for (var k = 0; k < episodes; k++)
            {
                var start = (_random.Next(Options.Days) * Day) + _random.NextTicks(TimeSpan.FromHours(10), TimeSpan.FromHours(23));
                var count = Math.Min(ring.Length, _random.Between(1, 3));
                var brushers = ring.OrderBy(_ => _random.Next()).Take(count).ToArray();
                plans.Add(new BrushingPlan(
                    shop,
                    Listings[shop.FirstListing + _random.Next(shop.ListingCount)],
                    brushers,
                    start,
                    _random.NextTicks(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(50)),
                    [.. brushers.Select(_ => _random.Between(4, 9))]));
            }
        }

        plans.Sort((a, b) => a.Start.CompareTo(b.Start));

        // A throwaway account registers shortly before its first job; one never used is never registered.
        foreach (var brusher in rings.SelectMany(r => r))
        {
            var first = plans.Where(p => p.Brushers.Contains(brusher)).Select(p => p.Start).DefaultIfEmpty(-1).Min();
            if (first >= 0)
            {
                var registered = first - _random.NextTicks(TimeSpan.FromHours(2), TimeSpan.FromDays(3));
                brusher.RegisteredAt = registered < 0 ? _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55)) : registered;
                _accounts.Add(brusher);
            }
        }

        return plans;
    }

    private List<FlashSalePlan> PlanFlashSales()
    {
        var plans = new List<FlashSalePlan>();
        var candidates = Shops.Where(s => s.OpensAt < Hour && !s.Brushes).OrderByDescending(s => s.Popularity).ThenBy(s => s.Index).ToList();
        candidates = candidates.Take(Math.Max(1, (int)(candidates.Count * 0.3))).ToList();
        for (var k = 0; k < Options.FlashSales && candidates.Count > 0; k++)
        {
            var shop = _random.Pick(candidates);
            shop.RunsFlashSale = true;
            var day = _random.Next(Options.Days);
            var start = (day * Day) + (20 * Hour) + _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(10));
            var available = ActiveBuyers(Math.Max(Hour, day * Day));
            var buyers = Math.Min(_random.Between(80, 300), Math.Max(1, available / 2));
            var listing = Listings[shop.FirstListing];
            CampaignPlan? campaign = null;

            // Half are declared ahead; with two or more sales, at least one of each kind.
            if (k == 1 || (k > 1 && _random.Chance(0.5)))
            {
                var declaredAt = Math.Max(Hour, start - _random.NextTicks(TimeSpan.FromHours(6), TimeSpan.FromHours(30)));
                campaign = new CampaignPlan(NextCampaignId(), shop, [listing], declaredAt, start - (10 * Minute), start + (2 * Hour),
                    _random.Pick(["livestream", "influencer", "offsite"]));
            }

            plans.Add(new FlashSalePlan(shop, listing, start, Hour, buyers, campaign));
        }

        plans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return plans;
    }

    // Every account gets its id in registration order, so ids say nothing about what an account is.
    private void AssignAccountIds()
    {
        var ordered = _accounts.OrderBy(a => a.RegisteredAt).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Id = string.Create(CultureInfo.InvariantCulture, $"u{i + 1:D7}");
        }

        _accounts.Clear();
        _accounts.AddRange(ordered);
    }

    private string NextCampaignId() => string.Create(CultureInfo.InvariantCulture, $"c{++_campaigns:D5}");

    private AccountProfile NewOwner(AccountKind kind, long registered, string phonePrefix, string device, string ip, string address)
    {
        var account = new AccountProfile
        {
            Kind = kind,
            RegisteredAt = registered,
            Nickname = NewNickname(),
            Phone = phonePrefix + _random.NextDigits(8),
            Device = device,
            Ip = ip,
            Avatar = _random.NextHex16(),
            Address = address,
            PaymentAccount = "2088" + _random.NextDigits(12),
        };
        _accounts.Add(account);
        return account;
    }

    private string NewNickname()
    {
        if (_random.Chance(0.3))
        {
            return "用户" + _random.NextDigits(8);
        }

        var name = _random.Pick(Vocabulary.NicknameHeads) + _random.Pick(Vocabulary.NicknameWords);
        return _random.Chance(0.5) ? name + _random.NextDigits(_random.Between(2, 4)) : name;
    }

    private string NewAddress()
    {
        var (province, city, districts) = _random.Pick(Vocabulary.Places);
        return string.Create(CultureInfo.InvariantCulture,
            $"{province}{(province == city ? "" : city)}{_random.Pick(districts)}{_random.Pick(Vocabulary.Streets)}{_random.Between(1, 999)}号{_random.Between(1, 30)}幢{_random.Between(1, 33)}{_random.Between(1, 4):D2}室");
    }

    private string RandomIp(string? subnet)
        => subnet is null
            ? string.Create(CultureInfo.InvariantCulture, $"{_random.Pick(Vocabulary.IspPrefixes)}{_random.Next(1, 255)}.{_random.Next(0, 255)}.{_random.Next(2, 255)}")
            : subnet + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture);

    private int PickIndex(double[] weights)
    {
        var total = weights.Sum();
        var target = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
