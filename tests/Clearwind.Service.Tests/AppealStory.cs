using System.Text.Json.Nodes;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Service.Tests;

/// <summary>
/// A market for the appeal tests. Shop <c>s1</c> (owner <c>owner1</c>, home appliances) sells real parcels to honest buyers,
/// ships three near-empty parcels (a fake-fulfilment finding the seller can disprove with carrier proofs), and takes five
/// orders from buyer <c>b1</c> within forty minutes (the Shopee rule's brushing). Candidate jurors: five with no link to the
/// shop (one owns a clothing shop, one shares a campus NAT address with the owner and 24 other accounts, one buys from
/// another shop), and three linked ones who must never be drawn: one shares the owner's device, one sells home appliances
/// too, one bought from <c>s1</c> last week.
/// </summary>
internal static class AppealStory
{
    public static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    public const string Shop = "s1";
    public const string Listing = "s1-l1";
    public static readonly string[] FakeOrders = ["x1", "x2", "x3"];
    public static readonly string[] CleanJurors = ["j1", "j2", "j3", "j4", "j5"];
    public static readonly string[] LinkedJurors = ["jx-device", "jx-rival", "jx-buyer"];
    public static readonly string[] BrushedOrders = [.. Enumerable.Range(0, 5).Select(i => $"br-o{i}")];

    /// <summary>A policy with a jury of five and a quorum of three (the default's thirteen would need more jurors than the story has).</summary>
    public static string PolicyFile(string folder)
    {
        var policy = JsonNode.Parse(DetectorCatalog.DefaultPolicy().ToJson())!.AsObject();
        policy["jury"] = new JsonObject { ["size"] = 5, ["quorum"] = 3, ["majority"] = 0.5, ["vote_hours"] = 72 };
        var path = Path.Combine(folder, "policy.json");
        File.WriteAllText(path, policy.ToJsonString());
        return path;
    }

    public static List<MarketEvent> Market()
    {
        var events = new List<MarketEvent>
        {
            Registered("owner1", device: "dev-owner", ip: "10.0.0.1"),
            new ShopOpened { Id = "shop-s1", Ts = T0.AddDays(-30), Shop = Shop, Owner = "owner1", Name = "Bright Home", Company = "Bright Home Ltd" },
            new ListingPublished { Id = "lp-s1", Ts = T0.AddDays(-20), Listing = Listing, Shop = Shop, Category = "家用电器", Title = "电热水壶 1.7L" },
        };

        // Jurors: the clean five, then the linked three.
        events.Add(Registered("j1", device: "dev-j1"));
        events.Add(new ShopOpened { Id = "shop-s8", Ts = T0.AddDays(-40), Shop = "s8", Owner = "j1", Company = "J1 Fashion" });
        events.Add(new ListingPublished { Id = "lp-s8", Ts = T0.AddDays(-39), Listing = "s8-l1", Shop = "s8", Category = "服装" });
        events.Add(Registered("j2", device: "dev-j2"));
        events.Add(Registered("j3", device: "dev-j3", ip: "10.0.0.1"));
        events.Add(Registered("j4", device: "dev-j4"));
        events.Add(Registered("j5", device: "dev-j5"));
        events.Add(Registered("jx-device", device: "dev-owner"));
        events.Add(Registered("jx-rival", device: "dev-rival"));
        events.Add(new ShopOpened { Id = "shop-s7", Ts = T0.AddDays(-40), Shop = "s7", Owner = "jx-rival", Company = "Rival Appliances" });
        events.Add(new ListingPublished { Id = "lp-s7", Ts = T0.AddDays(-39), Listing = "s7-l1", Shop = "s7", Category = "家用电器" });
        events.Add(Registered("jx-buyer", device: "dev-buyer"));

        // The campus NAT: 23 more students behind the owner's and j3's address (25 accounts in all).
        events.AddRange(Enumerable.Range(1, 23).Select(i => Registered($"student{i}", device: $"dev-student{i}", ip: "10.0.0.1")));

        // j2 buys from another shop: no dealings with s1.
        events.AddRange(Life("j2-o1", "j2", "s9", "s9-l1", T0.AddDays(-2), 700, "ZT0000000901"));

        // Honest orders of s1 (jx-buyer's among them), real parcels.
        for (var n = 1; n <= 5; n++)
        {
            events.AddRange(Life($"h{n}", n == 5 ? "jx-buyer" : $"h{n}", Shop, Listing, T0.AddHours(3 * n), 480 + (5 * n), $"YT{n:D10}"));
        }

        // Three parcels the platform recorded as near-empty (22 g, 18 g, 25 g), tracking numbers used once each.
        double[] grams = [22, 18, 25];
        for (var i = 0; i < FakeOrders.Length; i++)
        {
            events.AddRange(Life(FakeOrders[i], $"buyer-x{i + 1}", Shop, Listing, T0.AddDays(i + 1), grams[i], $"YT{9000 + i:D10}"));
        }

        // The brushing hour, four days in, and an order elsewhere two hours later so the hour is judged.
        var brush = T0.AddDays(4);
        events.AddRange(Enumerable.Range(0, 5).Select(i => (MarketEvent)Some.OrderPlaced(id: $"br-e{i}", order: BrushedOrders[i], buyer: "b1", shop: Shop, listing: Listing, ts: brush.AddMinutes(10 * i))));
        events.AddRange(Enumerable.Range(0, 5).Select(i => (MarketEvent)new OrderPaid { Id = $"br-pay{i}", Ts = brush.AddMinutes((10 * i) + 1), Order = BrushedOrders[i] }));
        events.Add(Some.OrderPlaced(id: "later", order: "later-o", buyer: "bz", shop: "s9", listing: "s9-l1", ts: brush.AddHours(3)));
        return [.. events.OrderBy(e => e.Ts)];
    }

    public static string Tracking(string order) => $"YT{9000 + Array.IndexOf(FakeOrders, order):D10}";

    private static AccountRegistered Registered(string account, string device, string? ip = null)
        => new() { Id = "reg-" + account, Ts = T0.AddDays(-60), Account = account, Device = device, Ip = ip ?? "ip-" + account };

    private static IEnumerable<MarketEvent> Life(string order, string buyer, string shop, string listing, DateTimeOffset placed, double grams, string tracking)
    {
        yield return Some.OrderPlaced(id: "p-" + order, order: order, buyer: buyer, shop: shop, listing: listing, ts: placed);
        yield return new OrderPaid { Id = "pay-" + order, Ts = placed.AddMinutes(1), Order = order };
        yield return new OrderShipped { Id = "s-" + order, Ts = placed.AddHours(6), Order = order, Carrier = "YTO", Tracking = tracking, WeightG = grams };
        yield return new OrderDelivered { Id = "d-" + order, Ts = placed.AddHours(46), Order = order };
        yield return new OrderConfirmed { Id = "k-" + order, Ts = placed.AddDays(4), Order = order };
    }
}
