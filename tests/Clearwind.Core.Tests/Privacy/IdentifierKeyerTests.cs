using System.Text.Json;
using Clearwind.Events;
using Clearwind.Privacy;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Privacy;

public sealed class IdentifierKeyerTests
{
    private static readonly IdentifierKeyer Keyer = IdentifierKeyer.FromText("0123456789abcdef0123456789abcdef");

    [Fact]
    public void Key_SamePhoneWrittenDifferently_GivesTheSameKey()
    {
        var a = Keyer.Key(IdentifierKind.Phone, "13800138000");

        Assert.Equal(a, Keyer.Key(IdentifierKind.Phone, "+86 138-0013-8000"));
        Assert.True(IdentifierKeyer.IsKeyed(a));
        Assert.Matches("^h1:[0-9a-f]{32}$", a);
    }

    [Fact]
    public void Key_DifferentKeys_GiveDifferentValues()
    {
        var other = IdentifierKeyer.FromText("another key of enough length!");

        Assert.NotEqual(Keyer.Key(IdentifierKind.Device, "dev-1"), other.Key(IdentifierKind.Device, "dev-1"));
    }

    [Fact]
    public void Key_AlreadyKeyedValue_PassesThrough()
    {
        var keyed = Keyer.Key(IdentifierKind.Address, "北京市 朝阳区 1号")!;

        Assert.Equal(keyed, Keyer.Key(IdentifierKind.Address, keyed));
    }

    [Fact]
    public void Apply_Order_KeysPhoneAddressDeviceButNotIds()
    {
        var order = Some.OrderPlaced(device: "iphone-123") with { Phone = "13800138000", Address = "上海市徐汇区" };

        var keyed = (OrderPlaced)Keyer.Apply(order);

        Assert.All([keyed.Phone, keyed.Address, keyed.Device], v => Assert.True(IdentifierKeyer.IsKeyed(v)));
        Assert.Equal((order.Buyer, order.Shop, order.Order), (keyed.Buyer, keyed.Shop, keyed.Order));
    }

    [Fact]
    public void Apply_PaymentAccount_IsKeyed()
    {
        var paid = new OrderPaid { Id = "p", Ts = Some.Epoch, Order = "o", PaymentAccount = "alipay:someone@example.com" };

        Assert.True(IdentifierKeyer.IsKeyed(((OrderPaid)Keyer.Apply(paid)).PaymentAccount));
    }

    [Fact]
    public void Apply_UnknownFieldsNamedLikePersonalData_AreKeyedAtAnyDepth()
    {
        var e = new OrderConfirmed
        {
            Id = "c",
            Ts = Some.Epoch,
            Order = "o",
            Extra = new()
            {
                ["receiver_phone"] = JsonSerializer.SerializeToElement("13911112222"),
                ["logistics"] = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["contact"] = new Dictionary<string, string> { ["email"] = "a@b.cn" }, ["carrier"] = "SF" }),
            },
        };

        var json = EventParser.ToJson(Keyer.Apply(e));

        Assert.DoesNotContain("13911112222", json);
        Assert.DoesNotContain("a@b.cn", json);
        Assert.Contains("\"carrier\":\"SF\"", json);
    }

    [Fact]
    public void Constructor_ShortKey_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new IdentifierKeyer(new byte[8]));
    }
}

public sealed class IdentifierKeyerEdgeTests
{
    private static readonly IdentifierKeyer Keyer = IdentifierKeyer.FromText("0123456789abcdef0123456789abcdef");

    [Fact]
    public void Key_PhonesWithoutDigits_DoNotAllShareOneKey()
    {
        Assert.NotEqual(Keyer.Key(IdentifierKind.Phone, "N/A"), Keyer.Key(IdentifierKind.Phone, "unknown"));
    }

    [Fact]
    public void Apply_ReportEvidenceOfPersonalKind_IsKeyedAndOtherEvidenceIsNot()
    {
        var report = new ReportFiled
        {
            Id = "r",
            Ts = Some.Epoch,
            Report = "r1",
            Reporter = "s1",
            Evidence = [new ReportEvidence("phone", "13800138000"), new ReportEvidence("link", "https://shop.example/item/1")],
        };

        var json = EventParser.ToJson(Keyer.Apply(report));

        Assert.DoesNotContain("13800138000", json);
        Assert.Contains("https://shop.example/item/1", json);
    }
}
