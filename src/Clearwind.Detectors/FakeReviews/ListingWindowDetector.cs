using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>A review a listing's window holds.</summary>
internal interface IPostedReview
{
    long Ticks { get; }
}

/// <summary>A listing's reviews of the last window.</summary>
internal abstract class ListingWindow<TPosted>(string listing) : IReviewBurst
    where TPosted : struct, IPostedReview
{
    private readonly Queue<TPosted> _window = new();

    public string Listing { get; } = listing;

    public IEnumerable<TPosted> Window => _window;

    public long LastTicks { get; private set; }

    public void Add(TPosted review, long windowStart)
    {
        while (_window.TryPeek(out var oldest) && oldest.Ticks < windowStart)
        {
            _window.Dequeue();
        }

        _window.Enqueue(review);
        LastTicks = Math.Max(LastTicks, review.Ticks);
    }
}

/// <summary>
/// Base of the detectors that judge each listing's reviews of the last window against the writers' shared identifiers
/// (<see cref="AccountLinks"/>) and purchases (<see cref="PurchaseBook"/>): <c>fake_reviews.farm</c> and
/// <c>fake_reviews.malicious_negative</c>.
/// </summary>
internal abstract class ListingWindowDetector<TListing, TPosted> : ReviewBurstDetector<TListing>
    where TListing : ListingWindow<TPosted>
    where TPosted : struct, IPostedReview
{
    private readonly Dictionary<string, TListing> _listings = new(StringComparer.Ordinal);

    private readonly ReviewLedger _ledger;

    protected ListingWindowDetector(LinkedReviewOptions options, SharedState? shared)
        : base(options.SettleHours, options.MaxEvidenceEvents)
    {
        _ledger = ReviewLedger.For(options, shared ?? new SharedState());
        WindowTicks = TimeSpan.FromHours(options.WindowHours).Ticks;
    }

    // The order book is the widest thing shared (fake_reviews.no_purchase holds it too), so it names the lane.
    public override object? SharedPart => _ledger.Orders;

    protected AccountLinks Links => _ledger.Links;

    protected PurchaseBook Orders => _ledger.Orders;

    protected long WindowTicks { get; }

    /// <summary>The window of <paramref name="listing"/>, made when it has none.</summary>
    protected TListing Listing(string listing)
    {
        if (!_listings.TryGetValue(listing, out var reviews))
        {
            _listings[listing] = reviews = NewListing(listing);
        }

        return reviews;
    }

    protected abstract TListing NewListing(string listing);

    /// <summary>Adds a review to its listing's window, which then waits for judgement.</summary>
    protected void Add(TListing reviews, TPosted review)
    {
        reviews.Add(review, review.Ticks - WindowTicks);
        Dirty.Add(reviews);
    }

    /// <summary>Feeds an event other than a review to the identifiers and the orders.</summary>
    protected void ObserveAccountsAndOrders(MarketEvent e) => _ledger.Observe(e);

    protected override void Forget(long now)
    {
        _ledger.Expire(now);
        Forget(_listings, now - (2 * WindowTicks));
    }
}
