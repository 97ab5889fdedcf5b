using Clearwind.Brand;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Brand;

public sealed class BrandAlertDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, BrandAlertOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddBrandAlert(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private IEnumerable<MarketEvent> Market() =>
    [
        new ShopOpened { Id = NextId(), Ts = T0, Shop = "s1", Owner = "o1", Name = "远山官方旗舰店", Brands = ["远山"] },
        new ListingPublished { Id = NextId(), Ts = T0, Listing = "l1", Shop = "s1", Title = "远山九分裤", Brand = "远山" },
    ];

    private ReviewPosted Review(string review, string text, int rating, double hours = 5)
        => new() { Id = NextId(), Ts = T0.AddHours(hours), Review = review, Account = "buyer-" + review, Listing = "l1", Order = "o-" + review, Rating = rating, Text = text };

    private string NextId() => $"e{++_next}";

    [Theory]
    [InlineData("这个远山九分裤是冒牌的，包装印刷模糊")]
    [InlineData("说是远山正品，结果是高仿，骗人")]
    [InlineData("远山九分裤防伪码查不到，不是正品，骗子店")]
    [InlineData("买到山寨遠山了，logo都是歪的")] // the brand in traditional characters
    public void BrandAlert_ReviewCallsTheBrandFake_RaisesAnAlertAboutTheReview(string text)
    {
        var finding = Assert.Single(Run([.. Market(), Review("v1", text, 1)]));

        Assert.Equal("brand.alert", finding.Pattern);
        Assert.Equal(new EntityRef("review", "v1"), finding.Entity);
        Assert.Empty(finding.Related); // the reviewer is not named: an alert is not an accusation
        Assert.Equal(0.9, finding.Score, 6);
        Assert.Contains("远山", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(["e3"], finding.Evidence[0].Events);
    }

    [Fact]
    public void BrandAlert_Decision_IsANonPunitiveAlertWithoutStrikeExpiryOrAppeal()
    {
        var finding = Assert.Single(Run([.. Market(), Review("v1", "远山的九分裤是假货吧，和专柜的完全不一样", 2)]));

        var decision = Assert.Single(new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding));

        Assert.Equal(DecisionActions.Alert, decision.Action);
        Assert.Equal(new EntityRef("review", "v1"), decision.Entity);
        Assert.False(DecisionActions.IsPunitive(decision.Action));
        Assert.Equal(0, decision.Strike);
        Assert.Null(decision.ExpiresAt);
        Assert.Null(decision.AppealBy);
    }

    [Theory]
    [InlineData("远山的裤子绝对不是假货，放心买", 5)] // denies the word
    [InlineData("担心买到山寨，收到对比了是远山正品", 5)] // a well-rated review that vouches for the goods
    [InlineData("远山正品，质量很好，不是高仿", 4)]
    [InlineData("远山这款九分裤一般般，没有想象中好", 2)] // an ordinary complaint that names the brand
    [InlineData("远山的做工很好，强烈推荐", 5)] // praise
    [InlineData("这家是假货，大家别买", 1)] // calls it fake but names no brand: the listing's shop is another pattern's business
    public void HonestReview_NamingTheBrand_RaisesNoAlert(string text, int rating)
        => Assert.Empty(Run([.. Market(), Review("v1", text, rating)]));

    [Fact]
    public void BrandAlert_UnknownBrand_RaisesNoAlert()
    {
        // 北斗 is no brand any shop is authorised for or any listing declares.
        Assert.Empty(Run([.. Market(), Review("v1", "北斗的东西是假货", 1)]));
    }
}
