namespace Clearwind.Simulation;

/// <summary>One of the marketplace's biggest shops, whose regular customers add to its everyday traffic.</summary>
/// <param name="Shop">The shop.</param>
/// <param name="RegularsPerDay">Visits a day from returning customers, on top of the traffic its popularity brings.</param>
internal sealed record BigShopPlan(ShopProfile Shop, int RegularsPerDay);
