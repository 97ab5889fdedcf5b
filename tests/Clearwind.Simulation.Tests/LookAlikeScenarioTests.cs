using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation.Tests;

/// <summary>
/// Honest look-alikes and seller reports at scale 1: on the surface they must look like cheating (many orders or
/// likes in an hour, buyers ordering twice, shared campus addresses, reports about competitors), underneath they
/// must be what honest activity is (many distinct established buyers, ordinary dwell, paid orders; reports with the
/// evidence a reviewer needs).
/// </summary>
[Collection(ScaleOneMarketGroup.Name)]
public sealed class LookAlikeScenarioTests(ScaleOneMarket market)
{
    private static readonly string[] Surges =
        ["livestream_surge_declared", "livestream_surge_undeclared", "influencer_surge_declared", "influencer_surge_undeclared"];

    private IEnumerable<string> Labelled(string scenario, string type)
        => market.Labels.HardNegatives.Where(h => h.Scenario == scenario && h.Type == type).Select(h => h.Id);

    private IEnumerable<(string Scenario, string Shop)> SurgeShops()
        => market.Labels.HardNegatives.Where(h => Surges.Contains(h.Scenario) && h.Type == EntityTypes.Shop).Select(h => (h.Scenario, h.Id));

    private Dictionary<string, string> ShopOfListing()
        => market.Events.OfType<ListingPublished>().ToDictionary(p => p.Listing, p => p.Shop!, StringComparer.Ordinal);

    private Dictionary<string, DateTimeOffset> Registered()
        => market.Events.OfType<AccountRegistered>().ToDictionary(r => r.Account, r => r.Ts, StringComparer.Ordinal);

    /// <summary>The orders of a shop inside the one-hour window (starting at an order) that holds the most of them.</summary>
    private static List<OrderPlaced> BusiestHour(IReadOnlyList<OrderPlaced> orders)
    {
        var best = (From: 0, Count: 0);
        for (int i = 0, j = 0; i < orders.Count; i++)
        {
            while (j < orders.Count && orders[j].Ts < orders[i].Ts.AddHours(1))
            {
                j++;
            }

            if (j - i > best.Count)
            {
                best = (i, j - i);
            }
        }

        return [.. orders.Skip(best.From).Take(best.Count)];
    }

    private Dictionary<string, List<OrderPlaced>> OrdersByShop()
        => market.Events.OfType<OrderPlaced>().GroupBy(o => o.Shop).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    [Fact]
    public void SurgeShops_BusiestHour_ManyOrdersFromDistinctBuyers()
    {
        var orders = OrdersByShop();
        var surges = SurgeShops().ToList();

        Assert.Equal(Surges.Length * 2, surges.Count);
        Assert.All(surges, surge =>
        {
            var hour = BusiestHour(orders[surge.Shop]);
            var buyers = hour.Select(o => o.Buyer).Distinct().Count();

            // As many orders in an hour as a brushing episode, but from about as many buyers: far below the rule's 3.
            Assert.True(hour.Count >= 8, $"{surge}: only {hour.Count} orders in its busiest hour");
            Assert.True((double)hour.Count / buyers < 1.5, $"{surge}: {hour.Count} orders from {buyers} buyers");
        });
    }

    [Fact]
    public void SurgeListings_Surge_LikesBurstFromManyDevicesAndAddresses()
    {
        var likes = market.Events.OfType<ListingLiked>().ToLookup(l => l.Listing);
        var listings = market.Labels.HardNegatives.Where(h => Surges.Contains(h.Scenario) && h.Type == EntityTypes.Listing).ToList();
        var shopOf = ShopOfListing();

        Assert.NotEmpty(listings);
        var busiest = listings.Select(listing =>
        {
            var all = likes[listing.Id].ToList();
            var day = all.GroupBy(l => l.Ts.UtcTicks / TimeSpan.TicksPerDay).MaxBy(g => g.Count())?.ToList() ?? [];
            return (listing.Id, Day: day);
        }).ToList();

        // Every surge sends at least one of its listings dozens of likes in a day; each liker has their own phone.
        Assert.All(SurgeShops(), surge => Assert.Contains(busiest, b => b.Day.Count >= 20 && shopOf[b.Id] == surge.Shop));
        Assert.All(busiest.Where(b => b.Day.Count >= 20), b =>
        {
            Assert.True(b.Day.Select(l => l.Device).Distinct().Count() >= 0.9 * b.Day.Count, $"{b.Id}: likes from few devices");
            Assert.True(b.Day.Select(l => l.Ip).Distinct().Count() >= 0.5 * b.Day.Count, $"{b.Id}: likes from few addresses");
        });
    }

