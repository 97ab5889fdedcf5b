using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.OrderBrushing;

/// <summary>The good reviews a brusher posts on the fake orders join the finding that voids those orders.</summary>
public sealed class ReviewsOnFakeOrdersTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events)
    {
        var pipeline = new DetectionPipelineBuilder().AddConcentration().Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private static OrderPlaced Order(int n, string buyer, TimeSpan at)
        => Some.OrderPlaced(id: $"e{n}", order: $"o{n}", buyer: buyer, shop: "s1", ts: T0 + at);

    private static ReviewPosted Review(string review, string order, string account, TimeSpan at, int rating = 5)
        => new() { Id = "ev-" + review, Ts = T0 + at, Review = review, Order = order, Account = account, Listing = "l1", Rating = rating, Text = "" };

    /// <summary>Brusher b1 orders three times in 20 minutes; an honest buyer orders once, hours later.</summary>
    private static List<MarketEvent> Brushing() =>
    [
        Order(1, "b1", TimeSpan.Zero), Order(2, "b1", TimeSpan.FromMinutes(10)), Order(3, "b1", TimeSpan.FromMinutes(20)),
        Order(4, "honest", TimeSpan.FromHours(3)),
    ];

    [Fact]
    public void ReviewsPostedDaysLater_OnTheFakeOrders_JoinTheFinding_HonestBuyersReviewDoesNot()
    {
        var events = Brushing();
        events.AddRange([
            Review("v1", "o1", "b1", TimeSpan.FromDays(4)),
            Review("v2", "o2", "b1", TimeSpan.FromDays(4.1)),
            Review("v4", "o4", "honest", TimeSpan.FromDays(5), rating: 4),
        ]);

        var finding = Assert.Single(Run(events));

        var reviews = finding.Related.Where(r => r.Type == EntityTypes.Review).ToList();
        Assert.Equal([new RelatedEntity("review", "v1", EntityRole.Actor), new RelatedEntity("review", "v2", EntityRole.Actor)], reviews);
        var evidence = finding.Evidence[^1];
        Assert.Equal(["ev-v1", "ev-v2"], evidence.Events);
        Assert.Equal((2, 2), (evidence.Figures["reviews_on_fake_orders"], evidence.Figures["five_star_reviews"]));
        Assert.Equal(T0.AddMinutes(20), finding.To); // the penalty's start does not move with the reviews
    }

    [Fact]
    public void SameReviewTwice_IsListedOnce()
    {
        var events = Brushing();
        events.AddRange([Review("v1", "o1", "b1", TimeSpan.FromDays(4)), Review("v1", "o1", "b1", TimeSpan.FromDays(4.5))]);

        var finding = Assert.Single(Run(events));

        Assert.Single(finding.Related, r => r.Type == EntityTypes.Review);
    }

    [Fact]
    public void ReviewAfterTheRetention_IsNoLongerJoined()
    {
        var events = Brushing();
        events.Add(Review("v1", "o1", "b1", TimeSpan.FromDays(ReviewsOnFakeOrders.RetentionDays + 2)));

        var finding = Assert.Single(Run(events));

        Assert.DoesNotContain(finding.Related, r => r.Type == EntityTypes.Review);
    }

    [Fact]
    public void NoBrushing_NoReviewIsNamed()
        => Assert.Empty(Run([Order(1, "a", TimeSpan.Zero), Review("v1", "o1", "a", TimeSpan.FromDays(3))]));

    [Fact]
    public void EveryOrderBrushingDetector_WatchesReviews()
    {
        DetectionPipelineBuilder[] builders =
        [
            new DetectionPipelineBuilder().AddConcentration(), new DetectionPipelineBuilder().AddSelfDealing(),
            new DetectionPipelineBuilder().AddFakeFulfilment(), new DetectionPipelineBuilder().AddRing(),
        ];

        Assert.All(builders, b => Assert.True(b.Build().Detectors[0].Observes(typeof(ReviewPosted))));
    }
}
