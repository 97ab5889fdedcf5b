using System.Globalization;
using System.Text;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Events of fake engagement: like farms' views and likes, bought and malicious reviews (with the orders some of them
/// hide behind), solicitations of marketing and impersonating accounts, and negative reviews that name a brand. Each
/// fake review and each writer is labelled when the review is actually posted inside the run.
/// </content>
internal sealed partial class MarketGenerator
{
    private static readonly string[] EngagementSeparators = ["，", "，", "，", ",", " "];

    partial void ScheduleFakeEngagement()
    {
        foreach (var farm in _world.LikeFarms)
        {
            ScheduleLikeFarm(farm);
        }

        foreach (var farm in _world.ReviewFarms)
        {
            ScheduleReviewFarm(farm);
        }

        foreach (var attack in _world.ReviewAttacks)
        {
            ScheduleReviewAttack(attack);
        }

        foreach (var solicitor in _world.Solicitors)
        {
            ScheduleSolicitor(solicitor);
        }

        foreach (var account in _world.HonestSolicitorLookAlikes)
        {
            // Ordinary shoppers: a handful of visits over the run, like anyone else's.
            var firstDay = (int)(account.RegisteredAt / Day);
            var visits = _random.Between(3, 12);
            for (var v = 0; v < visits; v++)
            {
                var t = SessionStart(_random.Next(firstDay, _options.Days));
                if (t > account.RegisteredAt + (10 * Minute))
                {
                    Session(account, t);
                }
            }
        }

        foreach (var review in _world.BrandReviews)
        {
            ScheduleBrandReview(review);
        }

        LabelOfficialShops();
    }

    // ---- Like farms ------------------------------------------------------------------------------------------------

    private void ScheduleLikeFarm(LikeFarmPlan farm)
    {
        // Aged accounts a farm keeps (not the shoppers it recruited) browse a little first, so they look lived in.
        var first = farm.Jobs.SelectMany(j => j.Likes).GroupBy(l => l.Member).ToDictionary(g => g.Key, g => g.Min(l => l.Ticks));
        foreach (var member in farm.Members)
        {
            if (member.Kind == AccountKind.LikeFarm && !farm.Zombies.Contains(member) && first.TryGetValue(member, out var until))
            {
                CoverBrowsing(member, member.RegisteredAt + Hour, until - Hour, _random.Between(2, 6));
            }
        }

        var rotation = 0;
        foreach (var job in farm.Jobs)
        {
            foreach (var (member, t) in job.Likes)
            {
                string ip;
                long dwell;
                double viewChance;
                switch (farm.Style)
                {
                    case LikeFarmStyle.Crowd:
                        ip = _random.Chance(0.7) ? member.Ip : MobileIp();
                        dwell = _random.Between(4_000, 25_000);
                        viewChance = 1;
                        if (_random.Chance(0.2))
                        {
                            var other = PickListing(job.Listing.Shop);
                            var glance = t - (dwell * TimeSpan.TicksPerMillisecond) - Seconds(20, 90);
                            ViewMs(member, other, glance, ip, member.Device, _random.Between(3_000, 20_000), "recommend");
                        }

                        break;
                    case LikeFarmStyle.Proxy:
                        ip = _random.Chance(0.65) ? MobileIp() : AnyIp();
                        dwell = _random.Between(1_000, 5_000);
                        viewChance = 0.8;
                        break;
                    default:
                        // A small pool of proxy addresses, taken in turn (now and then one at random).
                        ip = _random.Chance(0.8) ? farm.Ips[rotation++ % farm.Ips.Count] : _random.Pick(farm.Ips);
                        dwell = _random.Between(800, 3_500);
                        viewChance = farm.Style == LikeFarmStyle.Drip ? 0.4 : 0.5;
                        if (_random.Chance(0.3))
                        {
                            var login = t - Seconds(3, 20) - (dwell * TimeSpan.TicksPerMillisecond);
                            Add(login, new AccountLogin { Id = NextEventId(), Ts = At(login), Account = member.Id, Ip = ip, Device = member.Device });
                        }

                        break;
                }

                if (_random.Chance(viewChance))
                {
                    var viewed = t - (long)(dwell * TimeSpan.TicksPerMillisecond * (0.7 + (_random.NextDouble() * 0.25)));
                    ViewMs(member, job.Listing, viewed, ip, member.Device, dwell, _random.Chance(0.6) ? "search" : "recommend");
                }

                Add(t, new ListingLiked { Id = NextEventId(), Ts = At(t), Account = member.Id, Listing = job.Listing.Id, Ip = ip, Device = member.Device });
            }
        }
    }

