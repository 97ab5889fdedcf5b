using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>An order's life: placed, paid or cancelled, shipped, delivered, confirmed or refunded, reviewed.</content>
internal sealed partial class MarketGenerator
{
    /// <summary>Places an order and schedules its whole life; returns the order id, or null when it falls outside the run.</summary>
    private string? PlaceOrder(AccountProfile buyer, ListingProfile listing, long t, string ip, string device, OrderKind kind)
    {
        if (!Fits(t))
        {
            return null;
        }

        var quantity = kind switch
        {
            OrderKind.Brushed => 1,
            OrderKind.FlashSale => _random.Chance(0.1) ? 2 : 1,
            _ => _random.Chance(0.85) ? 1 : _random.Between(2, 3),
        };
        var price = kind == OrderKind.FlashSale ? Math.Round(listing.Price * 0.7m, 1) : listing.Price;
        var order = AddOrderPlaced(buyer, listing, t, ip, device, quantity, price);
        buyer.NoteOrder(listing.Shop.Index, t);
        if (kind == OrderKind.Brushed)
        {
            Labels.FakeOrder(order);
        }
        else if (kind == OrderKind.Malicious)
        {
            Labels.MaliciousOrder(order);

            // Never paid: closed by the timeout, or cancelled by the attacker once the stock was held for a while.
            var timeout = _random.Chance(0.7);
            var cancelled = t + (timeout ? 30 * Minute : Seconds(300, 1500));
            Add(cancelled, new OrderCancelled { Id = NextEventId(), Ts = At(cancelled), Order = order, Reason = timeout ? "unpaid_timeout" : "buyer" });
            return order;
        }

        var honest = kind != OrderKind.Brushed;
        if (honest && _random.Chance(0.07))
        {
            var timeout = _random.Chance(0.6);
            var cancelled = t + (timeout ? 30 * Minute : Seconds(60, 1200));
            Add(cancelled, new OrderCancelled { Id = NextEventId(), Ts = At(cancelled), Order = order, Reason = timeout ? "unpaid_timeout" : "buyer" });
            return order;
        }

        var paid = t + (honest ? (long)(Math.Clamp(_random.NextLogNormal(60, 1.2), 5, 1700) * Second) : Seconds(10, 60));
        Add(paid, new OrderPaid { Id = NextEventId(), Ts = At(paid), Order = order, PaymentAccount = buyer.PaymentAccount });
        if (honest && _random.Chance(0.02))
        {
            var cancelled = paid + Seconds(600, 6 * 3600);
            Add(cancelled, new OrderCancelled { Id = NextEventId(), Ts = At(cancelled), Order = order, Reason = _random.Chance(0.8) ? "buyer" : "seller" });
            return order;
        }

        // Bought orders ship fast and light: an empty parcel (空包) that only needs a tracking number.
        var shipped = paid + (honest ? Seconds(3 * 3600, 48 * 3600) : Seconds(2 * 3600, 20 * 3600));
        var (carrier, prefix, digits) = _random.Pick(Vocabulary.Carriers);
        var weight = honest
            ? Math.Round(listing.ParcelGrams * quantity * _random.NextLogNormal(1, 0.15))
            : _random.Between(15, 80);
        AddShipped(order, shipped, carrier, prefix + _random.NextDigits(digits), weight);

        var delivered = shipped + Seconds(20 * 3600, 96 * 3600);
        Add(delivered, new OrderDelivered { Id = NextEventId(), Ts = At(delivered), Order = order });
        if (honest && _random.Chance(0.03))
        {
            var refunded = delivered + Seconds(2 * 3600, 72 * 3600);
            Add(refunded, new OrderRefunded { Id = NextEventId(), Ts = At(refunded), Order = order });
            return order;
        }

        // A few honest buyers confirm as soon as the parcel is in their hands.
        var confirmed = delivered + (honest ? (_random.Chance(0.03) ? Seconds(120, 1800) : Seconds(4 * 3600, 7 * 86400)) : Seconds(3600, 24 * 3600));
        Add(confirmed, new OrderConfirmed { Id = NextEventId(), Ts = At(confirmed), Order = order });

        var reviewChance = kind switch
        {
            OrderKind.Brushed => 0.9,
            OrderKind.FlashSale => 0.25,
            _ => 0.35,
        };
        if (_random.Chance(reviewChance))
        {
            Review(buyer, listing, order, confirmed + Seconds(600, 3 * 86400), kind);
        }

        return order;
    }

    /// <summary>Adds an order.placed to the buyer's own address and phone; returns the new order id.</summary>
    private string AddOrderPlaced(AccountProfile buyer, ListingProfile listing, long t, string ip, string device, int quantity, decimal unitPrice)
    {
        var order = NextOrderId();
        Add(t, new OrderPlaced
        {
            Id = NextEventId(),
            Ts = At(t),
            Order = order,
            Buyer = buyer.Id,
            Shop = listing.Shop.Id,
            Listing = listing.Id,
            Quantity = quantity,
            Amount = unitPrice * quantity,
            Ip = ip,
            Device = device,
            Address = buyer.Address,
            Phone = buyer.Phone,
        });
        return order;
    }

    private void AddShipped(string order, long t, string carrier, string tracking, double weight)
        => Add(t, new OrderShipped { Id = NextEventId(), Ts = At(t), Order = order, Carrier = carrier, Tracking = tracking, WeightG = weight });

    /// <summary>Posts a review of an order; a brushed order's review is labelled fake. Returns the review id, or null.</summary>
    private string? Review(AccountProfile buyer, ListingProfile listing, string order, long t, OrderKind kind)
    {
        if (!Fits(t))
        {
            return null;
        }

        int rating;
        string text;
        IReadOnlyList<ImageRef>? images = null;
        if (kind == OrderKind.Brushed)
        {
            rating = 5;
            text = _random.Pick(Vocabulary.BoughtReviews);
            if (_random.Chance(0.3))
            {
                images = [listing.Images[0]]; // the seller's own photo, handed to the brusher
            }
        }
        else
        {
            var u = _random.NextDouble();
            rating = u < 0.70 ? 5 : u < 0.88 ? 4 : u < 0.94 ? 3 : u < 0.97 ? 2 : 1;
            text = ReviewText(rating);
            if (rating == 5 && _random.Chance(0.05))
            {
                text = ""; // stars only, no words
            }

            if (_random.Chance(0.2))
            {
                images = [.. Enumerable.Range(0, _random.Between(1, 3)).Select(_ => new ImageRef(_random.NextHex16(), 1080, 1440))];
            }
        }

        var review = PostReview(buyer, listing, order, t, text, rating, images);
        if (kind == OrderKind.Brushed && review is not null)
        {
            Labels.FakeReview(review);
        }

        return review;
    }

    /// <summary>An ordinary review text for a rating: one to three fragments in any order, and an ending.</summary>
    private string ReviewText(int rating)
    {
        var pool = rating switch
        {
            >= 4 => Vocabulary.PositiveFragments,
            3 => Vocabulary.NeutralFragments,
            _ => Vocabulary.NegativeFragments,
        };
        var count = Math.Min(pool.Length, _random.Chance(0.35) ? 1 : _random.Between(2, 3));
        var picked = new List<string>(count);
        while (picked.Count < count)
        {
            var fragment = _random.Pick(pool);
            if (!picked.Contains(fragment))
            {
                picked.Add(fragment);
            }
        }

        return string.Join('，', picked) + _random.Pick(Vocabulary.ReviewEndings);
    }
}
