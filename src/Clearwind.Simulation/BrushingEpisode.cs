namespace Clearwind.Simulation;

/// <summary>One injected order-brushing episode: fake orders placed by a few accounts for one shop within an hour.</summary>
/// <param name="Shop">The shop that bought the orders (the beneficiary).</param>
/// <param name="Listing">The listing the fake orders were placed on.</param>
/// <param name="Brushers">Accounts that placed the fake orders.</param>
/// <param name="From">Time of the first fake order.</param>
/// <param name="To">Time of the last fake order.</param>
/// <param name="Orders">Number of fake orders.</param>
public sealed record BrushingEpisode(
    string Shop, string Listing, IReadOnlyList<string> Brushers, DateTimeOffset From, DateTimeOffset To, int Orders);
