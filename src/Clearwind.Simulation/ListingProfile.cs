using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>A simulated listing and its current content (updates change it).</summary>
internal sealed class ListingProfile
{
    public required string Id { get; init; }

    public required ShopProfile Shop { get; init; }

    public required Category Category { get; init; }

    public required long PublishedAt { get; init; }

    public required string Product { get; init; }

    public required string Title { get; set; }

    public required decimal Price { get; set; }

    public string? Brand { get; init; }

    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    public required IReadOnlyList<ImageRef> Images { get; init; }

    public required string Description { get; set; }

    public required int ParcelGrams { get; init; }
}
