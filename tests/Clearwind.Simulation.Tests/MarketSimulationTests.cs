using Clearwind.Events;

namespace Clearwind.Simulation.Tests;

[Collection(ScaleOneMarketGroup.Name)]
public sealed class MarketSimulationTests(ScaleOneMarket market)
{
    private static byte[] Ndjson(SyntheticMarketOptions options)
    {
        using var buffer = new MemoryStream();
        SyntheticMarket.WriteNdjson(new MarketSimulation(options).Events(), buffer);
        return buffer.ToArray();
    }

    [Fact]
    public void Events_SameSeed_AreIdenticalByteForByte()
    {
        var options = SyntheticMarketOptions.ForScale(0.05, days: 2, seed: 7);

        Assert.Equal(Ndjson(options), Ndjson(options));
    }

    [Fact]
    public void Events_OtherSeed_Differ()
        => Assert.NotEqual(Ndjson(SyntheticMarketOptions.ForScale(0.05, days: 2, seed: 7)), Ndjson(SyntheticMarketOptions.ForScale(0.05, days: 2, seed: 8)));

    [Fact]
    public void Events_ScaleOneWeek_AreAboutHalfAMillion()
        => Assert.InRange(market.Events.Count, 400_000, 650_000);

    [Fact]
    public void Events_ScaleOneWeek_AreInTimeOrderWithinTheWeek()
    {
        var start = SyntheticMarketOptions.DefaultStart;
        for (var i = 1; i < market.Events.Count; i++)
        {
            Assert.True(market.Events[i - 1].Ts <= market.Events[i].Ts, $"event {i} ({market.Events[i].Id}) is earlier than the one before it");
        }

        Assert.True(market.Events[0].Ts >= start);
        Assert.True(market.Events[^1].Ts < start.AddDays(7));
    }

    [Fact]
    public void Events_ScaleOneWeek_HaveUniqueIds()
        => Assert.Equal(market.Events.Count, market.Events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Events_ScaleOneWeek_IdsFollowTimeSoTheySayNothingAboutWhatAnEventIs()
    {
        // Scenarios are planned before honest traffic; ids drawn in planning order would single out fake items.
        static void Increasing(IEnumerable<string> ids, string what)
        {
            string? previous = null;
            foreach (var id in ids)
            {
                Assert.True(previous is null || string.CompareOrdinal(previous, id) < 0, $"{what} id {id} follows {previous}");
                previous = id;
            }
        }

        Increasing(market.Events.Select(e => e.Id), "event");
        Increasing(market.Events.OfType<OrderPlaced>().Select(o => o.Order), "order");
        Increasing(market.Events.OfType<AdClicked>().Select(c => c.Click), "click");
        Increasing(market.Events.OfType<ReviewPosted>().Select(r => r.Review), "review");
    }

    [Fact]
    public void Events_ScaleOneWeek_IncludeEveryEventTypeOfSpec()
    {
        // SPEC §7, every type of the table.
        string[] types =
        [
            "account.registered", "account.login", "shop.opened", "listing.published", "listing.updated", "listing.viewed",
            "listing.liked", "ad.clicked", "order.placed", "order.paid", "order.cancelled", "order.shipped", "order.delivered",
            "order.confirmed", "order.refunded", "review.posted", "chat.message", "report.filed", "campaign.declared",
        ];

        Assert.Empty(types.Except(market.Events.Select(e => e.Type).Distinct()));
    }

    [Fact]
    public void Events_ScaleOneWeek_ReferOnlyToEntitiesThatExistEarlier()
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var shops = new HashSet<string>(StringComparer.Ordinal);
        var listings = new HashSet<string>(StringComparer.Ordinal);
        var orders = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        void Need(HashSet<string> known, string? id, string what, MarketEvent e)
        {
            if (id is null || !known.Contains(id))
            {
                problems.Add($"{e.Id} ({e.Type}) refers to {what} '{id}' that does not exist yet");
            }
        }

        foreach (var e in market.Events)
        {
            switch (e)
            {
                case AccountRegistered r:
                    accounts.Add(r.Account);
                    break;
                case AccountLogin l:
                    Need(accounts, l.Account, "account", e);
                    break;
                case ShopOpened s:
                    Need(accounts, s.Owner, "owner account", e);
                    shops.Add(s.Shop);
                    break;
                case ListingPublished p:
                    Need(shops, p.Shop, "shop", e);
                    listings.Add(p.Listing);
                    break;
                case ListingUpdated u:
                    Need(listings, u.Listing, "listing", e);
                    break;
                case ListingViewed v:
                    Need(accounts, v.Account, "account", e);
                    Need(listings, v.Listing, "listing", e);
                    break;
                case ListingLiked l:
                    Need(accounts, l.Account, "account", e);
                    Need(listings, l.Listing, "listing", e);
                    break;
                case AdClicked c:
                    Need(accounts, c.Account, "account", e);
                    Need(listings, c.Listing, "listing", e);
                    Need(shops, c.Shop, "shop", e);
                    break;
                case OrderPlaced o:
                    Need(accounts, o.Buyer, "buyer", e);
                    Need(shops, o.Shop, "shop", e);
                    Need(listings, o.Listing, "listing", e);
                    orders.Add(o.Order);
                    break;
                case OrderPaid o:
                    Need(orders, o.Order, "order", e);
                    break;
                case OrderCancelled o:
                    Need(orders, o.Order, "order", e);
                    break;
                case OrderShipped o:
                    Need(orders, o.Order, "order", e);
                    break;
                case OrderDelivered o:
                    Need(orders, o.Order, "order", e);
                    break;
                case OrderConfirmed o:
                    Need(orders, o.Order, "order", e);
                    break;
                case OrderRefunded o:
                    Need(orders, o.Order, "order", e);
                    break;
                case ReviewPosted r:
                    Need(accounts, r.Account, "account", e);
                    Need(listings, r.Listing, "listing", e);
                    if (r.Order is not null)
                    {
                        Need(orders, r.Order, "order", e);
                    }

                    break;
                case ChatMessage m:
                    Need(accounts, m.From, "sender", e);
                    Need(accounts, m.To, "recipient", e);
                    break;
                case ReportFiled r:
                    Need(accounts, r.Reporter, "reporter", e);
                    if (r.Platform is null && r.Target is { } target)
                    {
                        Need(target.Type switch { EntityTypes.Account => accounts, EntityTypes.Shop => shops, EntityTypes.Listing => listings, _ => orders }, target.Id, target.Type, e);
                    }

                    break;
                case CampaignDeclared c:
                    Need(shops, c.Shop, "shop", e);
                    foreach (var listing in c.Listings ?? [])
                    {
                        Need(listings, listing, "listing", e);
                    }

                    break;
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
    }
}
