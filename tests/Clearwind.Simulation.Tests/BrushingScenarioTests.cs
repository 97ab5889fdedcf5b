using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation.Tests;

/// <summary>
/// The brushing variants look like the seed articles describe them (SPEC §2.1): each can be told apart in principle, and
/// none of them is caught by the Shopee rule alone.
/// </summary>
[Collection(ScaleOneMarketGroup.Name)]
public sealed class BrushingScenarioTests(ScaleOneMarket market)
{
    private const string SelfDealing = "order_brushing.self_dealing";
    private const string FakeFulfilment = "order_brushing.fake_fulfilment";
    private const string Ring = "order_brushing.ring";
    private static readonly string[] SignNames = ["reused_tracking", "light_parcel", "instant_delivery", "quick_confirm", "blank_review", "cashback_chat"];

    private readonly Lazy<Orders> _orders = new(() => new Orders(market.Events, market.Labels));
    private readonly Lazy<MarketIdentifiers> _identifiers = new(() => new MarketIdentifiers(market.Events));

    private HashSet<string> Labelled(string pattern, string type, string? scenario = null)
        => market.Labels.Entities.Where(e => e.Pattern == pattern && e.Type == type && (scenario is null || e.Scenario == scenario))
            .Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void ShopeeRule_ShopsOfTheSlowVariants_NeverReachThreeOrdersPerBuyerInAnHour()
    {
        var concentration = Labelled("order_brushing.concentration", EntityTypes.Shop);
        var shops = Labelled(SelfDealing, EntityTypes.Shop)
            .Concat(Labelled(FakeFulfilment, EntityTypes.Shop))
            .Concat(Labelled(Ring, EntityTypes.Shop))
            .Where(s => !concentration.Contains(s))
            .ToHashSet(StringComparer.Ordinal);

        var over = shops.Select(s => (Shop: s, Rate: _orders.Value.MaxHourlyRate(s))).Where(x => x.Rate >= 3).ToList();

        Assert.NotEmpty(shops);
        Assert.True(over.Count == 0, string.Join(", ", over.Select(x => $"{x.Shop} {x.Rate:0.#}")));
    }

