using Clearwind.Accounts;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Accounts;

public sealed class ImpersonationDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, ImpersonationOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddImpersonation(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private ShopOpened Shop(string shop, string name, string[]? brands = null, string? owner = null, double hours = 0)
        => new() { Id = NextId(), Ts = T0.AddHours(hours), Shop = shop, Name = name, Brands = brands, Owner = owner ?? "owner-" + shop };

    private AccountRegistered Account(string account, string nickname, double hours = 1)
        => new() { Id = NextId(), Ts = T0.AddHours(hours), Account = account, Nickname = nickname };

    private string NextId() => $"e{++_next}";

    [Fact]
    public void Impersonation_ShopClaimsOfficialStoreOfAnotherBrand_FlagsShop()
    {
        var findings = Run([
            Shop("s1", "云朵官方旗舰店", ["云朵"]),
            Shop("s2", "云朵官方旗舰店铺", ["初见"], hours: 2), // a reseller of another brand posing as 云朵's own store
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("accounts.impersonation", finding.Pattern);
        Assert.Equal(new EntityRef("shop", "s2"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal(0.8, finding.Score, 6);
        Assert.Contains("云朵", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("初见", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(["e1"], finding.Evidence[1].Events); // the real official shop's shop.opened
    }

    [Theory]
    [InlineData("雲朵官方旗舰店")] // traditional 雲
    [InlineData("云朶官方旗艦店")] // variant 朶 and traditional 艦
    [InlineData("云朵宫方旗舰店")] // 宫 for 官
    [InlineData("云·朵 官方店")] // a dot and a space inside the brand
    public void Impersonation_LookAlikeSpelling_FlagsShopAboveTheReviewCutOff(string name)
    {
        var findings = Run([Shop("s1", "云朵官方旗舰店", ["云朵"]), Shop("s2", name, hours: 2)]);

        var finding = Assert.Single(findings);
        Assert.Equal("s2", finding.Entity.Id);
        Assert.Equal(0.9, finding.Score, 6);
        Assert.Equal(1, finding.Evidence[0].Figures["look_alike"]);
    }

    [Fact]
    public void Impersonation_ShopOpensBeforeTheBrandIsKnown_FlaggedWhenTheBrandArrives()
    {
        var findings = Run([
            Shop("s2", "望舒官方旗舰店"),
            Shop("s1", "望舒官方旗舰店铺", ["望舒"], hours: 5),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("s2", finding.Entity.Id);
    }

    [Fact]
    public void Impersonation_OwnBrandAndABrandNotYetKnown_FlaggedWhenTheOtherBrandArrives()
    {
        // Authorised for 云朵, the shop also claims 望舒's official status; 望舒's own shop opens a day later.
        var findings = Run([
            Shop("s2", "云朵望舒官方店", ["云朵"]),
            Shop("s1", "望舒官方旗舰店", ["望舒"], hours: 24),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("s2", finding.Entity.Id);
        Assert.Contains("望舒", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Impersonation_AccountPosingAsServiceDesk_FlagsAccount()
    {
        var findings = Run([
            Shop("s1", "云朵官方旗舰店", ["云朵"]),
            Account("u1", "雲朵官方客服"),
            Account("u2", "云朵客服中心"),
        ]);

        Assert.Equal(2, findings.Count);
        var official = Assert.Single(findings, f => f.Entity.Id == "u1");
        var agent = Assert.Single(findings, f => f.Entity.Id == "u2");
        Assert.Equal("account", official.Entity.Type);
        Assert.Equal(0.9, official.Score, 6); // official claim, look-alike 雲
        Assert.Equal(0.6, agent.Score, 6); // only claims to be a service desk: a person confirms

        var policy = DetectorCatalog.DefaultPolicy();
        Assert.Equal(DecisionActions.BlockSearch, new Decider(policy).Decide(official).Single().Action);
        Assert.Equal(DecisionActions.Review, new Decider(policy).Decide(agent).Single().Action);
    }

    [Fact]
    public void OfficialShop_AuthorisedForItsBrand_IsNotFlagged()
    {
        // The real official shop, written in traditional characters, and its brand owner's second shop.
        var findings = Run([
            Shop("s1", "雲朵官方旗艦店", ["云朵"]),
            Shop("s2", "云朵直营店", ["云朵"], hours: 1),
            Shop("s3", "锦程云朵官方旗舰店", ["云朵", "云岫"], hours: 2),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void AuthorisedReseller_NamedForTheBrand_IsNotFlagged()
    {
        var findings = Run([
            Shop("s1", "云朵官方旗舰店", ["云朵"]),
            Shop("s2", "云朵授权专营店", ["云朵", "青岚"], hours: 1),
            Shop("s3", "云朵专卖店", ["云朵"], hours: 1),
            Shop("s4", "远山官方旗舰店", ["远山"], hours: 1),
            Shop("s5", "卓远山海集专卖店", ["山海集"], hours: 2), // company 卓远 + brand 山海集: 远山 appears across them by accident
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void BrandOwnersAccount_NamedOfficial_RegisteredBeforeItsShopOpens_IsNotFlagged()
    {
        // The brand's staff account registers first; the shop it owns opens the same day.
        var findings = Run([
            Account("boss", "云朵官方", hours: 0),
            Shop("s1", "云朵官方旗舰店", ["云朵"], owner: "boss", hours: 6),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void ShopNamingBrandWithoutClaim_OrClaimWithoutBrand_IsNotFlagged()
    {
        var findings = Run([
            Shop("s1", "云朵官方旗舰店", ["云朵"]),
            Shop("s2", "云朵同款小店", hours: 1), // names the brand but claims nothing (a listing matter, not impersonation)
            Shop("s3", "锦程官方旗舰店", hours: 1), // official store of its own unbranded goods
            Account("u1", "爱云朵的小猫"),
        ]);

        Assert.Empty(findings);
    }
}
