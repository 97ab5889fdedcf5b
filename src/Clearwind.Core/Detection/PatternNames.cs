namespace Clearwind.Detection;

/// <summary>
/// The Simplified Chinese name of each pattern, as sellers and analysts know it (刷单, 恶意差评, 极限词 …): shown next to
/// the pattern id in <c>report.html</c> and in decision explanations. Every built-in pattern has one (a test checks);
/// an unknown pattern falls back to its family's name.
/// </summary>
public static class PatternNames
{
    /// <summary>Chinese names by pattern id.</summary>
    public static IReadOnlyDictionary<string, string> ByPattern { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["order_brushing.concentration"] = "刷单（订单集中）",
        ["order_brushing.fake_fulfilment"] = "虚假发货",
        ["order_brushing.self_dealing"] = "自买自卖",
        ["order_brushing.ring"] = "刷单团伙",
        ["attack.malicious_orders"] = "恶意拍下",
        ["attack.click_fraud"] = "恶意点击",
        ["fake_likes.burst"] = "刷赞（突增）",
        ["fake_likes.concentration"] = "刷赞（来源集中）",
        ["fake_likes.lockstep"] = "刷赞（同步点赞）",
        ["fake_likes.mismatch"] = "刷赞（互动异常）",
        ["fake_likes.zombies"] = "僵尸粉点赞",
        ["fake_reviews.no_purchase"] = "无购买评价",
        ["fake_reviews.duplicate_text"] = "重复评价",
        ["fake_reviews.farm"] = "刷评工作室",
        ["fake_reviews.malicious_negative"] = "恶意差评",
        ["accounts.marketing"] = "营销号",
        ["accounts.impersonation"] = "冒充账号",
        ["brand.alert"] = "品牌预警",
        ["reports.invalid"] = "无效举报",
        ["reports.abuse"] = "恶意举报",
        ["alliance.listed"] = "联盟黑名单命中",
        ["listing.duplicate"] = "重复铺货",
        ["listing.title_stuffing"] = "标题堆砌",
        ["listing.wrong_category"] = "类目错放",
        ["listing.fake_price"] = "虚假价格",
        ["listing.title_attribute_mismatch"] = "标题属性不一致",
        ["listing.image_quality"] = "图片不合格",
        ["listing.stolen_image"] = "盗图",
        ["listing.banned_words"] = "极限词",
        ["listing.brand_infringement"] = "品牌侵权",
        ["policy.ladder"] = "处罚升级",
    };

