using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.OrderBrushing;

/// <summary>
/// The reviews posted on the orders an order-brushing finding judged fake (刷单 buys the good reviews too, seed 001): they
/// join the finding as related reviews (actor, items like the orders), so that voiding the orders takes their reviews with
/// them and the seller sees which. A review usually comes days after its order, after the finding was reported: the
/// finding is then reported again with it. Each detector routes its reports through <see cref="Report"/>; a finding's
/// orders are remembered for <see cref="RetentionDays"/> days of event time after it was last reported.
/// </summary>
internal sealed class ReviewsOnFakeOrders
{
    /// <summary>Marketplaces let a buyer review for about 15 days after confirming; twice that covers slow deliveries.</summary>
    public const int RetentionDays = 30;

    private const int MaxEventIds = 200;

    private static readonly long RetentionTicks = TimeSpan.FromDays(RetentionDays).Ticks;

    private readonly Dictionary<string, string> _findingOfOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tracked> _findings = new(StringComparer.Ordinal);

    /// <summary>Reports a finding, with the reviews already posted on its orders.</summary>
    public void Report(Finding finding, DetectionContext context)
    {
        if (!_findings.TryGetValue(finding.Id, out var tracked))
        {
            _findings[finding.Id] = tracked = new Tracked();
        }

        tracked.Latest = finding;
        tracked.LastTicks = context.Now.UtcTicks;
        foreach (var related in finding.Related)
        {
            if (related.Type == EntityTypes.Order && related.Role == EntityRole.Actor && _findingOfOrder.TryAdd(related.Id, finding.Id))
            {
                tracked.Orders.Add(related.Id);
            }
        }

        context.Report(WithReviews(tracked));
    }

    /// <summary>A review on an order judged fake joins that order's finding, which is reported again.</summary>
    public void Observe(ReviewPosted review, DetectionContext context)
    {
        if (review.Order is null || !_findingOfOrder.TryGetValue(review.Order, out var id) || !_findings.TryGetValue(id, out var tracked)
            || tracked.Reviews.Exists(r => r.Review == review.Review))
        {
            return;
        }

        tracked.Reviews.Add(new PostedReview(review.Review, review.Id, review.Rating));
        tracked.LastTicks = context.Now.UtcTicks;
        context.Report(WithReviews(tracked));
    }

    /// <summary>Forgets findings not reported again, nor reviewed, for the retention.</summary>
    public void Forget(long now)
    {
        foreach (var (id, tracked) in _findings)
        {
            if (tracked.LastTicks + RetentionTicks < now)
            {
                foreach (var order in tracked.Orders)
                {
                    _findingOfOrder.Remove(order);
                }

                _findings.Remove(id);
            }
        }
    }

    private static Finding WithReviews(Tracked tracked)
    {
        var finding = tracked.Latest!;
        var reviews = tracked.Reviews;
        if (reviews.Count == 0)
        {
            return finding;
        }

        var fiveStar = reviews.Count(r => r.Rating == 5);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{reviews.Count} review(s) were posted on the orders judged fake, {fiveStar} of them 5-star: {string.Join(", ", reviews.Take(20).Select(r => r.Review))}{(reviews.Count > 20 ? ", …" : "")}. They go with their orders.");
        return finding with
        {
            Related = [.. finding.Related, .. reviews.Select(r => new RelatedEntity(EntityTypes.Review, r.Review, EntityRole.Actor))],
            Evidence =
            [
                .. finding.Evidence,
                new Evidence(
                    text,
                    string.Create(CultureInfo.InvariantCulture,
                        $"被判定为虚假的订单上共发布了 {reviews.Count} 条评价，其中 {fiveStar} 条为五星：{string.Join("、", reviews.Take(20).Select(r => r.Review))}{(reviews.Count > 20 ? "、…" : "")}。这些评价随订单一并处理。"),
                    [.. reviews.Take(MaxEventIds).Select(r => r.EventId)], new Dictionary<string, double>
                {
                    ["reviews_on_fake_orders"] = reviews.Count,
                    ["five_star_reviews"] = fiveStar,
                }),
            ],
        };
    }

    private sealed record PostedReview(string Review, string EventId, int? Rating);

    private sealed class Tracked
    {
        public Finding? Latest { get; set; }

        public long LastTicks { get; set; }

        public List<string> Orders { get; } = [];

        public List<PostedReview> Reviews { get; } = [];
    }
}
