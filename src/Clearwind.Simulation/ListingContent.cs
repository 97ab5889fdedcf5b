using Clearwind.Events;

namespace Clearwind.Simulation;

/// <summary>What a listing shows at one time: the fields <c>listing.published</c> and <c>listing.updated</c> carry.</summary>
internal sealed record ListingContent(
    string Title,
    Category Category,
    decimal Price,
    string? Brand,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ImageRef> Images,
    string Description)
{
    /// <summary>The listing's content as planned so far.</summary>
    public static ListingContent Of(ListingProfile listing)
        => new(listing.Title, listing.Category, listing.Price, listing.Brand, listing.Attributes, listing.Images, listing.Description);
}
