using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Honest look-alikes (SPEC §9): livestream and influencer surges, declared off-site campaigns, listings that go viral,
/// the biggest shops and buyers who reorder the same day. On the surface they look like brushing or fake likes (many
/// orders or likes in a short time, buyers ordering twice, new accounts, shared campus addresses); underneath they
/// are many distinct real buyers with normal dwell, payment and delivery.
/// </content>
internal sealed partial class MarketWorld
{
    /// <summary>Categories people run out of and reorder.</summary>
    private static readonly string[] Consumables = ["食品生鲜", "母婴用品", "美妆个护", "家居日用"];

    private readonly List<CampaignPlan> _lookAlikeCampaigns = [];

    /// <summary>Livestream and influencer surges, declared or not.</summary>
    public IReadOnlyList<SurgePlan> Surges { get; private set; } = [];

    /// <summary>Declared off-site campaigns and the visitors they bring.</summary>
    public IReadOnlyList<CampaignTrafficPlan> CampaignTraffic { get; private set; } = [];

    public IReadOnlyList<ViralListingPlan> ViralListings { get; private set; } = [];

    public IReadOnlyList<BigShopPlan> BigShops { get; private set; } = [];

    public IReadOnlyList<RepeatBuyerPlan> RepeatBuyers { get; private set; } = [];

    /// <summary>Campus NAT addresses and the honest buyers behind each (indexes into <see cref="Buyers"/>, ascending).</summary>
    public IReadOnlyDictionary<string, int[]> CampusBuyers { get; private set; } = new Dictionary<string, int[]>();

    /// <summary>How big audiences are relative to scale 1 (25,000 buyers).</summary>
    private double Audience => Options.Buyers / 25_000.0;

    partial void PlanLookAlikes()
    {
        CampusBuyers = FindCampusBuyers();
        BigShops = PlanBigShops();
        Surges = PlanSurges();
        CampaignTraffic = PlanDeclaredCampaigns();
        ViralListings = PlanViralListings();
        RepeatBuyers = PlanRepeatBuyers();
    }

    /// <summary>Every declared campaign: those of flash sales, surges and off-site campaigns.</summary>
    private List<CampaignPlan> PlanCampaigns()
        => [.. FlashSales.Where(f => f.Campaign is not null).Select(f => f.Campaign!).Concat(_lookAlikeCampaigns).OrderBy(c => c.DeclaredAt)];

