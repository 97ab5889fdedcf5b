using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Accounts;

/// <summary>
/// Options of <c>accounts.impersonation</c> (冒充品牌官方, SPEC §2.3, seed 000): a shop or account whose name pairs a
/// brand with a claim to be its official store or service desk (官方, 旗舰, 客服…) without being authorised for the
/// brand. Authorisation is what the stream says: a shop is authorised for the <c>brands</c> of its
/// <c>shop.opened</c> event (SPEC §7), an account for the brands of the shops it owns. Names and brands are compared
/// by their confusable skeletons, so 雲朵 or 云·朵 is the brand 云朵 and 宫方旗艦店 is 官方旗舰店.
/// </summary>
public sealed class ImpersonationOptions : DetectorOptions
{
    /// <summary>Words that claim to be the brand's own store or account (strong claim).</summary>
    /// <value>Default 官方, 旗舰, 官旗, official, flagship: the words of a brand owner's store (官方旗舰店) on Taobao, Tmall and JD.</value>
    [MinLength(1)]
    public string[] OfficialWords { get; set; } = ["官方", "旗舰", "官旗", "official", "flagship"];

    /// <summary>Words that claim to act for the brand without saying official (weaker claim: a person confirms).</summary>
    /// <value>Default 客服, 售后, 授权, 专营, 专卖, 直营: service desks and authorised resellers.</value>
    public string[] AgentWords { get; set; } = ["客服", "售后", "授权", "专营", "专卖", "直营"];

    /// <summary>Shortest brand, in skeleton characters, that is looked for in names (a one-character brand is in every name).</summary>
    /// <value>Default 2.</value>
    [Range(1, 20)]
    public int MinBrandLength { get; set; } = 2;

    /// <summary>
    /// Hours an account's name waits before it is judged, so that a brand's own staff account registered just before
    /// the brand's shop opens is judged with the shop's authorisation known.
    /// </summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int AccountSettleHours { get; set; } = 24;

    /// <summary>Days a claim that was not reported (no known brand yet, or only its own) is kept, in case another brand it names arrives later.</summary>
    /// <value>Default 30.</value>
    [Range(0, 3650)]
    public int PendingDays { get; set; } = 30;

    /// <summary>Most claims kept waiting for brands; the oldest are dropped beyond it.</summary>
    /// <value>Default 100,000.</value>
    [Range(1, 10_000_000)]
    public int MaxPending { get; set; } = 100_000;

    /// <summary>Score of a name with an official claim; a look-alike spelling of the brand adds <see cref="LookAlikeBonus"/>.</summary>
    /// <value>Default 0.8.</value>
    [Range(0.0, 1.0)]
    public double OfficialScore { get; set; } = 0.8;

    /// <summary>Score of a name that only claims to act for the brand (客服, 授权…); below the default review cut-off.</summary>
    /// <value>Default 0.6.</value>
    [Range(0.0, 1.0)]
    public double AgentScore { get; set; } = 0.6;

    /// <summary>Added when the brand is written with look-alike characters: disguising a brand shows intent.</summary>
    /// <value>Default 0.1.</value>
    [Range(0.0, 1.0)]
    public double LookAlikeBonus { get; set; } = 0.1;
}
