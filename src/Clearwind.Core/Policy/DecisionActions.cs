using System.Collections.Frozen;

namespace Clearwind.Policy;

/// <summary>The actions of SPEC §8.</summary>
public static class DecisionActions
{
    /// <summary>A notice; nothing else changes yet.</summary>
    public const string Warn = "warn";

    /// <summary>Sent to the human review queue; nothing is applied until a reviewer decides.</summary>
    public const string Review = "review";

    /// <summary>Search weight lowered (降权).</summary>
    public const string Demote = "demote";

    /// <summary>Traffic limited.</summary>
    public const string Throttle = "throttle";

    /// <summary>Light duplicate folded under its group's representative.</summary>
    public const string Fold = "fold";

    /// <summary>Listing removed.</summary>
    public const string Remove = "remove";

    /// <summary>Listing taken off sale.</summary>
    public const string Delist = "delist";

    /// <summary>Hidden from search.</summary>
    public const string BlockSearch = "block_search";

    /// <summary>Shop or account closed.</summary>
    public const string Close = "close";

    /// <summary>Fake orders removed from sales and reputation.</summary>
    public const string VoidOrders = "void_orders";

    /// <summary>Invalid ad clicks refunded to the advertiser.</summary>
    public const string RefundClicks = "refund_clicks";

    /// <summary>A victim shielded from an attack; never punitive.</summary>
    public const string Protect = "protect";

    /// <summary>
    /// An alert to a third party (a brand owner's keyword watch); nothing changes for the entity, so it is neither a
    /// penalty nor something to appeal.
    /// </summary>
    public const string Alert = "alert";

    /// <summary>
    /// Lifts an earlier decision named by <see cref="Decision.Reverses"/> from its <c>effective_at</c> on (beyond SPEC §8's
    /// list): decisions are never edited, so a reversal is a record of its own. Not a policy action: only the log writes it.
    /// </summary>
    public const string Lift = "lift";

    /// <summary>Every action name a policy may use.</summary>
    public static readonly FrozenSet<string> All = FrozenSet.ToFrozenSet(
        [Warn, Review, Demote, Throttle, Fold, Remove, Delist, BlockSearch, Close, VoidOrders, RefundClicks, Protect, Alert],
        StringComparer.Ordinal);

    /// <summary>True when the action is a victim's remedy: <c>protect</c>, or <c>refund_clicks</c> for an advertiser.</summary>
    public static bool IsRemedy(string action)
        => action is Protect or RefundClicks;

    /// <summary>True when the action counts as a strike against the entity.</summary>
    public static bool IsPunitive(string action)
        => action is not (Review or Protect or RefundClicks or Alert or Lift);

    /// <summary>True when the entity can appeal the action: everything but a remedy and an alert, which change nothing against it.</summary>
    public static bool IsAppealable(string action)
        => !IsRemedy(action) && action is not (Alert or Lift);

    /// <summary>The Simplified Chinese name of <paramref name="action"/> (降权, 限流 …), as decision explanations use it; an unknown action as it is.</summary>
    public static string Chinese(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action == Lift ? "撤销" : DecisionExplainer.ActionZh(action);
    }
}
