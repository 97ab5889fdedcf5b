namespace Clearwind.Simulation;

/// <content>Words of honest look-alikes (surges, reorders) and of seller reports.</content>
internal static partial class Vocabulary
{
    /// <summary>What livestream viewers and an influencer's followers ask before ordering.</summary>
    public static readonly string[] SurgeQuestions =
    [
        "主播说的优惠券在哪里领？", "直播间的价格现在还有吗？", "博主推荐的是这一款吗？", "这个颜色还有货吗？", "今天下单什么时候发货？",
        "看了视频过来的，学生党有优惠吗？",
    ];

    public static readonly string[] SurgeAnswers =
    [
        "亲，直播间下单自动减哦", "是的亲，就是视频里这款", "有货的亲，今天下单明天发", "亲，券在店铺首页领取哦", "亲，活动价到今晚12点",
    ];

    /// <summary>What a buyer asks when ordering again the same day.</summary>
    public static readonly string[] RepeatQuestions =
    [
        "上午拍的还没发货吧？能一起发吗？", "再拍一箱，家里老人也要", "两单能合并发货吗？", "刚才忘了拍这个，能一起寄吗？", "帮我改一下，两单一起发",
    ];

    public static readonly string[] RepeatAnswers =
    [
        "亲，可以的，给您合并发货", "好的亲，已经备注一起发", "亲，上一单已经发出了，这一单明天发哦", "收到亲，两单一起打包",
    ];

    /// <summary>Policies a seller can name in a report (the report form's list), with what sellers write under each, by target.</summary>
    public static readonly (string Reason, string Target, string[] Descriptions)[] ReportReasons =
    [
        ("order_brushing", "account", [
            "该买家一小时内在同一家店反复下单同一商品，评价都是同一个模板，疑似刷单",
            "这个账号专门给同一家店刷单，附上下单截图、评价链接和时间",
            "该账号注册没几天就在同一家店连续下单，好评内容和其他买家一字不差",
        ]),
        ("order_brushing", "shop", [
            "该店铺短时间内出现大量同一买家的订单，评价内容雷同，疑似虚假交易",
            "同行店铺找人刷单冲销量，几个买家号收货地址相同",
            "这家店一小时内几个买家号反复下单，好评都是同一句话",
        ]),
        ("order_brushing", "listing", ["这个商品的销量和评价是刷出来的，好评内容都一样"]),
        ("fake_reviews", "account", ["该账号给多家店铺发同样的好评，疑似职业刷评", "这个买家给了差评后私信要求返现"]),
        ("fake_reviews", "shop", ["对方雇人给自己刷好评，评价内容一模一样"]),
        ("fake_reviews", "listing", ["这个商品下面的好评都是同一个模板"]),
        ("malicious_orders", "account", ["该账号多次拍下不付款，占用库存", "这个账号和另外几个号同时拍下我们的爆款又不付款"]),
        ("stolen_image", "listing", ["对方盗用我店主图，原图有我们的拍摄记录", "该商品主图是我们自己拍的，对方直接拿去用了"]),
        ("stolen_image", "shop", ["该店铺盗用我们的图片"]),
        ("counterfeit", "listing", ["对方商品是山寨货，冒用我们的款式"]),
        ("counterfeit", "shop", ["这家店卖的是假货，和我们的正品对比明显不同"]),
    ];

    /// <summary>What a seller writes under a policy about a target of the given type (any type's words when none fit).</summary>
    public static string[] ReportWords(string reason, string target)
    {
        foreach (var (r, t, descriptions) in ReportReasons)
        {
            if (r == reason && t == target)
            {
                return descriptions;
            }
        }

        return ReportReasons.First(x => x.Reason == reason).Descriptions;
    }

    /// <summary>Reports that name no policy: the seller is upset but does not say what rule was broken.</summary>
    public static readonly string[] VagueReportDescriptions =
    [
        "这家店有问题，请平台查一下", "对方恶意竞争，请平台严肃处理", "感觉这个账号不正常", "这个商家太过分了，希望平台管管",
        "同行在搞我们，请处理", "这个店铺的销量不对劲",
    ];

    /// <summary>What a seller harassing a competitor keeps writing when naming no policy.</summary>
    public static readonly string[] HarassmentDescriptions =
    [
        "又是这家店，请平台处理", "这家店一直恶意竞争，之前举报过了还没处理", "对方价格低得离谱，肯定有问题", "这家店的东西大家不要买",
    ];

    /// <summary>Other platforms sellers mistakenly report to this one: name, profile link, id prefix.</summary>
    public static readonly (string Platform, string Link, string Prefix)[] OtherPlatforms =
    [
        ("douyin", "https://www.douyin.com/user/", "MS4wLjAB"),
        ("kuaishou", "https://www.kuaishou.com/profile/", "3x"),
        ("xiaohongshu", "https://www.xiaohongshu.com/user/profile/", "5f"),
        ("pinduoduo", "https://mobile.yangkeduo.com/mall_page.html?mall_id=", "pdd"),
    ];

    /// <summary>What sellers write about accounts on other platforms.</summary>
    public static readonly (string Reason, string Description)[] CrossPlatformReports =
    [
        ("impersonation", "这个账号冒充我们品牌官方账号带货"),
        ("marketing_account", "该账号在直播间卖我们的山寨货，还发假测评引流"),
        ("fake_reviews", "这个博主收钱发假测评，说我们的产品有问题"),
        ("marketing_account", "该账号在其他平台兜售刷单服务"),
    ];
}
