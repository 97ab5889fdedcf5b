using Clearwind.Accounts;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Accounts;

public sealed class MarketingDetectorTests
{
    private const string Stock = "a0a0a0a0a0a0a0a0";
    private const string Default = "ffd8e0c0c0e0f8ff";

    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, MarketingOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddMarketing(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private AccountRegistered Account(string account, string nickname, string? avatar = null, double minutes = 0)
        => new() { Id = NextId(), Ts = T0.AddMinutes(minutes), Account = account, Nickname = nickname, Avatar = avatar ?? "own-" + account };

    private ChatMessage Chat(string from, string to, string text, double minutes)
        => new() { Id = NextId(), Ts = T0.AddMinutes(minutes), Message = "m" + _next, From = from, To = to, Text = text };

    /// <summary>The account sends a solicitation with its contact id to each of the recipients, a few minutes apart.</summary>
    private IEnumerable<MarketEvent> Canvass(string from, string contact, int recipients, string shape = "亲，好评返现5元，加微信{0}领红包", double start = 60)
        => Enumerable.Range(0, recipients).Select(i => Chat(from, $"buyer{i}", string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, contact), start + (3 * i)));

    /// <summary>Honest accounts, <paramref name="count"/> of them, with the given avatar (their own when null) and ordinary names.</summary>
    private IEnumerable<MarketEvent> Crowd(string prefix, int count, string? avatar)
        => Enumerable.Range(0, count).Select(i => Account($"{prefix}{i}", "小猫" + i, avatar));

    private string NextId() => $"e{++_next}";

    [Fact]
    public void Marketing_NamedAccountCanvassingBuyers_FlagsAccountWithItsMessages()
    {
        List<MarketEvent> events = [Account("m1", "测评小助手"), .. Canvass("m1", "abc12345", 4)];

        var finding = Assert.Single(Run(events));

        Assert.Equal("accounts.marketing", finding.Pattern);
        Assert.Equal(new EntityRef("account", "m1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal(0.6, finding.Score, 6); // name 1 + canvassing 4 accounts 2 = 3 points
        Assert.Equal(4, finding.Evidence[1].Figures["recipients"]);
        Assert.Equal(4, finding.Evidence[1].Events.Count);
        Assert.DoesNotContain("abc12345", string.Join(" ", finding.Evidence.Select(e => e.Text)), StringComparison.Ordinal); // the contact id is not quoted
        Assert.Equal(DecisionActions.Review, new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding).Single().Action);
    }

    [Fact]
    public void Marketing_StudioSharingStockAvatarAndTemplates_FlagsEveryMember()
    {
        // A studio: three accounts with the same stock picture, one unnamed, all sending the same template.
        List<MarketEvent> events =
        [
            Account("m1", "返现达人", Stock), Account("m2", "兼职一姐", Stock), Account("m3", "小月亮", Stock),
            .. Canvass("m1", "abc1111", 3), .. Canvass("m2", "abd2222", 3, start: 120), .. Canvass("m3", "abe3333", 3, start: 180),
        ];

        var findings = Run(events);

        Assert.Equal(["m1", "m2", "m3"], findings.Select(f => f.Entity.Id).Order());
        var unnamed = findings.Single(f => f.Entity.Id == "m3");
        Assert.Equal(0.7, unnamed.Score, 6); // stock avatar 1 + canvassing 2 + copied template 1
        var named = findings.Single(f => f.Entity.Id == "m1");
        Assert.Equal(0.8, named.Score, 6); // and the name
        Assert.Equal(DecisionActions.Throttle, new Decider(DetectorCatalog.DefaultPolicy()).Decide(named).Single().Action);
    }

    [Fact]
    public void Marketing_ReviewsGivingContactUnderSeveralListings_CountAsCanvassing()
    {
        // Solicitation in reviews: the contact id is posted under three listings for their readers.
        List<MarketEvent> events =
        [
            Account("m1", "兼职招募"),
            .. Enumerable.Range(1, 3).Select(i => new ReviewPosted
            {
                Id = NextId(), Ts = T0.AddHours(i), Review = $"v{i}", Account = "m1", Listing = $"l{i}", Rating = 5,
                Text = "想赚零花钱的看过来，vx hjk56789",
            }),
        ];

        var finding = Assert.Single(Run(events));

        Assert.Equal("m1", finding.Entity.Id);
        Assert.Equal(3, finding.Evidence[1].Figures["recipients"]);
    }

    [Theory]
    [InlineData("ce评小助手")]
    [InlineData("返xian达人")]
    [InlineData("测pin一姐")]
    [InlineData("兼zhi中心")]
    [InlineData("雲朵官方客服")] // claims to be an official service desk
    public void Marketing_DisguisedOrClaimingName_CountsAsTheNameSign(string nickname)
    {
        var named = Run([Account("m1", nickname), .. Canvass("m1", "abc12345", 3)]);
        var plain = Run([Account("m1", "小月亮"), .. Canvass("m1", "abc12345", 3)]);

        Assert.Equal("m1", Assert.Single(named).Entity.Id);
        Assert.Empty(plain); // canvassing alone is 2 points: one sign never convicts
    }

    [Fact]
    public void ReviewerNickname_测评UsedInnocently_IsNotFlagged()
    {
        // An honest reviewer: 测评 in the name, chats with a seller about an order, no contact ids.
        var findings = Run([
            Account("r1", "小鱼的测评日记"),
            Chat("r1", "seller1", "这个颜色还有货吗？", 30),
            Chat("r1", "seller1", "好的，明天发货吗", 40),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void StockAvatarBuyers_WithMarketingNameOrNot_AreNotFlaggedWithoutBehaviour()
    {
        // Thirty honest shoppers picked the same popular picture; one of them also reviews for fun under a 测评 name.
        List<MarketEvent> events = [.. Crowd("b", 30, Stock), Account("r1", "爱测评的阿猫", Stock)];

        Assert.Empty(Run(events)); // two weak signs at most: below three points
    }

    [Fact]
    public void DefaultAvatar_OnMostAccounts_IsNotAStockPicture()
    {
        // The platform's default picture is on 60 of 100 accounts: it means "no avatar", not a studio's stock picture.
        List<MarketEvent> events =
        [
            .. Crowd("d", 60, Default), .. Crowd("o", 39, null), Account("m1", "小月亮", Default, minutes: 1),
            .. Canvass("m1", "abc12345", 3),
        ];
        Assert.Empty(Run(events));
    }

    [Fact]
    public void Seller_CashbackChatsWithoutContact_IsNotFlagged()
    {
        // A seller's 好评返现 offers to its own buyers: a review incentive (another pattern), not an off-platform lure.
        var findings = Run([
            Account("owner", "返现小店主", Stock), Account("x1", "a", Stock), Account("x2", "b", Stock),
            .. Enumerable.Range(0, 5).Select(i => Chat("owner", $"buyer{i}", "亲，收到宝贝满意的话给个五星好评，截图发我返现5元哦", 30 + i)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Marketing_EvidenceGrows_ReportsTheSameFindingAgain()
    {
        var pipeline = new DetectionPipelineBuilder().AddMarketing().Build();
        List<MarketEvent> events = [Account("m1", "测评小助手"), .. Canvass("m1", "abc12345", 12)];
        foreach (var e in events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();

        var finding = Assert.Single(pipeline.Findings);
        Assert.Equal(12, finding.Evidence[1].Figures["recipients"]);
    }
}