    /// <summary>A few ordinary views (and a login) between two times, so an account does not only ever act for its farm.</summary>
    private void CoverBrowsing(AccountProfile account, long from, long to, int views)
    {
        if (to <= from)
        {
            return;
        }

        for (var i = 0; i < views; i++)
        {
            var t = from + _random.NextInt64(to - from);
            if (_world.Shops[_world.ShopPicker.Pick(_random)] is not { } shop || shop.OpensAt + Hour >= t)
            {
                continue;
            }

            if (_random.Chance(0.4))
            {
                var login = t - Seconds(5, 60);
                Add(login, new AccountLogin { Id = NextEventId(), Ts = At(login), Account = account.Id, Ip = account.Ip, Device = account.Device });
            }

            ViewMs(account, PickListing(shop), t, account.Ip, account.Device, (long)Math.Clamp(_random.NextLogNormal(25_000, 1.0), 500, 600_000), PickSource());
        }
    }

    private void ViewMs(AccountProfile account, ListingProfile listing, long t, string ip, string device, long dwellMs, string source)
        => View(account, listing, t, ip, device, dwellMs * TimeSpan.TicksPerMillisecond, source);

    private string AnyIp() => string.Create(CultureInfo.InvariantCulture,
        $"{_random.Pick(Vocabulary.IspPrefixes)}{_random.Next(1, 255)}.{_random.Next(0, 255)}.{_random.Next(2, 255)}");

    // ---- Bought reviews ------------------------------------------------------------------------------------------

    private void ScheduleReviewFarm(ReviewFarmPlan farm)
    {
        var scenario = MarketWorld.ReviewScenario(farm.Style);
        string[] patterns = farm.Style switch
        {
            ReviewFarmStyle.Template => ["fake_reviews.duplicate_text", "fake_reviews.no_purchase", "fake_reviews.farm"],
            ReviewFarmStyle.Prepaid => ["fake_reviews.no_purchase", "fake_reviews.farm"],
            ReviewFarmStyle.Cashback => ["fake_reviews.duplicate_text"],
            _ => ["fake_reviews.no_purchase"],
        };
        var listing = farm.Listing;
        foreach (var (writer, t) in farm.Writers)
        {
            string? review = null;
            switch (farm.Style)
            {
                case ReviewFarmStyle.Template:
                case ReviewFarmStyle.Scattered:
                    if (_random.Chance(0.5))
                    {
                        ViewMs(writer, listing, t - Seconds(30, 300), writer.Ip, writer.Device, _random.Between(2_000, 20_000), "search");
                    }

                    review = PostReview(writer, listing, null, t, Praise(farm.Template, listing), FarmRating(), SellerPhoto(listing, 0.3));
                    break;
                case ReviewFarmStyle.Prepaid:
                    {
                        // Ordered and paid, praised hours later, shipped only after the praise is up (先评后发).
                        var placed = Math.Max(t, writer.RegisteredAt + (10 * Minute));
                        ViewMs(writer, listing, placed - Seconds(20, 120), writer.Ip, writer.Device, _random.Between(5_000, 30_000), "search");
                        var order = PlaceEngagementOrder(writer, listing, placed, writer.Ip, writer.Device);
                        if (order is null)
                        {
                            break;
                        }

                        Labels.FakeOrder(order);
                        var paid = placed + Seconds(10, 90);
                        Add(paid, new OrderPaid { Id = NextEventId(), Ts = At(paid), Order = order, PaymentAccount = writer.PaymentAccount });
                        var posted = paid + Seconds(3 * 3600, 12 * 3600);
                        review = PostReview(writer, listing, order, posted, Praise(null, listing), FarmRating(), SellerPhoto(listing, 0.4));
                        Ship(order, listing, posted + Seconds(2 * 3600, 24 * 3600), confirm: true);
                        break;
                    }

                case ReviewFarmStyle.Cashback:
                    review = ScheduleCashback(writer, listing, t, farm.Template!);
                    break;
            }

            if (review is null)
            {
                continue;
            }

            Labels.FakeReview(review);
            Labels.Entity(patterns, EntityTypes.Account, () => writer.Id, "actor", scenario);
            Labels.Entity(patterns, EntityTypes.Listing, () => listing.Id, "beneficiary", scenario);
        }
    }

