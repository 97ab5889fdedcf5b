namespace Clearwind.Simulation;

/// <content>Words of order brushing: the chat around a bought order and its cashback (返现).</content>
internal static partial class Vocabulary
{
    /// <summary>What a hired buyer asks before placing a task order.</summary>
    public static readonly string[] TaskQuestions =
    [
        "在吗？任务单，是拍这个链接吗？", "你好，拍哪个颜色？", "亲，按任务要求拍下了，要备注吗？", "拍一件是吧？",
        "在吗，我是平台派单过来的", "你好，这款有货吗？我拍了哦",
    ];

    /// <summary>What the seller answers to a task question.</summary>
    public static readonly string[] TaskAnswers =
    [
        "对的亲，直接拍就行", "拍默认的就好，不用备注", "好的亲，拍完说一声", "嗯嗯，付款后告诉我",
    ];

    /// <summary>The seller's cashback offers once the parcel is "delivered" (好评返现).</summary>
    public static readonly string[] CashbackOffers =
    [
        "亲，收到后确认收货给个五星好评哦，好评返现5元", "亲，不用等快递，直接确认收货就行，好评后返本金加佣金",
        "亲，五星好评截图发我，返现马上到账", "亲，晒图好评返现10元，支付宝转你", "确认收货+五星好评，返现已备好",
    ];

    /// <summary>The buyer claiming the cashback after the review.</summary>
    public static readonly string[] CashbackClaims =
    [
        "已经确认收货了，好评也写了，返现什么时候到？", "好评已给，麻烦返一下本金", "五星好评截图发你了，返现记得转哦",
        "确认收货了，佣金怎么结？", "好评了亲，返现打我支付宝就行",
    ];

    /// <summary>The seller paying out.</summary>
    public static readonly string[] CashbackPaid = ["已返，请查收", "返现已转，下次有单再找你", "收到，已转账，辛苦了"];
}