    [Fact]
    public void SurgeListings_Surge_ViewersDwellAsLongAsTheMarketsBuyers()
    {
        static long Median(IEnumerable<ListingViewed> views)
        {
            var dwell = views.Select(v => v.DwellMs ?? 0).Order().ToList();
            return dwell[dwell.Count / 2];
        }

        var listings = market.Labels.HardNegatives.Where(h => Surges.Contains(h.Scenario) && h.Type == EntityTypes.Listing).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var views = market.Events.OfType<ListingViewed>().ToList();
        var typical = Median(views);

        Assert.NotEmpty(listings);
        Assert.All(views.Where(v => listings.Contains(v.Listing)).GroupBy(v => v.Listing).Where(g => g.Count() >= 20), g =>
            Assert.InRange(Median(g), typical / 2, typical * 2));
    }

    [Fact]
    public void SurgeBuyers_Surge_AreMostlyEstablishedAccountsAndSomeShareACampusAddress()
    {
        var registered = Registered();
        var orders = OrdersByShop();
        var sharedCampus = false;
        foreach (var (scenario, shop) in SurgeShops())
        {
            var hour = BusiestHour(orders[shop]);
            var established = hour.Count(o => o.Ts - registered[o.Buyer] >= TimeSpan.FromDays(1));

            Assert.True(established >= 0.75 * hour.Count, $"{scenario} {shop}: {established} of {hour.Count} buyers registered a day before");
            sharedCampus |= hour.GroupBy(o => o.Ip).Any(g => g.Select(o => o.Buyer).Distinct().Count() >= 3);
        }

        Assert.True(sharedCampus, "no surge has several buyers behind one campus address");
    }

    [Fact]
    public void SurgeOrders_Surge_ArePaidAndSomeBuyersOrderTwice()
    {
        var paid = market.Events.OfType<OrderPaid>().Select(p => p.Order).ToHashSet(StringComparer.Ordinal);
        var orders = OrdersByShop();
        var twice = 0;
        foreach (var (scenario, shop) in SurgeShops())
        {
            var hour = BusiestHour(orders[shop]);

            Assert.True(hour.Count(o => paid.Contains(o.Order)) >= 0.8 * hour.Count, $"{scenario} {shop}: too few orders paid");
            twice += hour.GroupBy(o => o.Buyer).Count(g => g.Count() >= 2);
        }

        Assert.True(twice > 0, "no surge buyer ordered twice");
    }

