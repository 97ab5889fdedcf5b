using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.FakeReviews;

namespace Clearwind.Detectors.Tests.FakeReviews;

public sealed class DuplicateTextDetectorTests
{
    // A farm's template and its paraphrases (the shape of the simulator's review_farm_template, seeds 000 and 003).
    private static readonly string[] Paraphrases =
    [
        "宝贝收到了，品质没得说，和图片一模一样，快递很给力第二天就到了，卖家服务态度超好，强烈推荐给大家😊",
        "宝贝收到了 品质没得说 和图片一模一样 快递很给力第二天就到了 卖家服务态度超好 强烈推荐给大家!!",
        "宝贝收到了,品质没得说,没有色差,快递很给力第二天就到了,卖家服务态度超好,强烈推荐给大家",
        "真心宝贝收到了，品质没得说，和图片一模一样，快递很给力第二天就到了，卖家服务态度超好，强烈推荐给大家～",
        "宝贝收到了，品质没得说，和图片一模一样，快递很给力第二天就到了，老板人很好，强烈推荐给大家👍",
        "宝贝收到了，和图片一模一样，品质没得说，快递很给力第二天就到了，卖家服务态度超好，已经推荐给朋友了！",
    ];

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, DuplicateTextOptions? options = null) =>
        ReviewScenario.Run(b => b.AddDuplicateText(options), events);

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public void DuplicateText_TemplateParaphrasedBySixAccounts_FlagsListingWritersAndReviews()
    {
        var s = new ReviewScenario();
        var reviews = Paraphrases.Select((text, i) => s.Review($"w{i}", H(i * 0.1), text)).ToList();

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal("fake_reviews.duplicate_text", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(EntityRole.Beneficiary, finding.Role);
        Assert.Equal(6, finding.Related.Count(r => r.Type == "account" && r.Role == EntityRole.Actor));
        Assert.Equal(reviews.Order(StringComparer.Ordinal), finding.Related.Where(r => r.Type == "review").Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(6, finding.Evidence[0].Figures["accounts"]);
        Assert.Equal(1, finding.Evidence[0].Figures["listing_share"]);
        Assert.Equal(0.75, finding.Score);
    }

    [Fact]
    public void DuplicateText_CashbackTextTrickledOverDays_LooserParaphrasesJoinTheEstablishedCampaign()
    {
        // 好评返现: the seller hands every buyer the same text; most paste it, two rewrite two of its six clauses.
        var s = new ReviewScenario();
        var accounts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            s.Bought($"c{i}", TimeSpan.FromDays(i), Paraphrases[i]);
            accounts.Add($"c{i}");
        }

        s.Bought("c5", TimeSpan.FromDays(6), "宝贝收到了，质量超级好，和图片一模一样，物流超快，卖家服务态度超好，强烈推荐给大家");
        s.Bought("c6", TimeSpan.FromDays(7), "宝贝收到了，品质没得说，没有色差，快递很给力第二天就到了，卖家服务态度超好，五星好评");
        s.Bought("other", TimeSpan.FromDays(7), "这个手机壳的颜色很正，手感也很好，就是发货稍微慢了一点");

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5", "c6"], finding.Related.Where(r => r.Type == "account").Select(r => r.Id));
    }

    [Fact]
    public void DuplicateText_ScriptedOneStarReviews_NameTheListingAsVictim()
    {
        var s = new ReviewScenario();
        string[] texts = ["收到就是坏的，客服态度恶劣，浪费钱!!", "收到就是坏的 客服态度恶劣 浪费钱！！", "收到就是坏的，客服态度恶劣，浪费钱。", "收到就是坏的,客服态度恶劣,浪费钱…", "收到就是坏的 客服态度恶劣 浪费钱😡"];
        for (var i = 0; i < texts.Length; i++)
        {
            s.Review($"a{i}", H(i * 0.3), texts[i], rating: 1);
        }

        var finding = Assert.Single(Run(s.Events));

        Assert.Equal(EntityRole.Victim, finding.Role);
        Assert.Equal(5, finding.Related.Count(r => r.Type == "account" && r.Role == EntityRole.Actor));
    }

    [Fact]
    public void ShortGenuineReviews_ManyAccountsWritingTheSameFewWords_AreNotFlagged()
    {
        var s = new ReviewScenario();
        string[] texts = ["很好", "不错", "好评", "很好！", "不错不错", "好评👍", "质量很好，物流很快", "质量很好,物流很快~"];
        for (var i = 0; i < 40; i++)
        {
            s.Bought($"b{i}", H(i), texts[i % texts.Length]);
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void LoyalCustomer_ReusingTheirOwnPhrasing_IsNotDifferentAccounts()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 8; i++)
        {
            s.Bought("fan", TimeSpan.FromDays(i * 3), Paraphrases[i % Paraphrases.Length]);
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void CommonPhrase_WrittenByBuyersOfManyListings_IsNotACopy()
    {
        // The same longish honest phrase, written by a few buyers each of twenty listings, and by five on one of them.
        var s = new ReviewScenario();
        const string phrase = "质量很好，和描述的一样，物流很快，会回购的";
        var buyer = 0;
        for (var listing = 0; listing < 20; listing++)
        {
            for (var k = 0; k < 2; k++)
            {
                s.Bought($"b{buyer++}", H(buyer), phrase, listing: $"l{listing}");
            }
        }

        for (var k = 0; k < 3; k++)
        {
            s.Bought($"b{buyer++}", H(buyer), phrase, listing: "l0");
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void ThreeAccounts_BelowTheAccountThreshold_AreNotFlagged()
    {
        var s = new ReviewScenario();
        for (var i = 0; i < 3; i++)
        {
            s.Review($"w{i}", H(i), Paraphrases[i]);
        }

        Assert.Empty(Run(s.Events));
    }

    [Fact]
    public void ReviewText_PunctuationSpacingAndEmoji_DoNotChangeShingles()
    {
        Span<uint> a = stackalloc uint[ReviewText.MaxShingles];
        Span<uint> b = stackalloc uint[ReviewText.MaxShingles];
        var n = ReviewText.Shingles("宝贝收到了，品质没得说！！😊", a);
        var m = ReviewText.Shingles("宝贝收到了 品质没得说~👍", b);

        Assert.Equal(9, n); // 宝贝收到了品质没得说: ten characters, nine pairs
        Assert.True(a[..n].SequenceEqual(b[..m]));
    }

    [Fact]
    public void NearDuplicateIndex_FindsTheParaphraseAndNotAnUnrelatedText()
    {
        var index = new NearDuplicateIndex(capacity: 100, bucketBits: 8, maxChain: 16);
        index.Add(Signature(Paraphrases[0]), payload: 7);
        index.Add(Signature("这个手机壳的颜色很正，手感也很好，就是发货稍微慢了一点"), payload: 8);
        var found = new NearDuplicate[16];

        var n = index.Search(Signature(Paraphrases[1]), 0.6, found);

        Assert.True(n >= 1);
        Assert.All(found[..n], f => Assert.Equal(7, f.Payload));
        Assert.True(found[0].Similarity >= 0.8);
    }

    [Fact]
    public void NearDuplicateIndex_BeyondCapacity_ForgetsTheOldest()
    {
        var index = new NearDuplicateIndex(capacity: 4, bucketBits: 8, maxChain: 16);
        index.Add(Signature(Paraphrases[0]), payload: 1);
        for (var i = 0; i < 4; i++)
        {
            index.Add(Signature($"完全无关的文字第{i}条，讲的是别的事情，和模板没有关系"), payload: 100 + i);
        }

        Assert.Equal(0, index.Search(Signature(Paraphrases[0]), 0.9, new NearDuplicate[16]));
    }

    private static MinHashSignature Signature(string text)
    {
        var shingles = new uint[ReviewText.MaxShingles];
        var n = ReviewText.Shingles(text, shingles);
        return MinHashSignature.Of(shingles.AsSpan(0, n));
    }
}
