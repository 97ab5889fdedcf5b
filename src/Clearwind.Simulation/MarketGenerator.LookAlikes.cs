using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Events of honest look-alikes: the regulars of big shops, livestream and influencer surges, declared off-site
/// campaigns, listings that go viral and same-day reorders. Every visitor is a real account with its own device,
/// address and payer, who looks before buying and pays for what arrives.
/// </content>
internal sealed partial class MarketGenerator
{
    partial void ScheduleLookAlikes()
    {
        foreach (var shop in _world.BigShops)
        {
            ScheduleRegulars(shop);
        }

        foreach (var surge in _world.Surges)
        {
            ScheduleSurge(surge);
        }

        foreach (var campaign in _world.CampaignTraffic)
        {
            ScheduleCampaignTraffic(campaign);
        }

        foreach (var viral in _world.ViralListings)
        {
            ScheduleViralListing(viral);
        }

        foreach (var repeat in _world.RepeatBuyers)
        {
            ScheduleRepeatOrders(repeat);
        }
    }

    /// <summary>Returning customers of a big shop, every day, on top of what its popularity brings.</summary>
    private void ScheduleRegulars(BigShopPlan plan)
    {
        var shop = plan.Shop;
        for (var day = 0; day < _options.Days; day++)
        {
            for (var i = 0; i < plan.RegularsPerDay; i++)
            {
                var t = SessionStart(day);
                var active = _world.ActiveBuyers(t);
                if (t < shop.OpensAt + Hour || active == 0)
                {
                    continue;
                }

                var buyer = _world.Buyers[_world.BuyerPicker.Pick(_random, active)];
                var ip = _random.Chance(0.35) ? MobileIp() : buyer.Ip;
                t = MaybeLogin(buyer, t, ip);
                var views = _random.Between(1, 3);
                for (var v = 0; v < views; v++)
                {
                    var source = _random.NextDouble() switch { < 0.5 => "search", < 0.92 => "recommend", _ => "offsite" };
                    t = Visit(buyer, PickListing(shop), t, ip, source, like: 0.08, order: v == views - 1 ? 0.45 : 0.03).Next;
                }
            }
        }
    }

    /// <summary>
    /// A livestream or an influencer's post: hundreds of existing buyers (part of them from one campus) and a few
    /// newcomers look at the promoted listings within hours; many like them, many order, some order twice.
    /// </summary>
    private void ScheduleSurge(SurgePlan surge)
    {
        var active = _world.ActiveBuyers(Math.Max(Hour, surge.Start - Day));
        var target = Math.Min(surge.Viewers, active / 4);
        var chosen = new HashSet<int>();
        if (surge.CampusIp is { } campus && _world.CampusBuyers.TryGetValue(campus, out var students))
        {
            var eligible = students.Where(i => i < active).ToArray();
            _random.Shuffle(eligible);
            var wanted = (int)Math.Round(target * (0.08 + (0.08 * _random.NextDouble())));
            chosen.UnionWith(eligible.Take(wanted));
        }

        while (chosen.Count < target)
        {
            chosen.Add(_world.BuyerPicker.Pick(_random, active));
        }

        // A host presents the products at a few moments of the stream and orders crowd after each; a post's audience
        // is largest when it goes out and fades, more slowly at night.
        var livestream = surge.Decay == 0;
        var moments = livestream
            ? [.. Enumerable.Range(0, _random.Between(2, 4)).Select(_ => (long)(_random.NextDouble() * 0.85 * surge.Duration)).Order()]
            : Array.Empty<long>();
        foreach (var index in chosen.Order())
        {
            var buyer = _world.Buyers[index];
            long offset;
            ListingProfile listing;
            if (livestream && _random.Chance(0.6))
            {
                var moment = _random.Next(moments.Length);
                offset = Math.Min(surge.Duration - 1, moments[moment] + (long)(Math.Abs(_random.NextGaussian()) * 8 * Minute));
                listing = surge.Listings[moment % surge.Listings.Count];
            }
            else
            {
                offset = MarketWorld.SurgeOffset(_random, surge.Duration, surge.Decay);
                for (var retry = 0; retry < 3 && IsNight(surge.Start + offset) && _random.Chance(0.7); retry++)
                {
                    offset = MarketWorld.SurgeOffset(_random, surge.Duration, surge.Decay);
                }

                listing = _random.Chance(0.6) ? surge.Listings[0] : _random.Pick(surge.Listings);
            }

            var student = buyer.Ip == surge.CampusIp;
            var ip = student ? (_random.Chance(0.8) ? buyer.Ip : MobileIp()) : (_random.Chance(0.5) ? MobileIp() : buyer.Ip);
            SurgeVisit(surge, buyer, listing, surge.Start + offset, ip, livestream ? 0.38 : 0.3);
        }

        foreach (var newcomer in surge.Newcomers)
        {
            var ip = _random.Chance(0.6) ? newcomer.Ip : MobileIp();
            SurgeVisit(surge, newcomer, _random.Pick(surge.Listings), newcomer.RegisteredAt + Seconds(30, 480), ip, 0.45);
        }
    }

