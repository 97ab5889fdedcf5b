namespace Clearwind.Simulation;

/// <summary>Who an account belongs to in the simulation (never written to events).</summary>
internal enum AccountKind
{
    Buyer,
    Owner,
    Brusher,

    /// <summary>A shop's staff member (an owner's second account).</summary>
    Staff,

    /// <summary>A throwaway account of a like farm.</summary>
    LikeFarm,

    /// <summary>An account of a review farm.</summary>
    ReviewFarm,

    /// <summary>A marketing account (营销号).</summary>
    Marketing,

    /// <summary>An account used to attack competitors (malicious orders, reviews).</summary>
    Attacker,

    /// <summary>An account used to drain competitors' ad budgets.</summary>
    ClickFraud,
}
