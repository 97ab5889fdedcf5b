namespace Clearwind.Simulation.Labels;

/// <summary>An entity that was attacked: it must be protected, never penalised.</summary>
/// <param name="Pattern">The attack, e.g. <c>attack.malicious_orders</c>.</param>
/// <param name="Type">Entity type.</param>
/// <param name="Id">Entity id.</param>
/// <param name="Scenario">The injected scenario.</param>
public sealed record VictimLabel(string Pattern, string Type, string Id, string Scenario);
