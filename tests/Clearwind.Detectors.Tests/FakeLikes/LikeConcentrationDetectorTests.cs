using Clearwind.Events;

namespace Clearwind.Detectors.Tests.FakeLikes;

public sealed class LikeConcentrationDetectorTests
{
    private static readonly TimeSpan Day3Morning = TimeSpan.FromDays(3) + TimeSpan.FromHours(10);

    [Fact]
    public void Concentration_FarmBehindThreeAddressesAndFourEmulators_FlagsListingAndFarmLikers()
    {
        var market = new LikeMarket();
        market.Publish("l1", "s1", TimeSpan.Zero);
        market.Everyday("l1", "s1", likesPerDay: 3, days: 5, prefix: "reg");
        var farm = market.ScriptFarm("l1", Day3Morning, size: 120, ips: 3, devices: 4);

        var findings = market.Run(b => b.AddFakeLikesConcentration());

        var finding = Assert.Single(findings);
        Assert.Equal("fake_likes.concentration", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l1"), finding.Entity);
        Assert.Equal(farm.ToHashSet(), LikeMarket.Named(finding));
        Assert.True(finding.Evidence[0].Figures["device_accounts_per_source"] >= 20);
    }

    [Fact]
    public void CampusNat_ThirdOfALivestreamAudienceBehindOneAddress_IsNotFlagged()
    {
        var market = new LikeMarket();
        market.Publish("live", "s3", TimeSpan.Zero);
        var likers = market.Surge("live", "s3", Day3Morning, TimeSpan.FromHours(3), viewers: 300, prefix: "fan", sharedIp: "202.120.5.9", sharedShare: 0.3);

        var findings = market.Run(b => b.AddFakeLikesConcentration());

        Assert.True(likers.Count >= 60);
        Assert.Empty(findings);
    }

    [Fact]
    public void CampusShop_StudentsBehindOneNatWhoBuy_IsNotFlagged()
    {
        // Forty students of one campus (one NAT address) like their campus shop's listing over a day; half of them buy.
        var market = new LikeMarket();
        market.Publish("campus", "s5", TimeSpan.Zero);
        for (var i = 0; i < 40; i++)
        {
            var student = $"stu{i}";
            market.Register(student, TimeSpan.FromDays(-200), ip: "202.120.7.1");
            var at = Day3Morning + TimeSpan.FromMinutes(20 * i);
            market.View(student, "campus", at, 40_000, "202.120.7.1");
            market.Like(student, "campus", at + TimeSpan.FromSeconds(20), "202.120.7.1");
            if (i % 2 == 0)
            {
                market.Order(student, "s5", "campus", at + TimeSpan.FromMinutes(1));
            }
        }

        var findings = market.Run(b => b.AddFakeLikesConcentration());
        var ignoringPurchases = market.Run(b => b.AddFakeLikesConcentration(new Clearwind.FakeLikes.LikeConcentrationOptions { MaxBuyerShare = 1 }));

        Assert.Empty(findings);
        Assert.Single(ignoringPurchases); // One address for forty likers is concentrated; their purchases clear it.
    }

    [Fact]
    public void Families_ThreeAccountsPerHomeAmongEverydayLikers_IsNotFlagged()
    {
        var market = new LikeMarket();
        market.Publish("l1", "s1", TimeSpan.Zero);
        for (var f = 0; f < 6; f++)
        {
            for (var m = 0; m < 3; m++)
            {
                var account = $"fam{f}m{m}";
                var home = $"121.40.{f}.8";
                market.Register(account, TimeSpan.FromDays(-300), ip: home);
                var at = Day3Morning + TimeSpan.FromMinutes((37 * f) + (11 * m));
                market.View(account, "l1", at, 25_000, home);
                market.Like(account, "l1", at + TimeSpan.FromSeconds(9), home);
            }
        }

        market.Everyday("l1", "s1", likesPerDay: 12, days: 5, prefix: "reg");

        var findings = market.Run(b => b.AddFakeLikesConcentration());

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("47.98.12.10", "47.98.12")]
    [InlineData("2408:8207:24a6:5651:d49f:1cdb:9e3f:10", "2408:8207:24a6:5651")]
    [InlineData("h1:0123456789abcdef0123456789abcdef", null)]
    [InlineData(null, null)]
    public void Subnet_OfAddress_IsItsSlash24OrSlash64(string? ip, string? subnet)
        => Assert.Equal(subnet, Clearwind.FakeLikes.LikeConcentrationDetector.Subnet(ip));
}
