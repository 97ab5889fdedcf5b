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
