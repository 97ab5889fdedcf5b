using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class WrongCategoryDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    // A small marketplace of the test's own: each category's products and attribute schema. 衬衫 is honestly sold in
    // both women's and men's wear; 跑步鞋 in both sports and shoes.
    private static readonly (string Name, string[] Products, (string Key, string[] Values)[] Attributes)[] Catalog =
    [
        ("女装/连衣裙", ["连衣裙", "半身裙", "衬衫", "毛衣"], [("尺码", ["S", "M", "L"]), ("面料", ["纯棉", "真丝", "雪纺"]), ("适用性别", ["女"])]),
        ("男装", ["T恤", "夹克", "衬衫", "西装"], [("尺码", ["M", "L", "XL"]), ("面料", ["纯棉", "羊毛"]), ("版型", ["修身", "宽松"]), ("适用性别", ["男"])]),
        ("家用电器", ["电饭煲", "空气炸锅", "加湿器", "吹风机"], [("功率", ["800W", "1200W"]), ("容量", ["2L", "3L"]), ("颜色", ["白色", "灰色"])]),
        ("手机数码", ["蓝牙耳机", "充电宝", "数据线", "手机壳"], [("颜色", ["黑色", "白色"]), ("型号", ["标准版", "Pro"]), ("保修", ["一年", "两年"])]),
        ("食品生鲜", ["蜂蜜", "红茶", "牛肉干", "脐橙"], [("净含量", ["500g", "1kg"]), ("产地", ["云南", "广西"]), ("保质期", ["180天", "12个月"])]),
        ("五金工具", ["电钻", "扳手套装", "自攻螺丝", "角磨机"], [("材质", ["碳钢", "铬钒钢"]), ("规格", ["标准款", "加强款"])]),
        ("运动户外", ["跑步鞋", "瑜伽垫", "登山包", "跳绳"], [("尺码", ["40", "41", "42"]), ("颜色", ["黑色", "荧光绿"]), ("适用场景", ["跑步", "健身"])]),
        ("鞋靴", ["板鞋", "凉鞋", "马丁靴", "跑步鞋"], [("尺码", ["37", "38", "39"]), ("颜色", ["黑色", "白色"]), ("帮面材质", ["真皮", "网布"]), ("适用性别", ["女", "男"])]),
    ];

    private static readonly string[] Marketing = ["新款", "厂家直销", "现货", "批发", "精选", "包邮", "热卖", "一件代发"];

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, WrongCategoryOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddWrongCategory(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    /// <summary>The category model the detector learned from <paramref name="events"/> (in event time).</summary>
    private static CategoryModel ModelAfter(IEnumerable<MarketEvent> events)
    {
        var options = new WrongCategoryOptions();
        var detector = new WrongCategoryDetector(options);
        var pipeline = new DetectionPipelineBuilder().Add(detector, options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        return detector.Model;
    }

    private ListingPublished Published(string listing, string category, string title, IReadOnlyDictionary<string, string> attributes, TimeSpan at, string shop = "s1")
        => new() { Id = $"e{++_next}", Ts = T0 + at, Listing = listing, Shop = shop, Category = category, Title = title, Attributes = attributes, Price = 99m };

    private ListingUpdated Moved(ListingPublished original, string category, TimeSpan at)
        => new()
        {
            Id = $"e{++_next}",
            Ts = T0 + at,
            Listing = original.Listing,
            Shop = original.Shop,
            Category = category,
            Title = original.Title,
            Attributes = original.Attributes,
            Price = original.Price,
        };

    /// <summary>
    /// <paramref name="perCategory"/> honest listings in every catalogue category, published a minute apart from
    /// <paramref name="start"/>: a marketing word, the product, the category's attributes.
    /// </summary>
    private List<MarketEvent> Honest(int perCategory, TimeSpan start = default)
    {
        var events = new List<MarketEvent>();
        var i = 0;
        for (var n = 0; n < perCategory; n++)
        {
            foreach (var (name, products, schema) in Catalog)
            {
                var product = products[n % products.Length];
                var attributes = schema.ToDictionary(a => a.Key, a => a.Values[(n / products.Length) % a.Values.Length], StringComparer.Ordinal);
                var title = Marketing[(n + i) % Marketing.Length] + product;
                events.Add(Published(string.Create(CultureInfo.InvariantCulture, $"h{i}"), name, title, attributes, start + TimeSpan.FromMinutes(i), $"s{i % 50}"));
                i++;
            }
        }

        return events;
    }

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] pairs)
        => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Honey = Attributes(("净含量", "1kg"), ("产地", "广西"), ("保质期", "180天"));

    private static readonly Dictionary<string, string> Dress = Attributes(("尺码", "M"), ("面料", "真丝"), ("适用性别", "女"));

    [Fact]
    public void WrongCategory_HoneyFiledUnderHardware_FlagsListingWithTheCategoryItBelongsTo()
    {
        var events = Honest(300);
        var misfiled = Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(2), "s7");
        events.Add(misfiled);

        var finding = Assert.Single(Run(events));
        Assert.Equal("listing.wrong_category", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "honey"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Empty(finding.Related);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Null(finding.ClearedAt);
        Assert.Equal(misfiled.Ts, finding.From);
        Assert.Equal([misfiled.Id], finding.Evidence[0].Events);
        var text = finding.Evidence[0].Text;
        Assert.Contains("filed under 五金工具", text, StringComparison.Ordinal);
        Assert.Contains("say 食品生鲜", text, StringComparison.Ordinal);
        Assert.Contains("蜂蜜", text, StringComparison.Ordinal);
        Assert.Contains("attribute 产地 is in 100.0% of 食品生鲜's 300 listings", text, StringComparison.Ordinal);
        Assert.Contains("s7", text, StringComparison.Ordinal);
        // 蜂蜜 is in one food listing of four (75 of 300) and in no other hardware listing.
        Assert.Equal(0.25, finding.Evidence[0].Figures["top_word_share_pointed"]);
        Assert.Equal(0, finding.Evidence[0].Figures["top_word_share_declared"]);
        Assert.Equal(300, finding.Evidence[0].Figures["declared_category_listings"]);
        Assert.Equal(300, finding.Evidence[0].Figures["pointed_category_listings"]);
        Assert.InRange(finding.Score, 0.75, 0.95);
    }

    [Fact]
    public void WrongCategory_DressFiledUnderMensWear_FlagsTheNeighbouringCategory()
    {
        // Near: the schemas share 尺码 and 面料, but 连衣裙, 适用性别=女 and the missing 版型 say women's wear.
        var events = Honest(300);
        events.Add(Published("dress", "男装", "新款真丝连衣裙", Dress, TimeSpan.FromDays(1)));

        var finding = Assert.Single(Run(events));
        Assert.Equal(new EntityRef("listing", "dress"), finding.Entity);
        Assert.Contains("filed under 男装", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("say 女装/连衣裙", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("连衣裙", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("适用性别=女", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCategory_MovedBackToItsCategory_ReReportsSameFindingClearedAtTheEdit()
    {
        var events = Honest(300);
        var misfiled = Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(2));
        var moved = Moved(misfiled, "食品生鲜", TimeSpan.FromDays(3));
        events.AddRange([misfiled, moved]);

        var finding = Assert.Single(Run(events));
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(moved.Ts, finding.ClearedAt);
        Assert.Equal(misfiled.Ts, finding.From);
        Assert.Equal(misfiled.Ts, finding.To);
        Assert.Equal(2, finding.Evidence.Count);
        Assert.Equal([moved.Id], finding.Evidence[1].Events);
        Assert.Contains("食品生鲜", finding.Evidence[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCategory_RetitledToAnotherProductThenBack_JudgedOnEachVersionsOwnWords()
    {
        var events = Honest(300);
        var misfiled = Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(2));

        // An edit renames the product to the category's own (its only listing with these words leaves the model), then back.
        var retitled = Moved(misfiled, "五金工具", TimeSpan.FromDays(3)) with { Title = "厂家直销碳钢电钻", Attributes = new Dictionary<string, string> { ["材质"] = "碳钢", ["规格"] = "标准款" } };
        var back = Moved(misfiled, "五金工具", TimeSpan.FromDays(4));
        events.AddRange([misfiled, retitled, back]);

        var findings = Run(events);

        Assert.Equal(2, findings.Count);
        Assert.Equal(retitled.Ts, findings.Single(f => f.From == misfiled.Ts).ClearedAt);
        var relapse = findings.Single(f => f.From == back.Ts);
        Assert.Null(relapse.ClearedAt);
        Assert.Contains("蜂蜜", relapse.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("食品生鲜", relapse.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCategory_OnlyListingWithItsWordsMovedThenCopied_ModelCountsEveryListingOnce()
    {
        var events = Honest(300);
        var misfiled = Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(2));

        // The move keeps the title: the words only this listing has (广西蜂蜜1kg) stay counted, now in 食品生鲜, and
        // listings published after it count on top.
        events.AddRange([misfiled, Moved(misfiled, "食品生鲜", TimeSpan.FromDays(3))]);
        for (var i = 0; i < 5; i++)
        {
            events.Add(Published($"copy{i}", "食品生鲜", "精选西蜂蜜1kg直销广", Honey, TimeSpan.FromDays(3.5) + TimeSpan.FromMinutes(i)));
        }

        var model = ModelAfter(events);
        var food = model.IndexOf("食品生鲜");
        var hardware = model.IndexOf("五金工具");
        foreach (var gram in new[] { "西蜂", "蜜1", "1k", "西蜂蜜", "蜂蜜1", "蜜1k", "西蜂蜜1", "直销广" })
        {
            var id = model.Intern(CategoryModel.TitlePrefix + gram);
            Assert.Equal(6, model.Count(id, food));
            Assert.Equal(0, model.Count(id, hardware));
            Assert.Equal(CategoryModel.TitlePrefix + gram, model.Feature(id));
        }

        // Words only the later listings have.
        foreach (var gram in new[] { "选西", "g直", "选西蜂", "kg直" })
        {
            var id = model.Intern(CategoryModel.TitlePrefix + gram);
            Assert.Equal(5, model.Count(id, food));
        }
    }

    [Fact]
    public void WrongCategory_EditsLeavingTitleOrAttributesOut_ModelCountsTheContentAsItStands()
    {
        var events = Honest(300);
        var misfiled = Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(2));

        // The first edit names only the category, the second only a new title: what an edit leaves out stays.
        var moved = Moved(misfiled, "食品生鲜", TimeSpan.FromDays(3)) with { Title = null, Attributes = null };
        var retitled = Moved(misfiled, "食品生鲜", TimeSpan.FromDays(4)) with { Category = null, Title = "精选广西蜂蜜2kg", Attributes = null };
        events.AddRange([misfiled, moved, retitled]);

        var model = ModelAfter(events);
        var food = model.IndexOf("食品生鲜");
        var hardware = model.IndexOf("五金工具");
        Assert.Equal(0, model.Count(model.Intern(CategoryModel.TitlePrefix + "西蜂蜜1"), food)); // the old title left
        Assert.Equal(0, model.Count(model.Intern(CategoryModel.TitlePrefix + "西蜂蜜1"), hardware));
        Assert.Equal(1, model.Count(model.Intern(CategoryModel.TitlePrefix + "蜜2k"), food));
        Assert.Equal(1, model.Count(model.Intern(CategoryModel.TitlePrefix + "选广西"), food));
        Assert.Equal(0, model.Count(model.Intern(CategoryModel.KeyPrefix + "产地"), hardware));
        Assert.Equal(301, model.Count(model.Intern(CategoryModel.KeyPrefix + "产地"), food));
        Assert.Equal(300, model.Size(hardware));
        Assert.Equal(301, model.Size(food));
    }

    [Fact]
    public void WrongCategory_MovedAgainLater_OpensANewFinding()
    {
        var events = Honest(300);
        var misfiled = Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(2));
        events.AddRange([misfiled, Moved(misfiled, "食品生鲜", TimeSpan.FromDays(3)), Moved(misfiled, "家用电器", TimeSpan.FromDays(4))]);

        var findings = Run(events);

        Assert.Equal(2, findings.Count);
        Assert.NotNull(findings.Single(f => f.From == misfiled.Ts).ClearedAt);
        var relapse = findings.Single(f => f.From == T0 + TimeSpan.FromDays(4));
        Assert.Null(relapse.ClearedAt);
        Assert.Contains("filed under 家用电器", relapse.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCategory_PublishedBeforeTheModelSettled_JudgedOnceItHas()
    {
        // The misfiled listing is the very first one; 2,400 honest listings follow (the model settles at 2,000).
        var misfiled = Published("early", "家用电器", "精选蓝牙耳机", Attributes(("颜色", "黑色"), ("型号", "Pro"), ("保修", "一年")), TimeSpan.Zero);
        var events = Honest(300, TimeSpan.FromMinutes(1));
        events.Add(misfiled);

        var finding = Assert.Single(Run(events));
        Assert.Equal(new EntityRef("listing", "early"), finding.Entity);
        Assert.Equal(T0, finding.From);
        Assert.Contains("say 手机数码", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCategory_NotEnoughListingsYet_NothingJudged()
    {
        var events = Honest(100); // 800 listings, below the 2,000 the model needs
        events.Add(Published("honey", "五金工具", "厂家直销广西蜂蜜1kg", Honey, TimeSpan.FromDays(1)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_ProductHonestlySoldInTwoCategories_NotFlagged()
    {
        // 衬衫 is a quarter of both women's and men's wear; 跑步鞋 a quarter of both sports and shoes.
        var events = Honest(300);
        events.Add(Published("shirt", "男装", "新款纯棉衬衫", Attributes(("尺码", "L"), ("面料", "纯棉"), ("版型", "修身"), ("适用性别", "男")), TimeSpan.FromDays(1)));
        events.Add(Published("runner", "鞋靴", "透气跑步鞋", Attributes(("尺码", "38"), ("帮面材质", "网布"), ("适用性别", "女")), TimeSpan.FromDays(1)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_OverlappingCategoryProductDescribedWithTheDeclaredSchema_NotFlagged()
    {
        // Sports and shoes overlap: a hiking bag filed under shoes with the shoe schema (帮面材质, 适用性别) is the
        // seller's honest choice between overlapping categories; the attributes speak for shoes, so nothing is flagged.
        var events = Honest(300);
        events.Add(Published("bag", "鞋靴", "新款登山包", Attributes(("尺码", "38"), ("颜色", "黑色"), ("帮面材质", "网布"), ("适用性别", "男")), TimeSpan.FromDays(1)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_TitlePointsAwayButAttributesAreShared_NotFlagged()
    {
        // An ambiguous listing: the title's 登山包 is a sports product, but its only attribute (颜色=黑色) is as common
        // in shoes as in sports. The title alone does not decide when attributes are there and say nothing.
        var events = Honest(300);
        events.Add(Published("bag", "鞋靴", "新款登山包", Attributes(("颜色", "黑色")), TimeSpan.FromDays(1)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_NewCategoryWithFewListings_NotFlagged()
    {
        // Pet goods open with a dozen listings: one is a pet water cup, whose 水杯 nobody else sells; another a pet
        // blanket titled like bedding. Too few listings to say what the category carries: nothing is judged.
        var events = Honest(300);
        for (var i = 0; i < 12; i++)
        {
            var title = i == 0 ? "宠物保温杯" : i == 1 ? "宠物毛毯" : "新款猫砂";
            events.Add(Published(string.Create(CultureInfo.InvariantCulture, $"pet{i}"), "宠物用品", title, Attributes(("适用宠物", "猫"), ("颜色", "白色")), TimeSpan.FromDays(1) + TimeSpan.FromMinutes(i)));
        }

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_GenericTitle_NotFlagged()
    {
        // Only trade words (厂家直销, 现货, 批发) that every category uses: the title says no category, whatever the attributes.
        var events = Honest(300);
        events.Add(Published("generic", "家用电器", "厂家直销现货批发", Attributes(("颜色", "黑色")), TimeSpan.FromDays(1)));
        events.Add(Published("generic2", "五金工具", "厂家直销现货批发", Honey, TimeSpan.FromDays(1)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_TitleNamesAnotherCategoryButAttributesAreItsOwn_NotFlagged()
    {
        // A women's-wear listing titled as a men's jacket (a title that disagrees with its attributes), and an
        // appliance title stuffed with a phone product word: the attributes are the declared category's own.
        var events = Honest(300);
        events.Add(Published("coat", "女装/连衣裙", "新款男士夹克", Dress, TimeSpan.FromDays(1)));
        events.Add(Published("stuffed", "家用电器", "加湿器蓝牙耳机", Attributes(("功率", "800W"), ("容量", "2L"), ("颜色", "白色")), TimeSpan.FromDays(1)));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void WrongCategory_FewOtherMisfiledListingsPoisonTheModel_StillFlagged()
    {
        // Three honey listings filed under hardware: each still finds 蜂蜜 in under 1% of hardware's listings.
        var events = Honest(300);
        for (var i = 0; i < 3; i++)
        {
            events.Add(Published(string.Create(CultureInfo.InvariantCulture, $"honey{i}"), "五金工具", "广西蜂蜜", Honey, TimeSpan.FromDays(1) + TimeSpan.FromMinutes(i)));
        }

        var findings = Run(events);

        Assert.Equal(["honey0", "honey1", "honey2"], findings.Select(f => f.Entity.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WrongCategory_NoAttributes_TitleAloneScoresBelowReview()
    {
        var events = Honest(300);
        events.Add(Published("bare", "五金工具", "广西蜂蜜", new Dictionary<string, string>(), TimeSpan.FromDays(1)));

        var finding = Assert.Single(Run(events));
        Assert.Equal(0.6, finding.Score);
        Assert.Contains("its title says 食品生鲜", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCategory_HonestMarketplace_NothingFlagged()
        => Assert.Empty(Run(Honest(400)));

    [Fact]
    public void WrongCategoryOptions_MaxGramBelowMinGram_Rejected()
    {
        new WrongCategoryOptions().Validate(WrongCategoryDetector.Id);
        var error = Assert.Throws<ArgumentException>(() => new WrongCategoryOptions { MinGram = 3, MaxGram = 2 }.Validate(WrongCategoryDetector.Id));
        Assert.Contains("max_gram", error.Message, StringComparison.Ordinal);
    }
}
