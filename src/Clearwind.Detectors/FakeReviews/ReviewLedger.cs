using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>
/// The writers' shared identifiers (<see cref="AccountLinks"/>) and the orders (<see cref="PurchaseBook"/>, itself shared
/// by retention) that
/// <c>fake_reviews.farm</c> and <c>fake_reviews.malicious_negative</c> both judge reviews against: one copy for both when
/// their settings agree (<see cref="For"/>). Each detector feeds it every event it sees; an event is noted once, however
/// many detectors pass it on, and expiry runs once per instant.
/// </summary>
internal sealed class ReviewLedger
{
    private MarketEvent? _last;
    private long _expiredAt = long.MinValue;

    private ReviewLedger(TimeSpan retention, int maxIdentifiersPerAccount, int commonAccounts, SharedState shared)
    {
        Links = new AccountLinks(retention, maxIdentifiersPerAccount, commonAccounts);
        Orders = PurchaseBook.For(retention, shared); // shared with fake_reviews.no_purchase too when its retention agrees
    }

    public AccountLinks Links { get; }

    public PurchaseBook Orders { get; }

    /// <summary>The ledger for these settings: shared with every detector of the pipeline that asks with the same ones.</summary>
    public static ReviewLedger For(LinkedReviewOptions options, SharedState shared)
        => shared.GetOrAdd(
            (typeof(ReviewLedger), options.RetentionDays, options.MaxIdentifiersPerAccount, options.CommonAccounts),
            () => new ReviewLedger(TimeSpan.FromDays(options.RetentionDays), options.MaxIdentifiersPerAccount, options.CommonAccounts, shared));

    /// <summary>Notes the identifiers and orders an event shows, unless this very event was just noted.</summary>
    public void Observe(MarketEvent e)
    {
        if (ReferenceEquals(e, _last))
        {
            return;
        }

        _last = e;
        Links.Observe(e);
        Orders.Observe(e); // which notes each event once itself
    }

    /// <summary>Forgets what the retention no longer covers at <paramref name="now"/> (once per instant).</summary>
    public void Expire(long now)
    {
        if (now <= _expiredAt)
        {
            return;
        }

        _expiredAt = now;
        Links.Expire(now);
        Orders.Expire(now); // once per instant itself
    }
}
