using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Brand;

/// <summary>
/// Options of <c>brand.alert</c> (SPEC §2.3, seed 000's proactive monitoring): a brand owner's keyword watch. A review
/// that names a known brand together with a word saying the goods are fake or a scam (假货, 骗人, 山寨…) is raised as an
/// alert for the brand. An alert informs; it never penalises the reviewer. Words are compared by confusable skeleton.
/// </summary>
public sealed class BrandAlertOptions : DetectorOptions
{
    /// <summary>Words that call the goods fake or the seller a cheat.</summary>
    /// <value>Default 假货, 假的, 骗人, 骗子, 山寨, 高仿, 冒牌, 仿品, 仿冒, 假冒, 盗版, 不是正品, 非正品, 水货: what buyers write and brand owners watch for (seed 000).</value>
    [MinLength(1)]
    public string[] AlertWords { get; set; } = ["假货", "假的", "骗人", "骗子", "山寨", "高仿", "冒牌", "仿品", "仿冒", "假冒", "盗版", "不是正品", "非正品", "水货"];

    /// <summary>Words that, just before an alert word, deny it (不是假货, 绝对没有山寨).</summary>
    /// <value>Default 不是, 并非, 绝非, 没有, 没买到, 不会是, 不像, 哪是, 不怕, 不用担心.</value>
    public string[] Negations { get; set; } = ["不是", "并非", "绝非", "没有", "没买到", "不会是", "不像", "哪是", "不怕", "不用担心"];

    /// <summary>Words that vouch for the goods; a review rated at least <see cref="PositiveRating"/> that says one is no alert.</summary>
    /// <value>Default 正品, 真品, 是真的.</value>
    public string[] Affirmations { get; set; } = ["正品", "真品", "是真的"];

    /// <summary>Characters before an alert word searched for a negation.</summary>
    /// <value>Default 4 (绝对不是假货).</value>
    [Range(0, 20)]
    public int NegationReach { get; set; } = 4;

    /// <summary>Rating at or above which a review that vouches for the goods is read as praise, not a complaint.</summary>
    /// <value>Default 4.</value>
    [Range(1, 5)]
    public int PositiveRating { get; set; } = 4;

    /// <summary>Shortest brand, in skeleton characters, that is looked for in reviews.</summary>
    /// <value>Default 2.</value>
    [Range(1, 20)]
    public int MinBrandLength { get; set; } = 2;

    /// <summary>Most characters of the review quoted in the alert.</summary>
    /// <value>Default 80.</value>
    [Range(0, 10_000)]
    public int MaxQuotedChars { get; set; } = 80;
}
