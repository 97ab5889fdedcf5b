using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>Honest daily traffic: browsing sessions, sellers at work, listings being edited.</content>
internal sealed partial class MarketGenerator
{
    private static readonly string[] ViewSources = ["search", "recommend", "ad", "offsite"];
    private static readonly double[] ViewSourceShares = [0.55, 0.30, 0.10, 0.05];

    /// <summary>One visit of an honest buyer: a few views across shops, a like or an ad click, maybe an order.</summary>
    private void Session(AccountProfile buyer, long t)
    {
        var ip = _random.Chance(0.3) ? MobileIp() : buyer.Ip;
        var device = buyer.Device;
        if (_random.Chance(0.35))
        {
            Add(t, new AccountLogin { Id = NextEventId(), Ts = At(t), Account = buyer.Id, Ip = ip, Device = device });
            t += Seconds(2, 30);
        }

        var shop = PickShop(buyer, t, favorites: true);
        if (shop is null)
        {
            return;
        }

        var views = Math.Min(12, _random.NextGeometric(3.5));
        ListingProfile? last = null;
        for (var i = 0; i < views; i++)
        {
            if (i > 0 && _random.Chance(0.3))
            {
                shop = PickShop(buyer, t, favorites: false) ?? shop;
            }

            var listing = PickListing(shop);
            var source = PickSource();
            if (source == "ad")
            {
                Add(t, new AdClicked
                {
                    Id = NextEventId(),
                    Ts = At(t),
                    Click = NextClickId(),
                    Account = buyer.Id,
                    Listing = listing.Id,
                    Shop = shop.Id,
                    Keyword = AdKeyword(listing),
                    Cost = Math.Round((decimal)Math.Clamp(_random.NextLogNormal(0.8, 0.5), 0.05, 20), 2),
                    Ip = ip,
                    Device = device,
                });
                t += Seconds(1, 3);

                // Honest ad clicks bounce too (slow page, mis-tap): without them, a click with no view would be a
                // sign only invalid clicks had.
                if (_random.Chance(0.08))
                {
                    t += Seconds(2, 20);
                    continue;
                }
            }

            var dwell = (long)Math.Clamp(_random.NextLogNormal(25_000, 1.0), 500, 600_000);
            ViewMs(buyer, listing, t, ip, device, dwell, source);
            if (_random.Chance(0.08))
            {
                var liked = t + (dwell * TimeSpan.TicksPerMillisecond / 2);
                Add(liked, new ListingLiked { Id = NextEventId(), Ts = At(liked), Account = buyer.Id, Listing = listing.Id, Ip = ip, Device = device });
            }

            t += (dwell * TimeSpan.TicksPerMillisecond) + Seconds(2, 20);
            last = listing;
        }

        if (last is null || !_random.Chance(0.3))
        {
            return;
        }

        // An honest buyer may order twice from a shop in one visit (a forgotten item), never more within two hours.
        var near = buyer.OrdersNear(last.Shop.Index, t, 2 * Hour);
        if (near >= 2)
        {
            return;
        }

        if (_random.Chance(0.1))
        {
            t = Chat(buyer, last.Shop, t);
        }

        PlaceOrder(buyer, last, t, ip, device, OrderKind.Honest);
        if (near == 0 && _random.Chance(0.05))
        {
            t += Seconds(60, 300);
            PlaceOrder(buyer, PickListing(last.Shop), t, ip, device, OrderKind.Honest);
        }
    }

    /// <summary>A question to the seller and the seller's answer; returns when the buyer goes on.</summary>
    private long Chat(AccountProfile buyer, ShopProfile shop, long t)
    {
        Add(t, new ChatMessage { Id = NextEventId(), Ts = At(t), Message = NextMessageId(), From = buyer.Id, To = shop.Owner.Id, Text = _random.Pick(Vocabulary.BuyerQuestions) });
        t += Seconds(20, 600);
        Add(t, new ChatMessage { Id = NextEventId(), Ts = At(t), Message = NextMessageId(), From = shop.Owner.Id, To = buyer.Id, Text = _random.Pick(Vocabulary.SellerAnswers) });
        return t + Seconds(10, 120);
    }

    /// <summary>Sellers open their workbench most mornings.</summary>
    private void ScheduleOwnerLogins(long dayStart)
    {
        foreach (var shop in _world.Shops)
        {
            if (shop.OpensAt < dayStart && _random.Chance(0.8))
            {
                var t = dayStart + _random.NextTicks(TimeSpan.FromHours(8), TimeSpan.FromHours(11));
                Add(t, new AccountLogin { Id = NextEventId(), Ts = At(t), Account = shop.Owner.Id, Ip = shop.Owner.Ip, Device = shop.Owner.Device });
            }
        }
    }

    /// <summary>About one listing in a hundred is edited each day: mostly a new price, sometimes a new title, photo or description.</summary>
    private void ScheduleListingUpdates(long dayStart)
    {
        var listings = _world.Listings;
        var count = Math.Max(1, listings.Count / 100);
        for (var k = 0; k < count; k++)
        {
            var listing = listings[_random.Next(listings.Count)];
            var t = dayStart + _random.NextTicks(TimeSpan.FromHours(9), TimeSpan.FromHours(22));
            // A listing a scenario claimed changes only as its scenario says.
            if (listing.PublishedAt >= t || listing.Scenario is not null)
            {
                continue;
            }

            MarketWorld.EditHonestly(_random, listing);
            Add(t, new ListingUpdated
            {
                Id = NextEventId(),
                Ts = At(t),
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
    }

    /// <summary>A shop open (with its listings published) at <paramref name="t"/>, by popularity or a favourite.</summary>
    private ShopProfile? PickShop(AccountProfile buyer, long t, bool favorites)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var index = favorites && buyer.FavoriteShops.Length > 0 && _random.Chance(0.25)
                ? _random.Pick(buyer.FavoriteShops)
                : _world.ShopPicker.Pick(_random);
            var shop = _world.Shops[index];
            if (shop.OpensAt + Hour < t)
            {
                return shop;
            }
        }

        return null;
    }

    /// <summary>Listings of a shop, the first ones (its best sellers) more often.</summary>
    private ListingProfile PickListing(ShopProfile shop)
    {
        var u = _random.NextDouble();
        return _world.Listings[shop.FirstListing + (int)(u * u * shop.ListingCount)];
    }

    private string PickSource()
    {
        var u = _random.NextDouble();
        for (var i = 0; i < ViewSourceShares.Length; i++)
        {
            u -= ViewSourceShares[i];
            if (u < 0)
            {
                return ViewSources[i];
            }
        }

        return ViewSources[0];
    }

    private string AdKeyword(ListingProfile listing)
        => _random.NextDouble() switch
        {
            < 0.3 when listing.Brand is not null => listing.Brand + listing.Product,
            < 0.7 => listing.Product + _random.Pick(Vocabulary.AdKeywordSuffixes),
            _ => _random.Pick(Vocabulary.TitleWords) + listing.Product,
        };
}