    [Fact]
    public void SelfDealing_EveryBuyingAccount_IsTheOwnerOrLinkedToTheOwnerByIdentifiers()
    {
        var orders = _orders.Value;
        var problems = new List<string>();
        foreach (var shop in Labelled(SelfDealing, EntityTypes.Shop))
        {
            var owner = orders.OwnerOf[shop];
            var buyers = orders.Fake.Where(o => o.Shop == shop).Select(o => o.Buyer).ToHashSet(StringComparer.Ordinal);
            var circle = buyers.Append(owner).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(buyers.Where(b => b != owner && !_identifiers.Value.Connected(b, owner, circle)).Select(b => $"{b} buys from {shop} unlinked to {owner}"));
        }

        Assert.NotEmpty(Labelled(SelfDealing, EntityTypes.Shop));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void SelfDealing_StaffAccounts_ShareVaryingKindsOfIdentifierWithTheOwner()
    {
        var orders = _orders.Value;
        var shared = new List<IReadOnlySet<string>>();
        foreach (var shop in Labelled(SelfDealing, EntityTypes.Shop))
        {
            var owner = orders.OwnerOf[shop];
            shared.AddRange(orders.Fake.Where(o => o.Shop == shop && o.Buyer != owner).Select(o => o.Buyer).Distinct()
                .Select(b => _identifiers.Value.SharedKinds(b, owner)).Where(k => k.Count > 0));
        }

        // Which identifiers a staff account shares varies: not one fixed giveaway.
        Assert.True(shared.SelectMany(k => k).Distinct().Count() >= 3, "kinds shared: " + string.Join(",", shared.SelectMany(k => k).Distinct()));
        Assert.True(shared.Select(k => string.Join(",", k.Order())).Distinct().Count() >= 3);
    }

    [Fact]
    public void FakeFulfilment_EmptyParcelShops_ShowSeveralSignsButNeverOneFixedSet()
    {
        var orders = _orders.Value;
        var signsByShop = Labelled(FakeFulfilment, EntityTypes.Shop, "empty_parcel_shop")
            .Select(shop => orders.Fake.Where(o => o.Shop == shop).SelectMany(o => orders.Signs(o.Order)).Distinct().Order().ToList())
            .ToList();

        // Each shop is planned with two signs or more; a shop that starts late in the run may not show them all yet.
        Assert.NotEmpty(signsByShop);
        Assert.All(signsByShop, signs => Assert.NotEmpty(signs));
        Assert.True(signsByShop.Count(s => s.Count >= 2) * 2 >= signsByShop.Count, string.Join(" | ", signsByShop.Select(s => string.Join(",", s))));
        Assert.True(signsByShop.Select(s => string.Join(",", s)).Distinct().Count() >= Math.Min(3, signsByShop.Count));
        Assert.Contains(signsByShop, s => s.Count < SignNames.Length);
    }

    [Fact]
    public void FakeFulfilment_ReusedTrackingNumbers_AreOnFakeOrdersOnlyAndCrossShops()
    {
        var orders = _orders.Value;
        var reused = orders.Shipments.GroupBy(s => s.Tracking).Where(g => g.Count() > 1).ToList();

        Assert.NotEmpty(reused);
        Assert.All(reused.SelectMany(g => g), s => Assert.Contains(s.Order, orders.FakeIds));
        Assert.Contains(reused, g => g.Select(s => orders.Placed[s.Order].Shop).Distinct().Count() > 1);
    }

    [Fact]
    public void FakeFulfilment_TwoSignsTogether_AreFarRarerOnHonestOrdersThanOnEmptyParcelOrders()
    {
        var orders = _orders.Value;
        var emptyShops = Labelled(FakeFulfilment, EntityTypes.Shop, "empty_parcel_shop");
        var malicious = market.Labels.Items.MaliciousOrders.ToHashSet(StringComparer.Ordinal);
        var fake = orders.Fake.Where(o => emptyShops.Contains(o.Shop)).ToList();
        var honest = orders.Placed.Values.Where(o => !orders.FakeIds.Contains(o.Order) && !malicious.Contains(o.Order)).ToList();

        var fakeShare = (double)fake.Count(o => orders.Signs(o.Order).Count >= 2) / fake.Count;
        var honestShare = (double)honest.Count(o => orders.Signs(o.Order).Count >= 2) / honest.Count;

        // Honest look-alikes exist (light parcels, quick confirmations, blank 5-star reviews), but rarely two at once.
        Assert.True(honest.Any(o => orders.Signs(o.Order).Count == 1), "honest orders never show a single sign: the signs would give the answer away");
        Assert.True(fakeShare > 20 * honestShare, $"fake {fakeShare:P1}, honest {honestShare:P2}");
    }

    [Fact]
    public void Ring_Accounts_OrderFromManyShopsOfTheRingUnlikeTheShopsHonestBuyers()
    {
        var orders = _orders.Value;
        var ringShops = Labelled(Ring, EntityTypes.Shop);
        var ringAccounts = Labelled(Ring, EntityTypes.Account);
        var atRing = orders.Placed.Values.Where(o => ringShops.Contains(o.Shop)).ToList();

        var ringSpread = atRing.Where(o => ringAccounts.Contains(o.Buyer)).GroupBy(o => o.Buyer).Average(g => g.Select(o => o.Shop).Distinct().Count());
        var honestSpread = atRing.Where(o => !ringAccounts.Contains(o.Buyer)).GroupBy(o => o.Buyer).Average(g => g.Select(o => o.Shop).Distinct().Count());

        // A dense block of buyers × shops: ring accounts keep coming back to the ring's shops; their honest buyers do not.
        Assert.True(ringSpread >= 3 && ringSpread > 2 * honestSpread, $"ring accounts {ringSpread:0.0} shops each, honest buyers {honestSpread:0.0}");
    }

    [Fact]
    public void Ring_Accounts_AreLinkedBySharedIdentifiersFarMoreThanHonestBuyers()
    {
        var ringAccounts = Labelled(Ring, EntityTypes.Account);
        var labelled = market.Labels.Entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var honest = _orders.Value.Placed.Values.Select(o => o.Buyer).Where(a => !labelled.Contains(a)).ToHashSet(StringComparer.Ordinal);
        string[] exact = ["phone", "device", "address", "payment"];

        var ringLinked = (double)ringAccounts.Count(a => _identifiers.Value.Sharing(a, exact).Any(ringAccounts.Contains)) / ringAccounts.Count;
        var honestLinked = (double)honest.Count(a => _identifiers.Value.Sharing(a, exact).Any()) / honest.Count;

        Assert.True(ringLinked >= 0.5 && ringLinked > 3 * honestLinked, $"ring {ringLinked:P0}, honest {honestLinked:P1}");
    }

    [Fact]
    public void Ring_Brushers_AlsoBuyHonestlyAtShopsOutsideTheRing()
    {
        var orders = _orders.Value;
        var ringShops = Labelled(Ring, EntityTypes.Shop);
        var ringAccounts = Labelled(Ring, EntityTypes.Account);

        var camouflaged = orders.Placed.Values
            .Where(o => ringAccounts.Contains(o.Buyer) && !orders.FakeIds.Contains(o.Order) && !ringShops.Contains(o.Shop))
            .Select(o => o.Buyer).Distinct().Count();

        Assert.True(camouflaged >= ringAccounts.Count / 4, $"{camouflaged} of {ringAccounts.Count} ring accounts buy honestly");
        Assert.True(camouflaged < ringAccounts.Count, "every ring account buys honestly too: the camouflage would be a constant");
    }

    [Fact]
    public void Concentration_Brushers_SomeAlsoBuyHonestly()
    {
        var orders = _orders.Value;
        var brushers = Labelled("order_brushing.concentration", EntityTypes.Account);

        Assert.Contains(orders.Placed.Values, o => brushers.Contains(o.Buyer) && !orders.FakeIds.Contains(o.Order));
    }

    [Fact]
    public void Brushers_NeverUseTheAddressOfAnHonestFamily()
    {
        var families = market.Labels.HardNegatives.Where(h => h.Scenario == "family_shared_address").Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var familyAddresses = _orders.Value.Placed.Values.Where(o => families.Contains(o.Buyer)).Select(o => o.Address).ToHashSet(StringComparer.Ordinal);
        var brushers = Labelled(Ring, EntityTypes.Account).Concat(Labelled(SelfDealing, EntityTypes.Account)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(familyAddresses);
        Assert.DoesNotContain(_orders.Value.Placed.Values, o => brushers.Contains(o.Buyer) && familyAddresses.Contains(o.Address));
    }

    /// <summary>Orders of the market and the fake-fulfilment signs each shows.</summary>
    private sealed class Orders
    {
        private readonly Dictionary<string, DateTimeOffset> _delivered = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _confirmed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ReviewPosted> _reviews = new(StringComparer.Ordinal);
        private readonly Dictionary<string, OrderShipped> _shipped = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _tracking = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _typicalWeight = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _categoryOf;
        private readonly HashSet<(string From, string To)> _cashback = [];

        public Orders(IReadOnlyList<MarketEvent> events, MarketLabels labels)
        {
            OwnerOf = events.OfType<ShopOpened>().ToDictionary(s => s.Shop, s => s.Owner!, StringComparer.Ordinal);
            Placed = events.OfType<OrderPlaced>().ToDictionary(o => o.Order, StringComparer.Ordinal);
            Shipments = [.. events.OfType<OrderShipped>()];
            foreach (var e in events)
            {
                switch (e)
                {
                    case OrderShipped s:
                        _shipped[s.Order] = s;
                        _tracking[s.Tracking!] = _tracking.GetValueOrDefault(s.Tracking!) + 1;
                        break;
                    case OrderDelivered d:
                        _delivered[d.Order] = d.Ts;
                        break;
                    case OrderConfirmed c:
                        _confirmed[c.Order] = c.Ts;
                        break;
                    case ReviewPosted r when r.Order is not null:
                        _reviews.TryAdd(r.Order, r);
                        break;
                    case ChatMessage m when m.Text!.Contains('返'):
                        _cashback.Add((m.From, m.To));
                        break;
                }
            }

            // What a parcel of the category really weighs: the median of the category's honest shipments.
            var fakeIds = labels.Items.FakeOrders.ToHashSet(StringComparer.Ordinal);
            var category = events.OfType<ListingPublished>().ToDictionary(l => l.Listing, l => l.Category!, StringComparer.Ordinal);
            foreach (var g in Shipments.Where(s => !fakeIds.Contains(s.Order)).GroupBy(s => category[Placed[s.Order].Listing!]))
            {
                var weights = g.Select(s => s.WeightG!.Value).Order().ToList();
                _typicalWeight[g.Key] = weights[weights.Count / 2];
            }

            _categoryOf = category;
            FakeIds = fakeIds;
            Fake = [.. Placed.Values.Where(o => FakeIds.Contains(o.Order))];
        }

        public Dictionary<string, string> OwnerOf { get; }

        public Dictionary<string, OrderPlaced> Placed { get; }

        public List<OrderShipped> Shipments { get; }

        public HashSet<string> FakeIds { get; }

        public List<OrderPlaced> Fake { get; }

        /// <summary>The signs of fake fulfilment an order shows (SPEC §2.1).</summary>
        public List<string> Signs(string order)
        {
            var signs = new List<string>();
            var placed = Placed[order];
            if (_shipped.TryGetValue(order, out var shipped))
            {
                if (_tracking[shipped.Tracking!] > 1)
                {
                    signs.Add(SignNames[0]);
                }

                if (shipped.WeightG < 0.2 * _typicalWeight[_categoryOf[placed.Listing!]])
                {
                    signs.Add(SignNames[1]);
                }

                if (_delivered.TryGetValue(order, out var delivered) && delivered - shipped.Ts < TimeSpan.FromHours(6))
                {
                    signs.Add(SignNames[2]);
                }

                if (_delivered.TryGetValue(order, out delivered) && _confirmed.TryGetValue(order, out var confirmed) && confirmed - delivered < TimeSpan.FromMinutes(30))
                {
                    signs.Add(SignNames[3]);
                }

                if (_confirmed.TryGetValue(order, out confirmed) && _reviews.TryGetValue(order, out var review)
                    && review.Rating == 5 && string.IsNullOrEmpty(review.Text) && review.Ts - confirmed < TimeSpan.FromMinutes(30))
                {
                    signs.Add(SignNames[4]);
                }
            }

            if (_cashback.Contains((OwnerOf[placed.Shop], placed.Buyer)) || _cashback.Contains((placed.Buyer, OwnerOf[placed.Shop])))
            {
                signs.Add(SignNames[5]);
            }

            return signs;
        }

        /// <summary>The Shopee concentration rate at its highest: orders ÷ distinct buyers over any hour from an order on.</summary>
        public double MaxHourlyRate(string shop)
        {
            var orders = Placed.Values.Where(o => o.Shop == shop).OrderBy(o => o.Ts).ToList();
            var max = 0.0;
            for (var i = 0; i < orders.Count; i++)
            {
                var end = orders[i].Ts.AddHours(1);
                var window = orders.Skip(i).TakeWhile(o => o.Ts <= end).ToList();
                max = Math.Max(max, (double)window.Count / window.Select(o => o.Buyer).Distinct().Count());
            }

            return max;
        }
    }
}
