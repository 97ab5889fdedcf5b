using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.OrderBrushing;

public sealed class ConcentrationDetectorTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, ConcentrationOptions? options = null, bool complete = true)
    {
        var pipeline = new DetectionPipelineBuilder().AddConcentration(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        if (complete)
        {
            pipeline.Complete();
        }

        return pipeline.Findings;
    }

    private static OrderPlaced Order(int n, string buyer, TimeSpan at, string shop = "s1")
        => Some.OrderPlaced(id: $"e{n}", order: $"o{n}", buyer: buyer, shop: shop, ts: T0 + at);

    [Fact]
    public void Concentration_ThreeOrdersOneBuyerWithinHour_FlagsShopAndBuyer()
    {
        var findings = Run([
            Order(1, "b1", TimeSpan.Zero),
            Order(2, "b1", TimeSpan.FromMinutes(10)),
            Order(3, "b1", TimeSpan.FromMinutes(20)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal("order_brushing.concentration", finding.Pattern);
        Assert.Equal(new EntityRef("shop", "s1"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal(
            [
                new RelatedEntity("account", "b1", EntityRole.Actor),
                new RelatedEntity("order", "o1", EntityRole.Actor),
                new RelatedEntity("order", "o2", EntityRole.Actor),
                new RelatedEntity("order", "o3", EntityRole.Actor),
            ],
            finding.Related);
        Assert.Equal(T0, finding.From);
        Assert.Equal(T0.AddMinutes(20), finding.To);
        Assert.Equal(["e1", "e2", "e3"], finding.Evidence[0].Events);
        Assert.Equal(3, finding.Evidence[0].Figures["orders"]);
        Assert.Equal(1, finding.Evidence[0].Figures["buyers"]);
        Assert.Equal(3, finding.Evidence[0].Figures["max_rate"]);
        Assert.InRange(finding.Score, 0.01, 1);
    }

    [Fact]
    public void Concentration_WindowOfExactlyOneHour_IncludesBothEnds()
    {
        var findings = Run([
            Order(1, "b1", TimeSpan.Zero),
            Order(2, "b1", TimeSpan.FromMinutes(30)),
            Order(3, "b1", TimeSpan.FromHours(1)),
        ]);

        Assert.Single(findings);
    }

    [Fact]
    public void Concentration_ThirdOrderOneSecondPastTheHour_IsNotFlagged()
    {
        var findings = Run([
            Order(1, "b1", TimeSpan.Zero),
            Order(2, "b1", TimeSpan.FromMinutes(30)),
            Order(3, "b1", TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Concentration_RateJustBelowThreshold_IsNotFlagged()
    {
        // 5 orders from 2 buyers: rate 2.5 < 3.
        var findings = Run([
            Order(1, "b1", TimeSpan.Zero),
            Order(2, "b1", TimeSpan.FromMinutes(5)),
            Order(3, "b1", TimeSpan.FromMinutes(10)),
            Order(4, "b2", TimeSpan.FromMinutes(15)),
            Order(5, "b2", TimeSpan.FromMinutes(20)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void FlashSale_ManyDistinctBuyersWithinMinutes_IsNotFlagged()
    {
        var orders = Enumerable.Range(0, 500).Select(i => Order(i, $"buyer{i}", TimeSpan.FromSeconds(i)));

        Assert.Empty(Run(orders));
    }

    [Fact]
    public void LivestreamSurge_EnthusiastsBuyingTwiceEach_IsNotFlagged()
    {
        // A livestream: 300 viewers buy, the keenest come back for a second item within the hour.
        var orders = Enumerable.Range(0, 300).Select(i => Order(i, $"viewer{i}", TimeSpan.FromSeconds(i * 5)))
            .Concat(Enumerable.Range(0, 150).Select(i => Order(1000 + i, $"viewer{i}", TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(i))));

        Assert.Empty(Run(orders));
    }

    [Fact]
    public void BigShop_TenThousandOrdersADay_IsNotFlagged()
    {
        // A big shop: 10,000 orders over a day from 6,000 regular buyers, none ordering more than twice an hour.
        var orders = Enumerable.Range(0, 10_000).Select(i => Order(i, $"buyer{i % 6000}", TimeSpan.FromSeconds(i * 8.64)));

        Assert.Empty(Run(orders));
    }

    [Fact]
    public void LoyalBuyer_OrdersHoursApart_IsNotFlagged()
    {
        var orders = Enumerable.Range(0, 10).Select(i => Order(i, "b1", TimeSpan.FromHours(2 * i)));

        Assert.Empty(Run(orders));
    }

    [Fact]
    public void Concentration_BrushingHiddenInHonestTraffic_NamesOnlyTheBrusher()
    {
        // Honest buyers order all day; b9 places 12 orders in 40 minutes, lifting that hour's rate to 3 or more.
        var honest = Enumerable.Range(0, 40).Select(i => Order(i, $"h{i}", TimeSpan.FromMinutes(i * 30)));
        var brushing = Enumerable.Range(0, 12).Select(i => Order(100 + i, "b9", TimeSpan.FromMinutes(300 + (i * 3))));

        var finding = Assert.Single(Run(honest.Concat(brushing)));

        Assert.Equal("b9", Assert.Single(finding.Related, r => r.Type == "account").Id);
        Assert.Equal(12, finding.Evidence[1].Figures["orders"]);

        // Only the brusher's orders are judged fake: the honest orders of that hour stay counted.
        Assert.Equal(Enumerable.Range(100, 12).Select(i => $"o{i}"), finding.Related.Where(r => r.Type == "order").Select(r => r.Id));
    }

    [Fact]
    public void Concentration_TiedTopBuyers_AreAllNamedAscending()
    {
        var findings = Run([
            Order(1, "b2", TimeSpan.Zero),
            Order(2, "b2", TimeSpan.FromMinutes(1)),
            Order(3, "b2", TimeSpan.FromMinutes(2)),
            Order(4, "b1", TimeSpan.FromMinutes(3)),
            Order(5, "b1", TimeSpan.FromMinutes(4)),
            Order(6, "b1", TimeSpan.FromMinutes(5)),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(["b1", "b2"], finding.Related.Where(r => r.Type == "account").Select(r => r.Id));
    }

    [Fact]
    public void Concentration_EpisodesFarApart_AreSeparateFindings()
    {
        var findings = Run([
            Order(1, "b1", TimeSpan.Zero),
            Order(2, "b1", TimeSpan.FromMinutes(1)),
            Order(3, "b1", TimeSpan.FromMinutes(2)),
            Order(4, "b2", TimeSpan.FromHours(5)),
            Order(5, "b2", TimeSpan.FromHours(5) + TimeSpan.FromMinutes(1)),
            Order(6, "b2", TimeSpan.FromHours(5) + TimeSpan.FromMinutes(2)),
        ]);

        Assert.Equal(2, findings.Count);
        Assert.Equal(["b1"], findings[0].Related.Where(r => r.Type == "account").Select(r => r.Id));
        Assert.Equal(["b2"], findings[1].Related.Where(r => r.Type == "account").Select(r => r.Id));
        Assert.NotEqual(findings[0].Id, findings[1].Id);
    }

    [Fact]
    public void Concentration_OverlappingBrushingWindows_FormOneEpisode()
    {
        var orders = Enumerable.Range(0, 9).Select(i => Order(i, "b1", TimeSpan.FromMinutes(i * 20)));

        var finding = Assert.Single(Run(orders));
        Assert.Equal(9, finding.Evidence[0].Figures["orders"]);
        Assert.Equal(T0.AddMinutes(160), finding.To);
    }

    [Fact]
    public void Concentration_OtherShopsAdvanceEventTime_ReportsWithoutWaitingForTheEnd()
    {
        var events = new List<MarketEvent>
        {
            Order(1, "b1", TimeSpan.Zero),
            Order(2, "b1", TimeSpan.FromMinutes(1)),
            Order(3, "b1", TimeSpan.FromMinutes(2)),
            Order(4, "x", TimeSpan.FromHours(2), shop: "s2"),
            Order(5, "y", TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2), shop: "s2"),
        };

        var findings = Run(events, complete: false);

        Assert.Equal("s1", Assert.Single(findings).Entity.Id);
    }

    [Fact]
    public void Concentration_SameInputTwice_GivesIdenticalFindings()
    {
        MarketEvent[] orders = [.. Enumerable.Range(0, 6).Select(i => Order(i, i < 4 ? "b1" : "b2", TimeSpan.FromMinutes(i)))];

        var first = Run(orders);
        var second = Run(orders);

        Assert.Equal(first.Select(Clearwind.Output.OutputJson.Write), second.Select(Clearwind.Output.OutputJson.Write));
    }

    [Fact]
    public void Concentration_LargeEpisode_CapsEvidenceEventsButCountsAll()
    {
        var orders = Enumerable.Range(0, 50).Select(i => Order(i, "b1", TimeSpan.FromSeconds(i)));

        var finding = Assert.Single(Run(orders, new ConcentrationOptions { MaxEvidenceEvents = 10 }));

        Assert.Equal(10, finding.Evidence[0].Events.Count);
        Assert.Equal(50, finding.Evidence[0].Figures["orders"]);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void Concentration_StrongerEvidence_ScoresHigher()
    {
        var weak = Assert.Single(Run(Enumerable.Range(0, 3).Select(i => Order(i, "b1", TimeSpan.FromMinutes(i)))));
        var strong = Assert.Single(Run(Enumerable.Range(0, 30).Select(i => Order(i, "b1", TimeSpan.FromMinutes(i)))));

        Assert.True(strong.Score > weak.Score, $"{strong.Score} should exceed {weak.Score}");
    }

    [Theory]
    [InlineData(0.5, 3600, "min_rate")]
    [InlineData(3, 0, "window_seconds")]
    public void ConcentrationOptions_OutOfRange_FailAtBuildNamingTheOption(double minRate, int windowSeconds, string option)
    {
        var builder = new DetectionPipelineBuilder().AddConcentration(new ConcentrationOptions { MinRate = minRate, WindowSeconds = windowSeconds });

        var error = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("order_brushing.concentration.options." + option, error.Message);
    }
}