    private void SurgeVisit(SurgePlan surge, AccountProfile buyer, ListingProfile listing, long t, string ip, double order)
    {
        var source = surge.Channel == "livestream"
            ? _random.NextDouble() switch { < 0.55 => "recommend", < 0.9 => "offsite", _ => "search" }
            : _random.NextDouble() switch { < 0.65 => "offsite", < 0.9 => "search", _ => "recommend" };
        t = MaybeLogin(buyer, t, ip);
        var visit = Visit(buyer, listing, t, ip, source, like: 0.3, order, Vocabulary.SurgeQuestions, Vocabulary.SurgeAnswers);
        if (visit.Order is not null && _random.Chance(0.12))
        {
            // A second one, for a friend or in another colour.
            PlaceOrder(buyer, _random.Chance(0.7) ? listing : _random.Pick(surge.Listings), visit.Next + Seconds(60, 2400), ip, buyer.Device, OrderKind.Honest);
        }
        else if (_random.Chance(0.25))
        {
            Visit(buyer, PickListing(surge.Shop), visit.Next, ip, "recommend", like: 0.08, order: 0.05);
        }
    }

    /// <summary>Visitors an off-site campaign sends while it runs; outside visitors register to buy.</summary>
    private void ScheduleCampaignTraffic(CampaignTrafficPlan plan)
    {
        var campaign = plan.Campaign;
        var visitors = (int)Math.Round(plan.VisitorsPerDay * (campaign.To - campaign.From) / (double)Day);
        for (var i = 0; i < visitors; i++)
        {
            var t = TimeWithin(campaign.From, campaign.To);
            var active = _world.ActiveBuyers(Math.Max(Hour, t - Day));
            if (active == 0)
            {
                continue;
            }

            var buyer = _world.Buyers[_world.BuyerPicker.Pick(_random, active)];
            var ip = _random.Chance(0.5) ? MobileIp() : buyer.Ip;
            t = MaybeLogin(buyer, t, ip);
            Visit(buyer, _random.Pick(campaign.Listings), t, ip, _random.Chance(0.85) ? "offsite" : "search", like: 0.06, order: 0.12);
        }

        foreach (var newcomer in plan.Newcomers)
        {
            var ip = _random.Chance(0.5) ? newcomer.Ip : MobileIp();
            Visit(newcomer, _random.Pick(campaign.Listings), newcomer.RegisteredAt + Seconds(20, 360), ip, "offsite", like: 0.1, order: 0.3);
        }
    }

    /// <summary>
    /// A listing going viral: each day more distinct buyers find it (recommendations, search, shared links), like it
    /// and buy it at ordinary rates; some who liked it come back later to buy.
    /// </summary>
    private void ScheduleViralListing(ViralListingPlan plan)
    {
        for (var day = (int)(plan.Start / Day); day < _options.Days; day++)
        {
            var elapsed = (((day + 0.5) * Day) - plan.Start) / Day;
            var viewers = (int)Math.Round(plan.PeakViewersPerDay / (1 + Math.Exp(-(elapsed - plan.MidpointDays) / plan.WidthDays)));
            var seen = new HashSet<int>();
            for (var i = 0; i < viewers; i++)
            {
                var t = SessionStart(day);
                var active = _world.ActiveBuyers(t);
                if (t < plan.Start || active == 0)
                {
                    continue;
                }

                var index = _world.BuyerPicker.Pick(_random, active);
                if (!seen.Add(index))
                {
                    continue;
                }

                var buyer = _world.Buyers[index];
                var ip = _random.Chance(0.4) ? MobileIp() : buyer.Ip;
                t = MaybeLogin(buyer, t, ip);
                var source = _random.NextDouble() switch { < 0.55 => "recommend", < 0.85 => "search", _ => "offsite" };
                var visit = Visit(buyer, plan.Listing, t, ip, source, like: 0.12, order: 0.06);
                if (visit.Liked && visit.Order is null && _random.Chance(0.25))
                {
                    var back = visit.Next + Seconds(3600, 48 * 3600);
                    Visit(buyer, plan.Listing, back, _random.Chance(0.4) ? MobileIp() : buyer.Ip, "recommend", like: 0, order: 0.4);
                }
            }
        }
    }