    [Fact]
    public void DeclaredSurges_CampaignDeclared_CoversTheBusiestHourAndUndeclaredHaveNone()
    {
        var campaigns = market.Events.OfType<CampaignDeclared>().ToLookup(c => c.Shop);
        var orders = OrdersByShop();
        var shopOf = ShopOfListing();
        foreach (var (scenario, shop) in SurgeShops())
        {
            var declared = campaigns[shop].ToList();
            if (scenario.EndsWith("_undeclared", StringComparison.Ordinal))
            {
                Assert.Empty(declared);
                continue;
            }

            var hour = BusiestHour(orders[shop]);
            var covering = declared.Where(c => c.Ts < c.From && c.From <= hour[0].Ts && hour[^1].Ts <= c.To).ToList();
            Assert.True(covering.Count == 1, $"{scenario} {shop}: its busiest hour is not inside a campaign declared ahead");
            Assert.Equal(scenario.Split('_')[0], covering[0].Channel);
            Assert.Equal(
                Labelled(scenario, EntityTypes.Listing).Where(l => shopOf[l] == shop).Order(StringComparer.Ordinal),
                covering[0].Listings!.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void DeclaredCampaigns_WhileRunning_BringOffsiteVisitorsAndNewAccountsWhoBuy()
    {
        var registered = Registered();
        var shops = Labelled("declared_campaign", EntityTypes.Shop).ToList();
        var campaigns = market.Events.OfType<CampaignDeclared>().Where(c => c.Channel == "offsite").ToLookup(c => c.Shop);

        Assert.NotEmpty(shops);
        Assert.All(shops, shop =>
        {
            var campaign = Assert.Single(campaigns[shop]);
            var listings = campaign.Listings!.ToHashSet(StringComparer.Ordinal);
            bool Inside(MarketEvent e) => e.Ts >= campaign.From && e.Ts < campaign.To;
            var views = market.Events.OfType<ListingViewed>().Count(v => listings.Contains(v.Listing) && v.Source == "offsite" && Inside(v));
            var newcomers = market.Events.OfType<OrderPlaced>().Count(o => listings.Contains(o.Listing!) && Inside(o) && registered[o.Buyer] >= campaign.From);

            Assert.True(campaign.Ts < campaign.From, $"{shop}: declared after it started");
            Assert.True(views >= 20, $"{shop}: only {views} off-site views while its campaign ran");
            Assert.True(newcomers >= 1, $"{shop}: no account that joined during the campaign bought");
        });
    }

    [Fact]
    public void ViralListings_DayByDay_GrowGraduallyWithOrdinaryDwellAndConversion()
    {
        var listings = Labelled("viral_listing", EntityTypes.Listing).ToHashSet(StringComparer.Ordinal);
        var likes = market.Events.OfType<ListingLiked>().Where(l => listings.Contains(l.Listing)).ToLookup(l => l.Listing);
        var views = market.Events.OfType<ListingViewed>().Where(v => listings.Contains(v.Listing)).ToLookup(v => v.Listing);
        var orders = market.Events.OfType<OrderPlaced>().Where(o => listings.Contains(o.Listing!)).ToLookup(o => o.Listing!);

        Assert.NotEmpty(listings);
        Assert.All(listings, listing =>
        {
            var daily = likes[listing].GroupBy(l => (int)((l.Ts - SyntheticMarketOptions.DefaultStart).Ticks / TimeSpan.TicksPerDay))
                .ToDictionary(g => g.Key, g => g.Count());
            var first = daily.Keys.Min();
            var peak = daily.MaxBy(d => d.Value);
            var dwell = views[listing].Select(v => v.DwellMs ?? 0).Order().ElementAt(views[listing].Count() / 2);
            var conversion = (double)orders[listing].Count() / views[listing].Count();

            // It builds up over days (not a one-day jump from nothing), from about as many accounts as likes.
            Assert.True(peak.Key > first && peak.Value >= 3 * daily[first], $"{listing}: no growth ({string.Join(",", daily.OrderBy(d => d.Key).Select(d => d.Value))})");
            Assert.True(daily.GetValueOrDefault(peak.Key - 1) >= 0.2 * peak.Value, $"{listing}: its busiest day jumps from a quiet one");
            Assert.True(likes[listing].Select(l => l.Account).Distinct().Count() >= 0.9 * likes[listing].Count(), $"{listing}: the same accounts like it again and again");
            Assert.InRange(dwell, 10_000, 60_000);
            Assert.InRange(conversion, 0.01, 0.2);
        });
    }

    [Fact]
    public void BigShops_EveryHour_ManyOrdersFromDistinctBuyers()
    {
        var orders = OrdersByShop();
        var shops = Labelled("big_shop", EntityTypes.Shop).ToList();

        Assert.NotEmpty(shops);
        Assert.All(shops, shop =>
        {
            var hour = BusiestHour(orders[shop]);
            var byHour = orders[shop].GroupBy(o => o.Ts.UtcTicks / TimeSpan.TicksPerHour).ToList();

            Assert.True(hour.Count >= 20, $"{shop}: only {hour.Count} orders in its busiest hour");
            Assert.True(byHour.Average(g => g.Count()) >= 3, $"{shop}: a quiet shop");
            Assert.All(byHour, g => Assert.True(g.Count() < 3 * g.Select(o => o.Buyer).Distinct().Count()));
        });
    }

    [Fact]
    public void SameDayRepeatBuyers_OneDay_ReorderFromAShopButNeverThreeTimesInAnHour()
    {
        var buyers = Labelled("same_day_repeat_buyer", EntityTypes.Account).ToHashSet(StringComparer.Ordinal);
        var orders = market.Events.OfType<OrderPlaced>().Where(o => buyers.Contains(o.Buyer)).ToLookup(o => o.Buyer);

        Assert.NotEmpty(buyers);
        Assert.All(buyers, buyer =>
        {
            var byShop = orders[buyer].GroupBy(o => o.Shop).ToList();

            Assert.Contains(byShop, g => g.GroupBy(o => (o.Ts - SyntheticMarketOptions.DefaultStart).Days).Any(d => d.Count() >= 2));
            Assert.All(byShop, g => Assert.True(BusiestHour([.. g]).Count < 3, $"{buyer}: three orders at {g.Key} within an hour"));
        });
    }

    [Fact]
    public void Reports_ScaleOneWeek_AreEachLabelledEitherValidOrInvalid()
    {
        var reports = market.Events.OfType<ReportFiled>().Select(r => r.Report).ToList();
        var valid = Labelled("valid_report", EntityTypes.Report).ToHashSet(StringComparer.Ordinal);
        var invalid = market.Labels.Entities.Where(e => e.Pattern == "reports.invalid").Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(valid);
        Assert.NotEmpty(invalid);
        Assert.All(reports, r => Assert.True(valid.Contains(r) ^ invalid.Contains(r), $"{r} is labelled {(valid.Contains(r) ? "both" : "neither")}"));
    }

    [Fact]
    public void ValidReports_Evidence_HasLinkScreenshotPolicyAndNamesARealCheat()
    {
        var valid = Labelled("valid_report", EntityTypes.Report).ToHashSet(StringComparer.Ordinal);
        var cheats = market.Labels.Entities.Select(e => (e.Type, e.Id)).ToHashSet();

        Assert.All(market.Events.OfType<ReportFiled>().Where(r => valid.Contains(r.Report)), r =>
        {
            Assert.Contains(r.Evidence!, e => e.Kind == "link" && e.Value!.Contains(r.Target!.Id, StringComparison.Ordinal));
            Assert.Contains(r.Evidence!, e => e.Kind == "screenshot");
            Assert.False(r.Reason is null or "other", $"{r.Report} names no policy");
            Assert.Null(r.Platform);
            Assert.Contains((r.Target!.Type, r.Target.Id), cheats);
        });
    }

    [Fact]
    public void InvalidReports_Evidence_LacksALinkOrAPolicyOrIsAboutAnotherPlatform()
    {
        var invalid = market.Labels.Entities.Where(e => e.Pattern == "reports.invalid").ToDictionary(e => e.Id, e => e.Scenario, StringComparer.Ordinal);
        var reports = market.Events.OfType<ReportFiled>().Where(r => invalid.ContainsKey(r.Report)).ToList();

        Assert.All(reports, r =>
        {
            var noLink = !r.Evidence!.Any(e => e.Kind == "link");
            var noPolicy = r.Reason is null or "other";
            var elsewhere = r.Platform is not null;
            Assert.True(noLink || noPolicy || elsewhere, $"{r.Report} ({invalid[r.Report]}) has nothing wrong with it");
        });

        // Each of the three reasons seed 000 gives occurs.
        Assert.Contains(reports, r => !r.Evidence!.Any(e => e.Kind == "link") && r.Evidence!.Any(e => e.Kind == "screenshot"));
        Assert.Contains(reports, r => r.Reason is null or "other");
        Assert.Contains(reports, r => r.Platform is not null);
    }

    [Fact]
    public void AbusiveReporters_ScaleOneWeek_KeepFilingInvalidReportsAgainstOneCompetitor()
    {
        var abusers = market.Labels.Entities.Where(e => e.Pattern == "reports.abuse").Select(e => e.Id).ToList();
        var invalid = market.Labels.Entities.Where(e => e.Pattern == "reports.invalid").Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var shopOfListing = market.Events.OfType<ListingPublished>().ToDictionary(p => p.Listing, p => p.Shop!, StringComparer.Ordinal);
        var shopOfOwner = market.Events.OfType<ShopOpened>().ToDictionary(s => s.Owner!, s => s.Shop, StringComparer.Ordinal);
        var victims = market.Labels.Victims.Where(v => v.Pattern == "reports.abuse").Select(v => v.Id).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(abusers);
        Assert.All(abusers, abuser =>
        {
            var filed = market.Events.OfType<ReportFiled>().Where(r => r.Reporter == abuser).ToList();
            var rivals = filed.Select(r => r.Target!.Type switch
            {
                EntityTypes.Listing => shopOfListing[r.Target.Id],
                EntityTypes.Account => shopOfOwner.GetValueOrDefault(r.Target.Id, r.Target.Id),
                _ => r.Target.Id,
            }).GroupBy(s => s).MaxBy(g => g.Count())!;

            Assert.True(filed.Count(r => invalid.Contains(r.Report)) >= 3, $"{abuser}: fewer than three invalid reports");
            Assert.True(rivals.Count() >= 3, $"{abuser}: no competitor reported again and again");
            Assert.Contains(rivals.Key, victims);
        });
    }

    [Fact]
    public void DiligentReporters_ScaleOneWeek_ReportOftenAndMostlyValidly()
    {
        var valid = Labelled("valid_report", EntityTypes.Report).ToHashSet(StringComparer.Ordinal);
        var reporters = Labelled("diligent_reporter", EntityTypes.Account).ToList();
        var abusers = market.Labels.Entities.Where(e => e.Pattern == "reports.abuse").Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(reporters);
        Assert.All(reporters, reporter =>
        {
            var filed = market.Events.OfType<ReportFiled>().Where(r => r.Reporter == reporter).ToList();

            Assert.True(filed.Count >= 3, $"{reporter}: filed only {filed.Count}");
            Assert.True(filed.Count(r => valid.Contains(r.Report)) > filed.Count / 2, $"{reporter}: mostly invalid reports");
            Assert.DoesNotContain(reporter, abusers);
        });
    }

    [Fact]
    public void Reports_Ids_FollowFilingTimeAndEvidenceComesBefore()
    {
        var reports = market.Events.OfType<ReportFiled>().ToList();

        Assert.Equal(reports.Select(r => r.Report).Order(StringComparer.Ordinal), reports.Select(r => r.Report));
        Assert.All(reports, r => Assert.All(r.Evidence!, e => Assert.True(e.Ts <= r.Ts, $"{r.Report}: evidence captured after filing")));
    }
}