    // A campus NAT address is one that many unrelated buyers share (a family shares one with two or three people).
    private Dictionary<string, int[]> FindCampusBuyers()
    {
        var crowd = Math.Max(8, Buyers.Count / 400);
        return Enumerable.Range(0, Buyers.Count)
            .GroupBy(i => Buyers[i].Ip, StringComparer.Ordinal)
            .Where(g => g.Count() >= crowd)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The most popular shops: their hourly orders run high every day, from many different buyers.</summary>
    private List<BigShopPlan> PlanBigShops()
    {
        var plans = new List<BigShopPlan>();
        var biggest = Shops.Where(s => s.OpensAt < Hour && !s.Brushes && s.Scenario is null)
            .OrderByDescending(s => s.Popularity).ThenBy(s => s.Index)
            .Take(Options.Scaled(3))
            .ToList();
        foreach (var shop in biggest)
        {
            Claim(shop, "big_shop");
            plans.Add(new BigShopPlan(shop, Math.Max(10, (int)Math.Round(_random.Between(220, 420) * Audience))));
            Labels.HardNegative("big_shop", EntityTypes.Shop, () => shop.Id, "order_brushing");
        }

        return plans;
    }

    private List<SurgePlan> PlanSurges()
    {
        var plans = new List<SurgePlan>();
        foreach (var channel in new[] { "livestream", "influencer" })
        {
            foreach (var declared in new[] { true, false })
            {
                var scenario = $"{channel}_surge_{(declared ? "declared" : "undeclared")}";
                for (var k = 0; k < Options.Scaled(2); k++)
                {
                    if (PlanSurge(scenario, channel, declared) is { } plan)
                    {
                        plans.Add(plan);
                    }
                }
            }
        }

        plans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return plans;
    }

    private SurgePlan? PlanSurge(string scenario, string channel, bool declared)
    {
        var shops = UnclaimedShops();
        if (shops.Count == 0)
        {
            return null;
        }

        var shop = Claim(_random.Pick(shops), scenario);
        var listings = PickListings(shop, _random.Between(1, 3), scenario);

        // A stream goes live in the evening for two or three hours; a post goes out during the day and its audience
        // fades over a day and a half. Both come after a day of ordinary trade, so their buyers have a history.
        var day = Options.Days >= 2 ? _random.Between(1, Options.Days - 1) : 0;
        var livestream = channel == "livestream";
        var start = (day * Day) + (livestream
            ? _random.NextTicks(TimeSpan.FromHours(19), TimeSpan.FromHours(21.5))
            : _random.NextTicks(TimeSpan.FromHours(11), TimeSpan.FromHours(21)));
        var duration = Math.Min(EndTicks - start, livestream
            ? _random.NextTicks(TimeSpan.FromHours(1.5), TimeSpan.FromHours(3.5))
            : _random.NextTicks(TimeSpan.FromHours(24), TimeSpan.FromHours(40)));
        var decay = livestream ? 0 : _random.NextTicks(TimeSpan.FromHours(2), TimeSpan.FromHours(6));
        var viewers = Math.Max(30, (int)Math.Round((livestream ? _random.Between(200, 500) : _random.Between(250, 600)) * Audience));

        string? campus = null;
        if (CampusBuyers.Count > 0 && _random.Chance(0.6))
        {
            campus = _random.Pick(CampusBuyers.Keys.Order(StringComparer.Ordinal).ToList());
        }

        var newcomers = new List<AccountProfile>();
        var joining = (int)Math.Round(viewers * (0.02 + (0.06 * _random.NextDouble())));
        for (var i = 0; i < joining; i++)
        {
            var registered = start + SurgeOffset(_random, duration, decay);
            newcomers.Add(NewAccount(AccountKind.Buyer, registered, avatar: _random.Chance(0.45) ? DefaultAvatar : null));
        }

        CampaignPlan? campaign = null;
        if (declared)
        {
            var declaredAt = Math.Max(Hour, start - _random.NextTicks(TimeSpan.FromHours(3), TimeSpan.FromDays(3)));
            campaign = new CampaignPlan(NextCampaignId(), shop, listings, declaredAt,
                Math.Max(declaredAt, start - _random.NextTicks(TimeSpan.Zero, TimeSpan.FromMinutes(30))),
                start + duration + _random.NextTicks(TimeSpan.Zero, TimeSpan.FromHours(2)), channel);
            _lookAlikeCampaigns.Add(campaign);
        }

        Labels.HardNegative(scenario, EntityTypes.Shop, () => shop.Id, "order_brushing");
        foreach (var listing in listings)
        {
            Labels.HardNegative(scenario, EntityTypes.Listing, () => listing.Id, "fake_likes");
        }

        return new SurgePlan(scenario, channel, shop, listings, start, duration, decay, viewers, campus, newcomers, campaign);
    }

    /// <summary>
    /// When a visitor arrives, after a surge starts: evenly over a livestream, or at a fading rate after a post
    /// (exponential with time constant <paramref name="decay"/>, within <paramref name="duration"/>).
    /// </summary>
    public static long SurgeOffset(Random random, long duration, long decay)
    {
        if (decay <= 0)
        {
            return (long)(random.NextDouble() * duration);
        }

        var cut = 1 - Math.Exp(-(double)duration / decay);
        return Math.Min(duration - 1, (long)(-decay * Math.Log(1 - (random.NextDouble() * cut))));
    }

    /// <summary>Declared off-site campaigns (站外推广) that really bring visitors, many of them new to the marketplace.</summary>
    private List<CampaignTrafficPlan> PlanDeclaredCampaigns()
    {
        var plans = new List<CampaignTrafficPlan>();
        for (var k = 0; k < Options.Scaled(3); k++)
        {
            var shops = UnclaimedShops();
            if (shops.Count == 0)
            {
                break;
            }

            var shop = Claim(_random.Pick(shops), "declared_campaign");
            var listings = PickListings(shop, _random.Between(1, 3), "declared_campaign");
            var from = (_random.Next(Options.Days) * Day) + _random.NextTicks(TimeSpan.FromHours(9), TimeSpan.FromHours(20));
            var to = Math.Min(EndTicks, from + _random.NextTicks(TimeSpan.FromHours(20), TimeSpan.FromDays(3)));
            var declaredAt = Math.Max(Hour, from - _random.NextTicks(TimeSpan.FromHours(2), TimeSpan.FromDays(2)));
            var campaign = new CampaignPlan(NextCampaignId(), shop, listings, declaredAt, Math.Max(from, declaredAt), to, "offsite");
            _lookAlikeCampaigns.Add(campaign);

            var perDay = Math.Max(15, (int)Math.Round(_random.Between(120, 280) * Audience));
            var newcomers = new List<AccountProfile>();
            var joining = (int)Math.Round(perDay * (to - campaign.From) / (double)Day * (0.15 + (0.15 * _random.NextDouble())));
            for (var i = 0; i < joining; i++)
            {
                var registered = TimeOfDayWithin(campaign.From, to);
                newcomers.Add(NewAccount(AccountKind.Buyer, registered, avatar: _random.Chance(0.5) ? DefaultAvatar : null));
            }

            plans.Add(new CampaignTrafficPlan(campaign, perDay, newcomers));
            Labels.HardNegative("declared_campaign", EntityTypes.Shop, () => shop.Id, "order_brushing");
            foreach (var listing in listings)
            {
                Labels.HardNegative("declared_campaign", EntityTypes.Listing, () => listing.Id, "order_brushing");
            }
        }

        return plans;
    }

    private List<ViralListingPlan> PlanViralListings()
    {
        var plans = new List<ViralListingPlan>();
        for (var k = 0; k < Options.Scaled(2); k++)
        {
            var shops = UnclaimedShops();
            if (shops.Count == 0)
            {
                break;
            }

            var shop = Claim(_random.Pick(shops), "viral_listing");
            var listing = PickListings(shop, 1, "viral_listing")[0];
            var day = Options.Days >= 4 ? _random.Between(0, Options.Days - 4) : 0;
            var start = (day * Day) + _random.NextTicks(TimeSpan.FromHours(8), TimeSpan.FromHours(22));
            var midpoint = Math.Min(1.5 + (2 * _random.NextDouble()), Math.Max(0.5, ((EndTicks - start) / (double)Day) - 1.5));
            plans.Add(new ViralListingPlan(listing, start, Math.Max(40, (int)Math.Round(_random.Between(500, 1300) * Audience)),
                midpoint, 0.45 + (0.5 * _random.NextDouble())));
            Labels.HardNegative("viral_listing", EntityTypes.Listing, () => listing.Id, "fake_likes");
            Labels.HardNegative("viral_listing", EntityTypes.Shop, () => shop.Id, "order_brushing");
        }

        return plans;
    }

    /// <summary>Buyers who reorder consumables from a shop later the same day: two or three orders, never three within the hour.</summary>
    private List<RepeatBuyerPlan> PlanRepeatBuyers()
    {
        var plans = new List<RepeatBuyerPlan>();
        var shops = UnclaimedShops().Where(s => Consumables.Contains(Vocabulary.Categories[s.MainCategory].Name)).ToList();
        if (shops.Count == 0)
        {
            shops = UnclaimedShops();
        }

        if (shops.Count == 0)
        {
            return plans;
        }

        var picker = new WeightedPicker([.. shops.Select(s => s.Popularity)]);
        var chosen = new HashSet<AccountProfile>();
        for (var k = 0; k < Options.Scaled(40); k++)
        {
            var day = Options.Days >= 2 ? _random.Between(1, Options.Days - 1) : 0;
            var dayStart = day * Day;
            var active = ActiveBuyers(Math.Max(Hour, dayStart));
            if (active == 0)
            {
                continue;
            }

            var buyer = Buyers[BuyerPicker.Pick(_random, active)];
            if (!chosen.Add(buyer))
            {
                continue;
            }

            var shop = shops[picker.Pick(_random)];
            var times = new List<long> { dayStart + _random.NextTicks(TimeSpan.FromHours(8), TimeSpan.FromHours(19)) };
            times.Add(times[0] + _random.NextTicks(TimeSpan.FromMinutes(25), TimeSpan.FromHours(6)));
            if (_random.Chance(0.3))
            {
                times.Add(times[1] + _random.NextTicks(TimeSpan.FromMinutes(70), TimeSpan.FromHours(4)));
            }

            var orders = times
                .Where(t => t + (45 * Minute) < Math.Min(EndTicks, dayStart + Day)) // browsing and a word with the seller first
                .Select(t => (t, ConsumableListing(shop)))
                .ToList();
            if (orders.Count < 2)
            {
                continue;
            }

            plans.Add(new RepeatBuyerPlan(buyer, shop, orders));
            Labels.HardNegative("same_day_repeat_buyer", EntityTypes.Account, () => buyer.Id, "order_brushing");
        }

        return plans;
    }

    private ListingProfile ConsumableListing(ShopProfile shop)
    {
        var listings = Enumerable.Range(shop.FirstListing, shop.ListingCount)
            .Select(i => Listings[i])
            .Where(l => Consumables.Contains(l.Category.Name))
            .ToList();
        return listings.Count > 0 ? _random.Pick(listings) : Listings[shop.FirstListing + _random.Next(shop.ListingCount)];
    }

    /// <summary><paramref name="count"/> distinct listings of a shop, its best sellers (the first ones) more often.</summary>
    private List<ListingProfile> PickListings(ShopProfile shop, int count, string scenario)
    {
        // Listings another scenario already uses (a cheating listing above all) are left out: a look-alike must be
        // honest through and through. Only when every listing is taken does the shop's best seller serve.
        var free = Enumerable.Range(shop.FirstListing, shop.ListingCount).Select(i => Listings[i]).Where(l => l.Scenario is null).ToList();
        if (free.Count == 0)
        {
            free.Add(Listings[shop.FirstListing]);
        }

        var picked = new List<ListingProfile>();
        for (var attempt = 0; attempt < 20 && picked.Count < Math.Min(count, free.Count); attempt++)
        {
            var u = _random.NextDouble();
            var listing = free[(int)(u * u * free.Count)];
            if (!picked.Contains(listing))
            {
                picked.Add(listing);
            }
        }

        foreach (var listing in picked)
        {
            listing.Scenario ??= scenario;
        }

        return picked;
    }

    /// <summary>A time in [<paramref name="from"/>, <paramref name="to"/>) that follows the daily rhythm of the marketplace.</summary>
    private long TimeOfDayWithin(long from, long to)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var day = (from / Day) + _random.Next((int)(((to - 1) / Day) - (from / Day) + 1));
            var t = (day * Day) + (PickIndex(Vocabulary.HourWeights) * Hour) + _random.NextInt64(Hour);
            if (t >= from && t < to)
            {
                return t;
            }
        }

        return from + _random.NextInt64(Math.Max(1, to - from));
    }
}
