using Clearwind.Events;
using Clearwind.Signals;
using Clearwind.Simulation.Evaluation;
using Clearwind.TestKit;

namespace Clearwind.Simulation.Tests;

public sealed class CleanSalesCheckTests
{
    /// <summary>Listing l1: 5 paid orders, 2 of them labelled fake, plus a fake order never paid; l2: 3 paid honest orders; l3 published only.</summary>
    private static List<MarketEvent> Events()
    {
        var events = new List<MarketEvent> { new ListingPublished { Id = "pub3", Ts = Some.Epoch, Listing = "l3", Shop = "s2" } };
        void Sale(string order, string listing, bool paid = true)
        {
            events.Add(Some.OrderPlaced(id: "p_" + order, order: order, listing: listing));
            if (paid)
            {
                events.Add(new OrderPaid { Id = "pay_" + order, Ts = Some.Epoch, Order = order });
            }
        }

        for (var i = 0; i < 5; i++)
        {
            Sale($"a{i}", "l1");
        }

        Sale("a5", "l1", paid: false);
        for (var i = 0; i < 3; i++)
        {
            Sale($"b{i}", "l2");
        }

        return events;
    }

    private static readonly string[] Fake = ["a0", "a1", "a5"];

    [Fact]
    public void Score_CleanSalesAsLabelled_AllListingsMatch()
    {
        var result = CleanSalesCheck.Score(Fake, Events(), [new("l1", "s1", 5, 3, 1, null, null), new("l2", "s1", 3, 3, 1, null, null), new("l3", "s2", 0, 0, 1, null, null)]);

        Assert.Equal((3, 3, 1.0, 0.0), (result.Listings, result.Matching, result.Share, result.MeanAbsoluteError));
        Assert.Empty(result.Mismatched);
    }

    [Fact]
    public void Score_FakeOrdersNotVoidedAndListingMissing_CountedAsMismatches()
    {
        var result = CleanSalesCheck.Score(Fake, Events(), [new ListingSignal("l1", "s1", 5, 5, 1, null, null), new ListingSignal("l2", "s1", 3, 3, 1, null, null)]);

        Assert.Equal((3, 1), (result.Listings, result.Matching));
        Assert.Equal(["l1: clean 5, expected 3 (raw 5, fake paid 2)", "l3: missing from the file, expected 0 (raw 0, fake paid 0)"], result.Mismatched);
        Assert.Equal(2.0 / 3, result.MeanAbsoluteError, 6);
    }
}
