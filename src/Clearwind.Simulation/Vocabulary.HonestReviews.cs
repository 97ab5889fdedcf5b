namespace Clearwind.Simulation;

/// <content>
/// Fragments honest reviews are composed from: one to three of them, in any order, so honest texts vary the way real
/// ones do (short ones still repeat, as "好评" does everywhere), and near-identical texts stay a sign of farms.
/// </content>
internal static partial class Vocabulary
{
    public static readonly string[] PositiveFragments =
    [
        "质量很好", "和描述的一样", "物流很快", "包装很严实", "性价比很高", "会回购的", "颜色很正", "尺码合适",
        "穿着很舒服", "味道不错", "家里人都很喜欢", "客服态度很好", "耐心解答问题", "第二次购买了", "一如既往的好",
        "做工精细", "没有异味", "比实体店便宜", "发货速度快", "快递小哥很负责", "用了一周再来评价，没问题",
        "孩子很喜欢", "送给朋友的，朋友说不错", "图片拍得很真实", "手感很好", "细节处理得不错", "大小刚好",
        "比想象中的好", "已经推荐给同事了", "价格实惠",
    ];

    public static readonly string[] NeutralFragments =
    [
        "还可以吧", "一般般", "东西收到了", "还没用", "用了再来评价", "质量中规中矩", "对得起价格", "物流有点慢",
        "东西还行", "颜色和图片有点色差", "包装有点简单", "尺码偏大一点", "没有想象中那么好",
    ];

    public static readonly string[] NegativeFragments =
    [
        "质量太差了", "和图片不一样", "发货太慢了", "客服也不回消息", "用了两天就坏了", "已申请退款", "尺码偏小",
        "退换很麻烦", "有明显的线头", "味道很大", "包装破损了", "少发了一件", "做工粗糙", "不会再买了",
    ];

    public static readonly string[] ReviewEndings = ["", "", "。", "！", "~", "，推荐", "，好评", "，给个五星"];
}
