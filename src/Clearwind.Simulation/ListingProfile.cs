using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>A simulated listing and its current content (updates change it).</summary>
internal sealed class ListingProfile
{
    public required string Id { get; init; }

    public required ShopProfile Shop { get; init; }

    public required Category Category { get; set; }

    public required long PublishedAt { get; set; }

    public required string Product { get; set; }

    public required string Title { get; set; }

    public required decimal Price { get; set; }

    public string? Brand { get; set; }

    public required IReadOnlyDictionary<string, string> Attributes { get; set; }

    public required IReadOnlyList<ImageRef> Images { get; set; }

    public required string Description { get; set; }

    public required int ParcelGrams { get; set; }

    /// <summary>The scenario that claimed this listing, if any.</summary>
    public string? Scenario { get; set; }
}
