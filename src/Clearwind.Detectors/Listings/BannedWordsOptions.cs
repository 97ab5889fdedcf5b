using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.banned_words</c> (极限词, SPEC §2.4): absolute and extreme advertising claims (广告法 art. 9(3)
/// and the words the 1688 search rules treat alike) in a listing's title or description. The word lists are the
/// product's own; the public merchant checklist in the test fixtures is only used to check their coverage.
/// </summary>
public sealed class BannedWordsOptions : DetectorOptions
{
    /// <summary>
    /// Claims that fire wherever they appear in the title or the description: superlatives (最佳, 最低价), rankings
    /// (第一品牌, 销量第一, NO.1), uniqueness (唯一, 独家), top grades (顶级, 国家级, 极品, 超级), absolutes (绝对, 完美, 百分百,
    /// 纯天然), state endorsement (国家免检, 特供), guaranteed results (包过, 根治, 100%有效), superstition (招财进宝, 辟邪) and
    /// lottery bait (点击领奖). The bare forms 最 and 第一 are listed too and follow <see cref="OrdinaryNext"/>.
    /// </summary>
    /// <value>Default: the list below.</value>
    [MinLength(1)]
    public string[] Words { get; set; } =
    [
        // Superlatives (最 …); 最 bare is a claim unless it makes an ordinary word.
        "最", "最佳", "最具", "最赚", "最优", "最优秀", "最好", "最大", "最大程度", "最高", "最高级", "最高档", "最奢侈", "最低",
        "最低级", "最低价", "最便宜", "最流行", "最受欢迎", "最时尚", "最聚拢", "最符合", "最舒适", "最先", "最先进", "最新",
        "最新科技", "最新科学", "最新技术", "全网最低价",

        // Rankings and firsts.
        "第一", "中国第一", "全国第一", "全网第一", "销量第一", "排名第一", "第一品牌", "行业第一", "NO.1", "TOP.1", "TOP1",
        "首个", "首选", "全球首发", "全国首家", "全网首发", "首款", "首家", "全国销量冠军", "销量冠军",

        // Uniqueness.
        "唯一", "独一无二", "仅此一家", "仅此一次", "独家", "独家配方", "绝无仅有", "前无古人", "史无前例",

        // Top grades and leadership.
        "一流", "超一流", "全球级", "宇宙级", "世界级", "国家级", "极品", "极佳", "极致", "绝佳", "顶级", "顶尖", "尖端", "终极",
        "超级", "超强", "世界领先", "行业领先", "领先上市", "领袖品牌", "创领品牌", "领导品牌", "领导者", "缔造者",
        "王者", "问鼎", "至尊", "巅峰", "之王", "王牌", "高档", "万能", "无敌",

        // Absolutes.
        "绝对", "完美", "十足", "百分百", "100%有效", "纯天然", "零添加", "零风险", "无副作用", "无毒副作用",

        // State endorsement and special supply.
        "国家级产品", "国家领导人推荐", "国家机关推荐", "国家机关专供", "特供", "国宴专用", "政协用酒", "人民大会堂",
        "全国人大", "质量免检", "无需国家质量检测", "国家免检", "免抽检",

        // Guaranteed results and returns.
        "包过", "保过", "一次通过", "一次通关", "一本书学会", "一套题学会", "高考升学率", "高考移民", "不用学直接选",
        "看到直接选", "升值回报", "立马升值", "投资价值", "投资回报", "根治", "包治百病", "一盒见效", "彻底康复", "痊愈",
        "立马见效", "三天即愈", "比手术安全", "无效退款", "不反复", "无依赖", "免费治疗",

        // Superstition.
        "冥器", "旺夫", "旺子", "旺人", "旺财", "旺宅", "镇宅", "带来好运气", "增强第六感", "逢凶化吉", "避凶", "辟邪", "防小人",
        "化解小人", "增加事业运", "招财进宝", "健康富贵", "提升运气", "有助事业", "平衡正负能量", "消除精神压力", "调和气压",
        "时来运转", "万事亨通", "消灾", "挡灾", "助吉避凶", "转富招福",

        // Lottery and price bait.
        "点击领奖", "恭喜获奖", "全民免单", "点击有惊喜", "点击获取", "点击转身", "点击试穿", "点击翻转", "领取奖品", "秒杀全网",
        "大亏特亏", "非转基因更安全", "免费赠送",
    ];

    /// <summary>
    /// Words that the advertising-law checklists name but that honest listings use every day in their plain sense: a
    /// baby seat's 安全 feature, 选用 + material, 可指定顺丰. They are matched and shown as evidence beside a claim, but
    /// alone they raise nothing (a claim is 100%安全 or 最安全, which the claim list catches).
    /// </summary>
    /// <value>Default: 安全, 推荐, 选用, 指定, 试用, 热销, 抢购, 排序, 评比, 获奖, 军队, 升值, 永久, 护身, 保险公司.</value>
    public string[] ContextWords { get; set; } =
        ["安全", "推荐", "选用", "指定", "试用", "热销", "抢购", "排序", "评比", "获奖", "军队", "升值", "永久", "护身", "保险公司"];

    /// <summary>
    /// Bare forms and the characters after them that make an ordinary word, not a claim: 最近, 最后, 最初, 最终; 第一次,
    /// 第一天, 第一步, 第一批, 第一代, 第一期, 第一时间 and the like. A bare form at the end of the text or before punctuation
    /// claims nothing either.
    /// </summary>
    /// <value>Default: <c>最=近后初终</c>, <c>第一=次天步批代期章季件单眼时手</c> (form, <c>=</c>, the characters).</value>
    public string[] OrdinaryNext { get; set; } = ["最=近后初终", "第一=次天步批代期章季件单眼时手"];

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        foreach (var entry in OrdinaryNext)
        {
            if (entry.Split('=') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                yield return $"ordinary_next entry '{entry}' is not form=characters";
            }
        }
    }

    /// <summary>
    /// Confidence each distinct claim adds: the score is <c>1 − (1 − this)^claims</c>. One claim is a clear rule break
    /// (0.75); two or more are deliberate (0.94+).
    /// </summary>
    /// <value>Default 0.75.</value>
    [Range(0.01, 0.99)]
    public double PerClaimScore { get; set; } = 0.75;

    /// <summary>
    /// Days a listing's open case is kept without a new edit. A listing that keeps its words keeps its finding; the
    /// detector only needs the case to tell a later fix (listing.updated without the words) and to grow the evidence.
    /// </summary>
    /// <value>Default 60.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 60;
}
