using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Reports;

/// <summary>
/// Report events shaped like seed 000's examples: a valid report has a link to the page on this marketplace, one or
/// more screenshots and a named policy; the invalid ones lack the link, name no policy, or name another platform.
/// </summary>
internal static class ReportScenario
{
    public static readonly DateTimeOffset T0 = Some.Epoch.AddDays(1).AddHours(10);

    public const string Site = "https://market.example/";

    /// <summary>Rival shop r1 owned by account ro1, with listings rl1 and rl2.</summary>
    public static IEnumerable<MarketEvent> RivalShop(string shop = "r1", string owner = "ro1", params string[] listings)
    {
        yield return new ShopOpened { Id = $"so-{shop}", Ts = Some.Epoch, Shop = shop, Owner = owner };
        foreach (var listing in listings.Length > 0 ? listings : ["rl1", "rl2"])
        {
            yield return new ListingPublished { Id = $"lp-{listing}", Ts = Some.Epoch.AddMinutes(1), Listing = listing, Shop = shop, Title = "连衣裙" };
        }
    }

    public static ReportFiled Valid(string report, string reporter, EntityRef target, DateTimeOffset at, string reason = "order_brushing")
        => new()
        {
            Id = "ev-" + report,
            Ts = at,
            Report = report,
            Reporter = reporter,
            Target = target,
            Reason = reason,
            Description = "该店铺短时间内出现大量同一买家的订单，评价内容雷同，疑似虚假交易",
            Evidence =
            [
                new ReportEvidence("link", Site + target.Type + "/" + target.Id, at.AddMinutes(-30)),
                new ReportEvidence("screenshot", "a1b2c3d4e5f60718", at.AddHours(-3)),
                new ReportEvidence("screenshot", "0718a1b2c3d4e5f6", at.AddHours(-2)),
            ],
        };

    /// <summary>Seed 000's "证据不足（仅截图无链接）": a named policy, screenshots, no link.</summary>
    public static ReportFiled ScreenshotOnly(string report, string reporter, EntityRef target, DateTimeOffset at, string screenshot = "ffee00112233aabb")
        => Valid(report, reporter, target, at) with
        {
            Evidence = [new ReportEvidence("screenshot", screenshot, at.AddHours(-5)), new ReportEvidence("listing", "rl1", at.AddHours(-6))],
        };

    /// <summary>Seed 000's "描述模糊（未说明违反哪项政策）": a link, no policy, words of a mood.</summary>
    public static ReportFiled NoPolicy(string report, string reporter, EntityRef target, DateTimeOffset at, string? reason = null)
        => Valid(report, reporter, target, at) with { Reason = reason, Description = "对方恶意竞争，请平台严肃处理" };

    /// <summary>Seed 000's "跨站举报": an account on another platform, with its link there.</summary>
    public static ReportFiled CrossPlatform(string report, string reporter, DateTimeOffset at, string account = "MS4wLjABx1")
        => new()
        {
            Id = "ev-" + report,
            Ts = at,
            Report = report,
            Reporter = reporter,
            Target = new EntityRef(EntityTypes.Account, account),
            Platform = "douyin",
            Reason = "impersonation",
            Description = "这个账号冒充我们品牌官方账号带货",
            Evidence = [new ReportEvidence("screenshot", "9988776655443322", at.AddHours(-1)), new ReportEvidence("link", "https://www.douyin.com/user/" + account, at.AddMinutes(-5))],
        };

    public static EntityRef Shop(string id) => new(EntityTypes.Shop, id);

    public static EntityRef Listing(string id) => new(EntityTypes.Listing, id);

    public static EntityRef Account(string id) => new(EntityTypes.Account, id);
}
