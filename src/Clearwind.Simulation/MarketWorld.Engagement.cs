using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Fake engagement (SPEC §2.2, §2.3; seeds 000 and 003): like farms, bought and malicious reviews, marketing accounts,
/// shops and accounts posing as a brand's official store, and brand-watch complaints. Farms vary, so that no sign is
/// shared by every farm, and every entity is labelled only with the patterns it really shows.
/// </content>
internal sealed partial class MarketWorld
{
    private static readonly LikeFarmStyle[] LikeFarmStyles = [LikeFarmStyle.Script, LikeFarmStyle.Proxy, LikeFarmStyle.Crowd, LikeFarmStyle.Drip];
    private static readonly ReviewFarmStyle[] ReviewFarmStyles = [ReviewFarmStyle.Template, ReviewFarmStyle.Prepaid, ReviewFarmStyle.Cashback, ReviewFarmStyle.Scattered];

    private readonly Dictionary<ShopProfile, string> _impersonated = [];

    /// <summary>Like farms (刷赞) and what they boosted.</summary>
    public IReadOnlyList<LikeFarmPlan> LikeFarms { get; private set; } = [];

    /// <summary>Bought praise for a shop's listing.</summary>
    public IReadOnlyList<ReviewFarmPlan> ReviewFarms { get; private set; } = [];

    /// <summary>One-star bursts on a competitor (恶意差评).</summary>
    public IReadOnlyList<ReviewAttackPlan> ReviewAttacks { get; private set; } = [];

    /// <summary>Marketing accounts (营销号) and accounts posing as a brand's service desk.</summary>
    public IReadOnlyList<SolicitorPlan> Solicitors { get; private set; } = [];

    /// <summary>Honest shoppers who look like marketing accounts at a glance (a popular stock avatar, 测评 in the name).</summary>
    public IReadOnlyList<AccountProfile> HonestSolicitorLookAlikes { get; private set; } = [];

    /// <summary>Negative reviews that name a brand: complaints of fakes (alerts) and ordinary ones.</summary>
    public IReadOnlyList<BrandReviewPlan> BrandReviews { get; private set; } = [];

    /// <summary>Shops whose names pose as a brand's official store, and the brand each imitates.</summary>
    public IReadOnlyDictionary<ShopProfile, string> ImpersonatingShops => _impersonated;

    /// <summary>The earliest a farm starts: after a day of honest traffic, so the listings have a baseline.</summary>
    private long EngagementEarliest => Options.Days >= 2 ? Day : 6 * Hour;

    partial void PlanFakeEngagement()
    {
        var pool = UnclaimedShops();
        _random.Shuffle(CollectionsMarshal.AsSpan(pool));
        LikeFarms = PlanLikeFarms(pool);
        ReviewFarms = PlanReviewFarms(pool);
        ReviewAttacks = PlanReviewAttacks(pool);
        PlanImpersonatingShops(pool);
        Solicitors = PlanSolicitors();
        BrandReviews = PlanBrandReviews();
    }

    /// <summary>The first shop of the pool that is still unclaimed and matches, claimed for <paramref name="scenario"/>.</summary>
    private static ShopProfile? TakeEngagementShop(List<ShopProfile> pool, string scenario, Func<ShopProfile, bool>? where = null)
    {
        for (var i = 0; i < pool.Count; i++)
        {
            var shop = pool[i];
            if (shop.Scenario is null && (where is null || where(shop)))
            {
                pool.RemoveAt(i);
                return Claim(shop, scenario);
            }
        }

        return null;
    }

