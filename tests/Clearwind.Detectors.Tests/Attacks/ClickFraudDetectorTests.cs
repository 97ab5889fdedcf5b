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

    private AdClicked Click(string? account, TimeSpan at, string shop = "victim", string listing = "l1", string ip = "10.0.0.1", string device = "h1:d1")
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

    private ListingViewed View(string? account, TimeSpan at, long dwellMs, string listing = "l1", string ip = "10.0.0.1", string device = "h1:d1", string source = "ad")
        => new() { Id = $"v{++_next}", Ts = T0 + at, Account = account, Listing = listing, DwellMs = dwellMs, Ip = ip, Device = device, Source = source };

    private static List<MarketEvent> Owner(string shop, string owner, string? device = null, string? ip = null, string? phone = null)
        =>
        [
            new AccountRegistered { Id = $"r-{owner}", Ts = T0.AddDays(-30), Account = owner, Device = device, Ip = ip, Phone = phone },
            new ShopOpened { Id = $"so-{shop}", Ts = T0.AddDays(-29), Shop = shop, Owner = owner },
        ];

    private static List<RelatedEntity> ClicksOf(IEnumerable<MarketEvent> events)
        => [.. events.OfType<AdClicked>().Select(c => new RelatedEntity("click", c.Click, EntityRole.Actor))];

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
    public void ClickFraud_Decider_RefundsTheVictimsClicksAndNeverPenalisesIt()
    {
        var finding = Assert.Single(Run(Drain("bot1", 6, TimeSpan.Zero)));
        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);

        var victim = Assert.Single(decisions, d => d.Entity == new EntityRef("shop", "victim"));
        Assert.Equal(DecisionActions.RefundClicks, victim.Action);
        Assert.Equal(0, victim.Strike);
        Assert.Contains(decisions, d => d.Entity == new EntityRef("account", "bot1") && DecisionActions.IsPunitive(d.Action));
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

    [Fact]
    public void ClickFraud_TwoClicksFromAnInvalidClickersDevice_AreInvalid()
    {
        var events = Drain("bot1", 4, TimeSpan.Zero, device: "h1:bot");
        var second = Drain("bot2", 2, TimeSpan.FromHours(2), ip: "10.8.8.8", device: "h1:bot");
        events.AddRange(second);

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("account", "bot2", EntityRole.Actor), finding.Related);
        Assert.Equal(ClicksOf(events), finding.Related.Where(r => r.Type == "click"));
        Assert.Equal(1, finding.Evidence.Single(e => e.Figures.ContainsKey("device_linked_clickers")).Figures["device_linked_clickers"]);
    }

    // The two-click clicker is judged (and let go) first; the device turns out to be an invalid clicker's hours later.
    [Fact]
    public void ClickFraud_DeviceTurnsInvalidAfterTheTwoClicksWereJudged_TheyAreNamedToo()
    {
        var events = Drain("bot2", 2, TimeSpan.Zero, ip: "10.8.8.8", device: "h1:bot");
        events.AddRange(Drain("bot1", 4, TimeSpan.FromHours(3), device: "h1:bot"));

        var finding = Run(events)[^1];
        Assert.Contains(new RelatedEntity("account", "bot2", EntityRole.Actor), finding.Related);
        Assert.Equal(6, finding.Related.Count(r => r.Type == "click"));
    }

    // Look-alike: a family tablet. One member reads ads; another leaves two of them at once. Nobody drained anything.
    [Fact]
    public void ClickFraud_TwoQuickExitsOnAFamilyTablet_NotFlagged()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 5; i++)
        {
            var at = TimeSpan.FromMinutes(i * 10);
            events.Add(Click("mother", at, device: "h1:tablet"));
            events.Add(View("mother", at + TimeSpan.FromSeconds(2), 40_000, device: "h1:tablet"));
        }

        events.AddRange(Drain("child", 2, TimeSpan.FromHours(2), ip: "10.0.0.1", device: "h1:tablet"));

        Assert.Empty(Run(events));
    }

    // Look-alike: a device that drained an advertiser is sold on; its next owner bounces twice more than a week later.
    [Fact]
    public void ClickFraud_TwoQuickExitsOnAnInvalidDeviceBeyondTheLookback_NotFlagged()
    {
        var events = Drain("bot1", 4, TimeSpan.Zero, device: "h1:bot");
        events.AddRange(Drain("newowner", 2, TimeSpan.FromDays(9), ip: "10.7.7.7", device: "h1:bot"));

        var finding = Assert.Single(Run(events));
        Assert.DoesNotContain(new RelatedEntity("account", "newowner", EntityRole.Actor), finding.Related);
        Assert.Equal(4, finding.Related.Count(r => r.Type == "click"));
    }

    // An attack over several days: once the clicker repeats within a day, its earlier quick exits that week count too.
    [Fact]
    public void ClickFraud_InvalidClicker_EarlierClicksWithinTheLookbackAreNamed()
    {
        var events = Drain("bot1", 2, TimeSpan.Zero);
        events.AddRange(Drain("bot1", 3, TimeSpan.FromDays(2)));

        var finding = Assert.Single(Run(events));
        Assert.Equal(ClicksOf(events), finding.Related.Where(r => r.Type == "click"));
    }

    [Fact]
    public void ClickFraud_ClickerSharesPhoneWithRivalOwner_RivalShopIsActor()
    {
        var events = Owner("rival", "owner2", device: "h1:own2", ip: "10.1.1.1", phone: "h1:phone2");
        events.Add(new AccountRegistered { Id = "r-bot1", Ts = T0.AddDays(-2), Account = "bot1", Device = "h1:bot", Ip = "10.9.9.9", Phone = "h1:phone2" });
        events.AddRange(Drain("bot1", 4, TimeSpan.Zero));

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("shop", "rival", EntityRole.Actor), finding.Related);
    }

    [Fact]
    public void ClickFraud_ClickerOnRivalOwnersHomeAddress_RivalShopIsActor()
    {
        var events = Owner("rival", "owner2", device: "h1:own2", ip: "10.1.1.1");
        events.AddRange(Drain("bot1", 4, TimeSpan.Zero, ip: "10.1.1.1", device: "h1:bot"));

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("shop", "rival", EntityRole.Actor), finding.Related);
    }

    // Look-alike: a shop owner studies behind a campus NAT address that dozens of accounts use; a clicker on the same
    // address is no sign that the owner's shop is behind it.
    [Fact]
    public void ClickFraud_ClickerBehindTheCampusNatOfAShopOwner_ShopNotNamed()
    {
        const string campus = "202.120.0.1";
        var events = Owner("student-shop", "owner2", device: "h1:own2", ip: campus);
        for (var i = 0; i < 40; i++)
        {
            events.Add(new AccountLogin { Id = $"login{i}", Ts = T0.AddHours(-5).AddMinutes(i), Account = $"student{i}", Ip = campus, Device = $"h1:phone{i}" });
        }

        events.AddRange(Drain("bot1", 5, TimeSpan.Zero, ip: campus, device: "h1:bot"));

        var finding = Assert.Single(Run(events));
        Assert.Contains(new RelatedEntity("account", "bot1", EntityRole.Actor), finding.Related);
        Assert.DoesNotContain(finding.Related, r => r.Type == "shop");
    }

    // Look-alike: a shopper compares three shops' ads over two days, reading each page (one quick exit each), then buys.
    [Fact]
    public void ClickFraud_ShopperComparesAdsSeveralTimesThenBuys_NotFlagged()
    {
        var events = new List<MarketEvent>();
        string[] shops = ["victim", "shop2", "shop3"];
        for (var round = 0; round < 4; round++)
        {
            for (var k = 0; k < shops.Length; k++)
            {
                var at = TimeSpan.FromHours(round * 12) + TimeSpan.FromMinutes(k * 3);
                var listing = $"l-{shops[k]}";
                events.Add(Click("shopper", at, shop: shops[k], listing: listing));
                events.Add(View("shopper", at + TimeSpan.FromSeconds(2), round == 1 ? 1_200 : 25_000 + (k * 9_000), listing: listing));
            }
        }

        events.Add(Some.OrderPlaced(id: "o-e1", order: "o1", buyer: "shopper", shop: "victim", listing: "l-victim", ts: T0.AddHours(37)));
        events.Add(new OrderPaid { Id = "p-e1", Ts = T0.AddHours(37).AddMinutes(1), Order = "o1" });

        Assert.Empty(Run(events));
    }

    // Look-alike: a shopper leaves two ad pages at once, then opens the third from the recommendations right after the
    // click and reads it: that is a landing with dwell, whatever page it says it came from.
    [Fact]
    public void ClickFraud_ReadViaAnotherEntryRightAfterTheClick_CountsAsRead()
    {
        var events = Drain("shopper", 2, TimeSpan.Zero, ip: "10.0.0.1", device: "h1:d1", opens: false);
        events.Add(Click("shopper", TimeSpan.FromMinutes(3)));
        events.Add(View("shopper", TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(11), 64_000, source: "recommend"));

        Assert.Empty(Run(events));
    }

    // Look-alike: a listing goes viral; 500 shoppers click its ad within two hours, one in twelve bounces, some come back.
    [Fact]
    public void ClickFraud_ViralListingAdSurge_NotFlagged()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 500; i++)
        {
            var shopper = $"fan{i}";
            var device = $"h1:fan{i}";
            var ip = $"223.104.{i % 7}.1";
            var visits = i % 10 == 0 ? 2 : 1;
            for (var v = 0; v < visits; v++)
            {
                var at = TimeSpan.FromSeconds((i * 14) + (v * 1_800));
                events.Add(Click(shopper, at, ip: ip, device: device));
                if ((i + v) % 12 != 3)
                {
                    events.Add(View(shopper, at + TimeSpan.FromSeconds(2), 8_000 + (i * 37 % 50_000), ip: ip, device: device));
                }
            }
        }

        Assert.Empty(Run(events));
    }

    // Look-alike: a declared off-site campaign sends guests (no account) through a few carrier gateways to the ad; many
    // of them leave at once, as campaign traffic does, but each guest clicks once or twice.
    [Fact]
    public void ClickFraud_DeclaredCampaignGuestTraffic_NotFlagged()
    {
        var events = new List<MarketEvent>
        {
            new CampaignDeclared { Id = "cd1", Ts = T0.AddDays(-1), Campaign = "c1", Shop = "victim", Listings = ["l1"], From = T0, To = T0.AddDays(1), Channel = "douyin" },
        };
        for (var i = 0; i < 300; i++)
        {
            var device = $"h1:guest{i}";
            var ip = $"117.136.{i % 4}.9";
            var visits = i % 5 == 0 ? 2 : 1;
            for (var v = 0; v < visits; v++)
            {
                var at = TimeSpan.FromSeconds((i * 30) + (v * 90));
                events.Add(Click(null, at, ip: ip, device: device));
                if ((i + v) % 3 != 0)
                {
                    events.Add(View(null, at + TimeSpan.FromSeconds(2), 12_000, ip: ip, device: device));
                }
            }
        }

        Assert.Empty(Run(events));
    }

    // Look-alike: guests known only by the campus NAT address (no account, no device); a third of them leave at once.
    [Fact]
    public void ClickFraud_GuestsKnownOnlyByASharedAddress_NotJudged()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 30; i++)
        {
            var at = TimeSpan.FromMinutes(i * 2);
            var n = ++_next;
            events.Add(new AdClicked { Id = $"e{n}", Ts = T0 + at, Click = $"c{n}", Shop = "victim", Listing = "l1", Ip = "202.120.0.1" });
            if (i % 3 != 0)
            {
                events.Add(new ListingViewed { Id = $"v{n}", Ts = T0 + at + TimeSpan.FromSeconds(2), Listing = "l1", Ip = "202.120.0.1", DwellMs = 30_000 });
            }
        }

        Assert.Empty(Run(events));
    }
}
