using Clearwind.Events;
using Clearwind.Simulation;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation.Tests;

/// <summary>One scale-1, one-week marketplace (about half a million events), generated once for the tests that read it.</summary>
public sealed class ScaleOneMarket
{
    public ScaleOneMarket()
    {
        var simulation = new MarketSimulation(SyntheticMarketOptions.ForScale(1, days: 7, seed: 42));
        Events = [.. simulation.Events()];
        Labels = simulation.Labels;
    }

    public IReadOnlyList<MarketEvent> Events { get; }

    public MarketLabels Labels { get; }

    /// <summary>Ids of every entity of a type that exists in the events (accounts registered, shops opened, …).</summary>
    public HashSet<string> Existing(string type) => type switch
    {
        EntityTypes.Account => [.. Events.OfType<AccountRegistered>().Select(e => e.Account!)],
        EntityTypes.Shop => [.. Events.OfType<ShopOpened>().Select(e => e.Shop!)],
        EntityTypes.Listing => [.. Events.OfType<ListingPublished>().Select(e => e.Listing!)],
        EntityTypes.Order => [.. Events.OfType<OrderPlaced>().Select(e => e.Order!)],
        EntityTypes.Review => [.. Events.OfType<ReviewPosted>().Select(e => e.Review!)],
        EntityTypes.Click => [.. Events.OfType<AdClicked>().Select(e => e.Click!)],
        EntityTypes.Report => [.. Events.OfType<ReportFiled>().Select(e => e.Report!)],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no events define entities of this type"),
    };
}

[CollectionDefinition(Name)]
public sealed class ScaleOneMarketGroup : ICollectionFixture<ScaleOneMarket>
{
    public const string Name = "scale-1 market";
}
