using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation.Tests;

[Collection(ScaleOneMarketGroup.Name)]
public sealed class MarketLabelsTests(ScaleOneMarket market)
{
    // SPEC §2, every pattern id it names (attack.malicious_reviews is fake_reviews.malicious_negative by the SPEC's own words).
    public static readonly TheoryData<string> SpecPatterns =
    [
        "order_brushing.concentration", "order_brushing.self_dealing", "order_brushing.fake_fulfilment", "order_brushing.ring",
        "fake_likes.burst", "fake_likes.concentration", "fake_likes.zombies", "fake_likes.mismatch", "fake_likes.lockstep",
        "fake_reviews.duplicate_text", "fake_reviews.no_purchase", "fake_reviews.farm", "fake_reviews.malicious_negative",
        "accounts.marketing", "accounts.impersonation", "brand.alert",
        "listing.duplicate", "listing.title_stuffing", "listing.wrong_category", "listing.fake_price",
        "listing.title_attribute_mismatch", "listing.image_quality", "listing.stolen_image", "listing.banned_words",
        "listing.brand_infringement",
        "attack.malicious_orders", "attack.click_fraud",
        "reports.invalid", "reports.abuse",
    ];

    // SPEC §9 and issue 4: every honest look-alike, by the scenario name labels.json uses.
    public static readonly TheoryData<string> LookAlikes =
    [
        "flash_sale", "flash_sale_declared", "livestream_surge_declared", "livestream_surge_undeclared",
        "influencer_surge_declared", "influencer_surge_undeclared", "declared_campaign", "viral_listing", "big_shop",
        "family_shared_address", "campus_shared_ip", "same_day_repeat_buyer", "similar_titles_across_companies",
        "shared_words_within_company", "official_shop", "valid_report",
    ];

    [Theory]
    [MemberData(nameof(SpecPatterns))]
    public void Labels_ScaleOneWeek_InjectEveryPatternOfSpec(string pattern)
        => Assert.Contains(market.Labels.Entities, e => e.Pattern == pattern);

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Labels_ScaleOneWeek_IncludeEveryHonestLookAlike(string scenario)
        => Assert.Contains(market.Labels.HardNegatives, h => h.Scenario == scenario);

    [Fact]
    public void Labels_ScaleOneWeek_HaveVictimsAndFakeItemsOfEveryKind()
    {
        Assert.Contains(market.Labels.Victims, v => v.Pattern == "attack.malicious_orders");
        Assert.Contains(market.Labels.Victims, v => v.Pattern == "attack.click_fraud");
        Assert.Contains(market.Labels.Victims, v => v.Pattern == "fake_reviews.malicious_negative");
        Assert.NotEmpty(market.Labels.Items.FakeOrders);
        Assert.NotEmpty(market.Labels.Items.MaliciousOrders);
        Assert.NotEmpty(market.Labels.Items.InvalidClicks);
        Assert.NotEmpty(market.Labels.Items.FakeReviews);
    }

    [Fact]
    public void Labels_ScaleOneWeek_NameOnlyEntitiesThatExistInTheEvents()
    {
        var missing = market.Labels.Entities.Select(e => (e.Type, e.Id, What: e.Pattern))
            .Concat(market.Labels.HardNegatives.Select(h => (h.Type, h.Id, What: h.Scenario)))
            .Concat(market.Labels.Victims.Select(v => (v.Type, v.Id, What: v.Pattern)))
            .GroupBy(x => x.Type)
            .SelectMany(g =>
            {
                var existing = market.Existing(g.Key);
                return g.Where(x => !existing.Contains(x.Id));
            })
            .Select(x => $"{x.What}: {x.Type} {x.Id}")
            .ToList();

        Assert.True(missing.Count == 0, string.Join('\n', missing.Take(20)));
    }

    [Fact]
    public void Labels_ScaleOneWeek_FakeItemsExistInTheEvents()
    {
        var orders = market.Existing(EntityTypes.Order);
        var clicks = market.Existing(EntityTypes.Click);
        var reviews = market.Existing(EntityTypes.Review);

        Assert.All(market.Labels.Items.FakeOrders.Concat(market.Labels.Items.MaliciousOrders), o => Assert.Contains(o, orders));
        Assert.All(market.Labels.Items.InvalidClicks, c => Assert.Contains(c, clicks));
        Assert.All(market.Labels.Items.FakeReviews, r => Assert.Contains(r, reviews));
    }

    [Fact]
    public void Labels_ScaleOneWeek_MaliciousOrdersAreNeverPaid()
    {
        var paid = market.Events.OfType<OrderPaid>().Select(p => p.Order).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(market.Labels.Items.MaliciousOrders, paid.Contains);
    }

    [Fact]
    public void Labels_ScaleOneWeek_NeverCallAVictimOrLookAlikeACheat()
    {
        var cheats = market.Labels.Entities.Select(e => (e.Type, e.Id)).ToHashSet();

        Assert.DoesNotContain(market.Labels.HardNegatives, h => cheats.Contains((h.Type, h.Id)));
        Assert.DoesNotContain(market.Labels.Victims, v => cheats.Contains((v.Type, v.Id)));
    }

    [Fact]
    public void Labels_WrittenAndRead_AreTheSame()
    {
        using var buffer = new MemoryStream();
        market.Labels.Write(buffer);
        buffer.Position = 0;

        var read = MarketLabels.Read(buffer);

        Assert.Equal(market.Labels.Entities, read.Entities);
        Assert.Equal(market.Labels.HardNegatives, read.HardNegatives);
        Assert.Equal(market.Labels.Victims, read.Victims);
        Assert.Equal(market.Labels.Items.FakeOrders, read.Items.FakeOrders);
        Assert.Equal(market.Labels.Items.InvalidClicks, read.Items.InvalidClicks);
        Assert.Equal((market.Labels.Seed, market.Labels.Scale, market.Labels.Days, market.Labels.Start), (read.Seed, read.Scale, read.Days, read.Start));
    }

    [Fact]
    public void Labels_BeforeTheEventsAreGenerated_AreRefused()
    {
        var simulation = new MarketSimulation(SyntheticMarketOptions.ForScale(0.05, days: 1));

        Assert.Throws<InvalidOperationException>(() => simulation.Labels);
    }
}
