using Clearwind.Attacks;
using Clearwind.Detection;
using Clearwind.FakeReviews;
using Clearwind.OrderBrushing;
using Clearwind.Policy;

namespace Clearwind;

/// <summary>Every built-in detector by pattern id: how the policy file finds its options type and factory.</summary>
public static class DetectorCatalog
{
    /// <summary>The built-in detectors.</summary>
    public static IReadOnlyList<DetectorRegistration> BuiltIn { get; } =
    [
        DetectorRegistration.For<ConcentrationOptions>(
            ConcentrationDetector.Id,
            "A shop whose orders ÷ distinct buyers reach 3 within an hour (Shopee Code League 2020).",
            new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180),
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
        DetectorRegistration.For<MaliciousNegativeOptions>(
            MaliciousNegativeDetector.Id,
            "Bursts of low ratings on a listing from accounts without a delivered purchase or tied to another shop's owner (恶意差评); the listing is protected.",
            new PatternDefaults(DecisionActions.Protect, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            o => new MaliciousNegativeDetector(o)),
        DetectorRegistration.For<MaliciousOrdersOptions>(
            MaliciousOrdersDetector.Id,
            "Bursts of unpaid orders on a shop from new, linked or coordinated accounts (恶意拍下); the shop is protected.",
            new PatternDefaults(DecisionActions.Protect, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            o => new MaliciousOrdersDetector(o)),
        DetectorRegistration.For<NoPurchaseOptions>(
            NoPurchaseDetector.Id,
            "Reviews with no completed order behind them, or written before the goods were delivered (先评后发).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            o => new NoPurchaseDetector(o)),
        DetectorRegistration.For<ReviewFarmOptions>(
            ReviewFarmDetector.Id,
            "Bursts of reviews on one listing from accounts linked by shared devices, phones, payment accounts or rare addresses and IPs (刷评工作室).",
            new PatternDefaults(DecisionActions.Demote, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Throttle, ExpiresAfterDays: 180),
            o => new ReviewFarmDetector(o)),
        DetectorRegistration.For<RingOptions>(RingDetector.Id, "Groups of buyers paying for orders from the same shops far more than their popularity explains: dense blocks of buyers × shops and shared identifiers (刷单平台).", new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180), o => new RingDetector(o)),
        DetectorRegistration.For<SelfDealingOptions>(SelfDealingDetector.Id, "A shop's orders placed by its owner or by accounts sharing the owner's rare identifiers (自买自卖).", new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180), o => new SelfDealingDetector(o)),
    ];

    /// <summary>The effective default policy: every built-in pattern with its documented defaults.</summary>
    public static EnforcementPolicy DefaultPolicy() => EnforcementPolicy.FromDefaults(BuiltIn);
}
