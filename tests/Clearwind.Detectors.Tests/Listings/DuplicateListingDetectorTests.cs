using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class DuplicateListingDetectorTests
{
    private const string Title = "北极光爆款加厚纯棉白色T恤男";

    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private static readonly Dictionary<string, string> Tee = new() { ["材质"] = "纯棉", ["颜色"] = "白色", ["尺码"] = "L" };

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, DuplicateListingOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddDuplicateListing(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private string NextId() => $"e{++_next}";

    private ShopOpened Shop(string shop, string? company)
        => new() { Id = NextId(), Ts = T0, Shop = shop, Company = company };

    private ListingPublished Listing(
        string listing, string shop, string title, IReadOnlyDictionary<string, string> attributes, string photo, decimal price, string description, TimeSpan at)
        => new()
        {
            Id = NextId(),
            Ts = T0 + at,
            Listing = listing,
            Shop = shop,
            Title = title,
            Category = "男装",
            Price = price,
            Attributes = attributes,
            Images = [new ImageRef(photo, 800, 800)],
            Description = description,
        };

    [Fact]
    public void Duplicate_SameProductCopiedToTheCompanysOtherShop_IsHeavyAndRemoved()
    {
        var findings = Run([
            Shop("s1", "杭州北极光服饰有限公司"),
            Shop("s2", "杭州北极光服饰有限公司"),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉，顺丰包邮。", TimeSpan.FromHours(1)),

            // The same offer published again in the sister shop, the photo re-saved (one bit apart), ten fen cheaper.
            Listing("l2", "s2", Title, Tee, "00000000000000fe", 39.8m, "纯棉，顺丰包邮。", TimeSpan.FromHours(2)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("listing.duplicate", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal([new RelatedEntity("listing", "l1", EntityRole.Actor)], finding.Related);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(1, finding.Evidence[0].Figures["heavy"]);
        Assert.Equal(1, finding.Evidence[0].Figures["image_bits"]);
        Assert.Equal(2, finding.Evidence[1].Figures["shops"]);
        Assert.Contains("representative l1", finding.Evidence[1].Text, StringComparison.Ordinal);

        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);
        var decision = Assert.Single(decisions);
        Assert.Equal(DecisionActions.Remove, decision.Action);
        Assert.Equal(new EntityRef("listing", "l2"), decision.Entity);
    }

    [Fact]
    public void Duplicate_RewordedCopyWithTheSameAttributesInOneShop_IsLightAndFolded()
    {
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉，顺丰包邮。", TimeSpan.FromHours(1)),

            // 77% alike: 爆款 dropped, 夏季 added; its own photo and price; every attribute the same.
            Listing("l2", "s1", "北极光加厚纯棉白色T恤男夏季", Tee, "a5a5a5a5a5a5a5a5", 45m, "当天发货。", TimeSpan.FromHours(3)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(0.7692, finding.Evidence[0].Figures["title_similarity"]);
        Assert.Equal(1, finding.Evidence[0].Figures["same_attributes"]);
        // A light copy is listing quality: warned first, folded when the 72-hour grace ends unfixed.
        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);
        Assert.Equal([(DecisionActions.Warn, 0), (DecisionActions.Fold, 1)], decisions.Select(d => (d.Action, d.Strike)));
    }

    [Fact]
    public void Duplicate_SameWordsAndAttributesAtSeveralTimesThePrice_IsAnotherOfferNotACopy()
    {
        MarketEvent[] pair(decimal secondPrice) =>
        [
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉，顺丰包邮。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", "北极光加厚纯棉白色T恤男夏季", Tee, "a5a5a5a5a5a5a5a5", secondPrice, "当天发货。", TimeSpan.FromHours(3)),
        ];

        // The same pair as the light copy above, but the second listing costs four times as much (a bundle, another
        // grade): the seller's coarse attributes agree, the offers do not.
        Assert.Empty(Run([Shop("s1", null), .. pair(159.6m)]));
        Assert.Single(Run([Shop("s1", null), .. pair(45m)]));
    }

    [Fact]
    public void Duplicate_ThreeCopies_OneGroupWithTheEarliestAsRepresentative()
    {
        var findings = Run([
            Shop("s1", "c1"),
            Listing("l3", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(3)),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(2)),
        ]);

        Assert.Equal(["l2", "l3"], findings.Select(f => f.Entity.Id).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal([new RelatedEntity("listing", "l1", EntityRole.Actor)], f.Related));
        Assert.All(findings, f => Assert.Equal(3, f.Evidence[1].Figures["group_size"]));
    }

    [Fact]
    public void Duplicate_SameTitleAndPhotoInShopsOfDifferentCompanies_IsNotFlagged()
    {
        // Honest look-alike (similar_titles_across_companies): two companies selling the same kind of T-shirt.
        var findings = Run([
            Shop("s1", "杭州北极光服饰有限公司"),
            Shop("s2", "广州南风贸易有限公司"),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s2", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(2)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Duplicate_ShopsWithoutACompany_AreNotOneCompany()
    {
        var findings = Run([
            Shop("s1", null),
            Shop("s2", null),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s2", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(2)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Duplicate_CompanysDifferentProductsSharingItsWords_AreNotFlagged()
    {
        // Honest look-alike (shared_words_within_company): brand and slogan shared, different product and attributes.
        var shorts = new Dictionary<string, string> { ["材质"] = "纯棉", ["颜色"] = "黑色", ["尺码"] = "L" };
        var findings = Run([
            Shop("s1", "c1"),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", "北极光爆款加厚纯棉运动短裤男", shorts, "a5a5a5a5a5a5a5a5", 49.9m, "纯棉。", TimeSpan.FromHours(2)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Duplicate_SameAttributesButTitlesExactlySeventyPercentAlike_IsNotFlagged()
    {
        // The rule is "more than 70%": 跨境婴儿湿巾1-3岁 / 现货儿童婴儿湿巾1-3岁 share 7 of their 9 and 11 bigrams (Dice 14/20 = 0.70).
        var wipes = new Dictionary<string, string> { ["适用年龄"] = "1-3岁", ["规格"] = "L码" };
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", "现货儿童婴儿湿巾1-3岁", wipes, "00000000000000ff", 15m, "买二送一。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", "跨境婴儿湿巾1-3岁", wipes, "a5a5a5a5a5a5a5a5", 55.9m, "七天无理由。", TimeSpan.FromHours(2)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Duplicate_FixedIntoAnotherProductBeforeItSettles_IsNotFlagged()
    {
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(2)),
            new ListingUpdated
            {
                Id = NextId(),
                Ts = T0.AddHours(3),
                Listing = "l2",
                Shop = "s1",
                Title = "北极光爆款加厚纯棉运动短裤男",
                Attributes = new Dictionary<string, string> { ["材质"] = "纯棉", ["颜色"] = "黑色", ["尺码"] = "M" },
                Images = [new ImageRef("a5a5a5a5a5a5a5a5", 800, 800)],
            },
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Duplicate_SameRangeTwoModelCodes_AreTwoProductsNotACopy()
    {
        // One company's two televisions of a range: the same words, the same coarse attributes and photo template,
        // titles well over 70% alike, but KD-55X80K and KD-65X80K are two models.
        var tv = new Dictionary<string, string> { ["品牌"] = "索尼", ["类型"] = "液晶电视" };
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", "索尼KD-55X80K 4K超高清HDR智能液晶电视", tv, "00000000000000ff", 4999m, "官方正品。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", "索尼KD-65X80K 4K超高清HDR智能液晶电视", tv, "00000000000000ff", 6999m, "官方正品。", TimeSpan.FromHours(2)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Duplicate_SameModelCodeWrittenTwoWays_IsACopyAndTheCodeIsEvidence()
    {
        var tv = new Dictionary<string, string> { ["品牌"] = "索尼", ["类型"] = "液晶电视" };
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", "索尼KD-55X80K 4K超高清HDR智能液晶电视", tv, "00000000000000ff", 4999m, "官方正品。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", "索尼 KD55X80K 4K超高清HDR智能液晶电视", tv, "00000000000000ff", 4999m, "官方正品。", TimeSpan.FromHours(2)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
        Assert.Equal((int)CodeAgreement.Exact, finding.Evidence[0].Figures["model_code"]);
        Assert.Contains("the model code", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ModelCodeVetoOff_TwoModelsWithAlikeTitlesAreFlagged()
    {
        var tv = new Dictionary<string, string> { ["品牌"] = "索尼", ["类型"] = "液晶电视" };
        var findings = Run(
            [
                Shop("s1", null),
                Listing("l1", "s1", "索尼KD-55X80K 4K超高清HDR智能液晶电视", tv, "00000000000000ff", 4999m, "官方正品。", TimeSpan.FromHours(1)),
                Listing("l2", "s1", "索尼KD-65X80K 4K超高清HDR智能液晶电视", tv, "00000000000000ff", 6999m, "官方正品。", TimeSpan.FromHours(2)),
            ],
            new DuplicateListingOptions { ModelCodeConflictVetoes = false });

        Assert.Equal(new EntityRef("listing", "l2"), Assert.Single(findings).Entity);
    }

    [Fact]
    public void Duplicate_EditedIntoACopyAfterTheCompanyWasJudged_IsFound_AndTheUntouchedPairStaysApart()
    {
        // Judged once with three different products (a day apart, so each judgement settles); then the sock listing is
        // edited into a copy of the tee. A judgement that reused every earlier pair would miss it.
        var copy = new ListingUpdated
        {
            Id = "copy",
            Ts = T0.AddDays(3),
            Listing = "l3",
            Shop = "s1",
            Title = Title,
            Attributes = Tee,
            Images = [new ImageRef("00000000000000ff", 800, 800)],
            Price = 39.9m,
        };
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", "北极光加厚运动短裤男夏季", new Dictionary<string, string> { ["材质"] = "涤纶" }, "f0f0f0f0f0f0f0f0", 49m, "短裤。", TimeSpan.FromDays(1)),
            Listing("l3", "s1", "北极光纯棉袜子男五双装", new Dictionary<string, string> { ["材质"] = "纯棉" }, "0f0f0f0f0f0f0f0f", 19m, "袜子。", TimeSpan.FromDays(2)),
            copy,
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(new EntityRef("listing", "l3"), finding.Entity);
        Assert.Contains(finding.Related, r => r.Id == "l1");
        Assert.DoesNotContain(finding.Related, r => r.Id == "l2");
        Assert.Null(finding.ClearedAt);
    }

    [Fact]
    public void Duplicate_FixedIntoAnotherProductAfterTheFinding_IsCleared_AndTheRemovalEndsThen()
    {
        var fix = new ListingUpdated
        {
            Id = "fix",
            Ts = T0.AddDays(3),
            Listing = "l2",
            Shop = "s1",
            Title = "北极光爆款加厚纯棉运动短裤男",
            Attributes = new Dictionary<string, string> { ["材质"] = "纯棉", ["颜色"] = "黑色", ["尺码"] = "M" },
            Images = [new ImageRef("a5a5a5a5a5a5a5a5", 800, 800)],
        };
        var findings = Run([
            Shop("s1", null),
            Listing("l1", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(1)),
            Listing("l2", "s1", Title, Tee, "00000000000000ff", 39.9m, "纯棉。", TimeSpan.FromHours(2)),
            Listing("l3", "s1", "北极光纯棉袜子男五双装", new Dictionary<string, string> { ["材质"] = "纯棉" }, "0f0f0f0f0f0f0f0f", 19m, "袜子。", TimeSpan.FromDays(4)),
            fix,
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal((new EntityRef("listing", "l2"), fix.Ts), (finding.Entity, finding.ClearedAt));
        Assert.Equal(["fix"], finding.Evidence[^1].Events);
        var decision = Assert.Single(new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding));
        Assert.Equal(fix.Ts, decision.ExpiresAt);
        Assert.True(decision.EffectiveAt < fix.Ts);
    }

    [Fact]
    public void DuplicateOptions_HeavyBelowLight_IsRejected()
    {
        var options = new DuplicateListingOptions { MinTitleSimilarity = 0.8, HeavyTitleSimilarity = 0.75 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(DuplicateListingDetector.Id));
        Assert.Contains("heavy_title_similarity", error.Message, StringComparison.Ordinal);
    }
}
