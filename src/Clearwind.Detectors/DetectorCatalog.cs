using Clearwind.Accounts;
using Clearwind.Alliance;
using Clearwind.Attacks;
using Clearwind.Brand;
using Clearwind.Detection;
using Clearwind.FakeLikes;
using Clearwind.FakeReviews;
using Clearwind.Listings;
using Clearwind.OrderBrushing;
using Clearwind.Policy;
using Clearwind.Reports;

namespace Clearwind;

/// <summary>Every built-in detector by pattern id: how the policy file finds its options type and factory.</summary>
public static class DetectorCatalog
{
    /// <summary>
    /// Grace a listing-quality finding gets (SPEC §3, seed 004 #1): a warning first, and the action three days later only
    /// when the listing is still not fixed. High-severity findings (a heavy duplicate, a seriously fake price, a brand copy)
    /// act at once; fraud patterns have no grace.
    /// </summary>
    public const int ListingGraceHours = 72;

    /// <summary>The built-in detectors.</summary>
    public static IReadOnlyList<DetectorRegistration> BuiltIn { get; } =
    [
        DetectorRegistration.For<MarketingOptions>(
            MarketingDetector.Id,
            "Marketing accounts (营销号): marketing nicknames, stock avatars, off-platform contacts sent to many accounts, messages copied across accounts; several signs together.",
            new PatternDefaults(DecisionActions.Throttle, ReviewBelow: 0.65, ExpiresAfterDays: 180),
            o => new MarketingDetector(o)),
        DetectorRegistration.For<ImpersonationOptions>(
            ImpersonationDetector.Id,
            "Shops and accounts whose names claim a brand's official store or service (官方, 旗舰, 客服, look-alike characters too) without being authorised for the brand (冒充品牌官方).",
            new PatternDefaults(DecisionActions.BlockSearch, ReviewBelow: 0.7, ExpiresAfterDays: 180),
            o => new ImpersonationDetector(o)),
        DetectorRegistration.For<BrandAlertOptions>(
            BrandAlertDetector.Id,
            "A brand owner's keyword watch: reviews naming the brand with 假货, 骗人, 山寨 and the like, raised as alerts to the brand; nothing is done to the reviewer.",
            new PatternDefaults(DecisionActions.Alert, ReviewBelow: 0.0, ExpiresAfterDays: 30),
            o => new BrandAlertDetector(o)),
        DetectorRegistration.For<BannedWordsOptions>(
            BannedWordsDetector.Id,
            "Extreme advertising claims (极限词: 最好, 全网最低价, 销量第一, 国家级, 极品, 唯一, 绝对, 百分百纯天然 …) in a listing's title or description; 最 and 第一 only outside ordinary words (最近, 第一次). Demoted (降权) with a notice; an edit that removes the words closes the finding.",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.5, ExpiresAfterDays: 30, GraceHours: ListingGraceHours),
            o => new BannedWordsDetector(o)),
        DetectorRegistration.For<BrandInfringementOptions>(
            BrandInfringementDetector.Id,
            "A brand word (look-alike characters too) in the title of a listing whose shop is not authorised for the brand; authorised resellers and the brand's own shops are fine. An edit that removes the brand closes the finding.",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.7, ExpiresAfterDays: 90, GraceHours: ListingGraceHours),
            o => new BrandInfringementDetector(o)),
        DetectorRegistration.For<TitleStuffingOptions>(
            TitleStuffingDetector.Id,
            "A title piling up searches (标题堆砌): 3+ product words of its category (learned from the marketplace's titles), a keyword 3+ times, 3+ model numbers, 2+ brands, a run of 3+ place names, or an unauthorised brand tacked on after the product word or borrowed (赛X, 比X). One or two product words are normal. An edit that leaves none of these closes the finding.",
            // Seed 002: a stuffed title is demoted (降权) until the seller rewrites it; the stuffed words are in the evidence.
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, ExpiresAfterDays: 30, GraceHours: ListingGraceHours),
            o => new TitleStuffingDetector(o)),
        DetectorRegistration.For<WrongCategoryOptions>(
            WrongCategoryDetector.Id,
            "A listing filed under a category that its title and attributes disagree with (类目错放): its product word and attributes are common in another category's listings and almost never seen in its own, learned from the marketplace's listings. Demoted (降权) with a notice; moving the listing to the right category closes the finding.",
            // Seed 002: a misfiled listing loses search weight until it is moved; a product honestly sold in two categories is never flagged.
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.7, ExpiresAfterDays: 90, GraceHours: ListingGraceHours),
            o => new WrongCategoryDetector(o)),
        DetectorRegistration.For<ConcentrationOptions>(
            ConcentrationDetector.Id,
            "A shop whose orders ÷ distinct buyers reach 3 within an hour (Shopee Code League 2020).",
            // A livestream's buyers who place several orders within the hour look like the Shopee rule's repeat buyers: within
            // a campaign the seller declared ahead of time, a person reviews before any order is voided (seed 004 #3).
            new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180, DeclaredCampaignAction: DecisionActions.Review),
            o => new ConcentrationDetector(o)),
        DetectorRegistration.For<ClickFraudOptions>(
            ClickFraudDetector.Id,
            "Repeated ad clicks without dwell or purchase that drain a shop's budget (直通车攻击); the shop is the victim.",
            new PatternDefaults(DecisionActions.RefundClicks, ReviewBelow: 0.5, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 90),
            o => new ClickFraudDetector(o)),
        DetectorRegistration.For<DuplicateTextOptions>(
            DuplicateTextDetector.Id,
            "Near-identical review texts (after punctuation and emoji are dropped) on one listing from different accounts: a farm's template or a handed-out cashback text.",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            o => new DuplicateTextDetector(o)),
        DetectorRegistration.For<FakeFulfilmentOptions>(FakeFulfilmentDetector.Id, "A shop whose orders ship empty parcels or fake logistics: reused tracking numbers, near-zero weights, instant receipt and blank 5-star reviews, cashback chats.", new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180), o => new FakeFulfilmentDetector(o)),
        DetectorRegistration.For<ImageQualityOptions>(
            ImageQualityDetector.Id,
            "A listing whose main image is too small (short side under 600 px) or squashed to a strip (图片不合格); collages and text-covered pictures need pixels the events do not carry.",
            // Seed 002: a poor main image lowers the listing's rank, and severe cases are demoted; replacing the picture is the fix.
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: null, ExpiresAfterDays: 90, GraceHours: ListingGraceHours),
            o => new ImageQualityDetector(o)),
        DetectorRegistration.For<StolenImageOptions>(
            StolenImageDetector.Id,
            "A listing whose main image is another company's earlier picture by perceptual hash (盗图); the original listing is named as the victim and protected.",
            // Seed 002 and SPEC §2.4: demotion with a notice and time to replace the picture; the original owner is never penalised.
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: null, ExpiresAfterDays: 180, GraceHours: ListingGraceHours),
            o => new StolenImageDetector(o)),
        DetectorRegistration.For<TitleAttributeMismatchOptions>(
            TitleAttributeMismatchDetector.Id,
            "The title names one value of an attribute (石英, 真丝, 新疆, 男士) while the listing's own attribute, or its gendered category, says another (机械, 涤纶, 江西, 女); values are learned from the marketplace's listings (标题属性不一致). Demoted (降权) with a notice; retitling or correcting the attribute closes the finding.",
            // 1688 demotes a listing whose title and attributes disagree until it is fixed. A contradiction with the seller's own attribute
            // scores 0.8 and acts; one resting only on the category (the attribute left out) scores 0.6 and goes to a reviewer.
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.7, ExpiresAfterDays: 90, GraceHours: ListingGraceHours),
            o => new TitleAttributeMismatchDetector(o)),
        DetectorRegistration.For<LikeBurstOptions>(
            LikeBurstDetector.Id,
            "A listing's likes far above its own past rate (Poisson tail test), from likers who do not buy (刷赞).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 90),
            (o, shared) => new LikeBurstDetector(o, shared)),
        DetectorRegistration.For<LikeConcentrationOptions>(
            LikeConcentrationDetector.Id,
            "A listing's likers coming through few IP addresses, subnets or devices (low entropy).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 90),
            (o, shared) => new LikeConcentrationDetector(o, shared)),
        DetectorRegistration.For<LikeLockstepOptions>(
            LikeLockstepDetector.Id,
            "Groups of accounts liking the same listings within minutes of each other, again and again (CopyCatch lockstep).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 90),
            (o, shared) => new LikeLockstepDetector(o, shared)),
        DetectorRegistration.For<LikeMismatchOptions>(
            LikeMismatchDetector.Id,
            "A listing's likes far above what its dwelling views and orders support, compared within its category.",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.7, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 90),
            (o, shared) => new LikeMismatchDetector(o, shared)),
        DetectorRegistration.For<LikeZombiesOptions>(
            LikeZombiesDetector.Id,
            "A listing liked mostly by new, pictureless accounts that never bought, at a script's steady pace (僵尸号).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 90),
            (o, shared) => new LikeZombiesDetector(o, shared)),
        DetectorRegistration.For<MaliciousNegativeOptions>(
            MaliciousNegativeDetector.Id,
            "Bursts of low ratings on a listing from accounts without a delivered purchase or tied to another shop's owner (恶意差评); the listing is protected.",
            new PatternDefaults(DecisionActions.Protect, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            (o, shared) => new MaliciousNegativeDetector(o, shared)),
        DetectorRegistration.For<MaliciousOrdersOptions>(
            MaliciousOrdersDetector.Id,
            "Bursts of unpaid orders on a shop from new, linked or coordinated accounts (恶意拍下); the shop is protected.",
            new PatternDefaults(DecisionActions.Protect, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            o => new MaliciousOrdersDetector(o)),
        DetectorRegistration.For<InvalidReportOptions>(
            InvalidReportDetector.Id,
            "A seller report staff cannot act on: no link, no policy named, or an account on another platform; valid reports join the matching findings' evidence.",
            // Setting a report aside is not a penalty: the report goes to the queue marked invalid, with what to fix, and no strike.
            new PatternDefaults(DecisionActions.Review, ReviewBelow: 0.5, RelatedActorAction: null, ExpiresAfterDays: 30),
            o => new InvalidReportDetector(o)),
        DetectorRegistration.For<ReportAbuseOptions>(
            ReportAbuseDetector.Id,
            "A reporter who keeps filing invalid reports against one rival (恶意举报); the rival is protected, the reporter warned.",
            new PatternDefaults(DecisionActions.Protect, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Warn, ExpiresAfterDays: 90),
            o => new ReportAbuseDetector(o)),
        DetectorRegistration.For<AllianceListedOptions>(
            AllianceListedDetector.Id,
            "An account showing a phone, device, payment account or address, or having a handle, that a partner platform listed on its alliance blacklist (反刷单联盟); a risk signal with its source, always reviewed, never a penalty by itself.",
            // A partner's word alone never penalises (SPEC §5): every finding goes to review, whatever its score.
            new PatternDefaults(DecisionActions.Review, ReviewBelow: 1.0, RelatedActorAction: null, ExpiresAfterDays: 90),
            (o, shared) => new AllianceListedDetector(o, shared.GetOrAdd(AllianceWatchlist.SharedKey, () => AllianceWatchlist.Empty))),
        DetectorRegistration.For<NoPurchaseOptions>(
            NoPurchaseDetector.Id,
            "Reviews with no completed order behind them, or written before the goods were delivered (先评后发).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            (o, shared) => new NoPurchaseDetector(o, shared)),
        DetectorRegistration.For<ReviewFarmOptions>(
            ReviewFarmDetector.Id,
            "Bursts of reviews on one listing from accounts linked by shared devices, phones, payment accounts or rare addresses and IPs (刷评工作室).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            (o, shared) => new ReviewFarmDetector(o, shared)),
        DetectorRegistration.For<RingOptions>(RingDetector.Id, "Groups of buyers paying for orders from the same shops far more than their popularity explains: dense blocks of buyers × shops and shared identifiers (刷单平台).", new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180), o => new RingDetector(o)),
        DetectorRegistration.For<FakePriceOptions>(
            FakePriceDetector.Id,
            "A listing price far outside its category's normal range learned from the marketplace's listings, or frequent large price swings (虚假价格).",
            // 1688 lowers the search weight of a fake price (降权) and takes seriously fake ones off sale; delisting stays a reviewer's call.
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: null, ExpiresAfterDays: 90, GraceHours: ListingGraceHours),
            o => new FakePriceDetector(o)),
        DetectorRegistration.For<SelfDealingOptions>(SelfDealingDetector.Id, "A shop's orders placed by its owner or by accounts sharing the owner's rare identifiers (自买自卖).", new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180), o => new SelfDealingDetector(o)),
        DetectorRegistration.For<DuplicateListingOptions>(
            DuplicateListingDetector.Id,
            "One company's listings, in one shop or across its shops, repeating one product: titles 70%+ alike sharing every attribute or the main photo (重复铺货). Light copies are folded under the group's earliest listing; near-identical ones (high severity) are removed.",
            new PatternDefaults(DecisionActions.Fold, ReviewBelow: 0.5, ExpiresAfterDays: 180, HighSeverityAction: DecisionActions.Remove, GraceHours: ListingGraceHours),
            o => new DuplicateListingDetector(o)),
    ];

    /// <summary>The effective default policy: every built-in pattern with its documented defaults.</summary>
    public static EnforcementPolicy DefaultPolicy() => EnforcementPolicy.FromDefaults(BuiltIn) with { Ladder = DefaultLadder };

    /// <summary>
    /// The default penalty ladder for shops (seed 003: warn → throttle → permanent closure): throttled for 30 days at the
    /// 3rd strike, closed at the 5th. Only penalties on the shop itself count; a listing's or an account's do not.
    /// </summary>
    public static StrikeLadder DefaultLadder { get; } = new() { ThrottleAtStrikes = 3, CloseAtStrikes = 5, ThrottleDays = 30 };
}
