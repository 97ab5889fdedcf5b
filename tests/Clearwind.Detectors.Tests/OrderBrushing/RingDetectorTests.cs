using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.OrderBrushing;

public sealed class RingDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(9);

    private readonly List<MarketEvent> _events = [];
    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, RingOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddRing(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private IReadOnlyList<Finding> Run(RingOptions? options = null) => Run(_events, options);

    /// <summary>A paid order: placed, then paid a minute later.</summary>
    private string Paid(string buyer, string shop, TimeSpan at, string? device = null, string? ip = null, string? address = null, string? payment = null)
    {
        var order = Placed(buyer, shop, at, device, ip, address);
        _events.Add(new OrderPaid { Id = $"e{++_next}", Ts = T0 + at + TimeSpan.FromMinutes(1), Order = order, PaymentAccount = payment });
        return order;
    }

    private string Placed(string buyer, string shop, TimeSpan at, string? device = null, string? ip = null, string? address = null)
    {
        var order = $"o{++_next}";
        _events.Add(Some.OrderPlaced(id: $"e{++_next}", order: order, buyer: buyer, shop: shop, ts: T0 + at, ip: ip) with { Device = device, Address = address });
        return order;
    }

    /// <summary>
    /// An honest marketplace: buyers order one to five times over six days from shops picked by a skewed popularity
    /// (shop k is chosen about 1 ÷ (k + 1) as often as the most popular one), on their own home IPs and devices.
    /// </summary>
    private void HonestMarket(int buyers = 800, int shops = 60, int seed = 7)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, shops).Select(k => 1.0 / (k + 1)).ToArray();
        var total = weights.Sum();
        for (var b = 0; b < buyers; b++)
        {
            var orders = 1 + random.Next(5);
            for (var k = 0; k < orders; k++)
            {
                var pick = random.NextDouble() * total;
                var shop = 0;
                while (pick > weights[shop] && shop < shops - 1)
                {
                    pick -= weights[shop];
                    shop++;
                }

                Paid($"h{b}", $"pop{shop}", TimeSpan.FromMinutes(random.Next(6 * 24 * 60)), device: $"h1:dev-h{b}", ip: $"10.1.{b / 250}.{b % 250}");
            }
        }
    }

    /// <summary>
    /// A brushing platform: each of <paramref name="accounts"/> accounts pays <paramref name="perAccount"/> of the
    /// platform's small shops, one task every few hours, the shops handed out round-robin so no shop sees a burst.
    /// </summary>
    private List<string> Platform(string prefix, int accounts, int shops, int perAccount, TimeSpan start, int? camouflageShops = null)
    {
        var orders = new List<string>();
        var task = 0;
        for (var a = 0; a < accounts; a++)
        {
            for (var k = 0; k < perAccount; k++)
            {
                var shop = ((a * 7) + (k * 3)) % shops;
                orders.Add(Paid($"{prefix}b{a}", $"{prefix}s{shop}", start + TimeSpan.FromHours(3 * task++ % 120), device: $"h1:dev-{prefix}{a / 2}"));
            }

            for (var c = 0; c < (camouflageShops ?? 0); c++)
            {
                Paid($"{prefix}b{a}", $"pop{c}", start + TimeSpan.FromHours(5 + (a % 50)));
            }
        }

        return orders;
    }

    [Fact]
    public void Ring_PlatformSpreadsPaidOrdersOverSmallShops_FlagsEachShopWithItsBrushersAndOrders()
    {
        HonestMarket();
        var fake = Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2));

        var findings = Run();

        Assert.All(findings, f => Assert.Equal("order_brushing.ring", f.Pattern));
        Assert.Equal(Enumerable.Range(0, 10).Select(s => $"rs{s}").Order(StringComparer.Ordinal), findings.Select(f => f.Entity.Id).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(EntityRole.Actor, f.Role));
        var accounts = findings.SelectMany(f => f.Related).Where(r => r.Type == EntityTypes.Account).Select(r => r.Id).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 24).Select(a => $"rb{a}").ToHashSet(), accounts);
        var orders = findings.SelectMany(f => f.Related).Where(r => r.Type == EntityTypes.Order).Select(r => r.Id).ToHashSet();
        Assert.Equal(fake.ToHashSet(), orders);
        var first = findings[0];
        Assert.Equal(24, first.Evidence[0].Figures["ring_buyers"]);
        Assert.Equal(10, first.Evidence[0].Figures["ring_shops"]);
        Assert.True(first.Evidence[0].Figures["ring_order_pairs"] >= 5 * first.Evidence[0].Figures["expected_order_pairs"]);
        Assert.InRange(first.Score, 0.6, 1);
        Assert.Contains("buyer accounts pay for orders from the same 10 shops", first.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ring_BrushersAlsoBuyFromPopularShops_CamouflageShopsAndTheirBuyersNotNamed()
    {
        HonestMarket();
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2), camouflageShops: 6);

        var findings = Run();

        Assert.Equal(10, findings.Count);
        Assert.All(findings, f => Assert.StartsWith("rs", f.Entity.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(findings.SelectMany(f => f.Related), r => r.Type == EntityTypes.Account && r.Id.StartsWith('h'));
    }

    [Fact]
    public void Ring_ThreeBrushersAlsoBuyFromAnHonestShopWithThirtyBuyers_ShopNotNamed()
    {
        // The look-alike of the 5 M-order benchmark: a shop with a steady honest clientele where, by chance, three of
        // the ring's accounts also bought. With the ring's buyers holding about a sixtieth of the market's buyer–shop
        // pairs, a shop with 30 buyers is predicted to have 0.5 of them, so three (6×) pass a lift test; three or
        // more turn up by chance at about one such shop in 70, and ring accounts shop at many.
        HonestMarket(buyers: 3000);
        for (var b = 0; b < 27; b++)
        {
            Paid($"h{b * 97}", "corner", TimeSpan.FromHours(6 + (b * 5)), device: $"h1:dev-h{b * 97}", ip: $"10.1.{b * 97 / 250}.{b * 97 % 250}");
        }

        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2));
        foreach (var (brusher, hours) in new[] { ("rb3", 30), ("rb11", 70), ("rb19", 110) })
        {
            Paid(brusher, "corner", TimeSpan.FromHours(hours));
        }

        var findings = Run();

        Assert.Equal(Enumerable.Range(0, 10).Select(s => $"rs{s}").Order(StringComparer.Ordinal), findings.Select(f => f.Entity.Id).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(3, 5, 0.5, 0.5)] // (10 + 5 + 1) ÷ 32
    [InlineData(5, 5, 0.12, 2.48832e-5)] // 0.12^5
    [InlineData(2, 3, 0.1, 0.028)] // 3 × 0.01 × 0.9 + 0.001
    [InlineData(4, 3, 0.1, 0.0)]
    public void BinomialTail_SmallCases_MatchTheSumsByHand(int k, int n, double p, double expected)
        => Assert.Equal(expected, DenseBlockSearch.BinomialTail(k, n, p), 9);

    [Fact]
    public void ShopBeats_ThreeOfAPopularShopsBuyersAtHalfABuyerPredicted_IsChanceButThreeOfASmallShops_IsNot()
    {
        var options = new RingOptions();

        // 1,000 buyers, the block 1 / 2,000 of all pairs: 0.5 predicted; P(X ≥ 3) is about 1 − e^−0.5 (1 + 0.5 + 0.125) = 0.014.
        Assert.False(DenseBlockSearch.ShopBeats(3, 1000, 1 / 2000.0, options));
        Assert.False(DenseBlockSearch.ShopBeats(5, 1000, 1 / 2000.0, options)); // about 1.7e-4
        Assert.True(DenseBlockSearch.ShopBeats(6, 1000, 1 / 2000.0, options)); // about 1.4e-5

        // A ring's small shop: 30 buyers, 0.015 predicted, 3 in the block: about C(30, 3) (1 / 2,000)^3 = 5e-7.
        Assert.True(DenseBlockSearch.ShopBeats(3, 30, 1 / 2000.0, options));
    }

    [Fact]
    public void Ring_TwoPlatformsWhoseBrushersShopAtTheSamePopularShops_AreTwoRings()
    {
        HonestMarket();
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2), camouflageShops: 4);
        Platform("q", accounts: 20, shops: 8, perAccount: 5, TimeSpan.FromHours(4), camouflageShops: 4);

        var findings = Run();

        Assert.Equal(18, findings.Count);
        Assert.All(findings, f => Assert.Equal(f.Entity.Id.StartsWith("rs", StringComparison.Ordinal) ? 10 : 8, f.Evidence[0].Figures["ring_shops"]));
        Assert.All(findings, f => Assert.All(
            f.Related.Where(r => r.Type == EntityTypes.Account),
            r => Assert.Equal(f.Entity.Id[0], r.Id[0])));
    }

    [Fact]
    public void Ring_BrusherWithOneTaskSharingADeviceWithAMember_IsNamedAsLinked()
    {
        HonestMarket();
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2));
        var light = Paid("second-account", "rs3", TimeSpan.FromDays(2), device: "h1:dev-r0"); // rb0 and rb1 use dev-r0

        var findings = Run();

        var shop = Assert.Single(findings, f => f.Entity.Id == "rs3");
        Assert.Contains(new RelatedEntity(EntityTypes.Account, "second-account", EntityRole.Actor), shop.Related);
        Assert.Contains(new RelatedEntity(EntityTypes.Order, light, EntityRole.Actor), shop.Related);
    }

    [Fact]
    public void Ring_NewShopPaidByTheRingBetweenSweeps_JoinsBeforeTheNextFullSweep()
    {
        HonestMarket(buyers: 400, seed: 3);
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2)); // tasks over the first five days
        var late = Enumerable.Range(0, 5).Select(a => Paid($"rb{a}", "newcomer", TimeSpan.FromDays(5) + TimeSpan.FromHours(2 + a))).ToList();
        var pipeline = new DetectionPipelineBuilder().AddRing(new RingOptions { FullSweepHours = 24 * 4 }).Build();
        var cutoff = T0 + TimeSpan.FromDays(5) + TimeSpan.FromHours(12);
        foreach (var e in _events.Where(e => e.Ts < cutoff).OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        // The only full sweep so far ran on day 4 (every four days here); the newcomer's orders came after it.
        var newcomer = Assert.Single(pipeline.Findings, f => f.Entity.Id == "newcomer");
        Assert.Equal(late.ToHashSet(), newcomer.Related.Where(r => r.Type == EntityTypes.Order).Select(r => r.Id).ToHashSet());
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(100.0, false)]
    public void Ring_FullSweepWaitsForTheGraphToGrowBySweepGrowth(double growth, bool foundBeforeTheEnd)
    {
        HonestMarket(buyers: 400, seed: 5);
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2));
        var pipeline = new DetectionPipelineBuilder().AddRing(new RingOptions { FullSweepHours = 6, SweepGrowth = growth }).Build();
        foreach (var e in _events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        // The first sweep, six hours in, sees a small graph; a hundred times that never arrives, so only the end sweeps.
        Assert.Equal(foundBeforeTheEnd, pipeline.Findings.Count > 0);
        pipeline.Complete();
        Assert.Equal(10, pipeline.Findings.Count);
    }

    [Fact]
    public void Ring_OrdersOfARingMemberWithAnHonestShop_NotCountedUnlessTheShopJoins()
    {
        HonestMarket();
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2));
        var corner = new[] { Paid("rb0", "corner-shop", TimeSpan.FromDays(3)), Paid("rb1", "corner-shop", TimeSpan.FromDays(3.5)) };

        var findings = Run();

        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, f => f.Entity.Id == "corner-shop");
        Assert.DoesNotContain(findings.SelectMany(f => f.Related), r => corner.Contains(r.Id));
    }

    [Fact]
    public void Ring_UnpaidOrdersOnManyShopsFromTheSameAccounts_NotARing()
    {
        // Competitors' malicious orders (恶意拍下): the same accounts place unpaid orders on many victims' shops.
        HonestMarket();
        for (var a = 0; a < 24; a++)
        {
            for (var k = 0; k < 5; k++)
            {
                Placed($"attacker{a}", $"victim{((a * 7) + (k * 3)) % 10}", TimeSpan.FromHours(2 + (3 * ((a * 5) + k) % 120)));
            }
        }

        Assert.Empty(Run());
    }

    [Fact]
    public void Ring_LoyalCustomersOfBigShops_NotFlagged()
    {
        // Two hundred regular customers each buy from eight of ten big shops, which also sell to everyone else.
        HonestMarket();
        var random = new Random(11);
        for (var b = 0; b < 200; b++)
        {
            foreach (var shop in Enumerable.Range(0, 10).OrderBy(_ => random.Next()).Take(8))
            {
                Paid($"loyal{b}", $"pop{shop}", TimeSpan.FromHours(random.Next(140)));
            }
        }

        Assert.Empty(Run());
    }

    [Fact]
    public void Ring_CampusBuyersBehindOneNatIpShoppingAtTheSameCampusShops_NotFlagged()
    {
        HonestMarket();
        var random = new Random(5);
        for (var s = 0; s < 60; s++)
        {
            foreach (var shop in Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                Paid($"student{s}", $"campus{shop}", TimeSpan.FromHours(random.Next(140)), ip: "10.200.0.1", address: "h1:dorm-gate");
            }
        }

        Assert.Empty(Run());
    }

    [Fact]
    public void Ring_FamilySharingAddressAndPaymentBuyingFromTheSameShops_NotFlagged()
    {
        // Six accounts of one household each buy from the same five small shops near home: one household, not a ring.
        HonestMarket();
        for (var member = 0; member < 6; member++)
        {
            for (var shop = 0; shop < 5; shop++)
            {
                Paid($"family{member}", $"grocer{shop}", TimeSpan.FromHours(10 + (member * 20) + shop), device: $"h1:phone-{member}", address: "h1:home", payment: member < 3 ? "h1:mum-card" : "h1:dad-card");
            }
        }

        Assert.Empty(Run());
    }

    [Fact]
    public void Ring_FlashSaleAndLivestreamSurges_NotFlagged()
    {
        // Hundreds of buyers pay one shop within an hour; a livestream's followers then pay two shops it features.
        HonestMarket();
        for (var b = 0; b < 300; b++)
        {
            Paid($"sale{b}", "flash-shop", TimeSpan.FromDays(2) + TimeSpan.FromSeconds(10 * b));
        }

        for (var b = 0; b < 200; b++)
        {
            Paid($"fan{b}", "live-a", TimeSpan.FromDays(3) + TimeSpan.FromSeconds(15 * b));
            Paid($"fan{b}", "live-b", TimeSpan.FromDays(3) + TimeSpan.FromMinutes(70) + TimeSpan.FromSeconds(15 * b));
        }

        Assert.Empty(Run());
    }

    [Fact]
    public void Ring_OrdersOlderThanTheRetentionAtTheSweep_AreForgotten()
    {
        HonestMarket();
        Platform("r", accounts: 24, shops: 10, perAccount: 5, TimeSpan.FromHours(2));
        Paid("h1", "pop1", TimeSpan.FromDays(20)); // the one full sweep (at the end) comes 15 days after the last task

        Assert.Empty(Run(new RingOptions { RetentionDays = 7, FullSweepHours = 24 * 30 }));
        Assert.Equal(10, Run(new RingOptions { RetentionDays = 30, FullSweepHours = 24 * 30 }).Count);
    }

    [Fact]
    public void RingGraph_Compact_DropsExpiredEdgesAndOrdersAndKeepsTheRest()
    {
        var graph = new RingGraph();
        var buyer = graph.Row("b");
        var old = graph.Shop("old");
        var kept = graph.Shop("kept");
        graph.AddOrder(buyer, old, "o1", "e1", 100);
        graph.AddOrder(buyer, kept, "o2", "e2", 100);
        var (edge, added) = graph.AddOrder(buyer, kept, "o3", "e3", 300);
        graph.AddIdentifier(buyer, ColumnKind.Device, "h1:d", 100, maxPerAccount: 4);

        Assert.False(added);
        graph.Compact(cutoff: 200);

        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(1, graph.OrderCount);
        Assert.Equal(-1, graph.EdgeBetween(buyer, old));
        edge = graph.EdgeBetween(buyer, kept);
        Assert.Equal([("o3", "e3", 300L)], graph.Orders(edge, since: 0).ToList());
        Assert.Equal(1, graph.EdgeOrders(edge));
        Assert.Equal(1, graph.RowEdges(buyer).Length);
    }

    [Fact]
    public void RingGraph_IdentifierOfOneAccount_GetsEdgesOnlyWhenASecondAccountShowsUp()
    {
        var graph = new RingGraph();
        var first = graph.Row("a");
        var second = graph.Row("b");

        graph.AddIdentifier(first, ColumnKind.Phone, "h1:phone", 100, maxPerAccount: 4);
        graph.AddIdentifier(first, ColumnKind.Phone, "h1:phone", 150, maxPerAccount: 4);
        Assert.Equal(0, graph.EdgeCount);
        Assert.Equal(0, graph.ColumnCount);
        Assert.Equal(-1, graph.ColumnOf(ColumnKind.Phone, "h1:phone"));

        graph.AddIdentifier(second, ColumnKind.Phone, "h1:phone", 200, maxPerAccount: 4);
        var phone = graph.ColumnOf(ColumnKind.Phone, "h1:phone");
        Assert.Equal(1, graph.ColumnCount);
        Assert.Equal(ColumnKind.Phone, graph.KindOf(phone));
        Assert.Equal(2, graph.ColumnEdges(phone).Length);
        Assert.Equal(150, graph.EdgeLast(graph.EdgeBetween(first, phone)));
        Assert.Equal(200, graph.EdgeLast(graph.EdgeBetween(second, phone)));

        // The same value of another kind is another identifier, seen by one account so far.
        graph.AddIdentifier(second, ColumnKind.Device, "h1:phone", 200, maxPerAccount: 4);
        Assert.Equal(-1, graph.ColumnOf(ColumnKind.Device, "h1:phone"));
        Assert.Equal(2, graph.IdentifierCount);
    }

    [Fact]
    public void RingGraph_Identifiers_KeepTheirAccountAndColumnAcrossTableGrowth()
    {
        var graph = new RingGraph();
        var first = graph.Row("a");
        var second = graph.Row("b");
        for (var i = 0; i < 5000; i++)
        {
            graph.AddIdentifier(first, ColumnKind.Ip, $"h1:ip{i}", 100 + i, maxPerAccount: 10_000);
        }

        // Every tenth one shows up with a second account: it gets a column then, and both accounts an edge.
        for (var i = 0; i < 5000; i += 10)
        {
            graph.AddIdentifier(second, ColumnKind.Ip, $"h1:ip{i}", 9000, maxPerAccount: 10_000);
        }

        Assert.Equal(5000, graph.IdentifierCount);
        Assert.Equal(500, graph.ColumnCount);
        Assert.Equal(1000, graph.EdgeCount);
        for (var i = 0; i < 5000; i++)
        {
            var column = graph.ColumnOf(ColumnKind.Ip, $"h1:ip{i}");
            if (i % 10 != 0)
            {
                Assert.Equal(-1, column);
                continue;
            }

            Assert.Equal(100 + i, graph.EdgeLast(graph.EdgeBetween(first, column)));
            Assert.Equal(9000, graph.EdgeLast(graph.EdgeBetween(second, column)));
        }
    }

    [Fact]
    public void NodeHeap_PopsNodesByKeyAfterKeysAreLowered()
    {
        double[] keys = [5, 3, 8, 1, 9, 4];
        var heap = new NodeHeap();
        heap.Reset(keys.Length, keys);
        for (var n = 0; n < keys.Length; n++)
        {
            heap.Push(n);
        }

        keys[4] = 0.5; // 9 → 0.5
        heap.Lowered(4);
        keys[2] = 3.5; // 8 → 3.5
        heap.Lowered(2);

        var order = new List<int>();
        while (heap.Count > 0)
        {
            order.Add(heap.PopMin());
        }

        Assert.Equal([4, 3, 1, 2, 5, 0], order);
    }

    [Fact]
    public void RingOptions_PerMemberMinimumsAboveTheRingMinimums_AreRejected()
    {
        var options = new RingOptions { MinShops = 3, MinShopsPerBuyer = 4 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(RingDetector.Id));

        Assert.Contains("min_shops_per_buyer", error.Message, StringComparison.Ordinal);
    }
}
