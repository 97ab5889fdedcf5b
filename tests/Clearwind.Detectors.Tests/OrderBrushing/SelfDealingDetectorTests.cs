using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.OrderBrushing;

public sealed class SelfDealingDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, SelfDealingOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddSelfDealing(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private string NextId() => $"e{++_next}";

    private ShopOpened Shop(string shop = "s1", string owner = "owner")
        => new() { Id = NextId(), Ts = T0, Shop = shop, Owner = owner };

    private AccountRegistered Registered(string account, string? phone = null, string? device = null, string? ip = null)
        => new() { Id = NextId(), Ts = T0.AddMinutes(1), Account = account, Phone = phone, Device = device, Ip = ip };

    private AccountLogin Login(string account, string ip, TimeSpan at)
        => new() { Id = NextId(), Ts = T0 + at, Account = account, Ip = ip };

    private OrderPlaced Order(string order, string buyer, TimeSpan at, string shop = "s1", string? ip = null, string? address = null)
        => Some.OrderPlaced(id: NextId(), order: order, buyer: buyer, shop: shop, ts: T0 + at, ip: ip) with { Address = address };

    private OrderPaid Paid(string order, string payment, TimeSpan at)
        => new() { Id = NextId(), Ts = T0 + at, Order = order, PaymentAccount = payment };

    [Fact]
    public void SelfDealing_OwnerBuysOwnShopOnTwoDays_FlagsShopOwnerAndOrders()
    {
        var findings = Run([
            Shop(),
            Registered("owner", phone: "h1:p-owner"),
            Order("o1", "owner", TimeSpan.FromHours(1)),
            Order("o2", "owner", TimeSpan.FromDays(1)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("order_brushing.self_dealing", finding.Pattern);
        Assert.Equal(new EntityRef("shop", "s1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal(
            [
                new RelatedEntity("account", "owner", EntityRole.Actor),
                new RelatedEntity("order", "o1", EntityRole.Actor),
                new RelatedEntity("order", "o2", EntityRole.Actor),
            ],
            finding.Related);
        Assert.Equal(T0.AddHours(1), finding.From);
        Assert.Equal(T0.AddDays(1), finding.To);
        Assert.Equal(2, finding.Evidence[0].Figures["orders"]);
        Assert.Contains("is the shop's owner", finding.Evidence[1].Text, StringComparison.Ordinal);
        Assert.InRange(finding.Score, 0.7, 1);
    }

    [Fact]
    public void SelfDealing_StaffSharesOwnersPhone_FlagsStaffWithTheSharedPhoneAsEvidence()
    {
        var owner = Registered("owner", phone: "h1:office", device: "h1:d-owner");
        var staff = Registered("staff", phone: "h1:office", device: "h1:d-staff");
        var findings = Run([
            Shop(),
            owner,
            staff,
            Registered("other", phone: "h1:p-other"),
            Order("o1", "staff", TimeSpan.FromHours(2)),
            Order("o2", "staff", TimeSpan.FromDays(2)),
            Order("o3", "other", TimeSpan.FromDays(2)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(
            [
                new RelatedEntity("account", "staff", EntityRole.Actor),
                new RelatedEntity("order", "o1", EntityRole.Actor),
                new RelatedEntity("order", "o2", EntityRole.Actor),
            ],
            finding.Related);
        var buyer = finding.Evidence[1];
        Assert.Contains("phone", buyer.Text, StringComparison.Ordinal);
        Assert.Contains(owner.Id, buyer.Events);
        Assert.Contains(staff.Id, buyer.Events);
        Assert.Equal(2, buyer.Figures["phone_accounts"]);
    }

    [Fact]
    public void SelfDealing_StaffPaysWithOwnersPaymentAccount_IsFlaggedOncePaid()
    {
        var findings = Run([
            Shop(),
            Shop("s2", "someone"),
            Registered("owner", phone: "h1:p-owner"),
            Registered("staff", phone: "h1:p-staff"),
            Order("o0", "owner", TimeSpan.FromHours(1), shop: "s2"),
            Paid("o0", "h1:company-pay", TimeSpan.FromHours(1.1)),
            Order("o1", "staff", TimeSpan.FromHours(3)),
            Paid("o1", "h1:company-pay", TimeSpan.FromHours(3.1)),
            Order("o2", "staff", TimeSpan.FromDays(1)),
            Paid("o2", "h1:company-pay", TimeSpan.FromDays(1.01)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(new EntityRef("shop", "s1"), finding.Entity);
        Assert.Contains(new RelatedEntity("order", "o1", EntityRole.Actor), finding.Related);
        Assert.Contains(new RelatedEntity("order", "o2", EntityRole.Actor), finding.Related);
        Assert.DoesNotContain(new RelatedEntity("order", "o0", EntityRole.Actor), finding.Related);
        Assert.Contains("payment account", finding.Evidence[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfDealing_StaffOnOwnersRareOfficeIp_IsFlagged()
    {
        var findings = Run([
            Shop(),
            Registered("owner", ip: "10.1.1.7"),
            Login("owner", "10.1.1.7", TimeSpan.FromMinutes(5)),
            Registered("staff"),
            Login("staff", "10.1.1.7", TimeSpan.FromMinutes(30)),
            Order("o1", "staff", TimeSpan.FromHours(2)),
            Order("o2", "staff", TimeSpan.FromDays(1)),
            Order("o3", "staff", TimeSpan.FromDays(2)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(3, finding.Evidence[1].Figures["orders"]);
        Assert.True(finding.Score < 0.6, "a single shared IP is half a link: the case goes to a person");
    }

    [Fact]
    public void SelfDealing_OwnerBuysOnce_IsNotFlagged()
    {
        var findings = Run([
            Shop(),
            Registered("owner"),
            Order("o1", "owner", TimeSpan.FromHours(1)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void LookAlike_FamilyMemberSharingOwnersAddressBuysOnce_IsNotFlagged()
    {
        var findings = Run([
            Shop(),
            Shop("s2", "someone"),
            Registered("owner"),
            Registered("mother"),
            Order("o0", "owner", TimeSpan.FromHours(1), shop: "s2", address: "h1:home"),
            Order("o1", "mother", TimeSpan.FromDays(1), address: "h1:home"),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void LookAlike_CampusBuyersBehindOwnersNatIp_AreNotFlagged()
    {
        const string nat = "202.120.7.9";
        var events = new List<MarketEvent> { Shop(), Registered("owner", ip: nat), Login("owner", nat, TimeSpan.FromHours(1)) };
        for (var i = 0; i < 60; i++)
        {
            events.Add(Registered($"student{i}", ip: nat));
        }

        for (var i = 0; i < 10; i++)
        {
            events.Add(Order($"o{i}a", $"student{i}", TimeSpan.FromHours(3 + i), ip: nat));
            events.Add(Order($"o{i}b", $"student{i}", TimeSpan.FromDays(1) + TimeSpan.FromHours(i), ip: nat));
        }

        Assert.Empty(Run(events));
    }

    [Fact]
    public void LookAlike_BuyerSharingOnlyACommonCarrierIp_IsNotFlagged()
    {
        const string gateway = "117.136.0.1";
        var events = new List<MarketEvent> { Shop(), Registered("owner"), Login("owner", gateway, TimeSpan.FromMinutes(10)) };
        for (var i = 0; i < 12; i++)
        {
            events.Add(Login($"mobile{i}", gateway, TimeSpan.FromMinutes(20 + i)));
        }

        events.Add(Order("o1", "mobile0", TimeSpan.FromHours(2), ip: gateway));
        events.Add(Order("o2", "mobile0", TimeSpan.FromDays(1), ip: gateway));
        events.Add(Order("o3", "mobile0", TimeSpan.FromDays(2), ip: gateway));

        Assert.Empty(Run(events));
    }

    [Fact]
    public void LookAlike_HonestRepeatBuyerWithNoSharedIdentifier_IsNotFlagged()
    {
        var findings = Run([
            Shop(),
            Registered("owner", phone: "h1:p-owner", device: "h1:d-owner", ip: "10.0.0.1"),
            Registered("loyal", phone: "h1:p-loyal", device: "h1:d-loyal", ip: "10.0.0.2"),
            Order("o1", "loyal", TimeSpan.FromHours(1), address: "h1:loyal-home"),
            Order("o2", "loyal", TimeSpan.FromDays(1), address: "h1:loyal-home"),
            Order("o3", "loyal", TimeSpan.FromDays(2), address: "h1:loyal-home"),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void SelfDealing_ShopWithoutKnownOwner_IsNotFlagged()
    {
        var findings = Run([
            Registered("a", phone: "h1:same"),
            Registered("b", phone: "h1:same"),
            Order("o1", "b", TimeSpan.FromHours(1)),
            Order("o2", "b", TimeSpan.FromDays(1)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void SelfDealing_CaseGrowsLater_KeepsOneFindingId()
    {
        var findings = Run([
            Shop(),
            Registered("owner"),
            Order("o1", "owner", TimeSpan.FromHours(1)),
            Order("o2", "owner", TimeSpan.FromHours(2)),
            Order("o3", "owner", TimeSpan.FromDays(3)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(3, finding.Evidence[0].Figures["orders"]);
    }

    [Fact]
    public void Options_CommonNotAboveRare_AreRejected()
    {
        var options = new SelfDealingOptions { RareAccounts = 5, CommonAccounts = 6 };

        var error = Assert.Throws<ArgumentException>(() => new DetectionPipelineBuilder().AddSelfDealing(options).Build());
        Assert.Contains("order_brushing.self_dealing", error.Message, StringComparison.Ordinal);
    }
}
