using Clearwind.Attacks;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Attacks;

public sealed class MaliciousOrdersDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(19);

    private static int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, MaliciousOrdersOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddMaliciousOrders(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    /// <summary>An order and its outcome: paid after a minute, or cancelled (<paramref name="reason"/>) after 30 minutes.</summary>
    private static IEnumerable<MarketEvent> Order(string order, string buyer, TimeSpan at, string shop = "v1", string? reason = "unpaid_timeout", string? device = null)
    {
        var n = Interlocked.Increment(ref _next);
        yield return Some.OrderPlaced(id: $"p{n}", order: order, buyer: buyer, shop: shop, ts: T0 + at, device: device);
        if (reason is null)
        {
            yield return new OrderPaid { Id = $"q{n}", Ts = T0 + at + TimeSpan.FromMinutes(1), Order = order };
        }
        else
        {
            yield return new OrderCancelled { Id = $"c{n}", Ts = T0 + at + TimeSpan.FromMinutes(30), Order = order, Reason = reason };
        }
    }

    /// <summary>Six attackers in linked pairs (a shared device), each leaving two orders unpaid on <paramref name="shop"/>.</summary>
    private static IEnumerable<MarketEvent> Attack(string shop, TimeSpan start, string prefix = "a")
    {
        for (var a = 0; a < 6; a++)
        {
            for (var k = 0; k < 2; k++)
            {
                foreach (var e in Order($"{shop}-{prefix}{a}-{k}", $"{prefix}{a}", start + TimeSpan.FromMinutes((3 * a) + (7 * k)), shop, k == 0 ? "unpaid_timeout" : "buyer", device: $"h1:dev{prefix}{a / 2}"))
                {
                    yield return e;
                }
            }
        }
    }

    private static IEnumerable<MarketEvent> Honest(string shop, int count, TimeSpan start, TimeSpan every, string prefix = "h", string? reason = null)
        => Enumerable.Range(0, count).SelectMany(i => Order($"{shop}-{prefix}{i}", $"{prefix}{i}", start + (every * i), shop, reason));

    [Fact]
    public void MaliciousOrders_BurstOfUnpaidOrdersFromLinkedAccounts_ProtectsShopAndNamesAttackersAndOrders()
    {
        // Honest buyers pay while the attack is under way (paid orders count once the first unpaid one is settled).
        var findings = Run([.. Attack("v1", TimeSpan.Zero), .. Honest("v1", 3, TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(5))]);

        var finding = Assert.Single(findings);
        Assert.Equal("attack.malicious_orders", finding.Pattern);
        Assert.Equal(new EntityRef("shop", "v1"), finding.Entity);
        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Equal(["a0", "a1", "a2", "a3", "a4", "a5"], finding.Related.Where(r => r.Type == "account").Select(r => r.Id));
        Assert.All(finding.Related, r => Assert.Equal(EntityRole.Actor, r.Role));
        var orders = finding.Related.Where(r => r.Type == "order").Select(r => r.Id).ToList();
        Assert.Equal(12, orders.Count);
        Assert.DoesNotContain(orders, o => o.Contains("-h", StringComparison.Ordinal));
        Assert.Equal(12, finding.Evidence[0].Figures["unpaid_orders"]);
        Assert.Equal(3, finding.Evidence[0].Figures["paid_orders"]);
        Assert.InRange(finding.Score, 0.6, 1);
    }

    [Fact]
    public void MaliciousOrders_CoordinatedAcrossShops_EachVictimProtectedAndNoVictimNamedAsActor()
    {
        // The same accounts hit two shops the same evening, one order each: linked devices and the other shop name them.
        var events = Enumerable.Range(0, 6).SelectMany(a => new[] { "v1", "v2" }.SelectMany(
            (shop, i) => Order($"{shop}-x{a}", $"x{a}", TimeSpan.FromMinutes((4 * a) + (30 * i)), shop, device: $"h1:solo{a}")));

        var findings = Run(events);

        Assert.Equal(["v1", "v2"], findings.Select(f => f.Entity.Id).Order());
        Assert.All(findings, f => Assert.Equal(EntityRole.Victim, f.Role));
        Assert.All(findings, f => Assert.DoesNotContain(f.Related, r => r.Type == "shop" && r.Id is "v1" or "v2"));
        Assert.All(findings, f => Assert.Equal(6, f.Related.Count(r => r.Type == "account")));
    }

    [Fact]
    public void MaliciousOrders_AttackerOwnsAShop_RivalShopIsARelatedActor()
    {
        var findings = Run([
            new ShopOpened { Id = "so1", Ts = T0 - TimeSpan.FromDays(1), Shop = "r1", Owner = "a0" },
            .. Attack("v1", TimeSpan.Zero),
        ]);

        var finding = Assert.Single(findings);
        Assert.Contains(new RelatedEntity("shop", "r1", EntityRole.Actor), finding.Related);
    }

    [Fact]
    public void MaliciousOrders_AttackerOrdersFromARivalOwnersOfficeIp_RivalShopIsARelatedActor()
    {
        var findings = Run([
            new ShopOpened { Id = "so1", Ts = T0 - TimeSpan.FromDays(2), Shop = "r1", Owner = "boss" },
            new AccountLogin { Id = "l1", Ts = T0 - TimeSpan.FromDays(1), Account = "boss", Ip = "h1:office" },
            .. OrdersFrom("a0", "h1:office", Attack("v1", TimeSpan.Zero)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Contains(new RelatedEntity("shop", "r1", EntityRole.Actor), finding.Related);
    }

    [Fact]
    public void MaliciousOrders_AttackerBehindTheCampusNatARivalOwnerAlsoUses_RivalNotNamed()
    {
        // The rival's owner studies on a campus whose NAT address forty students use: sharing it links nobody.
        var students = Enumerable.Range(0, 40).Select(i => (MarketEvent)new AccountLogin { Id = $"sl{i}", Ts = T0 - TimeSpan.FromHours(20) + TimeSpan.FromMinutes(i), Account = $"student{i}", Ip = "h1:campus-nat" });
        var findings = Run([
            new ShopOpened { Id = "so1", Ts = T0 - TimeSpan.FromDays(2), Shop = "r1", Owner = "boss" },
            new AccountLogin { Id = "l1", Ts = T0 - TimeSpan.FromDays(1), Account = "boss", Ip = "h1:campus-nat" },
            .. students,
            .. OrdersFrom("a0", "h1:campus-nat", Attack("v1", TimeSpan.Zero)),
        ]);

        var finding = Assert.Single(findings);
        Assert.DoesNotContain(finding.Related, r => r.Type == "shop");
    }

    [Fact]
    public void MaliciousOrders_NewShopperAbandoningCartsAtTheVictimAndAQuietShop_NotNamed()
    {
        // A new campus shopper leaves an order unpaid at the shop under attack, and another at a shop nobody attacks.
        var findings = Run([
            new AccountRegistered { Id = "reg-shopper", Ts = T0 - TimeSpan.FromDays(2), Account = "shopper", Ip = "h1:campus-nat" },
            .. Attack("v1", TimeSpan.Zero),
            .. Order("v1-shopper", "shopper", TimeSpan.FromMinutes(12)),
            .. Order("quiet-shopper", "shopper", TimeSpan.FromHours(3), shop: "quiet"),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("v1", finding.Entity.Id);
        Assert.DoesNotContain(new RelatedEntity("account", "shopper", EntityRole.Actor), finding.Related);
        Assert.Equal(6, finding.Related.Count(r => r.Type == "account"));
    }

    private static IEnumerable<MarketEvent> OrdersFrom(string buyer, string ip, IEnumerable<MarketEvent> events)
        => events.Select(e => e is OrderPlaced placed && placed.Buyer == buyer ? placed with { Ip = ip } : e);

    [Fact]
    public void MaliciousOrders_FlashSaleWithSomeBuyersFailingToPay_NoFinding()
    {
        // 200 buyers in an hour, 12 of them (new accounts) let the order time out: 6%, as a sale always loses some.
        var registered = Enumerable.Range(0, 200).Select(i => (MarketEvent)new AccountRegistered { Id = $"r{i}", Ts = T0 - TimeSpan.FromDays(1), Account = $"f{i}" });
        var orders = Enumerable.Range(0, 200).SelectMany(i => Order($"fs{i}", $"f{i}", TimeSpan.FromSeconds(18 * i), reason: i % 16 == 3 ? "unpaid_timeout" : null));

        Assert.Empty(Run([.. registered, .. orders]));
    }

    [Fact]
    public void MaliciousOrders_ShopWithNormalCancellations_NoFinding()
    {
        // A quiet shop: ten buyers cancel over a day and a half, hours apart, among paid orders.
        Assert.Empty(Run([
            .. Honest("v1", 10, TimeSpan.Zero, TimeSpan.FromHours(3), prefix: "c", reason: "buyer"),
            .. Honest("v1", 30, TimeSpan.FromMinutes(20), TimeSpan.FromHours(1)),
        ]));
    }

    [Fact]
    public void MaliciousOrders_BuyerCancelsTwoOrdersToChangeSize_NoFinding()
    {
        Assert.Empty(Run([
            .. Order("o1", "b1", TimeSpan.Zero, reason: "buyer"),
            .. Order("o2", "b1", TimeSpan.FromMinutes(2), reason: "buyer"),
            .. Order("o3", "b1", TimeSpan.FromMinutes(5), reason: null),
            .. Honest("v1", 5, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
        ]));
    }

    [Fact]
    public void MaliciousOrders_OrdersCancelledBySeller_DoNotCount()
    {
        var events = Attack("v1", TimeSpan.Zero).Select(e => e is OrderCancelled c ? c with { Reason = "seller" } : e);

        Assert.Empty(Run(events));
    }

    [Fact]
    public void MaliciousOrders_HonestBuyerFailingToPayDuringAnAttack_IsNotNamed()
    {
        var findings = Run([.. Attack("v1", TimeSpan.Zero), .. Order("v1-late", "honest", TimeSpan.FromMinutes(12))]);

        var finding = Assert.Single(findings);
        Assert.DoesNotContain(finding.Related, r => r.Id is "honest" or "v1-late");
    }

    [Fact]
    public void MaliciousOrders_FewerAccountsThanRequired_NoFinding()
    {
        var events = Attack("v1", TimeSpan.Zero).Where(e => e is not OrderPlaced p || p.Buyer is "a0" or "a1");

        Assert.Empty(Run(events, new MaliciousOrdersOptions { MinOrders = 2 }));
    }
}
