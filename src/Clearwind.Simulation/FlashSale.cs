namespace Clearwind.Simulation;

/// <summary>An honest look-alike: many distinct buyers order one listing within an hour.</summary>
/// <param name="Shop">The shop running the sale.</param>
/// <param name="Listing">The promoted listing.</param>
/// <param name="From">Sale start.</param>
/// <param name="To">Sale end.</param>
/// <param name="Buyers">Distinct buyers who ordered.</param>
/// <param name="Declared">Whether the shop declared the campaign beforehand (<c>campaign.declared</c>).</param>
public sealed record FlashSale(string Shop, string Listing, DateTimeOffset From, DateTimeOffset To, int Buyers, bool Declared);
