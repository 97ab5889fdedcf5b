using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class TitleAttributeMismatchDetectorTests
{
    private const int PerCategory = 60;

    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, TitleAttributeMismatchOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddTitleAttributeMismatch(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private ListingPublished Published(string category, string title, Dictionary<string, string> attributes, TimeSpan? at = null, string? listing = null)
    {
        var n = ++_next;
        return new()
        {
            Id = $"e{n}",
            Ts = T0 + (at ?? TimeSpan.FromSeconds(n)),
            Listing = listing ?? $"l{n}",
            Shop = $"s{n % 7}",
            Title = title,
            Category = category,
            Attributes = attributes,
        };
    }

    private ListingUpdated Updated(string listing, TimeSpan at, string? title, Dictionary<string, string>? attributes, string? category = "钟表")
        => new() { Id = $"e{++_next}", Ts = T0 + at, Listing = listing, Shop = "s1", Title = title, Category = category, Attributes = attributes, Price = 99m };

    /// <summary>
    /// An honest marketplace: 60 listings in each of seven categories, each title naming only its own values (石英手表男士,
    /// 真丝连衣裙女, 新疆脐橙 …). In 运动户外 the product word 跑步鞋 contains the 适用场景 value 跑步 whatever the listing's
    /// 适用场景, and titles never name their 适用场景 otherwise.
    /// </summary>
    private List<MarketEvent> HonestMarket()
    {
        var events = new List<MarketEvent>();
        string[] movements = ["石英", "机械", "光动能"];
        string[] genders = ["男", "女", "男女通用"];
        string[] fabrics = ["纯棉", "真丝", "涤纶", "羊毛"];
        string[] mensFabrics = ["纯棉", "涤纶", "羊毛", "皮毛一体"];
        string[] origins = ["云南", "新疆", "江西", "福建", "浙江"];
        string[] efficacies = ["补水", "保湿", "修护"];
        string[] styles = ["复古", "简约", "商务"];
        string[] products = ["跑步鞋", "登山包", "瑜伽垫"];
        string[] scenes = ["跑步", "徒步", "健身"];
        for (var i = 0; i < PerCategory; i++)
        {
            var gender = genders[i % 3];
            var genderWord = gender switch { "男" => "男士", "女" => "女款", _ => "男女同款" };
            events.Add(Published("钟表", $"{movements[i % 3]}手表{genderWord}", new() { ["机芯类型"] = movements[i % 3], ["适用性别"] = gender, ["表带材质"] = i % 2 == 0 ? "钢带" : "皮带" }));
            events.Add(Published("女装/连衣裙", $"{fabrics[i % 4]}连衣裙女", new() { ["面料"] = fabrics[i % 4], ["适用性别"] = "女", ["尺码"] = "M" }));
            events.Add(Published("男装", $"{mensFabrics[i % 4]}外套男士", new() { ["面料"] = mensFabrics[i % 4], ["适用性别"] = "男", ["尺码"] = "L" }));
            events.Add(Published("食品生鲜", $"{origins[i % 5]}脐橙", new() { ["产地"] = origins[i % 5], ["净含量"] = "500g" }));
            events.Add(Published("美妆个护", $"{efficacies[i % 3]}面膜", new() { ["功效"] = efficacies[i % 3], ["规格"] = "10片装" }));
            events.Add(Published("箱包", $"{styles[i % 3]}牛皮双肩包", new() { ["风格"] = styles[i % 3], ["材质"] = "牛皮" }));
            events.Add(Published("运动户外", $"{products[i % 3]}轻便", new() { ["适用场景"] = scenes[(i / 3) % 3], ["颜色"] = "黑色" }));
        }

        return events;
    }

    private static TimeSpan Later => TimeSpan.FromHours(1);

    [Fact]
    public void TitleAttributeMismatch_HonestMarket_NothingFlagged()
        => Assert.Empty(Run(HonestMarket()));

    [Fact]
    public void TitleAttributeMismatch_QuartzTitleOnMechanicalWatch_FlagsListingAsActorWithTitleAndEventInEvidence()
    {
        var events = HonestMarket();
        var cheat = Published("钟表", "轻薄石英手表男士", new() { ["机芯类型"] = "机械", ["适用性别"] = "男", ["表带材质"] = "钢带" }, Later, "lx");
        events.Add(cheat);

        var finding = Assert.Single(Run(events));
        Assert.Equal("listing.title_attribute_mismatch", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "lx"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Contains("title says 石英 (机芯类型) but the attribute 机芯类型 is 机械", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("轻薄石英手表男士", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains($"of shop {cheat.Shop}", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal([cheat.Id], finding.Evidence[0].Events);
        Assert.Equal(0.8, finding.Score);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(T0 + Later, finding.From);
        Assert.Null(finding.ClearedAt);
    }

    [Theory]
    [InlineData("女装/连衣裙", "真丝连衣裙女", "面料", "涤纶", "真丝")]
    [InlineData("食品生鲜", "新疆脐橙", "产地", "江西", "新疆")]
    [InlineData("美妆个护", "补水面膜", "功效", "修护", "补水")]
    [InlineData("箱包", "复古牛皮双肩包", "风格", "商务", "复古")]
    public void TitleAttributeMismatch_TitleClaimsAnotherValue_Flags(string category, string title, string key, string own, string claimed)
    {
        var events = HonestMarket();
        var attributes = new Dictionary<string, string> { [key] = own };
        if (category == "女装/连衣裙")
        {
            attributes["适用性别"] = "女";
        }

        events.Add(Published(category, title, attributes, Later, "lx"));

        var finding = Assert.Single(Run(events));
        Assert.Equal("lx", finding.Entity.Id);
        Assert.Contains($"title says {claimed} ({key}) but the attribute {key} is {own}", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleAttributeMismatch_MensCoatTitleInWomensDressListing_FlagsGenderAndMaterial()
    {
        var events = HonestMarket();
        events.Add(Published("女装/连衣裙", "男士皮毛一体外套", new() { ["面料"] = "涤纶", ["适用性别"] = "女" }, Later, "lx"));

        var finding = Assert.Single(Run(events));
        var text = finding.Evidence[0].Text;
        Assert.Contains("title says 男 (适用性别) but the attribute 适用性别 is 女", text, StringComparison.Ordinal);
        Assert.Contains("title says 皮毛一体 (面料) but the attribute 面料 is 涤纶", text, StringComparison.Ordinal);
        Assert.Equal(2, finding.Evidence[0].Figures["attributes_contradicted"]);
        Assert.Equal(1 - (0.2 * 0.2), finding.Score, 4);
    }

    [Fact]
    public void TitleAttributeMismatch_WomensWatchTitleOnMensWatch_Flags()
    {
        var events = HonestMarket();
        events.Add(Published("钟表", "石英手表女款", new() { ["机芯类型"] = "石英", ["适用性别"] = "男" }, Later, "lx"));

        var finding = Assert.Single(Run(events));
        Assert.Contains("title says 女 (适用性别) but the attribute 适用性别 is 男", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleAttributeMismatch_MensTitleInWomensCategoryWithoutGenderAttribute_FlagsOnTheCategoryWithLowerScore()
    {
        var events = HonestMarket();
        events.Add(Published("女装/连衣裙", "男士连衣裙", new() { ["尺码"] = "M" }, Later, "lx"));

        var finding = Assert.Single(Run(events));
        Assert.Contains("title says 男 (适用性别) but the listing has no 适用性别 and its category's listings are 女", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, finding.Evidence[0].Figures["implied_by_category"]);
        Assert.Equal(0.6, finding.Score);
    }

    [Theory]
    [InlineData("石英手表男女同款", "男")]
    [InlineData("石英手表男女同款", "女")]
    [InlineData("石英手表男女同款", "男女通用")]
    [InlineData("石英手表男士", "男女通用")]
    public void TitleAttributeMismatch_UnisexTitleOrUnisexAttribute_NotFlagged(string title, string gender)
    {
        var events = HonestMarket();
        events.Add(Published("钟表", title, new() { ["机芯类型"] = "石英", ["适用性别"] = gender }, Later, "lx"));

        Assert.Empty(Run(events));
    }

    [Theory]
    [InlineData("纯棉涤纶混纺连衣裙女", "涤纶")]
    [InlineData("真丝羊毛混纺连衣裙女", "羊毛")]
    public void TitleAttributeMismatch_BlendNamingTheListingsOwnMaterialToo_NotFlagged(string title, string fabric)
    {
        var events = HonestMarket();
        events.Add(Published("女装/连衣裙", title, new() { ["面料"] = fabric, ["适用性别"] = "女" }, Later, "lx"));

        Assert.Empty(Run(events));
    }

    [Theory]
    [InlineData("徒步")]
    [InlineData("健身")]
    public void TitleAttributeMismatch_ValueInsideAProductWord_NotFlagged(string scene)
    {
        // 跑步 is a 适用场景 value, and also part of the product word 跑步鞋 that the market's titles use whatever their
        // 适用场景: the learned naming statistics say it claims nothing.
        var events = HonestMarket();
        events.Add(Published("运动户外", "跑步鞋透气减震", new() { ["适用场景"] = scene, ["颜色"] = "白色" }, Later, "lx"));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void TitleAttributeMismatch_ValueInsideAProductWord_IsFlaggedWithoutTheLearnedNamingGuards()
    {
        // The control for the test above: the same listing is a claim of 跑步 once the two naming guards are off, so it is
        // the learned statistics that leave it alone.
        var events = HonestMarket();
        events.Add(Published("运动户外", "跑步鞋透气减震", new() { ["适用场景"] = "徒步", ["颜色"] = "白色" }, Later, "lx"));

        var findings = Run(events, new TitleAttributeMismatchOptions { MinTitleNamingRate = 0, MinNamingShare = 0 });

        Assert.Contains(findings, f => f.Entity.Id == "lx" && f.Evidence[0].Text.Contains("title says 跑步 (适用场景)", StringComparison.Ordinal));
    }

    [Fact]
    public void TitleAttributeMismatch_ListingWithoutTheAttribute_NotFlagged()
    {
        var events = HonestMarket();
        events.Add(Published("钟表", "石英手表男士", new() { ["适用性别"] = "男" }, Later, "lx"));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void TitleAttributeMismatch_ValueHeldByAnotherAttributeOfTheListing_NotFlagged()
    {
        // 纯棉 is the 面料 vocabulary's, but this listing's 里料 is 纯棉: the title describes that.
        var events = HonestMarket();
        events.Add(Published("男装", "纯棉里衬羊毛外套男士", new() { ["面料"] = "羊毛", ["里料"] = "纯棉", ["适用性别"] = "男" }, Later, "l1x"));
        events.Add(Published("男装", "纯棉里衬外套男士", new() { ["面料"] = "涤纶", ["里料"] = "纯棉", ["适用性别"] = "男" }, Later, "l2x"));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void TitleAttributeMismatch_ListOfManyValues_LeftToTitleStuffing()
    {
        var events = HonestMarket();
        events.Add(Published("食品生鲜", "脐橙云南新疆江西福建", new() { ["产地"] = "浙江" }, Later, "lx"));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void TitleAttributeMismatch_AttributeCorrected_ReReportsSameFindingAsFixedAndCleared()
    {
        var events = HonestMarket();
        events.Add(Published("钟表", "石英手表男士", new() { ["机芯类型"] = "机械", ["适用性别"] = "男" }, Later, "lx"));
        var fix = Updated("lx", TimeSpan.FromHours(30), "石英手表男士", new() { ["机芯类型"] = "石英", ["适用性别"] = "男" });
        events.Add(fix);

        var finding = Assert.Single(Run(events));
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(T0 + Later, finding.From);
        Assert.Equal(T0 + Later, finding.To);
        Assert.Equal(T0 + TimeSpan.FromHours(30), finding.ClearedAt);
        Assert.Equal([fix.Id], finding.Evidence[1].Events);
        Assert.Equal(0, finding.Evidence[1].Figures["contradictions_left"]);
    }

    [Fact]
    public void TitleAttributeMismatch_Retitled_ClosesAndARelapseOpensANewFinding()
    {
        var events = HonestMarket();
        var attributes = new Dictionary<string, string> { ["机芯类型"] = "机械", ["适用性别"] = "男" };
        events.Add(Published("钟表", "石英手表男士", attributes, Later, "lx"));
        events.Add(Updated("lx", TimeSpan.FromHours(5), "机械手表男士", attributes));
        events.Add(Updated("lx", TimeSpan.FromDays(3), "光动能手表男士", attributes));

        var findings = Run(events);

        Assert.Equal(2, findings.Count);
        var first = findings.Single(f => f.From == T0 + Later);
        Assert.Equal(T0 + TimeSpan.FromHours(5), first.ClearedAt);
        var relapse = findings.Single(f => f.From == T0 + TimeSpan.FromDays(3));
        Assert.Null(relapse.ClearedAt);
        Assert.Contains("title says 光动能 (机芯类型)", relapse.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleAttributeMismatch_EditLeavingTitleAndAttributesOut_KeepsTheFindingOpen()
    {
        var events = HonestMarket();
        events.Add(Published("钟表", "石英手表男士", new() { ["机芯类型"] = "机械", ["适用性别"] = "男" }, Later, "lx"));
        var priceOnly = Updated("lx", TimeSpan.FromHours(5), title: null, attributes: null, category: null);
        events.Add(priceOnly);

        var finding = Assert.Single(Run(events));
        Assert.Null(finding.ClearedAt);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(T0 + TimeSpan.FromHours(5), finding.To);
        Assert.Contains(priceOnly.Id, finding.Evidence[0].Events);
    }

    [Fact]
    public void TitleAttributeMismatch_PublishedBeforeTheMarketIsKnown_WaitsAndIsJudgedOnceItIs()
    {
        var cheat = Published("钟表", "石英手表男士", new() { ["机芯类型"] = "机械", ["适用性别"] = "男" }, TimeSpan.Zero, "lx");
        var events = HonestMarket();
        events.Add(cheat);

        var finding = Assert.Single(Run(events));
        Assert.Equal("lx", finding.Entity.Id);
        Assert.Equal(T0, finding.From);
        Assert.Equal([cheat.Id], finding.Evidence[0].Events);
    }

    [Fact]
    public void TitleAttributeMismatch_ClaimedValueNoListingCarriesYet_WaitsUntilTheMarketShowsIt()
    {
        // No listing has 机芯类型 电子 when the cheat is published; six honest 电子 watches an hour later make it a value.
        var events = HonestMarket();
        var cheat = Published("钟表", "电子手表男士", new() { ["机芯类型"] = "机械", ["适用性别"] = "男" }, Later, "lx");
        events.Add(cheat);
        for (var i = 0; i < 6; i++)
        {
            events.Add(Published("钟表", "电子手表男士", new() { ["机芯类型"] = "电子", ["适用性别"] = "男" }, TimeSpan.FromHours(2) + TimeSpan.FromMinutes(i)));
        }

        var finding = Assert.Single(Run(events));
        Assert.Equal("lx", finding.Entity.Id);
        Assert.Equal(T0 + Later, finding.From);
        Assert.Contains("title says 电子 (机芯类型) but the attribute 机芯类型 is 机械", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleAttributeMismatch_ImpliedScoreAbovePerClaimScore_IsRejected()
    {
        var options = new TitleAttributeMismatchOptions { PerClaimScore = 0.5, ImpliedClaimScore = 0.7 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(TitleAttributeMismatchDetector.Id));
        Assert.Contains("implied_claim_score", error.Message, StringComparison.Ordinal);
    }
}
