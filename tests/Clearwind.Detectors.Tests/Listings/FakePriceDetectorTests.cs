using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class FakePriceDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, FakePriceOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddFakePrice(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private ListingPublished Published(string listing, string category, string title, decimal price, TimeSpan at, string shop = "s1")
        => new() { Id = $"e{++_next}", Ts = T0 + at, Listing = listing, Shop = shop, Category = category, Title = title, Price = price };

    private ListingUpdated Updated(ListingPublished original, decimal price, TimeSpan at)
        => new() { Id = $"e{++_next}", Ts = T0 + at, Listing = original.Listing, Shop = original.Shop, Category = original.Category, Title = original.Title, Price = price };

    /// <summary><paramref name="count"/> honest listings of one product spread evenly (in log terms) between two prices.</summary>
    private List<MarketEvent> Honest(string prefix, string category, string product, int count, double low, double high)
        => [.. Enumerable.Range(0, count).Select(i => Published(
            string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}"),
            category,
            string.Create(CultureInfo.InvariantCulture, $"第{i}款简约{product}"),
            Math.Round((decimal)(low * Math.Pow(high / low, i / (double)(count - 1))), 2),
            TimeSpan.FromMinutes(i)))];

    [Fact]
    public void FakePrice_GarmentAtOneFen_FlagsListingWithTheCategoryRange()
    {
        var events = Honest("d", "女装/连衣裙", "连衣裙", 60, 80, 300);
        var bait = Published("bait", "女装/连衣裙", "新款简约连衣裙", 0.01m, TimeSpan.FromHours(2));
        events.Add(bait);

        var finding = Assert.Single(Run(events));
        Assert.Equal("listing.fake_price", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "bait"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal([bait.Id], finding.Evidence[0].Events);
        Assert.Equal(0.01, finding.Evidence[0].Figures["price"]);
        Assert.Contains("below", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.InRange(finding.Score, 0.9, 1);
    }

    [Fact]
    public void FakePrice_BeddingAt18888_FlagsListing()
    {
        var events = Honest("b", "床上用品", "四件套", 60, 90, 500);
        events.Add(Published("dear", "床上用品", "纯棉简约四件套", 18_888m, TimeSpan.FromHours(2)));

        var finding = Assert.Single(Run(events));
        Assert.Equal(new EntityRef("listing", "dear"), finding.Entity);
        Assert.Contains("above", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FakePrice_CheapWholesaleScrewsInTheirCategory_NotFlagged()
    {
        // Drills and screws share a category; a screw at a few fen is cheap, not fake, because screws sell at that price.
        var events = Honest("drill", "五金工具", "电钻", 60, 80, 400);
        events.AddRange(Honest("screw", "五金工具", "自攻螺丝", 45, 0.05, 0.6));
        events.Add(Published("cheap", "五金工具", "批发加硬自攻螺丝", 0.03m, TimeSpan.FromHours(2)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakePrice_ScrewsFiledInTheWrongCategory_NotAFakePrice()
    {
        // Wholesale screws filed under baby goods are a wrong category, not a fake price: screws cost that much anywhere.
        var events = Honest("baby", "母婴用品", "奶瓶", 60, 30, 200);
        events.AddRange(Honest("screw", "五金工具", "自攻螺丝", 45, 0.05, 0.6));
        events.Add(Published("misfiled", "母婴用品", "工厂直供自攻螺丝", 0.25m, TimeSpan.FromHours(2)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakePrice_PremiumItemSixTimesTheUsualDearEnd_NotFlagged()
    {
        var events = Honest("w", "钟表", "手表", 60, 100, 800);
        events.Add(Published("premium", "钟表", "瑞士机械手表", 4_800m, TimeSpan.FromHours(2)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakePrice_ThinCategory_NotJudged()
    {
        var events = Honest("d", "女装/连衣裙", "连衣裙", 20, 80, 300);
        events.Add(Published("bait", "女装/连衣裙", "新款简约连衣裙", 0.01m, TimeSpan.FromHours(2)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakePrice_OrdinaryDiscountsAndCampaignPrices_NotFlagged()
    {
        var events = Honest("d", "女装/连衣裙", "连衣裙", 60, 80, 300);
        var listing = Published("sale", "女装/连衣裙", "新款简约连衣裙", 200m, TimeSpan.FromHours(1));
        events.Add(listing);
        decimal[] prices = [160m, 200m, 120m, 200m, 150m, 199m, 100m, 200m];
        events.AddRange(prices.Select((p, k) => Updated(listing, p, TimeSpan.FromHours(2 + (12 * k)))));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakePrice_FrequentLargeSwings_FlagsListingWithEverySwing()
    {
        var events = Honest("d", "女装/连衣裙", "连衣裙", 60, 80, 300);
        var listing = Published("swing", "女装/连衣裙", "新款简约连衣裙", 200m, TimeSpan.FromHours(1));
        events.Add(listing);
        var first = Updated(listing, 20m, TimeSpan.FromHours(5));
        var second = Updated(listing, 200m, TimeSpan.FromHours(20));
        var third = Updated(listing, 30m, TimeSpan.FromHours(40));
        events.AddRange([first, second, third]);

        var finding = Assert.Single(Run(events));
        Assert.Equal(new EntityRef("listing", "swing"), finding.Entity);
        var swings = Assert.Single(finding.Evidence);
        Assert.Equal([first.Id, second.Id, third.Id], swings.Events);
        Assert.Equal(3, swings.Figures["large_swings"]);
        Assert.Equal(first.Ts, finding.From);
        Assert.Equal(third.Ts, finding.To);
    }

    [Fact]
    public void FakePrice_TwoSwingsOnly_NotFlagged()
    {
        var events = Honest("d", "女装/连衣裙", "连衣裙", 60, 80, 300);
        var listing = Published("swing", "女装/连衣裙", "新款简约连衣裙", 200m, TimeSpan.FromHours(1));
        events.AddRange([listing, Updated(listing, 20m, TimeSpan.FromHours(5)), Updated(listing, 200m, TimeSpan.FromHours(20))]);

        Assert.Empty(Run(events));
    }

    [Fact]
    public void FakePrice_PriceCorrectedLater_SameFindingCarriesTheCorrection_AndIsCleared()
    {
        var events = Honest("d", "女装/连衣裙", "连衣裙", 60, 80, 300);
        var bait = Published("bait", "女装/连衣裙", "新款简约连衣裙", 0.01m, TimeSpan.FromHours(2));
        var fix = Updated(bait, 159m, TimeSpan.FromDays(2));
        events.AddRange([bait, fix]);

        var finding = Assert.Single(Run(events));
        Assert.Equal(Finding.MakeId("listing.fake_price", new EntityRef("listing", "bait"), bait.Ts), finding.Id);
        Assert.Equal(2, finding.Evidence.Count);
        Assert.Equal([fix.Id], finding.Evidence[1].Events);
        Assert.Equal(159, finding.Evidence[1].Figures["corrected_price"]);
        Assert.Equal((bait.Ts, fix.Ts), (finding.To, finding.ClearedAt));
        var decision = Assert.Single(new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding));
        Assert.Equal((bait.Ts, fix.Ts), (decision.EffectiveAt, decision.ExpiresAt));
    }

    [Fact]
    public void FakePriceOptions_LowQuantileAboveHigh_Invalid()
    {
        new FakePriceOptions { LowQuantile = 0.4, HighQuantile = 0.6 }.Validate(FakePriceDetector.Id);
        var bad = new FakePriceOptions { LowQuantile = 0.5, HighQuantile = 0.5 };
        var error = Assert.Throws<ArgumentException>(() => bad.Validate(FakePriceDetector.Id));
        Assert.Contains("low_quantile must be less than high_quantile", error.Message, StringComparison.Ordinal);
    }
}
