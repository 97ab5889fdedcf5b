using Clearwind.Events;

namespace Clearwind.Simulation.Tests;

/// <summary>Competitor attacks look like seed 004 tells them (SPEC §2.5), and their victims stay clean.</summary>
[Collection(ScaleOneMarketGroup.Name)]
public sealed class AttackScenarioTests(ScaleOneMarket market)
{
    private const string MaliciousOrders = "attack.malicious_orders";
    private const string ClickFraud = "attack.click_fraud";

    private readonly Lazy<MarketIdentifiers> _identifiers = new(() => new MarketIdentifiers(market.Events));

    private HashSet<string> Labelled(string pattern, string type, string? scenario = null)
        => market.Labels.Entities.Where(e => e.Pattern == pattern && e.Type == type && (scenario is null || e.Scenario == scenario))
            .Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

    private HashSet<string> Victims(string pattern, string? scenario = null)
        => market.Labels.Victims.Where(v => v.Pattern == pattern && (scenario is null || v.Scenario == scenario)).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);

    private List<OrderPlaced> Malicious()
    {
        var ids = market.Labels.Items.MaliciousOrders.ToHashSet(StringComparer.Ordinal);
        return [.. market.Events.OfType<OrderPlaced>().Where(o => ids.Contains(o.Order))];
    }

    private List<AdClicked> Invalid()
    {
        var ids = market.Labels.Items.InvalidClicks.ToHashSet(StringComparer.Ordinal);
        return [.. market.Events.OfType<AdClicked>().Where(c => ids.Contains(c.Click))];
    }

    [Fact]
    public void MaliciousOrders_CoordinatedAttack_HitsSeveralVictimsFromManyAccountsAtOnce()
    {
        var victims = Victims(MaliciousOrders, "coordinated_attack");
        var orders = Malicious().Where(o => victims.Contains(o.Shop)).OrderBy(o => o.Ts).ToList();

        // Some four-hour stretch (one evening of the voice-room calls) sees many accounts against several shops.
        var busiest = orders.Select(o => orders.Where(x => x.Ts >= o.Ts && x.Ts < o.Ts.AddHours(4)).ToList())
            .MaxBy(w => w.Select(x => x.Buyer).Distinct().Count())!;

        Assert.True(victims.Count >= 2, $"{victims.Count} victims");
        Assert.True(busiest.Select(o => o.Shop).Distinct().Count() >= Math.Min(3, victims.Count));
        Assert.True(busiest.Select(o => o.Buyer).Distinct().Count() >= 5 * busiest.Select(o => o.Shop).Distinct().Count() / 2);
    }

    [Fact]
    public void MaliciousOrders_Attackers_AreNewOrLinked()
    {
        var registered = market.Events.OfType<AccountRegistered>().ToDictionary(r => r.Account, r => r.Ts, StringComparer.Ordinal);
        var owners = market.Events.OfType<ShopOpened>().Select(s => s.Owner!).ToHashSet(StringComparer.Ordinal);
        var first = Malicious().GroupBy(o => o.Buyer).ToDictionary(g => g.Key, g => g.Min(o => o.Ts), StringComparer.Ordinal);
        var attackers = Labelled(MaliciousOrders, EntityTypes.Account);

        var neither = attackers.Where(a =>
                first[a] - registered[a] > TimeSpan.FromDays(3)
                && !owners.Contains(a)
                && !_identifiers.Value.Sharing(a).Any(b => attackers.Contains(b) || owners.Contains(b)))
            .ToList();

        Assert.NotEmpty(attackers);
        Assert.True(neither.Count == 0, string.Join(", ", neither));
    }

    [Fact]
    public void MaliciousOrders_ShopsLabelledActors_AreLinkedToTheirAttackers()
    {
        var attackers = Malicious().Select(o => o.Buyer).ToHashSet(StringComparer.Ordinal);
        var owners = market.Events.OfType<ShopOpened>().ToDictionary(s => s.Shop, s => s.Owner!, StringComparer.Ordinal);

        Assert.All(Labelled(MaliciousOrders, EntityTypes.Shop), shop =>
            Assert.True(attackers.Contains(owners[shop]) || _identifiers.Value.Sharing(owners[shop]).Any(attackers.Contains), $"{shop} is not linked to any attacker"));
    }

    [Fact]
    public void MaliciousOrders_Victims_NeverReachTheShopeeRate()
    {
        var byShop = market.Events.OfType<OrderPlaced>().GroupBy(o => o.Shop).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Ts).ToList(), StringComparer.Ordinal);

        Assert.All(Victims(MaliciousOrders), shop =>
        {
            var orders = byShop[shop];
            for (var i = 0; i < orders.Count; i++)
            {
                var window = orders.Skip(i).TakeWhile(o => o.Ts <= orders[i].Ts.AddHours(1)).ToList();
                Assert.True(window.Count < 3 * window.Select(o => o.Buyer).Distinct().Count(), $"{shop} at {orders[i].Ts}");
            }
        });
    }

    [Fact]
    public void ClickFraud_InvalidClicks_NeverConvertAndBarelyDwell()
    {
        var invalid = Invalid();
        var pairs = invalid.Select(c => (c.Account!, c.Shop!)).ToHashSet();
        var invalidAt = invalid.Select(c => (c.Account!, c.Listing!)).ToHashSet();
        var adViews = market.Events.OfType<ListingViewed>().Where(v => v.Source == "ad").ToList();
        var fraudDwell = adViews.Where(v => invalidAt.Contains((v.Account!, v.Listing))).Select(v => v.DwellMs!.Value).ToList();
        var honestDwell = adViews.Where(v => !invalidAt.Contains((v.Account!, v.Listing))).Select(v => v.DwellMs!.Value).Order().ToList();

        var malicious = market.Labels.Items.MaliciousOrders.ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(market.Events.OfType<OrderPlaced>(), o => pairs.Contains((o.Buyer, o.Shop)) && !malicious.Contains(o.Order));
        Assert.NotEmpty(fraudDwell);
        Assert.True(fraudDwell.Max() < honestDwell[honestDwell.Count / 2], $"longest invalid dwell {fraudDwell.Max()} ms, honest median {honestDwell[honestDwell.Count / 2]} ms");
    }

    [Fact]
    public void ClickFraud_CompetitorAndFarmAttacks_ComeFromFewAddressesAndDevices()
    {
        var invalid = Invalid();
        var victims = Victims(ClickFraud, "competitor_click_fraud").Concat(Victims(ClickFraud, "click_farm")).ToList();

        Assert.NotEmpty(victims);
        Assert.All(victims, shop =>
        {
            var clicks = invalid.Where(c => c.Shop == shop).ToList();
            var ips = clicks.Select(c => c.Ip).Distinct().Count();
            var devices = clicks.Select(c => c.Device).Distinct().Count();
            Assert.True(ips <= 5 && devices <= 5 && clicks.Count >= 3 * Math.Max(ips, devices), $"{shop}: {clicks.Count} clicks, {ips} IPs, {devices} devices");
        });
    }

    [Fact]
    public void ClickFraud_Clickers_RepeatTheirClicksUnlikeHonestBuyers()
    {
        var invalidIds = market.Labels.Items.InvalidClicks.ToHashSet(StringComparer.Ordinal);
        var clicks = market.Events.OfType<AdClicked>().ToList();
        static double RepeatShare(List<AdClicked> clicks)
        {
            var repeats = clicks.GroupBy(c => (c.Account, c.Listing))
                .Sum(g => g.OrderBy(c => c.Ts).Zip(g.OrderBy(c => c.Ts).Skip(1)).Count(p => p.Second.Ts - p.First.Ts < TimeSpan.FromHours(1)));
            return (double)repeats / clicks.Count;
        }

        var fraud = RepeatShare([.. clicks.Where(c => invalidIds.Contains(c.Click))]);
        var honest = RepeatShare([.. clicks.Where(c => !invalidIds.Contains(c.Click))]);

        Assert.True(fraud > 0.3 && fraud > 10 * honest, $"invalid clicks repeat {fraud:P0}, honest {honest:P2}");
    }

    [Fact]
    public void ClickFraud_ShopsLabelledActors_AreLinkedToTheClicks()
    {
        var invalid = Invalid();
        var clickers = invalid.Select(c => c.Account!).ToHashSet(StringComparer.Ordinal);
        var owners = market.Events.OfType<ShopOpened>().ToDictionary(s => s.Shop, s => s.Owner!, StringComparer.Ordinal);

        Assert.All(Labelled(ClickFraud, EntityTypes.Shop), shop =>
            Assert.True(clickers.Contains(owners[shop]) || _identifiers.Value.Sharing(owners[shop]).Any(clickers.Contains), $"{shop} is not linked to any clicker"));
    }

    [Fact]
    public void Attacks_Victims_AreNeverTheAttackers()
    {
        var victims = market.Labels.Victims.Where(v => v.Pattern.StartsWith("attack.", StringComparison.Ordinal)).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var attackerShops = Labelled(MaliciousOrders, EntityTypes.Shop).Concat(Labelled(ClickFraud, EntityTypes.Shop));

        Assert.NotEmpty(victims);
        Assert.DoesNotContain(attackerShops, victims.Contains);
    }
}
