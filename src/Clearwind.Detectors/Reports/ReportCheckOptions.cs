using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Reports;

/// <summary>
/// What makes a seller report (举报, SPEC §2.6) one that staff can act on; shared by <c>reports.invalid</c> and
/// <c>reports.abuse</c>, so both judge a report the same way. Seed 000 gives the three reasons reports fail: evidence
/// missing (a screenshot without a link, 仅截图无链接), vague (no policy named, 未说明违反哪项政策) and cross-platform
/// (reporting an account of another platform, 跨站举报).
/// </summary>
public abstract class ReportCheckOptions : DetectorOptions
{
    /// <summary>Evidence kinds that point at the reported thing on this platform; a report needs at least one with a value.</summary>
    /// <value>Default link, url (seed 000: "确保所有URL可访问"; a screenshot or a listing id alone cannot be checked).</value>
    [MinLength(1)]
    public string[] LinkKinds { get; set; } = ["link", "url"];

    /// <summary>
    /// Start of this marketplace's own links (e.g. <c>https://market.example/</c>). When set, a report whose links all
    /// point elsewhere is cross-platform. Empty: links are not checked by site.
    /// </summary>
    /// <value>Default empty (the marketplace names its sites in the policy file).</value>
    public string[] HomeSites { get; set; } = [];

    /// <summary>Names this marketplace may give itself in a report's <c>platform</c> field; any other name is another platform.</summary>
    /// <value>Default empty (the field is only filled for a target on another platform, SPEC §7).</value>
    public string[] HomePlatforms { get; set; } = [];

    /// <summary>Reasons that name no policy: a report under one of them (or with none) is vague unless its description uses one of <see cref="PolicyWords"/>.</summary>
    /// <value>Default other.</value>
    public string[] VagueReasons { get; set; } = ["other"];

    /// <summary>
    /// Words that name a rule in a report's description (刷单 order brushing, 假货 counterfeits, 盗图 stolen images…): a report
    /// under a vague reason that uses one says what it is about. Words of a mood (恶意竞争, 有问题, 不正常) do not.
    /// </summary>
    /// <value>Default 刷单, 虚假交易, 炒信, 空包, 好评返现, 返现, 刷好评, 刷评, 假评, 差评师, 恶意差评, 假货, 山寨, 仿冒, 盗图, 盗用, 冒充, 侵权, 拍下不付款, 恶意拍下, 刷赞, 恶意点击, 极限词, 重复铺货.</value>
    public string[] PolicyWords { get; set; } =
    [
        "刷单", "虚假交易", "炒信", "空包", "好评返现", "返现", "刷好评", "刷评", "假评", "差评师", "恶意差评", "假货", "山寨", "仿冒", "盗图", "盗用",
        "冒充", "侵权", "拍下不付款", "恶意拍下", "刷赞", "恶意点击", "极限词", "重复铺货",
    ];
}
