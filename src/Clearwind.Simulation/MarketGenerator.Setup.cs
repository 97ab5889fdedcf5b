using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>Accounts, shops and listings; declared campaigns.</content>
internal sealed partial class MarketGenerator
{
    private void ScheduleSetup()
    {
        foreach (var account in _world.Accounts)
        {
            Add(account.RegisteredAt, new AccountRegistered
            {
                Id = NextEventId(),
                Ts = At(account.RegisteredAt),
                Account = account.Id,
                Nickname = account.Nickname,
                Phone = account.Phone,
                Device = account.Device,
                Ip = account.Ip,
                Avatar = account.Avatar,
            });
        }

        foreach (var shop in _world.Shops)
        {
            Add(shop.OpensAt, new ShopOpened
            {
                Id = NextEventId(),
                Ts = At(shop.OpensAt),
                Shop = shop.Id,
                Owner = shop.Owner.Id,
                Company = shop.Company,
                Name = shop.Name,
                Tier = shop.Tier,
                Brands = shop.Brands.Count == 0 ? null : shop.Brands,
            });
        }

        foreach (var listing in _world.Listings)
        {
            Add(listing.PublishedAt, new ListingPublished
            {
                Id = NextEventId(),
                Ts = At(listing.PublishedAt),
                Listing = listing.Id,
                Shop = listing.Shop.Id,
                Title = listing.Title,
                Category = listing.Category.Name,
                Price = listing.Price,
                Brand = listing.Brand,
                Attributes = listing.Attributes,
                Images = listing.Images,
                Description = listing.Description,
            });
        }

        foreach (var campaign in _world.Campaigns)
        {
            Add(campaign.DeclaredAt, new CampaignDeclared
            {
                Id = NextEventId(),
                Ts = At(campaign.DeclaredAt),
                Campaign = campaign.Id,
                Shop = campaign.Shop.Id,
                Listings = [.. campaign.Listings.Select(l => l.Id)],
                From = At(campaign.From),
                To = At(campaign.To),
                Channel = campaign.Channel,
            });
        }
    }
}
