using Clearwind.Attacks;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Attacks;

public sealed class ClickFraudDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);
    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, ClickFraudOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddClickFraud(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private AdClicked Click(string account, TimeSpan at, string shop = "victim", string listing = "l1", string ip = "10.0.0.1", string device = "h1:d1")
    {
        var n = ++_next;
        return new AdClicked
        {
            Id = $"e{n}",
            Ts = T0 + at,
            Click = $"c{n}",
            Account = account,
            Shop = shop,
            Listing = listing,
            Keyword = "连衣裙",
            Cost = 3.2m,
            Ip = ip,
            Device = device,
        };
    }

    private ListingViewed View(string account, TimeSpan at, long dwellMs, string listing = "l1", string ip = "10.0.0.1", string device = "h1:d1")
        => new() { Id = $"v{++_next}", Ts = T0 + at, Account = account, Listing = listing, DwellMs = dwellMs, Ip = ip, Device = device, Source = "ad" };

    // A clicker that clicks, glances for a second (or never opens the page), and clicks again a minute later.
    private List<MarketEvent> Drain(string account, int clicks, TimeSpan start, string ip = "10.9.9.9", string device = "h1:bot", bool opens = true)
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < clicks; i++)
        {
            var at = start + TimeSpan.FromMinutes(i);
            var click = Click(account, at, ip: ip, device: device);
            events.Add(click);
            if (opens)
            {
                events.Add(View(account, at + TimeSpan.FromSeconds(2), 900, ip: ip, device: device));
            }
        }

        return events;
    }

    [Fact]
    public void ClickFraud_RepeatedClicksWithoutDwell_VictimShopAndClickerAndClicks()
    {
        var events = Drain("bot1", 4, TimeSpan.Zero);

        var finding = Assert.Single(Run(events));
        Assert.Equal("attack.click_fraud", finding.Pattern);
        Assert.Equal(new EntityRef("shop", "victim"), finding.Entity);
        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Contains(new RelatedEntity("account", "bot1", EntityRole.Actor), finding.Related);
        var clicks = events.OfType<AdClicked>().Select(c => new RelatedEntity("click", c.Click, EntityRole.Actor));
        Assert.Equal(clicks, finding.Related.Where(r => r.Type == "click"));
        Assert.Equal(4, finding.Evidence[0].Figures["invalid_clicks"]);
        Assert.Equal(T0, finding.From);
        Assert.Equal(T0.AddMinutes(3), finding.To);
        Assert.InRange(finding.Score, 0.5, 1);
    }

    [Fact]
    public void ClickFraud_ClicksThatNeverOpenThePage_AreInvalid()
    {
        var finding = Assert.Single(Run(Drain("bot1", 3, TimeSpan.Zero, opens: false)));
        Assert.Equal(3, finding.Evidence[0].Figures["never_opened"]);
    }

    [Fact]
    public void ClickFraud_SeveralClickersOnOneDevice_AllNamedInOneFinding()
    {
        var events = Drain("bot1", 3, TimeSpan.Zero);
        events.AddRange(Drain("bot2", 5, TimeSpan.FromHours(3)));

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("account", "bot1", EntityRole.Actor), finding.Related);
        Assert.Contains(new RelatedEntity("account", "bot2", EntityRole.Actor), finding.Related);
        Assert.Equal(8, finding.Related.Count(r => r.Type == "click"));
    }

    [Fact]
    public void ClickFraud_ClickerSharesDeviceWithRivalOwner_RivalShopIsActor()
    {
        var events = new List<MarketEvent>
        {
            new AccountRegistered { Id = "r1", Ts = T0.AddDays(-30), Account = "owner2", Device = "h1:bot", Ip = "10.1.1.1" },
            new ShopOpened { Id = "so1", Ts = T0.AddDays(-29), Shop = "rival", Owner = "owner2" },
            new AccountRegistered { Id = "r2", Ts = T0.AddDays(-30), Account = "owner1", Device = "h1:own", Ip = "10.2.2.2" },
            new ShopOpened { Id = "so2", Ts = T0.AddDays(-29), Shop = "victim", Owner = "owner1" },
        };
        events.AddRange(Drain("bot1", 4, TimeSpan.Zero, device: "h1:bot"));

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("shop", "rival", EntityRole.Actor), finding.Related);
        Assert.DoesNotContain(finding.Related, r => r.Id == "victim" || r.Id == "owner1");
    }

    [Fact]
    public void ClickFraud_RivalOwnerClicksItself_RivalShopIsActor()
    {
        var events = new List<MarketEvent> { new ShopOpened { Id = "so1", Ts = T0.AddDays(-29), Shop = "rival", Owner = "owner2" } };
        events.AddRange(Drain("owner2", 3, TimeSpan.Zero));

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("shop", "rival", EntityRole.Actor), finding.Related);
        Assert.Contains(new RelatedEntity("account", "owner2", EntityRole.Actor), finding.Related);
    }

    [Fact]
    public void ClickFraud_Decider_ProtectsVictimAndNeverPenalisesIt()
    {
        var finding = Assert.Single(Run(Drain("bot1", 6, TimeSpan.Zero)));
        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);

        var victim = Assert.Single(decisions, d => d.Entity == new EntityRef("shop", "victim"));
        Assert.Equal(DecisionActions.Protect, victim.Action);
        Assert.Equal(0, victim.Strike);
        Assert.Contains(decisions, d => d.Entity == new EntityRef("account", "bot1") && d.Action != DecisionActions.Protect);
    }

    [Fact]
    public void ClickFraud_TwoQuickExits_AreNotEnough()
        => Assert.Empty(Run(Drain("bot1", 2, TimeSpan.Zero)));

    [Fact]
    public void ClickFraud_RepeatsSpreadBeyondTheWindow_AreNotFlagged()
    {
        var events = Drain("b1", 2, TimeSpan.Zero);
        events.AddRange(Drain("b1", 2, TimeSpan.FromHours(25)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void ClickFraud_EvidenceGrows_SameFindingIdIsReportedAgain()
    {
        var events = Drain("bot1", 3, TimeSpan.Zero);
        events.AddRange(Drain("bot1", 3, TimeSpan.FromHours(2)));
        events.Add(Click("someone", TimeSpan.FromHours(5), shop: "other"));

        var findings = Run(events);
        var finding = Assert.Single(findings);
        Assert.Equal(6, finding.Related.Count(r => r.Type == "click"));
    }

    // Look-alike: a popular ad clicked by many students behind one campus NAT address; each reads the page.
    [Fact]
    public void ClickFraud_CampusNatManyDistinctClickersWhoRead_NotFlagged()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 60; i++)
        {
            var at = TimeSpan.FromMinutes(i * 3);
            var student = $"student{i}";
            var device = $"h1:phone{i}";
            events.Add(Click(student, at, ip: "202.120.0.1", device: device));
            if (i % 12 != 0)
            {
                events.Add(View(student, at + TimeSpan.FromSeconds(2), 20_000 + (i * 500), ip: "202.120.0.1", device: device));
            }
        }

        Assert.Empty(Run(events));
    }

    // Look-alike: an honest buyer clicks the same ad twice over a day, reads it, and buys.
    [Fact]
    public void ClickFraud_HonestBuyerClicksTwiceAndBuys_NotFlagged()
    {
        var events = new List<MarketEvent>
        {
            Click("buyer", TimeSpan.Zero),
            View("buyer", TimeSpan.FromSeconds(2), 45_000),
            Click("buyer", TimeSpan.FromHours(9)),
            View("buyer", TimeSpan.FromHours(9) + TimeSpan.FromSeconds(2), 80_000),
            Some.OrderPlaced(id: "o-e1", order: "o1", buyer: "buyer", shop: "victim", ts: T0 + TimeSpan.FromHours(9) + TimeSpan.FromMinutes(2)),
            new OrderPaid { Id = "p-e1", Ts = T0 + TimeSpan.FromHours(9) + TimeSpan.FromMinutes(3), Order = "o1" },
        };

        Assert.Empty(Run(events));
    }

    // Look-alike: a buyer who bounces, comes back, bounces again, then reads and buys in the same shop.
    [Fact]
    public void ClickFraud_BouncesThenPurchase_NotFlagged()
    {
        var events = Drain("buyer", 3, TimeSpan.Zero, ip: "10.0.0.1", device: "h1:d1");
        events.Add(Some.OrderPlaced(id: "o-e1", order: "o1", buyer: "buyer", shop: "victim", ts: T0 + TimeSpan.FromMinutes(10)));
        events.Add(new OrderPaid { Id = "p-e1", Ts = T0 + TimeSpan.FromMinutes(11), Order = "o1" });

        Assert.Empty(Run(events));
    }

    // Look-alike: honest shoppers bounce on about 8% of ad clicks (slow page, mis-tap), spread over many shoppers.
    [Fact]
    public void ClickFraud_HonestBouncesAcrossShoppers_NotFlagged()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 400; i++)
        {
            var buyer = $"buyer{i % 100}";
            var at = TimeSpan.FromMinutes(i * 7);
            var shop = $"shop{i % 9}";
            var listing = $"l{i % 9}";
            events.Add(Click(buyer, at, shop: shop, listing: listing, device: $"h1:{buyer}"));
            if (i % 12 != 5)
            {
                events.Add(View(buyer, at + TimeSpan.FromSeconds(2), 15_000, listing: listing, device: $"h1:{buyer}"));
            }
        }

        Assert.Empty(Run(events));
    }

    // Look-alike: a shopper comparing pages reads most of them; a few quick exits among many read pages.
    [Fact]
    public void ClickFraud_MostlyReadClicksWithSomeQuickExits_NotFlagged()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 16; i++)
        {
            var at = TimeSpan.FromMinutes(i * 5);
            events.Add(Click("browser", at));
            events.Add(View("browser", at + TimeSpan.FromSeconds(2), i % 4 == 0 ? 800 : 30_000));
        }

        Assert.Empty(Run(events));
    }

    [Fact]
    public void ClickFraud_ViewWithoutDwellFigure_CountsAsRead()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 4; i++)
        {
            var at = TimeSpan.FromMinutes(i);
            events.Add(Click("b1", at));
            events.Add(new ListingViewed { Id = $"vv{i}", Ts = T0 + at + TimeSpan.FromSeconds(2), Account = "b1", Listing = "l1" });
        }

        Assert.Empty(Run(events));
    }

    [Fact]
    public void ClickFraud_StateExpires_AfterTheWindow()
    {
        var events = Drain("b1", 2, TimeSpan.Zero);
        for (var d = 1; d <= 5; d++)
        {
            events.AddRange(Drain($"other{d}", 1, TimeSpan.FromDays(d)));
        }

        Assert.Empty(Run(events));
    }
}
