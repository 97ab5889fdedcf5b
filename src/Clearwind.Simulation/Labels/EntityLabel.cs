namespace Clearwind.Simulation.Labels;

/// <summary>
/// An entity the simulation made cheat (or be cheated for). An entity that shows several patterns has one label per
/// pattern, so each pattern's recall can be measured on its own.
/// </summary>
/// <param name="Family">Pattern family, e.g. <c>order_brushing</c>.</param>
/// <param name="Pattern">Pattern id, e.g. <c>order_brushing.concentration</c>.</param>
/// <param name="Type">Entity type (SPEC §8): shop, account, listing, …</param>
/// <param name="Id">Entity id as it appears in the events.</param>
/// <param name="Role"><c>actor</c> or <c>beneficiary</c> (victims are in <see cref="MarketLabels.Victims"/>).</param>
/// <param name="Scenario">The injected scenario, e.g. <c>brushing_episode</c>, to read errors by cause.</param>
public sealed record EntityLabel(string Family, string Pattern, string Type, string Id, string Role, string Scenario);