    /// <summary>A time in [<paramref name="from"/>, <paramref name="to"/>) at an hour people are awake (9–23h).</summary>
    private long AwakeBetween(long from, long to)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var t = from + (long)(_random.NextDouble() * Math.Max(1, to - from));
            var hour = t % Day / Hour;
            if (hour is >= 9 and < 23)
            {
                return t;
            }
        }

        return from + (long)(_random.NextDouble() * Math.Max(1, to - from));
    }

    /// <summary>When an account created for a job registers: between <paramref name="minLead"/> and <paramref name="maxLead"/> before it, never before the run.</summary>
    private long FarmRegistration(long first, TimeSpan minLead, TimeSpan maxLead)
    {
        var latest = first - minLead.Ticks;
        if (latest <= 0)
        {
            return (long)(_random.NextDouble() * first / 2);
        }

        return Math.Max((long)(_random.NextDouble() * Math.Min(latest, 55 * Minute)), latest - _random.NextTicks(TimeSpan.Zero, maxLead - minLead));
    }

    private string FarmSubnet() => string.Create(CultureInfo.InvariantCulture,
        $"{_random.Pick(Vocabulary.IspPrefixes)}{_random.Next(1, 255)}.{_random.Next(0, 255)}.");

    private string FarmNickname() => _random.Chance(0.6) ? "用户" + _random.NextDigits(8) : NewNickname();

    private string FarmPhone() => (_random.Chance(0.3) ? _random.Pick(Vocabulary.VirtualPhonePrefixes) : _random.Pick(Vocabulary.PhonePrefixes)) + _random.NextDigits(8);

    // ---- Like farms ------------------------------------------------------------------------------------------------

    private List<LikeFarmPlan> PlanLikeFarms(List<ShopProfile> pool)
    {
        var farms = new List<LikeFarmPlan>();
        var recruited = new HashSet<AccountProfile>();
        var count = Options.Scaled(8);
        for (var k = 0; k < count; k++)
        {
            var style = LikeFarmStyles[k % LikeFarmStyles.Length];

            // Half the farms serve several clients (the same accounts on listing after listing: lockstep); the others one job.
            var multi = style != LikeFarmStyle.Drip && ((k % LikeFarmStyles.Length) + (k / LikeFarmStyles.Length)) % 2 == 0;
            var scenario = style switch
            {
                LikeFarmStyle.Script => "like_farm_script",
                LikeFarmStyle.Proxy => "like_farm_proxy",
                LikeFarmStyle.Crowd => "like_farm_crowd",
                _ => "like_farm_drip",
            };
            var listings = PickBoostedListings(pool, scenario, multi ? _random.Between(3, 6) : style == LikeFarmStyle.Drip ? 1 : _random.Between(1, 2), multi);
            if (listings.Count == 0)
            {
                break;
            }

            var farm = style switch
            {
                LikeFarmStyle.Drip => PlanDripFarm(listings[0]),
                LikeFarmStyle.Crowd => PlanCrowdFarm(listings, recruited),
                _ => PlanScriptedFarm(style, listings),
            };
            farms.Add(farm);
            LabelLikeFarm(farm, scenario);
        }

        return farms;
    }

    private List<ListingProfile> PickBoostedListings(List<ShopProfile> pool, string scenario, int count, bool severalClients)
    {
        // Small and middling shops buy likes: a listing that already draws crowds gains little from them.
        var clients = new List<ShopProfile>();
        var wanted = severalClients ? Math.Min(count, _random.Between(2, 4)) : 1;
        var busy = Shops.Select(s => s.Popularity).Order().ElementAt(Shops.Count * 8 / 10);
        while (clients.Count < wanted && TakeEngagementShop(pool, scenario, s => s.Popularity < busy) is { } shop)
        {
            clients.Add(shop);
        }

        var listings = new List<ListingProfile>();
        for (var i = 0; i < count && clients.Count > 0; i++)
        {
            var shop = clients[i % clients.Count];
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var listing = Listings[shop.FirstListing + 1 + _random.Next(shop.ListingCount - 1)];
                if (listing.Scenario is null)
                {
                    listing.Scenario = scenario;
                    listings.Add(listing);
                    break;
                }
            }
        }

        return listings;
    }

    /// <summary>Start times of a farm's jobs, spread over the run after the first day, in order.</summary>
    private long[] JobStarts(int count, bool daytime)
    {
        var from = EngagementEarliest;
        var to = Math.Max(from + Hour, EndTicks - (Options.Days >= 2 ? Day : 8 * Hour));
        var starts = new long[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = daytime ? AwakeBetween(from, to) : from + (long)(_random.NextDouble() * (to - from));
        }

        Array.Sort(starts);
        return starts;
    }

    /// <summary>A phone farm or a proxy farm: throwaway accounts walked through by a script at a steady pace.</summary>
    private LikeFarmPlan PlanScriptedFarm(LikeFarmStyle style, List<ListingProfile> listings)
    {
        var proxy = style == LikeFarmStyle.Proxy;
        var size = proxy
            ? (int)Math.Clamp(_random.NextLogNormal(200, 0.8), 50, 1_500)
            : (int)Math.Clamp(_random.NextLogNormal(500, 0.9), 50, 3_000);
        string[] ips = [];
        string[] devices = [];
        if (!proxy)
        {
            var subnets = Enumerable.Range(0, _random.Between(1, 3)).Select(_ => FarmSubnet()).ToArray();
            // An emulator runs a dozen or more accounts; a proxy address serves several.
            var ipCount = Math.Clamp(size / _random.Between(6, 20), 2, 12);
            var deviceCount = Math.Clamp(size / _random.Between(8, 30), 2, 8);
            ips = [.. Enumerable.Range(0, ipCount).Select(_ => _random.Pick(subnets) + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture)).Distinct()];
            devices = [.. Enumerable.Range(0, deviceCount).Select(_ => "dv" + _random.NextHex16())];
        }

        var starts = JobStarts(listings.Count, daytime: false);

        // Some phone farms mix in aged accounts bought on the account market: they have avatars and browsed a little.
        var agedShare = !proxy && _random.Chance(0.5) ? 0.1 + (_random.NextDouble() * 0.2) : 0;
        var members = new List<AccountProfile>(size);
        var zombies = new HashSet<AccountProfile>();
        var batch = FarmRegistration(starts[0], TimeSpan.FromHours(6), TimeSpan.FromDays(3));
        var step = Math.Max(TimeSpan.TicksPerSecond, Math.Min(_random.NextTicks(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(90)), (starts[0] - Hour - batch) / size));
        for (var i = 0; i < size; i++)
        {
            AccountProfile member;
            if (_random.Chance(agedShare))
            {
                member = NewAccount(AccountKind.LikeFarm, _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55)),
                    device: _random.Pick(devices), phone: FarmPhone());
            }
            else
            {
                var registered = Math.Min(starts[0] - Hour, batch + (i * step) + _random.NextInt64(step));
                member = proxy
                    ? NewAccount(AccountKind.LikeFarm, Math.Max(0, registered), FarmNickname(), avatar: DefaultAvatar, phone: FarmPhone())
                    : NewAccount(AccountKind.LikeFarm, Math.Max(0, registered), FarmNickname(), _random.Pick(ips), devices[i % devices.Length], DefaultAvatar, FarmPhone());
                zombies.Add(member);
            }

            members.Add(member);
        }

        var interval = _random.NextTicks(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(40));
        var participation = listings.Count >= 3 ? 0.75 + (_random.NextDouble() * 0.2) : 0.7 + (_random.NextDouble() * 0.3);
        var jobs = new List<LikeJob>(listings.Count);
        for (var j = 0; j < listings.Count; j++)
        {
            // A fresh batch is used at once, whole; later jobs take whoever the script has not lost.
            var walk = members.Where(m => (j == 0 && zombies.Contains(m)) || _random.Chance(participation)).ToList();
            for (var i = 1; i < walk.Count; i++)
            {
                if (_random.Chance(0.05))
                {
                    (walk[i - 1], walk[i]) = (walk[i], walk[i - 1]);
                }
            }

            // A steady pace with a little jitter; now and then a pause while the script reconnects. The whole job fits in a day.
            var pace = Math.Min(interval, (Math.Min(20 * Hour, EndTicks - starts[j] - Hour)) / Math.Max(1, walk.Count));
            var likes = new List<(AccountProfile, long)>(walk.Count);
            var t = starts[j];
            foreach (var member in walk)
            {
                likes.Add((member, t));
                t += (long)(pace * (0.9 + (_random.NextDouble() * 0.2)));
                if (_random.Chance(0.01))
                {
                    t += _random.NextTicks(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(8));
                }
            }

            jobs.Add(new LikeJob(listings[j], [.. likes.Where(l => l.Item2 < EndTicks - Minute)]));
        }

        return new LikeFarmPlan(proxy ? LikeFarmStyle.Proxy : LikeFarmStyle.Script, members, zombies, ips, devices, jobs);
    }

    /// <summary>A part-time group: real shoppers and aged accounts who like within minutes of a task being posted.</summary>
    private LikeFarmPlan PlanCrowdFarm(List<ListingProfile> listings, HashSet<AccountProfile> recruited)
    {
        var size = (int)Math.Clamp(_random.NextLogNormal(80, 0.5), 40, 250);
        var early = ActiveBuyers(Hour);
        var members = new List<AccountProfile>(size);
        for (var i = 0; i < size; i++)
        {
            if (early > 0 && _random.Chance(0.65))
            {
                var buyer = Buyers[_random.Next(early)];
                if (recruited.Add(buyer))
                {
                    members.Add(buyer);
                    continue;
                }
            }

            members.Add(NewAccount(AccountKind.LikeFarm, _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55))));
        }

        var starts = JobStarts(listings.Count, daytime: true);
        var participation = 0.7 + (_random.NextDouble() * 0.25);
        var jobs = new List<LikeJob>(listings.Count);
        for (var j = 0; j < listings.Count; j++)
        {
            var likes = members
                .Where(_ => _random.Chance(participation))
                .Select(m => (m, starts[j] + (long)(Math.Clamp(_random.NextLogNormal(8, 0.9), 0.3, 180) * Minute)))
                .Where(l => l.Item2 < EndTicks - Minute)
                .OrderBy(l => l.Item2)
                .ToList();
            jobs.Add(new LikeJob(listings[j], likes));
        }

        return new LikeFarmPlan(LikeFarmStyle.Crowd, members, new HashSet<AccountProfile>(), [], [], jobs);
    }

    /// <summary>A slow drip from launch: a few likes a day, each from an account registered hours before.</summary>
    private LikeFarmPlan PlanDripFarm(ListingProfile listing)
    {
        var subnet = FarmSubnet();
        string[] ips = [.. Enumerable.Range(0, _random.Between(2, 6)).Select(_ => subnet + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture)).Distinct()];
        string[] devices = [.. Enumerable.Range(0, _random.Between(2, 5)).Select(_ => "dv" + _random.NextHex16())];
        var start = Math.Max(listing.PublishedAt + Hour, _random.NextTicks(TimeSpan.FromHours(2), TimeSpan.FromHours(6)));
        var span = EndTicks - start - Hour;
        var count = Math.Max(3, (int)(_random.Between(6, 20) * span / (double)Day));
        var members = new List<AccountProfile>(count);
        var likes = new List<(AccountProfile, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var t = start + (long)((i + (_random.NextDouble() * 0.3)) * span / count);
            var registered = Math.Max(0, t - _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromHours(20)));
            var member = NewAccount(AccountKind.LikeFarm, registered, FarmNickname(), _random.Pick(ips), _random.Pick(devices), DefaultAvatar, FarmPhone());
            members.Add(member);
            likes.Add((member, t));
        }

        return new LikeFarmPlan(LikeFarmStyle.Drip, members, members.ToHashSet(), ips, devices, [new LikeJob(listing, likes)]);
    }

    private void LabelLikeFarm(LikeFarmPlan farm, string scenario)
    {
        var takes = farm.Jobs.SelectMany(j => j.Likes.Select(l => l.Member)).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var actors = takes.Keys.ToList();
        var listings = farm.Jobs.Where(j => j.Likes.Count > 0).Select(j => j.Listing).ToList();
        void Label(string pattern, IEnumerable<AccountProfile> accounts, IEnumerable<ListingProfile> boosted)
        {
            foreach (var account in accounts)
            {
                Labels.Entity(pattern, EntityTypes.Account, () => account.Id, "actor", scenario);
            }

            foreach (var listing in boosted)
            {
                Labels.Entity(pattern, EntityTypes.Listing, () => listing.Id, "beneficiary", scenario);
            }
        }

        // Every farm's likes come without orders or real interest; a drip from launch leaves no baseline to jump from.
        Label("fake_likes.mismatch", actors, listings);
        if (farm.Style != LikeFarmStyle.Drip)
        {
            Label("fake_likes.burst", actors, listings);
        }

        if (farm.Concentrated)
        {
            Label("fake_likes.concentration", actors, listings);
        }

        if (farm.Zombies.Count > 0)
        {
            Label("fake_likes.zombies", actors.Where(farm.Zombies.Contains),
                farm.Jobs.Where(j => j.Likes.Count > 0 && j.Likes.Count(l => farm.Zombies.Contains(l.Member)) * 2 >= j.Likes.Count).Select(j => j.Listing));
        }

        if (farm.Jobs.Count >= 3)
        {
            Label("fake_likes.lockstep", actors.Where(a => takes[a] >= 3), listings);
        }
    }

    // ---- Bought reviews ------------------------------------------------------------------------------------------

    private List<ReviewFarmPlan> PlanReviewFarms(List<ShopProfile> pool)
    {
        var farms = new List<ReviewFarmPlan>();
        var count = Options.Scaled(8);
        for (var k = 0; k < count; k++)
        {
            var style = ReviewFarmStyles[k % ReviewFarmStyles.Length];
            var scenario = ReviewScenario(style);
            if (TakeEngagementShop(pool, scenario) is not { } shop)
            {
                break;
            }

            var listing = Listings[shop.FirstListing + _random.Next(Math.Min(shop.ListingCount, 6))];
            listing.Scenario ??= scenario;
            var from = EngagementEarliest;
            var writers = style switch
            {
                ReviewFarmStyle.Template => LinkedWriters(_random.Between(15, 60), AwakeBetween(from, Math.Max(from + Hour, EndTicks - Day)),
                    _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromHours(6)), shareAddress: false),
                ReviewFarmStyle.Prepaid => LinkedWriters(_random.Between(10, 40), AwakeBetween(from, Math.Max(from + Hour, EndTicks - (2 * Day))),
                    _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromHours(4)), shareAddress: true),
                ReviewFarmStyle.Cashback => CashbackBuyers(_random.Between(12, 40)),
                _ => ScatteredWriters(_random.Between(8, 30)),
            };
            var templated = style is ReviewFarmStyle.Template or ReviewFarmStyle.Cashback;
            farms.Add(new ReviewFarmPlan(style, listing, writers, templated ? PickTemplate(Vocabulary.PraiseSlots) : null));
        }

        return farms;
    }

    public static string ReviewScenario(ReviewFarmStyle style) => style switch
    {
        ReviewFarmStyle.Template => "review_farm_template",
        ReviewFarmStyle.Prepaid => "review_farm_prepaid",
        ReviewFarmStyle.Cashback => "review_cashback",
        _ => "review_trickle",
    };

    /// <summary>For each slot of a template, the phrase a job uses and one alternative its paraphrases swap in.</summary>
    private List<string[]> PickTemplate(string[][] slots)
    {
        var template = new List<string[]>(slots.Length);
        foreach (var slot in slots)
        {
            var main = _random.Next(slot.Length);
            var other = (main + 1 + _random.Next(slot.Length - 1)) % slot.Length;
            template.Add([slot[main], slot[other]]);
        }

        return template;
    }

    /// <summary>
    /// Accounts of one studio: a few phones, one address range, a couple of payers and addresses, registered in a batch
    /// days before; they act one after another from <paramref name="start"/> over <paramref name="spread"/>.
    /// </summary>
    private List<(AccountProfile, long)> LinkedWriters(int count, long start, long spread, bool shareAddress)
    {
        var subnet = FarmSubnet();
        string[] devices = [.. Enumerable.Range(0, _random.Between(2, 5)).Select(_ => "dv" + _random.NextHex16())];
        string[] payers = [.. Enumerable.Range(0, _random.Between(1, 3)).Select(_ => "2088" + _random.NextDigits(12))];
        string[] addresses = [.. Enumerable.Range(0, _random.Between(1, 2)).Select(_ => NewAddress())];
        var batch = FarmRegistration(start, TimeSpan.FromHours(12), TimeSpan.FromDays(5));
        var writers = new List<(AccountProfile, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var registered = Math.Min(start - (11 * Hour), batch + (i * _random.NextTicks(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(6))));
            var account = NewAccount(AccountKind.ReviewFarm, Math.Max(0, registered), FarmNickname(),
                subnet + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture), _random.Pick(devices),
                _random.Chance(0.5) ? DefaultAvatar : null, FarmPhone(), shareAddress ? _random.Pick(addresses) : null, _random.Pick(payers));
            var t = start + (long)((i + (_random.NextDouble() * 0.5)) * spread / count);
            writers.Add((account, t));
        }

        return writers;
    }

    /// <summary>Real buyers who order over a few days; the seller pays them back for the review it hands them.</summary>
    private List<(AccountProfile, long)> CashbackBuyers(int count)
    {
        var early = ActiveBuyers(Hour);
        var from = Math.Max(2 * Hour, EngagementEarliest / 2);
        var to = Math.Max(from + Day, EndTicks - (5 * Day));
        var chosen = new HashSet<AccountProfile>();
        var writers = new List<(AccountProfile, long)>(count);
        for (var i = 0; i < count * 2 && writers.Count < count && early > 0; i++)
        {
            var buyer = Buyers[_random.Next(early)];
            if (chosen.Add(buyer))
            {
                writers.Add((buyer, AwakeBetween(from, to)));
            }
        }

        writers.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return writers;
    }

    /// <summary>Unlinked throwaway accounts (each its own phone, device and address) posting over several days.</summary>
    private List<(AccountProfile, long)> ScatteredWriters(int count)
    {
        var from = EngagementEarliest;
        var to = Math.Max(from + Hour, EndTicks - Hour);
        var start = AwakeBetween(from, Math.Max(from + Hour, to - (3 * Day)));
        var end = Math.Min(to, start + _random.NextTicks(TimeSpan.FromDays(2), TimeSpan.FromDays(5)));
        var writers = new List<(AccountProfile, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var t = AwakeBetween(start, end);
            var account = NewAccount(AccountKind.ReviewFarm, FarmRegistration(t, TimeSpan.FromHours(6), TimeSpan.FromDays(4)), FarmNickname(),
                avatar: _random.Chance(0.6) ? DefaultAvatar : null, phone: FarmPhone());
            writers.Add((account, t));
        }

        writers.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return writers;
    }

    // ---- Malicious one-star reviews --------------------------------------------------------------------------------

    private List<ReviewAttackPlan> PlanReviewAttacks(List<ShopProfile> pool)
    {
        var attacks = new List<ReviewAttackPlan>();
        var popular = Shops.Select(s => s.Popularity).Order().ElementAt(Shops.Count * 6 / 10);
        var count = Options.Scaled(4);
        for (var k = 0; k < count; k++)
        {
            var linked = k % 2 == 0;
            var scenario = linked ? "malicious_reviews_competitor" : "malicious_reviews_hired";
            var victim = TakeEngagementShop(pool, scenario, s => s.Popularity >= popular) ?? TakeEngagementShop(pool, scenario);
            if (victim is null)
            {
                break;
            }

            var competitor = TakeEngagementShop(pool, scenario, s => s.MainCategory == victim.MainCategory) ?? TakeEngagementShop(pool, scenario);
            if (competitor is null)
            {
                break;
            }

            var listing = Listings[victim.FirstListing];
            listing.Scenario ??= scenario;
            var from = EngagementEarliest;
            var start = AwakeBetween(from, Math.Max(from + Hour, EndTicks - (Options.Days >= 2 ? Day : 10 * Hour)));
            List<(AccountProfile, long)> attackers;
            if (linked)
            {
                attackers = CompetitorsPeople(competitor.Owner, _random.Between(4, 12), start, _random.NextTicks(TimeSpan.FromHours(2), TimeSpan.FromHours(10)));
            }
            else
            {
                attackers = LinkedWriters(_random.Between(6, 20), start, _random.NextTicks(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), shareAddress: false);
            }

            var withOrder = attackers.Select(a => a.Item1).Where(_ => _random.Chance(linked ? 0.5 : 0.3)).ToHashSet();
            var plan = new ReviewAttackPlan(listing, competitor, linked, attackers, withOrder, linked ? null : PickTemplate(Vocabulary.ComplaintSlots));
            attacks.Add(plan);

            Labels.Victim("fake_reviews.malicious_negative", EntityTypes.Listing, () => listing.Id, scenario);
            Labels.Victim("fake_reviews.malicious_negative", EntityTypes.Shop, () => victim.Id, scenario);
            if (linked)
            {
                Labels.Entity("fake_reviews.malicious_negative", EntityTypes.Shop, () => competitor.Id, "actor", scenario);
            }
        }

        return attacks;
    }

    /// <summary>The competitor's own people: each shares its owner's device or network, some also its address or payer.</summary>
    private List<(AccountProfile, long)> CompetitorsPeople(AccountProfile owner, int count, long start, long spread)
    {
        var ownerSubnet = owner.Ip[..(owner.Ip.LastIndexOf('.') + 1)];
        var people = new List<(AccountProfile, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var device = _random.Chance(0.35) ? owner.Device : null;
            var address = _random.Chance(0.4) ? owner.Address : null;
            var payer = _random.Chance(0.3) ? owner.PaymentAccount : null;
            // Each registers from the owner's device or network, so the link shows; some also share where goods go or who pays.
            var ip = device is null || _random.Chance(0.6)
                ? _random.Chance(0.5) ? owner.Ip : ownerSubnet + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture)
                : null;
            var t = AwakeBetween(start, start + spread);
            var account = NewAccount(AccountKind.Attacker, FarmRegistration(t, TimeSpan.FromHours(8), TimeSpan.FromDays(10)),
                ip: ip, device: device, address: address, paymentAccount: payer);
            people.Add((account, t));
        }

        people.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return people;
    }

    // ---- Impersonation, marketing accounts ------------------------------------------------------------------------

    private void PlanImpersonatingShops(List<ShopProfile> pool)
    {
        var famous = Shops.Where(s => s.Tier == "flagship").SelectMany(s => s.Brands).Distinct().Order(StringComparer.Ordinal).ToList();
        if (famous.Count == 0)
        {
            famous = [.. Vocabulary.Brands];
        }

        var names = Shops.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var count = Options.Scaled(8);
        for (var k = 0; k < count; k++)
        {
            var brand = _random.Pick(famous);
            if (TakeEngagementShop(pool, "impersonating_shop", s => s.Tier != "flagship" && !s.Brands.Contains(brand)) is not { } shop)
            {
                break;
            }

            var name = ImpersonatingName(brand);
            for (var attempt = 0; attempt < 8 && names.Contains(name); attempt++)
            {
                name = ImpersonatingName(brand);
            }

            if (!names.Add(name))
            {
                name += _random.Pick(["店", "铺", "馆"]);
                names.Add(name);
            }

            shop.Name = name;
            _impersonated[shop] = brand;
            Labels.Entity("accounts.impersonation", EntityTypes.Shop, () => shop.Id, "actor", "impersonating_shop");
        }
    }

    private string ImpersonatingName(string brand)
    {
        // Half write the brand with a look-alike character (雲朵 for 云朵); the name shape does the rest.
        var shown = brand;
        if (_random.Chance(0.5))
        {
            var positions = Enumerable.Range(0, brand.Length).Where(i => Vocabulary.LookAlikes.ContainsKey(brand[i])).ToList();
            if (positions.Count > 0)
            {
                var chars = brand.ToCharArray();
                var p = _random.Pick(positions);
                chars[p] = Vocabulary.LookAlikes[chars[p]];
                shown = new string(chars);
            }
        }

        return string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.ImpersonatorShopNames), shown);
    }

    private List<SolicitorPlan> PlanSolicitors()
    {
        var plans = new List<SolicitorPlan>();
        string[] stock = [.. Enumerable.Range(0, _random.Between(5, 8)).Select(_ => _random.NextHex16())];
        var count = Options.Scaled(40);
        var studios = Math.Max(1, count / 10);
        var studioSubnets = Enumerable.Range(0, studios).Select(_ => FarmSubnet()).ToArray();
        var studioContacts = Enumerable.Range(0, studios).Select(_ => NewChatContact()).ToArray();
        for (var k = 0; k < count; k++)
        {
            var studio = _random.Next(studios);
            var named = _random.Chance(0.75);
            var nickname = named ? MarketingNickname() : NewNickname();
            var registered = _random.Chance(0.6)
                ? _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55))
                : _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromTicks(Math.Max(2 * Hour, EndTicks - (2 * Day))));
            var account = NewAccount(AccountKind.Marketing, registered, nickname,
                studioSubnets[studio] + _random.Next(2, 255).ToString(CultureInfo.InvariantCulture),
                avatar: !named || _random.Chance(0.8) ? _random.Pick(stock) : null, phone: FarmPhone());
            plans.Add(new SolicitorPlan(account, _random.Chance(0.6) ? studioContacts[studio] : NewChatContact(), null, SolicitorBursts(registered)));
            Labels.Entity("accounts.marketing", EntityTypes.Account, () => account.Id, "actor", "marketing_account");
        }

        // Honest shoppers who picked the same popular pictures as avatars, and people who review for fun under a 测评 name.
        var lookAlikes = new List<AccountProfile>();
        var stockUsers = Options.Scaled(30);
        var reviewers = Options.Scaled(10);
        for (var k = 0; k < stockUsers + reviewers; k++)
        {
            var registered = _random.Chance(0.75)
                ? _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(55))
                : _random.NextTicks(TimeSpan.FromHours(1), TimeSpan.FromTicks(Math.Max(2 * Hour, EndTicks - (2 * Day))));
            var stockUser = k < stockUsers;
            var nickname = stockUser
                ? NewNickname()
                : string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.ReviewerNames), _random.Pick(Vocabulary.NicknameHeads) + _random.Pick(Vocabulary.NicknameWords));
            var account = NewAccount(AccountKind.Buyer, registered, nickname, avatar: stockUser ? _random.Pick(stock) : null);
            lookAlikes.Add(account);
            Labels.HardNegative(stockUser ? "stock_avatar_buyer" : "reviewer_nickname", EntityTypes.Account, () => account.Id, "accounts");
        }

        HonestSolicitorLookAlikes = lookAlikes;

        // A few pose as a famous brand's service desk, with its logo as avatar, to lure buyers off the platform.
        var famous = Shops.Where(s => s.Tier == "flagship").SelectMany(s => s.Brands).Distinct().Order(StringComparer.Ordinal).ToList();
        var logos = new Dictionary<string, string>(StringComparer.Ordinal);
        var impostors = Options.Scaled(4);
        for (var k = 0; k < impostors && famous.Count > 0; k++)
        {
            var brand = _random.Pick(famous);
            if (!logos.TryGetValue(brand, out var logo))
            {
                logos[brand] = logo = _random.NextHex16();
            }

            var shown = _random.Chance(0.4) && Vocabulary.LookAlikes.TryGetValue(brand[0], out var alike) ? alike + brand[1..] : brand;
            var registered = _random.NextTicks(TimeSpan.Zero, TimeSpan.FromTicks(Math.Max(Hour, EndTicks / 2)));
            var account = NewAccount(AccountKind.Marketing, registered,
                string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.ImpersonatorNames), shown), avatar: logo, phone: FarmPhone());
            plans.Add(new SolicitorPlan(account, NewChatContact(), brand, SolicitorBursts(registered)));
            Labels.Entity("accounts.impersonation", EntityTypes.Account, () => account.Id, "actor", "impersonating_account");
            Labels.Entity("accounts.marketing", EntityTypes.Account, () => account.Id, "actor", "impersonating_account");
        }

        return plans;
    }

    private string MarketingNickname()
    {
        var word = _random.Chance(0.2) ? _random.Pick(Vocabulary.MarketingWordsDisguised) : _random.Pick(Vocabulary.MarketingWords);
        var name = string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.MarketingNameShapes), word);
        return _random.Chance(0.4) ? name + _random.NextDigits(_random.Between(2, 4)) : name;
    }

    private string NewChatContact()
    {
        var letters = "abcdefghjkmnpqrstuvwxyz";
        var head = string.Concat(Enumerable.Range(0, _random.Between(2, 5)).Select(_ => letters[_random.Next(letters.Length)]));
        return head + _random.NextDigits(_random.Between(4, 8));
    }

    private List<(long, int)> SolicitorBursts(long registered)
    {
        var bursts = new List<(long, int)>();
        var from = registered + _random.NextTicks(TimeSpan.FromMinutes(30), TimeSpan.FromHours(20));
        var count = _random.Between(2, 6);
        for (var i = 0; i < count && from < EndTicks - Hour; i++)
        {
            bursts.Add((AwakeBetween(from, EndTicks - Hour), _random.Between(3, 10)));
        }

        bursts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return bursts;
    }

    // ---- Brand complaints ------------------------------------------------------------------------------------------

    private List<BrandReviewPlan> PlanBrandReviews()
    {
        var plans = new List<BrandReviewPlan>();
        var branded = Listings.Where(l => l.Brand is not null && l.Shop.OpensAt < Hour && l.Scenario is null).ToList();
        var fakes = _impersonated.Keys.SelectMany(s => Enumerable.Range(s.FirstListing, s.ListingCount).Select(i => Listings[i])).ToList();
        var early = ActiveBuyers(Hour);
        if (branded.Count == 0 || early == 0)
        {
            return plans;
        }

        var from = 2 * Hour;
        var to = Math.Max(from + Hour, EndTicks - (5 * Day));
        var alerts = Options.Scaled(30);
        var complaints = Options.Scaled(40);
        for (var k = 0; k < alerts + complaints; k++)
        {
            var alert = k < alerts;
            ListingProfile listing;
            string brand;
            if (alert && fakes.Count > 0 && _random.Chance(0.4))
            {
                listing = _random.Pick(fakes);
                brand = _impersonated[listing.Shop];
            }
            else
            {
                listing = _random.Pick(branded);
                brand = listing.Brand!;
            }

            plans.Add(new BrandReviewPlan(Buyers[_random.Next(early)], listing, brand, AwakeBetween(from, to), alert));
        }

        plans.Sort((a, b) => a.OrderedAt.CompareTo(b.OrderedAt));
        return plans;
    }
}
