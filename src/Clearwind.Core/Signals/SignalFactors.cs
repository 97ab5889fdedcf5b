using Clearwind.Policy;

namespace Clearwind.Signals;

/// <summary>
/// The published factors behind <c>rank_multiplier</c> and the shop health score (docs/signals.md lists them). Only
/// punitive decisions in force at the end of the scan count; <c>review</c>, <c>protect</c>, <c>refund_clicks</c> and
/// <c>alert</c> never lower anything. Nothing here reads a shop's tier.
/// </summary>
public static class SignalFactors
{
    /// <summary>Multiplier for a demoted (降权) listing or shop.</summary>
    public const double Demote = 0.5;

    /// <summary>Multiplier for a throttled listing or shop.</summary>
    public const double Throttle = 0.5;

    /// <summary>Health deducted at 100% of sales voided (scaled by the share voided).</summary>
    public const int FakeSharePoints = 50;

    /// <summary>
    /// 炒一罚二 (seed 004): reputation taken from a shop per voided paid order — the credit the fake sale earned, taken back,
    /// and as much again as the penalty.
    /// </summary>
    public const int ReputationPerFakeOrder = 2;

    /// <summary>Health deducted per strike against the shop.</summary>
    public const int StrikePoints = 3;

    /// <summary>Most health the strikes can take.</summary>
    public const int MaxStrikePoints = 15;

    /// <summary>Most health the shop's listings' penalties can take together.</summary>
    public const int MaxListingPoints = 30;

    /// <summary>
    /// The search multiplier one in-force action gives its entity: 0 for remove, delist, block_search and close (and
    /// fold, unless the listing is its group's representative), <see cref="Demote"/>, <see cref="Throttle"/>; 1 for
    /// everything else (warn and void_orders: voided sales already leave clean_sales).
    /// </summary>
    public static double Multiplier(string action) => action switch
    {
        DecisionActions.Remove or DecisionActions.Delist or DecisionActions.BlockSearch or DecisionActions.Close or DecisionActions.Fold => 0,
        DecisionActions.Demote => Demote,
        DecisionActions.Throttle => Throttle,
        _ => 1,
    };

    /// <summary>Health deducted for a punitive action in force on the shop itself (close takes everything).</summary>
    public static int ShopPoints(string action) => action switch
    {
        DecisionActions.Close => 100,
        DecisionActions.Remove or DecisionActions.Delist or DecisionActions.BlockSearch => 40,
        DecisionActions.Throttle => 20,
        DecisionActions.Demote => 15,
        DecisionActions.VoidOrders or DecisionActions.Fold => 10,
        DecisionActions.Warn => 5,
        _ => 0,
    };

    /// <summary>Health deducted per listing of the shop for the worst punitive action in force on it.</summary>
    public static int ListingPoints(string action) => action switch
    {
        DecisionActions.Remove or DecisionActions.Delist or DecisionActions.BlockSearch or DecisionActions.Close => 4,
        DecisionActions.Demote or DecisionActions.Throttle => 3,
        DecisionActions.Fold or DecisionActions.VoidOrders => 2,
        DecisionActions.Warn => 1,
        _ => 0,
    };
}
