using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Events of the brushing variants: fake orders that shop like anyone else and differ in who buys and how the parcel
/// travels, and the honest visits of the accounts that brush.
/// </content>
internal sealed partial class MarketGenerator
{
    partial void ScheduleBrushingVariants()
    {
        foreach (var slot in _world.FakeOrders)
        {
            FakeOrder(slot);
        }

        // When each account is busy brushing: its honest visits stay well away from those hours.
        var busy = new Dictionary<AccountProfile, List<long>>();
        void Busy(AccountProfile account, long t)
        {
            if (!busy.TryGetValue(account, out var times))
            {
                busy[account] = times = [];
            }

            times.Add(t);
        }

        foreach (var slot in _world.FakeOrders)
        {
            Busy(slot.Buyer, slot.At);
        }

        foreach (var plan in _world.Brushing)
        {
            foreach (var brusher in plan.Brushers)
            {
                Busy(brusher, plan.Start);
                Busy(brusher, plan.Start + plan.Duration);
            }
        }

        foreach (var (account, sessions, buys) in _world.Camouflage)
        {
            HonestVisits(account, sessions, buys, busy.TryGetValue(account, out var times) ? times : []);
        }
    }

    /// <summary>
    /// A brushing task done the way platforms teach it: search, compare a listing or two, read the target listing for
    /// a while, sometimes ask the seller a question, then order. Laid out backwards from the order, with the same gaps
    /// as an honest visit.
    /// </summary>
    private void FakeOrder(FakeOrderSlot slot)
    {
        var (buyer, listing, t, style) = slot;
        var ip = _random.Chance(0.25) ? MobileIp() : buyer.Ip;
        var device = buyer.Device;
        var owner = listing.Shop.Owner;

        // Times first, from the order backwards; events then in time order.
        var cursor = t;
        (long Asked, long Answered, string Question, string Answer)? chat = null;
        if (buyer != owner && _random.Chance(style.CashbackChat ? 0.5 : 0.15))
        {
            // Platforms ask brushers to talk to the seller like a buyer would; hired buyers check the task.
            var answered = cursor - Seconds(10, 120);
            var asked = answered - Seconds(20, 600);
            chat = style.CashbackChat
                ? (asked, answered, _random.Pick(Vocabulary.TaskQuestions), _random.Pick(Vocabulary.TaskAnswers))
                : (asked, answered, _random.Pick(Vocabulary.BuyerQuestions), _random.Pick(Vocabulary.SellerAnswers));
            cursor = asked;
        }

        var views = new List<(ListingProfile Listing, long At, long Dwell, string Source)>();
        var dwell = Seconds(30, 240);
        cursor -= dwell + Seconds(2, 20);
        views.Add((listing, cursor, dwell, _random.Chance(0.8) ? "search" : "recommend"));
        var others = _random.Between(0, 2);
        for (var i = 0; i < others; i++)
        {
            var shop = _world.Shops[_world.ShopPicker.Pick(_random)];
            var glance = Seconds(5, 40);
            if (shop.OpensAt + Hour < cursor - glance - Seconds(2, 20))
            {
                cursor -= glance + Seconds(2, 20);
                views.Add((PickListing(shop), cursor, glance, "search"));
            }
        }

        if (_random.Chance(0.4))
        {
            var login = cursor - Seconds(2, 30);
            Add(login, new AccountLogin { Id = NextEventId(), Ts = At(login), Account = buyer.Id, Ip = ip, Device = device });
        }

        for (var i = views.Count - 1; i >= 0; i--)
        {
            View(buyer, views[i].Listing, views[i].At, ip, device, views[i].Dwell, views[i].Source);
        }

        if (chat is { } c)
        {
            Message(buyer, owner, c.Asked, c.Question);
            Message(owner, buyer, c.Answered, c.Answer);
        }

        PlaceFakeOrder(buyer, listing, t, ip, device, style);
    }

    private void View(AccountProfile account, ListingProfile listing, long t, string ip, string device, long dwell, string source)
        => Add(t, new ListingViewed
        {
            Id = NextEventId(),
            Ts = At(t),
            Account = account.Id,
            Listing = listing.Id,
            Ip = ip,
            Device = device,
            DwellMs = dwell / TimeSpan.TicksPerMillisecond,
            Source = source,
        });

