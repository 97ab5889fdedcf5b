using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>Listing cheating: the edits sellers make after publishing (fixes, price swings, cheats added later).</content>
internal sealed partial class MarketGenerator
{
    partial void ScheduleListingCheats()
    {
        foreach (var edit in _world.ListingEdits)
        {
            var content = edit.Content;
            Add(edit.At, new ListingUpdated
            {
                Id = NextEventId(),
                Ts = At(edit.At),
                Listing = edit.Listing.Id,
                Shop = edit.Listing.Shop.Id,
                Title = content.Title,
                Category = content.Category.Name,
                Price = content.Price,
                Brand = content.Brand,
                Attributes = content.Attributes,
                Images = content.Images,
                Description = content.Description,
            });
        }
    }
}
