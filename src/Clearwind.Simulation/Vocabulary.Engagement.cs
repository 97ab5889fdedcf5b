namespace Clearwind.Simulation;

/// <content>Words of fake engagement: bought and malicious reviews, marketing accounts, impersonators, brand complaints.</content>
internal static partial class Vocabulary
{
    /// <summary>Words marketing accounts (营销号) put in their names: paid reviews, cashback, brushing, side jobs.</summary>
    public static readonly string[] MarketingWords =
    [
        "测评", "返现", "刷单", "兼职", "好评", "返利", "日结", "副业", "招募", "放单", "补单", "佣金", "推广", "引流",
    ];

    /// <summary>The same words spelled to slip past a plain keyword filter.</summary>
    public static readonly string[] MarketingWordsDisguised = ["ce评", "返xian", "fan现", "兼zhi", "刷dan", "测pin", "日jie"];

    /// <summary>Name shapes around a marketing word (<c>{0}</c>).</summary>
    public static readonly string[] MarketingNameShapes =
    [
        "{0}小助手", "专业{0}", "{0}达人", "{0}团队", "{0}姐姐", "{0}君", "{0}工作室", "{0}联盟", "{0}一姐", "宝妈{0}", "{0}接单", "{0}中心",
    ];

    /// <summary>How an off-platform contact is written (<c>{0}</c> the id).</summary>
    public static readonly string[] ContactShapes = ["加微信{0}", "V信：{0}", "vx {0}", "+V：{0}", "薇信{0}", "加我{0}", "扣扣{0}"];

    /// <summary>Solicitations to buyers (<c>{0}</c> contact, <c>{1}</c> a small amount, <c>{2}</c> a day's pay).</summary>
    public static readonly string[] BuyerSolicitations =
    [
        "亲，好评返现{1}元，{0}领红包", "招聘兼职刷单，日结{2}+，在家用手机就能做，{0}", "宝妈学生党副业，一单一结，{0}",
        "免费领取试用品，只需要写个测评，{0}", "点赞收藏就有佣金，每单{1}元，{0}", "想赚零花钱的看过来，{0}",
    ];

    /// <summary>Solicitations to sellers (<c>{0}</c> contact, <c>{1}</c> a small amount, <c>{2}</c> a large one).</summary>
    public static readonly string[] SellerSolicitations =
    [
        "老板，店铺需要做销量和评价吗？专业测评团队，{0}", "补单放单，真人真号不降权，{0}", "新品破零，点赞收藏加购一条龙，{0}",
        "店铺起爆款找我们，好评{1}条起做，{0}", "专业做买家秀带图好评，{0}", "点赞{2}个只要{1}元，{0}",
    ];

    /// <summary>Names of honest people who write long reviews for fun (<c>{0}</c> a nickname word).</summary>
    public static readonly string[] ReviewerNames = ["{0}的测评日记", "爱测评的{0}", "{0}好物测评", "{0}真实测评", "数码测评{0}"];

    /// <summary>Nicknames of accounts posing as a brand's service desk (<c>{0}</c> the brand).</summary>
    public static readonly string[] ImpersonatorNames = ["{0}官方客服", "{0}旗舰店售后", "{0}官方", "{0}客服中心", "{0}品牌官方号", "{0}官方福利官"];

    /// <summary>What they send buyers (<c>{0}</c> the brand, <c>{1}</c> the contact).</summary>
    public static readonly string[] ImpersonatorMessages =
    [
        "您好，这里是{0}官方售后，您购买的商品存在质量问题，可办理双倍理赔，请{1}",
        "【{0}官方】恭喜您获得老客户回馈礼品，{1}领取", "{0}旗舰店通知：您的订单物流异常，需要重新核实信息，{1}",
        "{0}官方会员日，专属优惠名额有限，{1}",
    ];

    /// <summary>Shop names that pose as a brand's own store (<c>{0}</c> the brand).</summary>
    public static readonly string[] ImpersonatorShopNames =
    [
        "{0}官方旗舰店", "{0}官方店", "{0}官方直营店", "{0}品牌官方店", "{0}正品官方店", "{0}官方授权店", "{0}旗艦店", "{0}宫方旗舰店",
        "{0}官方旗艦店", "{0}旗舰店官方", "{0}官方正品直营",
    ];

