using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Accounts;

/// <summary>
/// Options of <c>accounts.marketing</c> (营销号, SPEC §2.3, seeds 000 and 003): accounts that recruit brushers, sell
/// fake reviews or lure buyers off the platform. Each account collects <em>signs</em>, and only several together
/// convict: a marketing word in the nickname (测评, 返现, 刷单, 兼职, also half in pinyin: ce评, 返xian) or a claim to
/// be an official service desk; a stock avatar (the same picture on several accounts); chat messages and reviews that give an
/// off-platform contact (加微信, vx, QQ) to several accounts or under several listings; and content copied across accounts (the same message
/// template or contact id on other accounts). Honest people review for fun under a 测评 name and pick popular
/// pictures as avatars, so those two are weak signs.
/// </summary>
public sealed class MarketingOptions : DetectorOptions
{
    /// <summary>Words of paid reviews, cashback, brushing and side jobs that mark a nickname (1 point).</summary>
    /// <value>Default 测评, 返现, 刷单, 兼职, 好评, 返利, 日结, 副业, 招募, 放单, 补单, 佣金, 推广, 引流, 接单, 代刷, 涨粉, 赚钱 (SPEC §2.3 and seed 000's examples).</value>
    [MinLength(1)]
    public string[] NameWords { get; set; } =
        ["测评", "返现", "刷单", "兼职", "好评", "返利", "日结", "副业", "招募", "放单", "补单", "佣金", "推广", "引流", "接单", "代刷", "涨粉", "赚钱"];

    /// <summary>Words by which a nickname claims to be a brand's or the platform's service (1 point, like a name word).</summary>
    /// <value>Default 官方, 旗舰, 客服, 售后.</value>
    public string[] ClaimWords { get; set; } = ["官方", "旗舰", "客服", "售后"];

    /// <summary>Whether a name word also matches with any of its characters written in pinyin (ce评, 返xian, 测pin).</summary>
    /// <value>Default true: writing half a word in pinyin is how such names slip past keyword filters.</value>
    public bool MatchPinyin { get; set; } = true;

    /// <summary>Words that introduce an off-platform contact id in a chat (加微信 abc1234, vx abc1234, 扣扣 123456).</summary>
    /// <value>Default 微信, 薇信, 威信, v信, vx, wx, weixin, +v, 加v, 扣扣, qq, 企鹅, 加我, 联系我, telegram, whatsapp.</value>
    [MinLength(1)]
    public string[] ContactWords { get; set; } =
        ["微信", "薇信", "威信", "v信", "vx", "wx", "weixin", "+v", "加v", "扣扣", "qq", "企鹅", "加我", "联系我", "telegram", "whatsapp"];

    /// <summary>Points needed to report an account.</summary>
    /// <value>Default 3: soliciting several accounts (2) and one more sign, or three weak signs.</value>
    [Range(1, 10)]
    public int MinPoints { get; set; } = 3;

    /// <summary>Distinct accounts (chats) or listings (reviews) an account must send off-platform contacts to for the full 2 points (fewer give 1).</summary>
    /// <value>Default 3: one or two can be a seller's after-sales slip; several strangers are canvassing.</value>
    [Range(1, 1000)]
    public int MinSolicitedAccounts { get; set; } = 3;

    /// <summary>Accounts that must use the same avatar picture before it counts as a stock avatar.</summary>
    /// <value>Default 3.</value>
    [Range(2, 100_000)]
    public int MinStockAccounts { get; set; } = 3;

    /// <summary>
    /// Accounts at which an avatar is too common to say anything: the platform's default picture (what accounts show
    /// without an avatar) or a picture everybody uses. A stock avatar is on at least <see cref="MinStockAccounts"/> and
    /// fewer than this many accounts. A count, not a share of all accounts, so the sign never depends on how far into
    /// the stream an account is judged.
    /// </summary>
    /// <value>Default 50: a studio's stock pictures are each on a handful of accounts, the default picture on thousands.</value>
    [Range(3, 10_000_000)]
    public int CommonAvatarAccounts { get; set; } = 50;

    /// <summary>Distinct accounts that must send the same solicitation (digits, letters and ids aside) or the same contact id for it to count as copied content.</summary>
    /// <value>Default 3 for a template; a contact id shared by 2 accounts already counts.</value>
    [Range(2, 1000)]
    public int MinCopyAccounts { get; set; } = 3;

    /// <summary>Minutes of event time between re-judgements of open accounts (stock avatars and copies are counted as they grow).</summary>
    /// <value>Default 60.</value>
    [Range(1, 24 * 60)]
    public int RejudgeMinutes { get; set; } = 60;

    /// <summary>Days without a new sign after which an account, a template or a contact id is forgotten.</summary>
    /// <value>Default 30.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every message.</summary>
    /// <value>Default 50.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 50;
}
