using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class BannedWordsDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, BannedWordsOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddBannedWords(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private ListingPublished Published(string title, string? description = null, string listing = "l1", string shop = "s1")
        => new() { Id = $"e{++_next}", Ts = T0, Listing = listing, Shop = shop, Title = title, Description = description ?? "纯棉面料，做工细致。" };

    private ListingUpdated Updated(string title, TimeSpan at, string? description = null, string listing = "l1", string shop = "s1")
        => new() { Id = $"e{++_next}", Ts = T0 + at, Listing = listing, Shop = shop, Title = title, Description = description ?? "纯棉面料，做工细致。" };

    [Fact]
    public void BannedWords_TitleWithLowestPriceClaim_FlagsListingAsActorAndNamesShopInEvidence()
    {
        var findings = Run([Published("全网最低价纯棉T恤男短袖夏季")]);

        var finding = Assert.Single(findings);
        Assert.Equal("listing.banned_words", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Empty(finding.Related);
        Assert.Contains("of shop s1", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("全网最低价", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(["e1"], finding.Evidence[0].Events);
        Assert.Equal(1, finding.Evidence[0].Figures["claims_in_title"]);
        Assert.Equal(0.75, finding.Score);
    }

    [Fact]
    public void BannedWords_ClaimOnlyInDescription_Flags()
    {
        var findings = Run([Published("纯棉T恤男短袖夏季", "采用国家级工艺，品质绝对有保障。")]);

        var finding = Assert.Single(findings);
        Assert.Equal(2, finding.Evidence[0].Figures["claims_in_description"]);
        Assert.Equal(0, finding.Evidence[0].Figures["claims_in_title"]);
        Assert.Equal(1 - (0.25 * 0.25), finding.Score, 4);
    }

    [Theory]
    [InlineData("最好的保温杯316不锈钢")]
    [InlineData("保温杯最低价316不锈钢")]
    [InlineData("极品大红袍茶叶500g")]
    [InlineData("超级耐磨登山鞋男")]
    [InlineData("保温杯最保温316不锈钢")]
    [InlineData("第一品牌保温杯")]
    [InlineData("保温杯销量第一")]
    [InlineData("ＮＯ．１保温杯")]
    [InlineData("百分百纯天然蜂蜜")]
    [InlineData("唯一专利保温杯")]
    public void BannedWords_ExtremeUseOfBareCharacter_Flags(string title)
        => Assert.Single(Run([Published(title)]));

    [Theory]
    [InlineData("最近新款保温杯316不锈钢", "最近订单较多，发货稍有延迟")]
    [InlineData("保温杯316不锈钢", "最后一批现货，售完补货需等待")]
    [InlineData("超市同款保温杯", "支持超市自提点收货")]
    [InlineData("保温杯316不锈钢", "第一次使用前请先清洗晾干")]
    [InlineData("保温杯316不锈钢", "第一次购买的新客可领新人券")]
    [InlineData("极简北欧风台灯", "极简包装，环保减塑")]
    [InlineData("北极光保温杯316不锈钢", null)]
    [InlineData("婴儿安全座椅便携", "选用纯棉面料，可指定顺丰需补差价")]
    [InlineData("100%纯棉T恤男", "第一时间发货")]
    [InlineData("保温杯316不锈钢 最", "排名说明：第一")]
    public void BannedWords_OrdinaryWordsWithBannedCharacters_NotFlagged(string title, string? description)
        => Assert.Empty(Run([Published(title, description)]));

    [Fact]
    public void BannedWords_ContextWordBesideClaim_IsEvidenceNotAClaim()
    {
        var finding = Assert.Single(Run([Published("最安全婴儿推车", "推荐给新手爸妈")]));

        Assert.Equal(1, finding.Evidence[0].Figures["claims"]);
        Assert.Contains("推荐", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BannedWords_FixedByUpdate_ReReportsSameFindingWithFixAndRelapseOpensNewFinding()
    {
        var findings = Run([
            Published("顶级纯棉T恤男短袖"),
            Updated("顶级纯棉T恤男短袖百分百新疆棉", TimeSpan.FromHours(2)),
            Updated("纯棉T恤男短袖", TimeSpan.FromHours(20)),
            Updated("纯棉T恤男短袖夏季", TimeSpan.FromHours(30)),
            Updated("独家纯棉T恤男短袖", TimeSpan.FromDays(3)),
        ]);

        Assert.Equal(2, findings.Count);
        var first = findings.Single(f => f.From == T0);
        Assert.Equal(T0.AddHours(2), first.To);
        Assert.Equal(["e1", "e2"], first.Evidence[0].Events);
        Assert.Equal(2, first.Evidence[0].Figures["claims"]);
        Assert.Equal(["e3"], first.Evidence[1].Events);
        Assert.Equal(Severity.Low, first.Severity);
        var relapse = findings.Single(f => f.From == T0.AddDays(3));
        Assert.NotEqual(first.Id, relapse.Id);
        Assert.Equal(["e5"], relapse.Evidence[0].Events);
        Assert.Equal(Severity.Medium, relapse.Severity);
    }

    [Fact]
    public void BannedWords_WordsAddedLater_FindingStartsAtTheEdit()
    {
        var finding = Assert.Single(Run([
            Published("纯棉T恤男短袖"),
            Updated("纯棉T恤男短袖", TimeSpan.FromHours(12), "完美做工，质感十足。"),
        ]));

        Assert.Equal(T0.AddHours(12), finding.From);
        Assert.Equal(["e2"], finding.Evidence[0].Events);
    }

    [Fact]
    public void BannedWords_EveryTermOfTheAdLawChecklist_IsCaughtInATitle()
    {
        // The public 广告法 extreme-word checklist (../shared/data/ad-words, test reference only): each term, placed
        // inside an otherwise plain title, is found. Claims raise a finding; the few context words (安全, 推荐 …, honest
        // in their plain sense) are found but raise nothing alone.
        var options = new BannedWordsOptions();
        var terms = File.ReadLines(SharedData("ad-words", "adlaw_extreme_words_es3344520.txt"))
            .Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(terms.Count >= 190, $"checklist has {terms.Count} terms");
        var context = options.ContextWords.ToHashSet(StringComparer.Ordinal);
        var missed = new List<string>();
        foreach (var term in terms)
        {
            var findings = Run([Published("保温杯" + term + "加厚款", "不锈钢内胆。", listing: "l-" + term)], options);
            var caught = context.Contains(term) ? findings.Count == 0 && ContextFound(options, term) : findings.Count == 1;
            if (!caught)
            {
                missed.Add(term);
            }
        }

        Assert.Empty(missed);
        Assert.Equal(15, terms.Count(context.Contains));
    }

    private static bool ContextFound(BannedWordsOptions options, string term)
    {
        var matcher = new BannedWordsMatcher(options.Words.Concat(options.ContextWords), new Dictionary<string, string>());
        return matcher.Find("保温杯" + term + "加厚款").Contains(term, StringComparer.Ordinal);
    }

    private static string SharedData(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearwind.slnx")))
            {
                return Path.GetFullPath(Path.Combine([dir.FullName, "..", "shared", "data", .. parts]));
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds Clearwind.slnx");
    }
}