    /// <summary>Look-alike characters (traditional forms, similar shapes) for simplified ones in brand names.</summary>
    public static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['云'] = '雲',
        ['朵'] = '朶',
        ['见'] = '見',
        ['极'] = '極',
        ['猫'] = '貓',
        ['记'] = '記',
        ['柠'] = '檸',
        ['屿'] = '嶼',
        ['阳'] = '陽',
        ['蓝'] = '藍',
        ['鲸'] = '鯨',
        ['绿'] = '綠',
        ['麦'] = '麥',
        ['优'] = '優',
        ['汇'] = '匯',
        ['锦'] = '錦',
        ['绣'] = '繡',
        ['风'] = '風',
        ['鹿'] = '麓',
        ['光'] = '先',
    };

    /// <summary>Clause slots of praise: every review that paraphrases a template picks one per slot.</summary>
    public static readonly string[][] PraiseSlots =
    [
        ["宝贝收到了", "东西收到啦", "今天到货了", "快递到了"],
        ["质量超级好", "质量非常好", "做工很精致", "品质没得说", "用料很扎实"],
        ["和图片一模一样", "跟描述的完全一致", "实物比图片还好看", "没有色差"],
        ["物流超快", "快递很给力第二天就到了", "发货速度很快", "包装很严实"],
        ["客服小姐姐很耐心", "卖家服务态度超好", "客服回复很及时", "老板人很好"],
        ["强烈推荐给大家", "五星好评", "已经推荐给朋友了", "还会再来的", "闭眼入不踩雷"],
    ];

    /// <summary>Remarks a writer adds when the praise is written by hand rather than from a template.</summary>
    public static readonly string[] PraiseRemarks =
    [
        "孩子很喜欢", "比超市便宜不少", "包装很用心还送了小礼物", "第二次买了", "性价比真的高", "家里老人也说好",
        "朋友看了也想买", "用了几天再来追评", "细节处理得很好", "比想象中大一点", "没有异味", "送人很有面子", "下次还会回购",
        "价格很美丽", "比实体店划算", "和我之前买的一样好", "值这个价", "赶上活动很划算",
    ];

    /// <summary>Clause slots of a one-star attack.</summary>
    public static readonly string[][] ComplaintSlots =
    [
        ["质量太差了", "收到就是坏的", "和图片完全不一样", "做工粗糙", "有一股刺鼻的味道", "用了一次就坏了"],
        ["客服态度恶劣", "客服根本不理人", "退货还要自己出运费", "商家拒绝售后"],
        ["大家千万别买", "避雷！", "差评！", "别上当了", "浪费钱"],
    ];

    /// <summary>Words a brand owner's keyword watch looks for next to the brand name.</summary>
    public static readonly string[] BrandAlertWords = ["假货", "骗人", "山寨", "高仿", "冒牌", "不是正品", "骗子", "仿品"];

    /// <summary>Complaints that the goods are fakes or a scam (<c>{0}</c> brand, <c>{1}</c> product).</summary>
    public static readonly string[] BrandAlertReviews =
    [
        "{0}的{1}是假货吧，和专柜的完全不一样", "买到山寨{0}了，logo都是歪的", "说是{0}正品，结果是高仿，骗人",
        "{0}官方店卖假货？做工太差了", "这个{0}{1}是冒牌的，包装印刷模糊", "和朋友的{0}对比了，明显是仿品",
        "{0}{1}防伪码查不到，不是正品，骗子店", "{0}的东西怎么会这么粗糙，怀疑是假货",
    ];

    /// <summary>Honest complaints that name the brand without calling it fake (<c>{0}</c> brand, <c>{1}</c> product).</summary>
    public static readonly string[] BrandComplaints =
    [
        "{0}这款{1}一般般，没有想象中好", "{0}的做工还行，就是价格有点贵", "第一次买{0}，{1}有点小瑕疵，客服给补偿了",
        "{0}家的{1}发货太慢了", "和之前买的{0}比，这次颜色有点偏差", "{0}{1}用了一周，感觉性价比不高",
        "{0}的包装太简陋了，{1}还行", "对{0}期望太高了，这个{1}中规中矩",
    ];

    /// <summary>A seller's cashback offer (<c>{0}</c> amount); the text to copy follows it.</summary>
    public static readonly string[] ReviewCashbackOffers =
    [
        "亲，收到宝贝满意的话给个五星好评带图，截图发我返现{0}元哦", "亲，好评返现{0}元，评价可以直接复制下面这段哦",
        "感谢支持！五星好评截图给客服，返{0}元红包",
    ];

    public static readonly string[] ReviewCashbackPaid = ["返现已发，请查收哦亲", "红包已转，感谢好评~", "已返现，欢迎下次光临"];

    public static readonly string[] Endings = ["！", "!!", "~", "。", "！！", "", "👍", "😊"];

    public static readonly string[] AngryEndings = ["！", "!!", "。", "！！", "", "😡", "…", "!!!"];
}