    /// <summary>A buyer's orders from one shop in one day: a look at the listing first, sometimes a word with the seller.</summary>
    private void ScheduleRepeatOrders(RepeatBuyerPlan plan)
    {
        var buyer = plan.Buyer;
        for (var i = 0; i < plan.Orders.Count; i++)
        {
            var (at, listing) = plan.Orders[i];
            var ip = _random.Chance(0.4) ? MobileIp() : buyer.Ip;
            var t = MaybeLogin(buyer, at - Seconds(60, 900), ip);
            t = Visit(buyer, listing, t, ip, i == 0 ? "search" : "recommend", like: 0.05, order: 0).Next;
            if (i > 0 && _random.Chance(0.35))
            {
                t = Ask(buyer, plan.Shop, t, Vocabulary.RepeatQuestions, Vocabulary.RepeatAnswers);
            }

            PlaceOrder(buyer, listing, Math.Max(t, at), ip, buyer.Device, OrderKind.Honest);
        }
    }

    /// <summary>
    /// An honest look at a listing: a view with an ordinary dwell, maybe a like, maybe an order (now and then after a
    /// question to the seller).
    /// </summary>
    private Visited Visit(AccountProfile buyer, ListingProfile listing, long t, string ip, string source, double like, double order,
        string[]? questions = null, string[]? answers = null)
    {
        if (!Fits(t) || t < buyer.RegisteredAt || t < listing.PublishedAt)
        {
            return new Visited(t, false, null);
        }

        var dwell = (long)Math.Clamp(_random.NextLogNormal(25_000, 0.9), 1_500, 600_000);
        ViewMs(buyer, listing, t, ip, buyer.Device, dwell, source);
        var liked = _random.Chance(like);
        if (liked)
        {
            var at = t + (dwell * TimeSpan.TicksPerMillisecond / 2);
            Add(at, new ListingLiked { Id = NextEventId(), Ts = At(at), Account = buyer.Id, Listing = listing.Id, Ip = ip, Device = buyer.Device });
        }

        t += (dwell * TimeSpan.TicksPerMillisecond) + Seconds(2, 20);
        if (!_random.Chance(order))
        {
            return new Visited(t, liked, null);
        }

        if (_random.Chance(0.1))
        {
            t = Ask(buyer, listing.Shop, t, questions ?? Vocabulary.BuyerQuestions, answers ?? Vocabulary.SellerAnswers);
        }

        var placed = PlaceOrder(buyer, listing, t, ip, buyer.Device, OrderKind.Honest);
        return new Visited(t + Seconds(5, 60), liked, placed);
    }

    private long Ask(AccountProfile buyer, ShopProfile shop, long t, string[] questions, string[] answers)
    {
        Add(t, new ChatMessage { Id = NextEventId(), Ts = At(t), Message = NextMessageId(), From = buyer.Id, To = shop.Owner.Id, Text = _random.Pick(questions) });
        t += Seconds(20, 600);
        Add(t, new ChatMessage { Id = NextEventId(), Ts = At(t), Message = NextMessageId(), From = shop.Owner.Id, To = buyer.Id, Text = _random.Pick(answers) });
        return t + Seconds(10, 120);
    }

    private long MaybeLogin(AccountProfile account, long t, string ip)
    {
        if (!_random.Chance(0.35) || !Fits(t) || t < account.RegisteredAt)
        {
            return t;
        }

        Add(t, new AccountLogin { Id = NextEventId(), Ts = At(t), Account = account.Id, Ip = ip, Device = account.Device });
        return t + Seconds(2, 30);
    }

    /// <summary>A time in [<paramref name="from"/>, <paramref name="to"/>) that follows the daily rhythm.</summary>
    private long TimeWithin(long from, long to)
    {
        var first = (int)(from / Day);
        var last = (int)((to - 1) / Day);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var t = SessionStart(_random.Between(first, last));
            if (t >= from && t < to)
            {
                return t;
            }
        }

        return from + _random.NextInt64(Math.Max(1, to - from));
    }

    private static bool IsNight(long ticks) => (ticks % Day) is >= Hour and < 7 * Hour;

    /// <summary>What came of a visit: when the visitor moves on, whether they liked the listing, the order placed if any.</summary>
    private readonly record struct Visited(long Next, bool Liked, string? Order);
}
