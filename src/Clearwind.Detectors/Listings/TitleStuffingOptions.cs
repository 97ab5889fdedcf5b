using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.title_stuffing</c> (标题堆砌, SPEC §2.4): a title that piles up product words, repeats a keyword,
/// strings together model numbers, brands or place names, or borrows a brand unrelated to the listing. Product words
/// are learned per category from the marketplace's own titles (<c>TitleStuffingLexicon</c>); brands from
/// <c>shop.opened</c> and the brands listings declare. The only built-in word lists are universal: place names, the
/// gender and audience words that end titles, and the two comparison words that borrow a brand.
/// </summary>
public sealed class TitleStuffingOptions : DetectorOptions
{
    /// <summary>
    /// Distinct product words of the listing's category in one title that make it stuffed. One product word is the
    /// norm and two are normal (收纳盒收纳箱, 凉鞋拖鞋: a product and its other name, SPEC §2.4); three different products
    /// (老爹鞋凉鞋板鞋) are a list of searches, not a title.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(2, 20)]
    public int MinProductWords { get; set; } = 3;

    /// <summary>
    /// Times one keyword (of 2+ characters, not only digits) must appear, without overlap, to count as repeated
    /// (小白鞋 … 小白鞋 … 小白鞋). An honest title names its product once, and a word twice can be a product and its
    /// variant (保温杯水杯); a third time is padding.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(2, 20)]
    public int MinRepeats { get; set; } = 3;

    /// <summary>
    /// Distinct model numbers (letters then digits: X20, Note12, Mate40) that make a title a list of models. An
    /// accessory fits one model (适用X52); three or more (适用X20/K30/P60) stuff the searches of every model.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(2, 20)]
    public int MinModelNumbers { get; set; } = 3;

    /// <summary>
    /// Distinct known brands in one title that make it stuffed (供应华为P6、红米、小米2、三星手机皮套). A listing has one
    /// brand: its own, or the one an accessory fits.
    /// </summary>
    /// <value>Default 2.</value>
    [Range(2, 20)]
    public int MinBrands { get; set; } = 2;

    /// <summary>
    /// Distinct place names in one unbroken run (separators allowed) that make a list of places (五金加工件浙江上海安徽福建).
    /// An honest title names at most its origin (云南红茶).
    /// </summary>
    /// <value>Default 3.</value>
    [Range(2, 20)]
    public int MinPlaceRun { get; set; } = 3;

    /// <summary>
    /// Place names looked for in runs: China's provinces, autonomous regions and municipalities (short forms) and the
    /// trading cities sellers list most. A universal list, not learned: places are the same in every marketplace.
    /// </summary>
    /// <value>Default: the 34 provincial-level short names and 26 trading cities (广州, 深圳, 杭州, 义乌, 温州 …).</value>
    [MinLength(1)]
    public string[] Places { get; set; } =
    [
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
        "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
        "宁夏", "新疆", "香港", "澳门",
        "广州", "深圳", "杭州", "义乌", "温州", "苏州", "南京", "武汉", "成都", "西安", "厦门", "青岛", "宁波", "东莞", "佛山",
        "泉州", "长沙", "郑州", "沈阳", "大连", "济南", "合肥", "福州", "昆明", "无锡", "汕头",
    ];

    /// <summary>
    /// Words that stand right before a brand to borrow its searches (赛六个核桃 "rivals 六个核桃", 比云朵 "beats 云朵"). A brand
    /// the shop is not authorised for, written this way, is unrelated to the listing.
    /// </summary>
    /// <value>Default: 赛, 比.</value>
    public string[] BorrowingWords { get; set; } = ["赛", "比"];

    /// <summary>
    /// Words that call the goods a copy of a brand's (X同款, X原单, 仿X). An unauthorised brand with one of them right
    /// beside it claims the brand's goods: that is <c>listing.brand_infringement</c>'s finding, not a stuffed keyword,
    /// unless it comes after the product word or the title holds another brand.
    /// </summary>
    /// <value>Default: 同款, 原单, 代工, 仿, 高仿, 复刻, A货 (as <c>listing.brand_infringement</c>).</value>
    public string[] CopyWords { get; set; } = ["同款", "原单", "代工", "仿", "高仿", "复刻", "A货"];

    /// <summary>
    /// Audience words that may end a title after the product word (…凉鞋女, …卫衣男款). Stripped with the listing's own
    /// attribute values (颜色, 规格, 净含量 …) and a trailing model number before a title's last word is learned as a
    /// product word. A universal list: gender and age words are the same in every category.
    /// </summary>
    /// <value>Default: 男女同款, 情侣款, 女款, 男款, 女士, 男士, 女式, 男式, 女装, 男装, 女, 男, 儿童, 中性.</value>
    public string[] TailWords { get; set; } = ["男女同款", "情侣款", "女款", "男款", "女士", "男士", "女式", "男式", "女装", "男装", "女", "男", "儿童", "中性"];

    /// <summary>
    /// Titles of a category that must end (after the tail is stripped) with a word before it is a product word. Ten
    /// titles keep a seller's one-off wording out of the lexicon.
    /// </summary>
    /// <value>Default 10.</value>
    [Range(2, 100_000)]
    public int LexiconMinTitles { get; set; } = 10;

    /// <summary>
    /// Distinct characters (or the title's start) that must precede a title-final word for it to be a whole word: 连衣裙
    /// follows 真丝, 亚麻, 款, 大码 …; 衣裙 only ever follows 连, so it is part of a word (accessor variety).
    /// </summary>
    /// <value>Default 4.</value>
    [Range(2, 100)]
    public int LexiconMinPrecedingChars { get; set; } = 4;

    /// <summary>Distinct shops whose titles must end with a word before it is a product word: one shop's house style is not a lexicon.</summary>
    /// <value>Default 5.</value>
    [Range(1, 100)]
    public int LexiconMinShops { get; set; } = 5;

    /// <summary>Longest product word learned, in characters (电动喷雾器, 五金冲压件 are five).</summary>
    /// <value>Default 6.</value>
    [Range(2, 12)]
    public int MaxWordLength { get; set; } = 6;

    /// <summary>
    /// Titles a category must have had before its listings are judged on product words: until then its lexicon is too
    /// thin to count them, and a new listing waits (at most <see cref="MaxWaitHours"/>).
    /// </summary>
    /// <value>Default 150 (about 20 titles per product in a category of seven products).</value>
    [Range(0, 100_000)]
    public int MinCategoryTitles { get; set; } = 150;

    /// <summary>Longest a listing waits for its category's lexicon; after it, it is judged with what is known.</summary>
    /// <value>Default 24.</value>
    [Range(0, 720)]
    public int MaxWaitHours { get; set; } = 24;

    /// <summary>
    /// Title-final words a category keeps statistics for (memory bound). Once full, known words keep counting and new
    /// ones are not added; a category of 1,000 titles uses about 3,000.
    /// </summary>
    /// <value>Default 20,000.</value>
    [Range(100, 10_000_000)]
    public int MaxWordsPerCategory { get; set; } = 20_000;

    /// <summary>
    /// Confidence each distinct sign of stuffing adds (product words, repeated keyword, model numbers, brands, places,
    /// unrelated brand): the score is <c>1 − (1 − this)^signs</c>. One sign is already the rule's definition (0.8); two
    /// are deliberate (0.96).
    /// </summary>
    /// <value>Default 0.8.</value>
    [Range(0.01, 0.99)]
    public double PerSignScore { get; set; } = 0.8;

    /// <summary>Days a listing's open case is kept without a new edit (to tell a later fix and grow the evidence).</summary>
    /// <value>Default 60.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 60;
}
