using Clearwind.Detection;
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
        DetectorRegistration.For<SelfDealingOptions>(SelfDealingDetector.Id, "A shop's orders placed by its owner or by accounts sharing the owner's rare identifiers (自买自卖).", new PatternDefaults(DecisionActions.VoidOrders, ReviewBelow: 0.6, RelatedActorAction: DecisionActions.Review, ExpiresAfterDays: 180), o => new SelfDealingDetector(o)),
    ];

    /// <summary>The effective default policy: every built-in pattern with its documented defaults.</summary>
    public static EnforcementPolicy DefaultPolicy() => EnforcementPolicy.FromDefaults(BuiltIn);
}
