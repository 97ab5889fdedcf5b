namespace Clearwind.Simulation.Labels;

/// <summary>An honest entity that looks like a cheat (SPEC §9): flagging it is the false positive sellers hate most.</summary>
/// <param name="Scenario">The honest look-alike, e.g. <c>flash_sale</c>, <c>family_shared_address</c>.</param>
/// <param name="Type">Entity type.</param>
/// <param name="Id">Entity id.</param>
/// <param name="Resembles">The pattern family it could be mistaken for.</param>
public sealed record HardNegative(string Scenario, string Type, string Id, string Resembles);