    /// <summary>A fake order's life after it is placed: paid, shipped (maybe empty), delivered, confirmed, reviewed.</summary>
    private void PlaceFakeOrder(AccountProfile buyer, ListingProfile listing, long t, string ip, string device, FulfilmentStyle style)
    {
        if (!Fits(t))
        {
            return;
        }

        var quantity = _random.Chance(0.9) ? 1 : 2;
        var order = AddOrderPlaced(buyer, listing, t, ip, device, quantity, listing.Price);
        buyer.NoteOrder(listing.Shop.Index, t);
        Labels.FakeOrder(order);

        var paid = t + (long)(Math.Clamp(_random.NextLogNormal(60, 1.2), 5, 1700) * Second);
        Add(paid, new OrderPaid { Id = NextEventId(), Ts = At(paid), Order = order, PaymentAccount = buyer.PaymentAccount });

        // An empty-parcel site issues its tracking number at once; real goods take the usual packing time.
        var empty = style.EmptyParcelGrams is not null || style.Tracking is not null;
        var shipped = paid + (empty ? Seconds(1800, 8 * 3600) : Seconds(3 * 3600, 48 * 3600));
        string carrier;
        string tracking;
        if (style.Tracking is { } pool)
        {
            (carrier, tracking) = (pool.Carrier, _random.Pick(pool.Numbers));
        }
        else
        {
            var (name, prefix, digits) = _random.Pick(Vocabulary.Carriers);
            (carrier, tracking) = (name, prefix + _random.NextDigits(digits));
        }

        var weight = style.EmptyParcelGrams is { } grams
            ? Math.Max(1, Math.Round(grams * _random.NextLogNormal(1, 0.2)))
            : Math.Round(listing.ParcelGrams * quantity * _random.NextLogNormal(1, 0.15));
        AddShipped(order, shipped, carrier, tracking, weight);

        var delivered = shipped + (style.InstantDelivery ? Seconds(600, 3 * 3600) : Seconds(20 * 3600, 96 * 3600));
        Add(delivered, new OrderDelivered { Id = NextEventId(), Ts = At(delivered), Order = order });

        var owner = listing.Shop.Owner;
        var chat = style.CashbackChat && buyer != owner && _random.Chance(0.7);
        if (chat)
        {
            Message(owner, buyer, delivered + Seconds(120, 3600), _random.Pick(Vocabulary.CashbackOffers));
        }

        var confirmed = delivered + (style.QuickConfirm ? Seconds(60, 900) : Seconds(4 * 3600, 5 * 86400));
        if (chat && confirmed < delivered + Hour)
        {
            confirmed = delivered + Hour + Seconds(60, 900); // after the seller's message
        }

        Add(confirmed, new OrderConfirmed { Id = NextEventId(), Ts = At(confirmed), Order = order });

        var reviewed = confirmed;
        if (_random.Chance(style.ReviewChance))
        {
            reviewed = confirmed + (style.BlankReview ? Seconds(20, 600) : Seconds(600, 2 * 86400));
            FakeReview(buyer, listing, order, reviewed, style.BlankReview);
        }

        if (chat)
        {
            var claimed = reviewed + Seconds(30, 1800);
            Message(buyer, owner, claimed, _random.Pick(Vocabulary.CashbackClaims));
            if (_random.Chance(0.6))
            {
                Message(owner, buyer, claimed + Seconds(60, 7200), _random.Pick(Vocabulary.CashbackPaid));
            }
        }
    }

    /// <summary>The review of a fake order: a 5-star review, blank when the brusher just clicks through.</summary>
    private void FakeReview(AccountProfile buyer, ListingProfile listing, string order, long t, bool blank)
    {
        if (!Fits(t))
        {
            return;
        }

        var rating = blank || _random.Chance(0.9) ? 5 : 4;
        var text = blank ? "" : _random.Chance(0.3) ? _random.Pick(Vocabulary.BoughtReviews) : ReviewText(5);
        ImageRef[]? images = !blank && _random.Chance(0.25) ? [listing.Images[0]] : null; // the seller's own photo, handed out with the task
        Labels.FakeReview(PostReview(buyer, listing, order, t, text, rating, images)!);
    }

    /// <summary>
    /// Honest visits of an account that also brushes, hours away from its fake orders; one that <paramref name="buys"/>
    /// visits a few more times if need be, until it has ordered something.
    /// </summary>
    private void HonestVisits(AccountProfile account, int sessions, bool buys, List<long> busy)
    {
        var before = account.RecentOrders is { Count: > 0 } recent ? recent[^1] : default;
        bool Bought() => account.RecentOrders is { Count: > 0 } now && now[^1] != before;
        for (var k = 0; k < sessions + 8 && (k < sessions || (buys && !Bought())); k++)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var t = SessionStart(_random.Next(_options.Days));
                if (t > account.RegisteredAt + (10 * Minute) && !busy.Exists(b => Math.Abs(b - t) < 3 * Hour))
                {
                    Session(account, t);
                    break;
                }
            }
        }
    }

    private void Message(AccountProfile from, AccountProfile to, long t, string text)
        => Add(t, new ChatMessage { Id = NextEventId(), Ts = At(t), Message = NextMessageId(), From = from.Id, To = to.Id, Text = text });
}