    /// <summary>
    /// A real purchase; on delivery the seller offers cashback for a five-star review and hands over the text to
    /// paste; the buyer pastes it (near enough) and is paid back. Returns the review id, or null outside the run.
    /// </summary>
    private string? ScheduleCashback(AccountProfile buyer, ListingProfile listing, long t, IReadOnlyList<string[]> template)
    {
        var ip = _random.Chance(0.7) ? buyer.Ip : MobileIp();
        ViewMs(buyer, listing, t - Seconds(30, 600), ip, buyer.Device, (long)Math.Clamp(_random.NextLogNormal(30_000, 0.8), 2_000, 300_000), PickSource());
        var order = PlaceEngagementOrder(buyer, listing, t, ip, buyer.Device);
        if (order is null)
        {
            return null;
        }

        var paid = t + (long)(Math.Clamp(_random.NextLogNormal(60, 1.2), 5, 1700) * Second);
        Add(paid, new OrderPaid { Id = NextEventId(), Ts = At(paid), Order = order, PaymentAccount = buyer.PaymentAccount });
        var delivered = Ship(order, listing, paid + Seconds(3 * 3600, 24 * 3600), confirm: false);
        var owner = listing.Shop.Owner;
        var offered = delivered + Seconds(1800, 6 * 3600);
        var offer = string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.ReviewCashbackOffers), _random.Pick([3, 5, 5, 8, 10]));
        Add(offered, new ChatMessage { Id = NextEventId(), Ts = At(offered), Message = NextMessageId(), From = owner.Id, To = buyer.Id, Text = offer + "：" + Praise(template, listing) });
        var confirmed = offered + Seconds(600, 24 * 3600);
        Add(confirmed, new OrderConfirmed { Id = NextEventId(), Ts = At(confirmed), Order = order });
        var posted = confirmed + Seconds(120, 12 * 3600);
        var review = PostReview(buyer, listing, order, posted, Praise(template, listing), 5, _random.Chance(0.6) ? [new ImageRef(_random.NextHex16(), 1080, 1440)] : null);
        if (review is not null)
        {
            var paidBack = posted + Seconds(600, 10 * 3600);
            Add(paidBack, new ChatMessage { Id = NextEventId(), Ts = At(paidBack), Message = NextMessageId(), From = owner.Id, To = buyer.Id, Text = _random.Pick(Vocabulary.ReviewCashbackPaid) });
        }

        return review;
    }

    private int FarmRating() => _random.Chance(0.9) ? 5 : 4;

    private IReadOnlyList<ImageRef>? SellerPhoto(ListingProfile listing, double chance)
        => _random.Chance(chance) ? [listing.Images[_random.Next(listing.Images.Count)]] : null;

    /// <summary>A paraphrase of <paramref name="template"/>, or, without one, praise written by hand from the pools.</summary>
    private string Praise(IReadOnlyList<string[]>? template, ListingProfile listing)
    {
        var clauses = new List<string>(8);
        if (template is not null)
        {
            foreach (var slot in template)
            {
                if (_random.Chance(0.05))
                {
                    continue; // one clause dropped now and then
                }

                var clause = _random.Chance(0.15) ? slot[1] : slot[0];
                clauses.Add(_random.Chance(0.06) ? _random.Pick(["真的", "真心", "确实"]) + clause : clause);
            }

            if (clauses.Count > 2 && _random.Chance(0.15))
            {
                var i = _random.Next(clauses.Count - 1);
                (clauses[i], clauses[i + 1]) = (clauses[i + 1], clauses[i]);
            }
        }
        else
        {
            var slots = Vocabulary.PraiseSlots;
            var picked = Enumerable.Range(0, slots.Length).Where(_ => _random.Chance(0.45)).ToList();
            foreach (var s in picked)
            {
                clauses.Add(_random.Pick(slots[s]));
            }

            var remarks = _random.Between(clauses.Count > 0 ? 1 : 2, 3);
            foreach (var remark in Vocabulary.PraiseRemarks.OrderBy(_ => _random.Next()).Take(remarks))
            {
                clauses.Insert(_random.Next(clauses.Count + 1), remark);
            }

            if (_random.Chance(0.3))
            {
                clauses.Insert(0, listing.Product + (_random.Chance(0.5) ? "很不错" : "收到了"));
            }
        }

        return Join(clauses);
    }

    /// <summary>A one-star complaint: a paraphrase of the attackers' script, or one written by hand.</summary>
    private string Complaint(IReadOnlyList<string[]>? template)
    {
        var clauses = new List<string>(4);
        var slots = template ?? Vocabulary.ComplaintSlots.Select(s => new[] { _random.Pick(s), _random.Pick(s) }).ToList();
        foreach (var slot in slots)
        {
            if (template is null ? _random.Chance(0.25) : _random.Chance(0.05))
            {
                continue;
            }

            clauses.Add(_random.Chance(template is null ? 0.5 : 0.1) ? slot[1] : slot[0]);
        }

        if (clauses.Count == 0)
        {
            clauses.Add(_random.Pick(Vocabulary.ComplaintSlots[0]));
        }

        return Join(clauses, Vocabulary.AngryEndings);
    }

    private string Join(List<string> clauses, string[]? endings = null)
    {
        var separator = _random.Pick(EngagementSeparators);
        var text = new StringBuilder();
        for (var i = 0; i < clauses.Count; i++)
        {
            if (i > 0 && !clauses[i - 1].EndsWith('！'))
            {
                text.Append(separator);
            }

            text.Append(clauses[i]);
        }

        return clauses[^1].EndsWith('！') ? text.ToString() : text.Append(_random.Pick(endings ?? Vocabulary.Endings)).ToString();
    }

    /// <summary>Posts a review (labels are the caller's); returns its id, or null when it falls outside the run.</summary>
    private string? PostReview(AccountProfile account, ListingProfile listing, string? order, long t, string text, int rating, IReadOnlyList<ImageRef>? images)
    {
        if (!Fits(t))
        {
            return null;
        }

        var review = NextReviewId();
        Add(t, new ReviewPosted
        {
            Id = NextEventId(),
            Ts = At(t),
            Review = review,
            Order = order,
            Account = account.Id,
            Listing = listing.Id,
            Rating = rating,
            Text = text,
            Images = images,
        });
        return review;
    }

    /// <summary>Places an order of one item (payment and the rest are the caller's); null when it falls outside the run.</summary>
    private string? PlaceEngagementOrder(AccountProfile buyer, ListingProfile listing, long t, string ip, string device)
    {
        if (!Fits(t))
        {
            return null;
        }

        return AddOrderPlaced(buyer, listing, t, ip, device, 1, listing.Price);
    }

    /// <summary>Ships a paid order at <paramref name="shipped"/> and delivers it; returns when it is delivered.</summary>
    private long Ship(string order, ListingProfile listing, long shipped, bool confirm)
    {
        var (carrier, prefix, digits) = _random.Pick(Vocabulary.Carriers);
        var tracking = prefix + _random.NextDigits(digits);
        AddShipped(order, shipped, carrier, tracking, Math.Round(listing.ParcelGrams * _random.NextLogNormal(1, 0.15)));
        var delivered = shipped + Seconds(20 * 3600, 60 * 3600);
        Add(delivered, new OrderDelivered { Id = NextEventId(), Ts = At(delivered), Order = order });
        if (confirm)
        {
            var confirmed = delivered + Seconds(3600, 48 * 3600);
            Add(confirmed, new OrderConfirmed { Id = NextEventId(), Ts = At(confirmed), Order = order });
        }

        return delivered;
    }

    // ---- Malicious one-star reviews --------------------------------------------------------------------------------

    private void ScheduleReviewAttack(ReviewAttackPlan attack)
    {
        var scenario = attack.LinkedToCompetitor ? "malicious_reviews_competitor" : "malicious_reviews_hired";
        List<string> patterns = ["fake_reviews.malicious_negative", "fake_reviews.no_purchase", "fake_reviews.farm"];
        if (attack.Template is not null)
        {
            patterns.Add("fake_reviews.duplicate_text");
        }

        var listing = attack.Victim;

        // A script may smear the brand too (a fake, a scam), in the same words for everyone; people writing their own
        // complaints bring it up now and then, each in their own words.
        var smear = attack.Template is not null && listing.Brand is not null && _random.Chance(0.5)
            ? string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.BrandAlertReviews), listing.Brand, listing.Product)
            : null;
        foreach (var (attacker, t) in attack.Attackers)
        {
            string? order = null;
            if (attack.WithOrder.Contains(attacker))
            {
                // Ordered and paid only to be allowed to review; cancelled before anything ships.
                var placed = Math.Max(t - Seconds(1800, 6 * 3600), attacker.RegisteredAt + (10 * Minute));
                ViewMs(attacker, listing, placed - Seconds(20, 120), attacker.Ip, attacker.Device, _random.Between(3_000, 20_000), "search");
                order = PlaceEngagementOrder(attacker, listing, placed, attacker.Ip, attacker.Device);
                if (order is not null)
                {
                    var paid = placed + Seconds(20, 120);
                    Add(paid, new OrderPaid { Id = NextEventId(), Ts = At(paid), Order = order, PaymentAccount = attacker.PaymentAccount });
                    var cancelled = t + Seconds(3600, 8 * 3600);
                    Add(cancelled, new OrderCancelled { Id = NextEventId(), Ts = At(cancelled), Order = order, Reason = "buyer" });
                }
            }

            var text = Complaint(attack.Template);
            var alert = smear is not null ? _random.Chance(0.9) : attack.Template is null && listing.Brand is not null && _random.Chance(0.35);
            if (alert)
            {
                text = (smear ?? string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.BrandAlertReviews), listing.Brand, listing.Product)) + "，" + text;
            }

            if (PostReview(attacker, listing, order, t, text, 1, _random.Chance(0.2) ? [new ImageRef(_random.NextHex16(), 1080, 1440)] : null) is not { } review)
            {
                continue;
            }

            Labels.FakeReview(review);
            Labels.Entity(patterns, EntityTypes.Account, () => attacker.Id, "actor", scenario);
            if (alert)
            {
                Labels.Entity("brand.alert", EntityTypes.Review, () => review, "actor", scenario);
            }
        }
    }

    // ---- Marketing and impersonating accounts --------------------------------------------------------------------

    private void ScheduleSolicitor(SolicitorPlan plan)
    {
        var account = plan.Account;
        foreach (var (start, messages) in plan.Bursts)
        {
            var login = start - Seconds(5, 60);
            Add(login, new AccountLogin { Id = NextEventId(), Ts = At(login), Account = account.Id, Ip = account.Ip, Device = account.Device });
            var t = start;
            for (var i = 0; i < messages; i++, t += Seconds(20, 240))
            {
                var contact = string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.ContactShapes), plan.Contact);
                var small = _random.Pick([3, 5, 8, 10, 20]);
                var large = _random.Pick([100, 150, 200, 300, 500]);
                string? to = null;
                string text;
                if (plan.Brand is not null || _random.Chance(0.5))
                {
                    var active = _world.ActiveBuyers(t);
                    if (active > 0)
                    {
                        to = _world.Buyers[_random.Next(active)].Id;
                    }

                    text = plan.Brand is not null
                        ? string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.ImpersonatorMessages), plan.Brand, contact)
                        : string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.BuyerSolicitations), contact, small, large);
                }
                else
                {
                    var shop = _world.Shops[_world.ShopPicker.Pick(_random)];
                    if (shop.OpensAt < t)
                    {
                        to = shop.Owner.Id;
                    }

                    text = string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.SellerSolicitations), contact, small, large);
                }

                if (to is not null && to != account.Id)
                {
                    Add(t, new ChatMessage { Id = NextEventId(), Ts = At(t), Message = NextMessageId(), From = account.Id, To = to, Text = text + _random.Pick(Vocabulary.Endings) });
                }
            }
        }
    }

    // ---- Brand complaints, official shops ---------------------------------------------------------------------------

    private void ScheduleBrandReview(BrandReviewPlan plan)
    {
        var buyer = plan.Buyer;
        var listing = plan.Listing;
        var ip = _random.Chance(0.7) ? buyer.Ip : MobileIp();
        ViewMs(buyer, listing, plan.OrderedAt - Seconds(30, 600), ip, buyer.Device, (long)Math.Clamp(_random.NextLogNormal(30_000, 0.8), 2_000, 300_000), PickSource());
        var order = PlaceEngagementOrder(buyer, listing, plan.OrderedAt, ip, buyer.Device);
        if (order is null)
        {
            return;
        }

        var paid = plan.OrderedAt + (long)(Math.Clamp(_random.NextLogNormal(60, 1.2), 5, 1700) * Second);
        Add(paid, new OrderPaid { Id = NextEventId(), Ts = At(paid), Order = order, PaymentAccount = buyer.PaymentAccount });
        var delivered = Ship(order, listing, paid + Seconds(3 * 3600, 36 * 3600), confirm: !plan.Alert);
        var posted = delivered + Seconds(3600, 2 * 86400);
        var text = string.Format(CultureInfo.InvariantCulture, _random.Pick(plan.Alert ? Vocabulary.BrandAlertReviews : Vocabulary.BrandComplaints), plan.Brand, listing.Product)
            + _random.Pick(Vocabulary.Endings);
        var rating = plan.Alert ? (_random.Chance(0.7) ? 1 : 2) : (_random.Chance(0.5) ? 2 : 3);
        if (PostReview(buyer, listing, order, posted, text, rating, _random.Chance(0.3) ? [new ImageRef(_random.NextHex16(), 1080, 1440)] : null) is not { } review)
        {
            return;
        }

        if (plan.Alert)
        {
            Labels.Entity("brand.alert", EntityTypes.Review, () => review, "actor", "brand_alert_review");
            if (_random.Chance(0.6))
            {
                var refunded = posted + Seconds(3600, 48 * 3600);
                Add(refunded, new OrderRefunded { Id = NextEventId(), Ts = At(refunded), Order = order });
            }
        }
        else
        {
            Labels.HardNegative("brand_negative_review", EntityTypes.Review, () => review, "brand");
        }
    }

    /// <summary>Shops whose names say 官方 or 旗舰 and that are authorised for every brand their name carries.</summary>
    private void LabelOfficialShops()
    {
        foreach (var shop in _world.Shops)
        {
            var name = shop.Name;
            if (_world.ImpersonatingShops.ContainsKey(shop) || !(name.Contains("官方", StringComparison.Ordinal) || name.Contains("旗舰", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var brand in shop.Brands.OrderByDescending(b => b.Length))
            {
                name = name.Replace(brand, "", StringComparison.Ordinal);
            }

            if (!Vocabulary.Brands.Any(b => name.Contains(b, StringComparison.Ordinal)))
            {
                Labels.HardNegative("official_shop", EntityTypes.Shop, () => shop.Id, "accounts");
            }
        }
    }
}
