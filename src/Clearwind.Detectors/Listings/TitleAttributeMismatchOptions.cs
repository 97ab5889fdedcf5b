using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.title_attribute_mismatch</c> (标题属性不一致, SPEC §2.4): the title names one value of an
/// attribute (石英, 真丝, 新疆, 男) while the listing's own attributes, or its gendered category, say another (机械, 涤纶,
/// 江西, 女). No value list is built in: every attribute's vocabulary is learned from the marketplace's own listings
/// as they stream in.
/// </summary>
public sealed class TitleAttributeMismatchOptions : DetectorOptions
{
    /// <summary>
    /// Attributes never judged against the title. The brand is <c>listing.brand_infringement</c>'s business (a title
    /// may honestly name the brand a product fits), and model or item numbers are free text, not a vocabulary.
    /// </summary>
    /// <value>Default: 品牌, 型号, 货号.</value>
    public string[] IgnoredAttributes { get; set; } = ["品牌", "型号", "货号"];

    /// <summary>
    /// Listings that must carry a value for an attribute before the value is part of that attribute's vocabulary: one
    /// or two listings may hold a typo or a one-off word, three make it a value sellers use.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int MinValueListings { get; set; } = 3;

    /// <summary>
    /// A value that the marketplace uses for more attributes than this (其他, 通用, 标准) is generic: a title naming it
    /// claims nothing about any one attribute. Materials are shared by 面料, 材质 and 帮面材质, hence three.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(1, 100)]
    public int MaxAttributesPerValue { get; set; } = 3;

    /// <summary>
    /// Listings a category needs before its listings are judged. A category's first listings wait (see
    /// <see cref="PendingHours"/>) until the market has shown which words are attribute values; in a marketplace that
    /// opens with thousands of listings this takes minutes. Kept small because the naming guards need their own support
    /// anyway, and a small category (50 watches in a fifth-scale market) must not wait until its cheaters have fixed their
    /// listings.
    /// </summary>
    /// <value>Default 20.</value>
    [Range(1, 100_000)]
    public int MinCategoryListings { get; set; } = 20;

    /// <summary>
    /// Titles (market-wide, of listings carrying the attribute) that must name a value before a claim of it is judged:
    /// the naming share below needs them. Five is small on purpose: a cheater's own title counts against the share, so
    /// a value named by one honest title and the cheater (share 0.5) is never trusted, and values inside another word
    /// are named by many titles. Also the listings a category needs carrying an attribute before it can imply the
    /// attribute's value (see <see cref="ImpliedValueShare"/>).
    /// </summary>
    /// <value>Default 5.</value>
    [Range(1, 100_000)]
    public int MinSupport { get; set; } = 5;

    /// <summary>
    /// The learned guard against values that are parts of other words (跑步 in 跑步鞋, 健身 in 健身垫, 棉 in 棉麻): a
    /// title word is taken as naming an attribute's value only while at least this share of the market's titles that
    /// name it belong to listings that have that value. A real claim word is named by the listings that have it and by
    /// a few cheaters (seeds 1-3: 0.9 and more once a category has a few hundred listings); a word that titles contain
    /// for another reason is named whatever the listing's value (about one in two or three).
    /// </summary>
    /// <value>Default 0.75.</value>
    [Range(0.0, 1.0)]
    public double MinNamingShare { get; set; } = 0.75;

    /// <summary>
    /// Attributes that titles seldom name are not judged: a title word matching one of their values is more often part
    /// of another word (健身 in the product word 健身垫, for 适用场景) than a claim. The rate is learned market-wide: the
    /// share of listings carrying the attribute whose titles name their own value. Descriptive attributes (材质,
    /// 机芯类型, 产地, 功效, 风格, 适用性别, 颜色) are named by a third to nine tenths of titles; specs (尺码, 功率, 型号,
    /// 适用场景) by a tenth or less.
    /// </summary>
    /// <value>Default 0.25.</value>
    [Range(0.0, 1.0)]
    public double MinTitleNamingRate { get; set; } = 0.25;

    /// <summary>
    /// A title that names more distinct values of one attribute than this (浙江上海安徽福建…) is a list, which is
    /// <c>listing.title_stuffing</c>'s business, not a claim of one value.
    /// </summary>
    /// <value>Default 2.</value>
    [Range(1, 100)]
    public int MaxValuesNamed { get; set; } = 2;

    /// <summary>
    /// A category implies an attribute's value for its listings that leave the attribute out (a women's-dress category
    /// is 女) when at least this share of its listings carrying the attribute have that one value, and at least half
    /// of its listings carry it.
    /// </summary>
    /// <value>Default 0.95.</value>
    [Range(0.5, 1.0)]
    public double ImpliedValueShare { get; set; } = 0.95;

    /// <summary>
    /// Hours a listing waits, when published before its category has <see cref="MinCategoryListings"/> listings or
    /// while a word of its title is not yet a trusted value, for the market to settle; then it is judged as it stands
    /// (a later edit is judged afresh).
    /// </summary>
    /// <value>Default 24.</value>
    [Range(1, 24 * 30)]
    public int PendingHours { get; set; } = 24;

    /// <summary>
    /// Confidence each conflicting attribute adds when the listing's own attribute contradicts the title: the score is
    /// <c>1 − (1 − this)^attributes</c>. One contradiction between a title and the seller's own attribute is a clear
    /// break of the rule (0.8).
    /// </summary>
    /// <value>Default 0.8.</value>
    [Range(0.01, 0.99)]
    public double PerClaimScore { get; set; } = 0.8;

    /// <summary>
    /// Confidence a contradiction adds when the listing left the attribute out and only its category implies the value
    /// (a men's coat in 女装/连衣裙 without 适用性别): weaker, as the seller may have chosen a wrong category instead.
    /// </summary>
    /// <value>Default 0.6.</value>
    [Range(0.01, 0.99)]
    public double ImpliedClaimScore { get; set; } = 0.6;

    /// <summary>
    /// Days a listing's title and attributes are remembered without a new event (an edit may send only the fields it
    /// changes); a forgotten listing stops counting towards the vocabulary.
    /// </summary>
    /// <value>Default 90.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (ImpliedClaimScore > PerClaimScore)
        {
            yield return "implied_claim_score must not exceed per_claim_score (a category's hint is weaker than the seller's own attribute)";
        }
    }
}
