using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class TitleStuffingDetectorTests
{
    private const string Shoes = "鞋靴";
    private const string Digital = "手机数码";

    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    // A shoe category as a marketplace sees it: seven products, each after many different modifiers, from ten shops.
    private static readonly string[] ShoeProducts = ["老爹鞋", "凉鞋", "乐福鞋", "小白鞋", "板鞋", "运动鞋", "马丁靴"];
    private static readonly string[] ShoeModifiers = ["真皮", "透气", "百搭", "厂家直销", "新款", "批发", "防滑", "软底", "一脚蹬", "厚底", "休闲", "潮流"];
    private static readonly string[] Tails = ["", "女", "男款", "", "女士"];

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, TitleStuffingOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddTitleStuffing(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    /// <summary>210 honest shoe titles (30 per product) published in the first hour: [modifier][modifier]product[audience][colour].</summary>
    private IEnumerable<MarketEvent> ShoeMarket()
    {
        for (var i = 0; i < 210; i++)
        {
            var product = ShoeProducts[i % ShoeProducts.Length];
            var first = ShoeModifiers[(i / 7) % ShoeModifiers.Length];
            var second = ShoeModifiers[(i / 3 + 5) % ShoeModifiers.Length];
            var modifiers = first == second ? first : first + second;
            var colour = i % 4 == 0 ? "黑色" : "";
            yield return new ListingPublished
            {
                Id = $"e{++_next}",
                Ts = T0.AddSeconds(i),
                Listing = $"h{i}",
                Shop = $"shop{i % 10}",
                Title = modifiers + product + Tails[i % Tails.Length] + colour,
                Category = Shoes,
                Attributes = new Dictionary<string, string> { ["颜色"] = colour.Length > 0 ? colour : "白色", ["尺码"] = "38" },
            };
        }
    }

    private ShopOpened Shop(string shop, params string[] brands)
        => new() { Id = $"e{++_next}", Ts = T0.AddMinutes(-5), Shop = shop, Owner = "o-" + shop, Brands = brands };

    private ListingPublished Published(string title, string category = Shoes, string listing = "l1", string shop = "s1", string? brand = null, TimeSpan? at = null)
        => new() { Id = $"e{++_next}", Ts = T0.AddHours(1) + (at ?? TimeSpan.Zero), Listing = listing, Shop = shop, Title = title, Category = category, Brand = brand };

    private ListingUpdated Updated(string title, TimeSpan at, string category = Shoes, string listing = "l1", string shop = "s1")
        => new() { Id = $"e{++_next}", Ts = T0.AddHours(1) + at, Listing = listing, Shop = shop, Title = title, Category = category };

    private IReadOnlyList<Finding> Stuffing(IEnumerable<MarketEvent> events, TitleStuffingOptions? options = null)
        => [.. Run(events, options).Where(f => f.Entity.Id == "l1")];

    [Fact]
    public void TitleStuffing_SeveralProductWords_FlagsListingAndNamesThem()
    {
        var listing = Published("外贸老爹鞋凉鞋板鞋小白鞋");

        var finding = Assert.Single(Stuffing([.. ShoeMarket(), Shop("s1"), listing]));

        Assert.Equal("listing.title_stuffing", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Empty(finding.Related);
        Assert.Equal([listing.Id], finding.Evidence[0].Events);
        Assert.Equal(4, finding.Evidence[0].Figures["product_words"]);
        Assert.Contains("老爹鞋、凉鞋、板鞋、小白鞋", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("of shop s1", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(0.8, finding.Score);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void TitleStuffing_ProductWordsWithSeparators_Flagged()
    {
        var finding = Assert.Single(Stuffing([.. ShoeMarket(), Published("厂家直销真皮乐福鞋/运动鞋/凉鞋/马丁靴女")]));

        Assert.Equal(4, finding.Evidence[0].Figures["product_words"]);
    }

    [Theory]
    [InlineData("厂家直销小白鞋板鞋女")] // a product and its other name (SPEC §2.4: one or two product words is normal)
    [InlineData("真皮凉鞋")]
    [InlineData("透气百搭老爹鞋运动鞋男款黑色")]
    public void TitleStuffing_OneOrTwoProductWords_NotFlagged(string title)
        => Assert.Empty(Stuffing([.. ShoeMarket(), Published(title)]));

    [Fact]
    public void TitleStuffing_HonestLongTitleWithSeveralAttributes_NotFlagged()
        => Assert.Empty(Stuffing([
            .. ShoeMarket(),
            Shop("s1", "暖织"),
            Published("暖织2026秋冬新款厂家直销加厚透气防滑真皮软底一脚蹬乐福鞋女款黑色38码", brand: "暖织"),
        ]));

    [Fact]
    public void TitleStuffing_RepeatedKeyword_FlagsWithTheKeywordAndCount()
    {
        var finding = Assert.Single(Stuffing([.. ShoeMarket(), Published("2016春季小白鞋新款真皮小白鞋懒人鞋厚底小白鞋乐福鞋小白鞋女鞋")]));

        Assert.Equal(4, finding.Evidence[0].Figures["repeated_keyword"]);
        Assert.Contains("the keyword 小白鞋 4 times", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleStuffing_RepeatedKeywordInCategoryWithoutLexicon_FlaggedAtTheEnd()
    {
        // Nothing else is known of 家用电器: the listing waits for a lexicon that never comes, and is judged at the end.
        var finding = Assert.Single(Stuffing([Published("限时特价加湿器精选加湿器小型加湿器批发加湿器", category: "家用电器")]));

        Assert.Equal(4, finding.Evidence[0].Figures["repeated_keyword"]);
        Assert.Equal(T0.AddHours(1), finding.From);
    }

    [Fact]
    public void TitleStuffing_KeywordTwice_NotFlagged()
        => Assert.Empty(Stuffing([Published("保温杯水杯304不锈钢保温杯白色", category: "家居日用")]));

    [Fact]
    public void TitleStuffing_ModelNumbers_FlagsAndNamesThem()
    {
        var finding = Assert.Single(Stuffing([Published("适用X20/K30/P60/Note12手机壳", category: Digital)]));

        Assert.Equal(4, finding.Evidence[0].Figures["model_numbers"]);
        Assert.Contains("X20、K30、P60、Note12", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleStuffing_ModelNumbersWrittenTogether_StillCounted()
    {
        var finding = Assert.Single(Stuffing([Published("2026秋冬适用Note60、A9、Mate53钢化膜便携", category: Digital)]));

        Assert.Equal(3, finding.Evidence[0].Figures["model_numbers"]);
    }

    [Fact]
    public void TitleStuffing_BrandPlusItsModelOnce_NotFlagged()
        => Assert.Empty(Stuffing([Shop("s1", "星河"), Published("星河磁吸防摔手机壳适用X52星空蓝", category: Digital, brand: "星河")]));

    [Fact]
    public void TitleStuffing_AccessoryFittingOneModelOfAnotherBrand_NotFlaggedHere()
        => Assert.Empty(Stuffing([Shop("brand", "米粒"), Shop("s1"), Published("米粒Note12手机壳防摔", category: Digital)]));

    [Fact]
    public void TitleStuffing_SeveralBrandsAndModels_FlagsAndNamesTheBrands()
    {
        var finding = Assert.Single(Stuffing([
            Shop("a", "星河"), Shop("b", "星野"), Shop("c", "米粒"), Shop("s1"),
            Published("适用星河M52、星野S6、米粒手机壳", category: Digital),
        ]));

        Assert.Equal(3, finding.Evidence[0].Figures["brands"]);
        Assert.Contains("星河、星野、米粒", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleStuffing_RunOfPlaceNames_FlagsAndNamesThem()
    {
        var finding = Assert.Single(Stuffing([Published("钱包义乌/福建/江西/广东/湖南/广州/山东", category: "箱包")]));

        Assert.Equal(7, finding.Evidence[0].Figures["place_names"]);
        Assert.Contains("义乌、福建、江西、广东、湖南、广州、山东", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("云南红茶散装500g")]
    [InlineData("四川牛肉干肉脯")]
    [InlineData("广东发货福建茶叶")] // two places apart, not a run
    public void TitleStuffing_OriginPlace_NotFlagged(string title)
        => Assert.Empty(Stuffing([Published(title, category: "食品生鲜")]));

    [Theory]
    [InlineData("厂家直销真皮凉鞋女素描同款", "added after the product word 凉鞋")]
    [InlineData("赛素描真皮凉鞋", "borrowed as 赛素描")]
    [InlineData("透气素描真皮凉鞋女", "slipped in among the modifiers")]
    public void TitleStuffing_UnrelatedBrandTackedOnOrBorrowed_Flagged(string title, string how)
    {
        var finding = Assert.Single(Stuffing([.. ShoeMarket(), Shop("brand", "素描"), Shop("s1"), Published(title)]));

        Assert.Equal(1, finding.Evidence[0].Figures["unrelated_brand"]);
        Assert.Contains(how, finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleStuffing_OwnBrandPlusAnotherBrand_Flagged()
    {
        var finding = Assert.Single(Stuffing([.. ShoeMarket(), Shop("brand", "素描"), Shop("s1", "暖织"), Published("暖织真皮凉鞋素描", brand: "暖织")]));

        Assert.Equal(2, finding.Evidence[0].Figures["brands"]);
    }

    [Theory]
    [InlineData("s1")] // an infringer's brand at the head of the title is listing.brand_infringement's, not stuffing
    [InlineData("brand")] // the brand's own shop
    public void TitleStuffing_OneBrandHeadingTheTitle_NotFlagged(string shop)
        => Assert.Empty(Stuffing([.. ShoeMarket(), Shop("brand", "素描"), Shop("s1"), Published("素描真皮凉鞋女", shop: shop)]));

    [Theory]
    [InlineData("透气素描同款真皮凉鞋女")] // copy wording before the product: a claim on the brand's goods, listing.brand_infringement's
    [InlineData("透气仿素描真皮凉鞋女")]
    public void TitleStuffing_CopyWordingBeforeTheProduct_LeftToBrandInfringement(string title)
        => Assert.Empty(Stuffing([.. ShoeMarket(), Shop("brand", "素描"), Shop("s1"), Published(title)]));

    [Fact]
    public void TitleStuffing_ListingBeforeItsCategoryHasALexicon_JudgedOnceTheCategoryFills()
    {
        // Published before any other shoe title: it waits, then is judged with the lexicon and keeps its own time.
        var listing = Published("外贸老爹鞋凉鞋板鞋小白鞋", at: TimeSpan.FromHours(-2));

        var finding = Assert.Single(Stuffing([.. ShoeMarket(), listing]));

        Assert.Equal(T0.AddHours(-1), finding.From);
        Assert.Equal(4, finding.Evidence[0].Figures["product_words"]);
    }

    [Fact]
    public void TitleStuffing_FixedByUpdate_ReReportsSameFindingAsFixed()
    {
        var fix = Updated("升级款真皮软底老爹鞋情侣款", TimeSpan.FromHours(5));
        var findings = Stuffing([.. ShoeMarket(), Published("包邮老爹鞋运动鞋凉鞋马丁靴乐福鞋"), fix]);

        // One finding: the fix re-reports it under the same id.
        var fixedFinding = Assert.Single(findings);
        Assert.Equal(T0.AddHours(1), fixedFinding.From);
        Assert.Equal(T0.AddHours(1), fixedFinding.To);
        Assert.Equal(Severity.Low, fixedFinding.Severity);
        Assert.Equal(0, fixedFinding.Evidence[1].Figures["signs_left"]);
        Assert.Equal([fix.Id], fixedFinding.Evidence[1].Events);
        Assert.Equal(fix.Ts, fixedFinding.ClearedAt);
    }

    [Fact]
    public void TitleStuffing_EditWithoutCategory_JudgedInTheListingsCategory()
    {
        // The edit leaves the category out (unchanged): its title still has three shoe products, so nothing is fixed.
        var edit = Updated("包邮老爹鞋运动鞋凉鞋", TimeSpan.FromHours(5)) with { Category = null };

        var finding = Assert.Single(Stuffing([.. ShoeMarket(), Published("包邮老爹鞋运动鞋凉鞋马丁靴乐福鞋"), edit]));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(3, finding.Evidence[0].Figures["product_words"]);
    }

    [Fact]
    public void TitleStuffing_StillStuffedAfterEdit_GrowsTheSameFinding()
    {
        var findings = Stuffing([
            .. ShoeMarket(),
            Published("包邮老爹鞋运动鞋凉鞋马丁靴乐福鞋"),
            Updated("包邮老爹鞋运动鞋凉鞋", TimeSpan.FromHours(5)),
        ]);

        var last = Assert.Single(findings);
        Assert.Equal(2, last.Evidence[0].Events.Count);
        Assert.Equal(3, last.Evidence[0].Figures["product_words"]);
        Assert.Equal(Severity.Medium, last.Severity);
        Assert.Null(last.ClearedAt);
    }

    [Fact]
    public void TitleStuffing_HonestShoeMarket_NothingFlagged()
        => Assert.Empty(Run(ShoeMarket()));

    [Fact]
    public void TitleStuffingOptions_Defaults_AreValid()
        => new TitleStuffingOptions().Validate(TitleStuffingDetector.Id);
}