    /// <summary>
    /// The rule of each pattern in plain Simplified Chinese words, as a seller reads it next to the pattern's name. A finding's
    /// English <see cref="Finding.Rule"/> also carries the thresholds the policy set; these sentences name what is measured
    /// and say "the threshold" where a number is configurable, so they stay true under any policy. Every built-in pattern
    /// has one (a test checks).
    /// </summary>
    public static IReadOnlyDictionary<string, string> RulesByPattern { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["order_brushing.concentration"] = "在任一以订单开始的一小时窗口内，订单数除以不同买家数达到阈值（Shopee Code League 2020 的刷单定义），即少数买家集中下单。",
        ["order_brushing.fake_fulfilment"] = "订单按空包和虚假物流迹象计分：重复使用的运单号、几乎无重量的包裹各计 2 分，发货后极快签收、签收后极快确认收货、确认后立即发布无内容五星评价、与店主聊返现各计 1 分；分数达到阈值的订单判为虚假，一段时间内虚假订单达到阈值数量的店铺被报告。",
        ["order_brushing.self_dealing"] = "买家是店主本人，或与店主共用手机号、设备、网络地址、收货地址或支付账号（被很多账号共用的标识不计），关联度达到阈值，并在本店下单达到阈值笔数（自买自卖）。",
        ["order_brushing.ring"] = "一批买家账号与一批店铺之间的订单关系异常密集：买家数、店铺数和密度都达到阈值，且订单组合数远超按店铺和买家自身热度预期的数量（刷单团伙互相刷单）。",
        ["attack.malicious_orders"] = "短时间内多个账号对同一店铺拍下大量订单却不付款，未付款订单占同期已结束订单的比例达到阈值，且足够多的账号是新注册、相互关联、多次拍下不付款或同时在其他店铺拍下不付款的账号（恶意拍下）。",
        ["attack.click_fraud"] = "同一点击者在一段时间内对同一广告主的广告点击次数达到阈值，点击后不浏览或停留极短，且从未在该店铺付款下单；使用其他无效点击者设备的点击者也计入（恶意点击消耗广告费）。",
        ["fake_likes.burst"] = "商品在几分钟内获得的点赞数达到阈值，且远超其自身以往的点赞水平（泊松尾概率极小）；仅当点赞账号中买过该店铺商品的比例很低、同期成交也很少时才报告。",
        ["fake_likes.concentration"] = "一段时间内的点赞账号集中来自少数 IP 地址、网段或设备（按熵折算后每个来源的账号数达到阈值）；共用来源的点赞账号被点名，买过该店铺商品的除外。",
        ["fake_likes.lockstep"] = "一组账号在几分钟之内先后为同一批商品点赞，组内账号数和共同点赞的商品数都达到阈值（同步点赞）；买过该店铺商品的账号不计。",
        ["fake_likes.mismatch"] = "一段时间内商品的点赞数远超按其有效浏览和类目点赞率应得的数量，而成交远少于按类目转化应有的数量（点赞与浏览、成交不相称）。",
        ["fake_likes.zombies"] = "一段时间内商品的点赞中，来自新注册、没有自己头像、从未下单的小号的点赞数量和占比都达到阈值，且点赞节奏异常均匀（僵尸粉点赞）。",
        ["fake_reviews.no_purchase"] = "评价背后没有本人已签收的购买：没有订单、订单不存在、订单属于别人、评价前已取消或尚未签收。",
        ["fake_reviews.duplicate_text"] = "多个不同账号对同一商品发布几乎相同的评价文字（去掉标点和表情后比对），账号数达到阈值。",
        ["fake_reviews.farm"] = "一段时间内对同一商品发布评价的账号中，相互关联（共用设备、手机号、支付账号，或无购买者共用地址、IP、网段）的账号数达到阈值（刷评工作室）。",
        ["fake_reviews.malicious_negative"] = "一段时间内对同一商品给出低分的账号中，没有本人已签收购买或与其他店铺店主关联的账号数及其占比达到阈值；与某竞争店铺店主关联的账号足够多时点名该店铺（恶意差评）。",
        ["accounts.marketing"] = "账号按营销号迹象计分：昵称宣传有偿好评、返现、刷单或冒充官方客服，使用网图头像，向多个账号发送站外联系方式，在多个账号间复制消息；分数达到阈值即判为营销号。",
        ["accounts.impersonation"] = "店铺名或账号昵称自称某品牌的官方店、旗舰店或客服（按形近字骨架比对），而该店铺或其店主并未获得该品牌授权（冒充账号）。",
        ["brand.alert"] = "评价提到某品牌并称商品是假货或骗人（假货、骗人、山寨…），且没有否认（不是假货），也不是为正品作证的好评；仅提醒品牌方。",
        ["reports.invalid"] = "举报须指明本平台上的对象、附上对象页面的链接，并写明违反的规则（理由含糊如“其他”时，描述中须提到具体规则），否则无法处理。",
        ["reports.abuse"] = "同一账号在一段时间内针对同一竞争对手提交的无法处理的举报数量及其占比达到阈值（恶意举报）。",
        ["alliance.listed"] = "账号的手机号、设备、支付账户、收货地址或账号名在合作平台的联盟黑名单上（反刷单联盟）；仅作为注明来源的风险信号，一律人工复核，不单独据此处罚。",
        ["listing.duplicate"] = "同一公司的两个商品标题高度相似、价格相近，且属性相同或主图几乎相同，型号编码不冲突（重复铺货）；几乎一模一样的复制品为重度重复，其余为轻度重复。",
        ["listing.title_stuffing"] = "标题中堆砌本类目的多个商品词、重复关键词、多个型号、多个品牌、一串地名，或在商品词之后、借用词之后、修饰语之间夹带未获授权的品牌，数量达到阈值（标题堆砌）。",
        ["listing.wrong_category"] = "标题和属性中的词或属性在另一类目的商品中常见、在所选类目中罕见，且没有更支持所选类目的词（类目错放）。",
        ["listing.fake_price"] = "价格远低于或远高于类目及同类商品的常见价格区间，或价格在短时间内多次大幅变动（虚假价格）。",
        ["listing.title_attribute_mismatch"] = "标题写明的属性值与商品自身填写的属性值（或其类目商品普遍的属性值）相矛盾（标题属性不一致）。",
        ["listing.image_quality"] = "主图短边小于规定像素，或长边超过短边的规定倍数（长条图）（图片不合格）。",
        ["listing.stolen_image"] = "主图与另一家公司更早使用的主图在感知哈希上几乎相同，该图不是很多公司都在用的通用图，也不是获得授权的店铺为该品牌商品使用的品牌图（盗图）。",
        ["listing.banned_words"] = "标题或描述中含有广告法禁止的极限词（最、第一等只在“最近”“第一次”等普通词之外才算；仅有语境词不算）（极限词）。",
        ["listing.brand_infringement"] = "标题中（按形近字骨架比对）含有店铺申报过的品牌名，而该商品所在店铺未获得该品牌授权（品牌侵权）。",
        ["policy.ladder"] = "店铺累计的处罚次数达到策略处罚阶梯的某一级时，按该级升级处罚。",
    };

    /// <summary>The Chinese rule of <paramref name="patternId"/>, else null (the English rule is then the only one).</summary>
    public static string? ChineseRule(string patternId)
    {
        ArgumentNullException.ThrowIfNull(patternId);
        return RulesByPattern.GetValueOrDefault(patternId);
    }

    /// <summary>Chinese names by family, for a pattern without its own name.</summary>
    public static IReadOnlyDictionary<string, string> ByFamily { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accounts"] = "账号",
        ["attack"] = "攻击",
        ["brand"] = "品牌",
        ["fake_likes"] = "虚假点赞",
        ["fake_reviews"] = "虚假评价",
        ["listing"] = "商品",
        ["order_brushing"] = "刷单",
        ["policy"] = "处罚",
        ["reports"] = "举报",
    };

    /// <summary>The Chinese name of <paramref name="patternId"/>, else its family's, else null.</summary>
    public static string? Chinese(string patternId)
    {
        ArgumentNullException.ThrowIfNull(patternId);
        if (ByPattern.TryGetValue(patternId, out var name))
        {
            return name;
        }

        var dot = patternId.IndexOf('.', StringComparison.Ordinal);
        return ByFamily.GetValueOrDefault(dot > 0 ? patternId[..dot] : patternId);
    }
}
