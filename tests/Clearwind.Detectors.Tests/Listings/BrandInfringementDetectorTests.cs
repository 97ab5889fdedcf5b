using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class BrandInfringementDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events)
    {
        var pipeline = new DetectionPipelineBuilder().AddBrandInfringement().Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private ShopOpened Shop(string shop, params string[] brands)
        => new() { Id = $"e{++_next}", Ts = T0, Shop = shop, Owner = "o-" + shop, Brands = brands };

    private ListingPublished Published(string title, string shop, string listing = "l1")
        => new() { Id = $"e{++_next}", Ts = T0.AddHours(1), Listing = listing, Shop = shop, Title = title };

    private ListingUpdated Updated(string title, string shop, TimeSpan at, string listing = "l1")
        => new() { Id = $"e{++_next}", Ts = T0.AddHours(1) + at, Listing = listing, Shop = shop, Title = title };

    [Fact]
    public void BrandInfringement_BrandWordInUnauthorisedShopsTitle_FlagsListing()
    {
        var findings = Run([Shop("official", "云朵"), Shop("s2"), Published("云朵纯棉T恤男短袖", "s2")]);

        var finding = Assert.Single(findings);
        Assert.Equal("listing.brand_infringement", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Empty(finding.Related);
        Assert.Contains("云朵", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("of shop s2", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(["e3"], finding.Evidence[0].Events);
        Assert.Equal(1, finding.Evidence[0].Figures["authorised_shops"]);
        Assert.Equal(0.8, finding.Score);
    }

    [Fact]
    public void BrandInfringement_DeclaredBrandBeforeAnyAuthorisedShopOpened_Flagged()
    {
        var listing = Published("知夏工厂直供婴儿奶瓶", "s2") with { Brand = "知夏" };

        var finding = Assert.Single(Run([Shop("s2"), listing]));

        Assert.Equal(0, finding.Evidence[0].Figures["authorised_shops"]);
    }

    [Fact]
    public void BrandInfringement_CopyWording_ScoresHigher()
    {
        var finding = Assert.Single(Run([Shop("official", "云朵"), Shop("s2"), Published("云朵同款纯棉T恤男短袖", "s2")]));

        Assert.Equal(0.95, finding.Score);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void BrandInfringement_LookAlikeCharacters_StillFlagged()
        => Assert.Single(Run([Shop("official", "云朵"), Shop("s2"), Published("雲朵纯棉T恤男短袖", "s2")]));

    [Theory]
    [InlineData("official")]
    [InlineData("reseller")]
    public void BrandInfringement_OfficialShopOrAuthorisedReseller_NotFlagged(string shop)
        => Assert.Empty(Run([Shop("official", "云朵"), Shop("reseller", "云朵", "星河"), Published("云朵纯棉T恤男短袖", shop)]));

    [Fact]
    public void BrandInfringement_TitleWithoutKnownBrand_NotFlagged()
        => Assert.Empty(Run([Shop("official", "北极光"), Shop("s2"), Published("极简北欧风台灯北极熊图案", "s2")]));

    [Fact]
    public void BrandInfringement_FixedByUpdate_ReReportsSameFindingAsFixed()
    {
        var findings = Run([
            Shop("official", "云朵"),
            Shop("s2"),
            Published("云朵原单纯棉T恤", "s2"),
            Updated("纯棉T恤男短袖", "s2", TimeSpan.FromHours(5)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(T0.AddHours(1), finding.From);
        Assert.Equal(T0.AddHours(1), finding.To);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(["e4"], finding.Evidence[1].Events);
    }
}
