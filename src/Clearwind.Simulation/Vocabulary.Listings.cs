namespace Clearwind.Simulation;

/// <content>Words of listing cheating under the 1688 search rules, and of the honest text that resembles it.</content>
internal static partial class Vocabulary
{
    /// <summary>
    /// Absolute and extreme advertising words (极限词) as sellers put them in titles. Our own list, in the spirit of
    /// the advertising-law checklists: 最, 第一, 国家级, 极, 超, 完美, 十足, 百分百, 纯天然, 高档, 独家, 绝对, 唯一 …
    /// </summary>
    public static readonly string[] BannedTitleWords =
    [
        "全网最低价", "最好", "最佳", "最新款", "销量第一", "第一品牌", "国家级", "极品", "极致", "超强", "超级",
        "完美", "十足", "百分百", "高档", "独家", "绝对正品", "唯一", "顶级", "万能", "首选", "全网首发", "至尊",
    ];

    /// <summary>Extreme claims for food and cosmetics titles.</summary>
    public static readonly string[] BannedNaturalWords = ["纯天然", "百分百纯天然", "零添加"];

    /// <summary>Description sentences with extreme claims ({0}: the product).</summary>
    public static readonly string[] BannedDescriptionSentences =
    [
        "采用国家级工艺，品质绝对有保障", "全网销量第一，好评如潮", "百分百纯天然原料，独家配方", "完美做工，质感十足",
        "业内唯一专利设计", "高档大气，送礼首选", "极致体验，超强耐用", "同价位最好的{0}", "全网最低价，买贵退差价",
        "顶级品质，终身保修", "史无前例的{0}，绝无仅有",
    ];

    /// <summary>
    /// Honest sentences with a character of the extreme words inside an ordinary word (超市, 第一次, 最近 …): not a claim.
    /// </summary>
    public static readonly string[] CommonWordSentences =
    [
        "超市同款，放心选购", "第一次购买的新客可领新人券", "第一次使用前请先清洗晾干", "最近订单较多，发货稍有延迟",
        "最后一批现货，售完补货需等待", "支持超市自提点收货", "极简包装，环保减塑",
    ];

    /// <summary>The bare characters and words of extreme claims that ordinary words also contain.</summary>
    public static readonly string[] BannedCharacters = ["最", "超", "极", "第一", "唯一", "绝对", "完美"];

    /// <summary>Provinces and cities that stuffed titles string together (五金加工件浙江上海安徽福建…).</summary>
    public static readonly string[] StuffedPlaces =
    [
        "浙江", "上海", "安徽", "福建", "广东", "山东", "湖南", "江苏", "河北", "河南", "湖北", "江西",
        "义乌", "杭州", "广州", "深圳", "苏州", "温州",
    ];

    /// <summary>Model series of phones (invented), for accessory titles (适用 K30).</summary>
    public static readonly string[] ModelSeries = ["X", "K", "P", "Y", "A", "S", "M", "Note", "Mate", "Nova", "Reno"];

    /// <summary>Too low a price for a real product (0.01 yuan for a garment).</summary>
    public static readonly decimal[] BaitPrices = [0.01m, 0.01m, 0.01m, 0.1m, 0.5m, 1m, 1.9m];

    /// <summary>Too high a price for the category (18,888 for a bedding set).</summary>
    public static readonly decimal[] InflatedPrices = [18888m, 9999m, 8888m, 28888m, 16888m, 66666m, 99999m];

    /// <summary>How infringing titles lean on another brand: {0} is the brand.</summary>
    public static readonly string[] InfringingBrandForms = ["{0}", "{0}", "{0}", "{0}同款", "{0}原单", "{0}代工厂", "仿{0}"];

    /// <summary>How stuffed titles borrow an unrelated brand to catch its searches: {0} is the brand.</summary>
    public static readonly string[] BorrowedBrandForms = ["赛{0}", "{0}同款", "比{0}", "{0}"];

    /// <summary>Key-attribute values worth lying about in a title (the premium ones), by attribute.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PremiumKeyValues = new Dictionary<string, string[]>
    {
        ["面料"] = ["真丝", "纯棉", "羊毛", "亚麻", "皮毛一体"],
        ["帮面材质"] = ["真皮", "翻毛皮"],
        ["材质"] = ["真丝", "纯棉", "长绒棉", "天丝", "牛皮", "304不锈钢", "316不锈钢", "实木", "铬钒钢", "铜", "楠竹"],
        ["机芯类型"] = ["石英", "机械"],
        ["产地"] = ["云南", "新疆", "江西", "福建"],
        ["功效"] = ["补水", "修护", "提亮"],
    };
}
