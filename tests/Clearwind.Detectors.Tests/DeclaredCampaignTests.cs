using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests;

/// <summary>
/// SPEC §3, seed 004 #3: sellers who bring outside traffic were punished as brushers. A livestream's fans who each place
/// three orders within the hour meet the Shopee rule exactly; a campaign declared ahead of time sends the case to a person
/// instead of voiding the orders, and a declaration made afterwards, for another shop or for another time changes nothing.
/// </summary>
public sealed class DeclaredCampaignTests
{
    private static readonly DateTimeOffset Live = Some.Epoch.AddDays(2).AddHours(20);

    // Forty fans, each placing three orders (three items as separate orders) during the first hour of the livestream.
    private static List<MarketEvent> Livestream()
    {
        var events = new List<MarketEvent>();
        var n = 0;
        for (var fan = 0; fan < 40; fan++)
        {
            for (var k = 0; k < 3; k++)
            {
                n++;
                events.Add(Some.OrderPlaced(id: $"e{n}", order: $"o{n}", buyer: $"fan{fan}", shop: "s1", listing: $"l{k + 1}", ts: Live.AddMinutes(fan + (k * 5))));
            }
        }

        return events;
    }

    private static CampaignDeclared Declaration(string shop = "s1", DateTimeOffset? at = null, DateTimeOffset? from = null)
        => new() { Id = "cd1", Ts = at ?? Live.AddHours(-6), Campaign = "c1", Shop = shop, Listings = ["l1", "l2", "l3"], From = from ?? Live.AddMinutes(-10), To = Live.AddHours(3), Channel = "livestream" };

    private static (IReadOnlyList<Finding> Findings, List<Decision> Decisions) Run(IEnumerable<MarketEvent> events)
    {
        var policy = DetectorCatalog.DefaultPolicy();
        var only = policy with { Patterns = policy.Patterns.Where(p => p.Key == "order_brushing.concentration").ToDictionary() };
        var pipeline = only.BuildPipeline(DetectorCatalog.BuiltIn);
        foreach (var e in events.OrderBy(e => e.Ts).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        var decider = new Decider(only);
        return (pipeline.Findings, [.. pipeline.Findings.SelectMany(decider.Decide)]);
    }

    [Fact]
    public void Livestream_Undeclared_OrdersAreVoided()
    {
        var (findings, decisions) = Run(Livestream());

        Assert.NotEmpty(findings);
        Assert.Contains(decisions, d => d.Action == DecisionActions.VoidOrders && d.Entity == new EntityRef(EntityTypes.Shop, "s1"));
    }

    [Fact]
    public void Livestream_DeclaredAheadOfTime_GoesToReviewWithTheDeclarationInTheExplanation()
    {
        var (findings, decisions) = Run([.. Livestream(), Declaration()]);

        // The finding is the same Shopee-rule finding, with the declaration on its record; only the policy's call changes.
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Contains(f.Evidence, e => e.Figures.ContainsKey(DeclaredCampaigns.EvidenceFigure)));
        Assert.NotEmpty(decisions);
        Assert.All(decisions, d => Assert.Equal(DecisionActions.Review, d.Action));
        Assert.All(decisions, d => Assert.Equal(0, d.Strike));
        var shop = decisions.First(d => d.Entity == new EntityRef(EntityTypes.Shop, "s1"));
        Assert.Contains("declared a campaign", shop.Explanation!.En, StringComparison.Ordinal);
        Assert.Contains("instead of void_orders", shop.Explanation.En, StringComparison.Ordinal);
        Assert.Contains("事先报备", shop.Explanation.ZhCn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another shop")]
    [InlineData("declared afterwards")]
    public void Livestream_DeclarationThatDoesNotCoverIt_ChangesNothing(string variant)
    {
        var declaration = variant switch
        {
            "another shop" => Declaration(shop: "s2"),
            // Declared the next morning with a start backdated to before the livestream: covers nothing that came before.
            _ => Declaration(at: Live.AddHours(12), from: Live.AddMinutes(-10)),
        };

        var (_, withDeclaration) = Run([.. Livestream(), declaration]);
        var (_, without) = Run(Livestream());

        Assert.Equal(without.Select(d => (d.Entity, d.Action)), withDeclaration.Select(d => (d.Entity, d.Action)));
    }

    [Fact]
    public void Policy_WithoutDeclaredCampaignAction_IgnoresTheDeclaration()
    {
        var policy = DetectorCatalog.DefaultPolicy();
        var rule = policy.Patterns["order_brushing.concentration"] with { DeclaredCampaignAction = null };
        var only = policy with { Patterns = new Dictionary<string, PatternPolicy> { ["order_brushing.concentration"] = rule } };
        var pipeline = only.BuildPipeline(DetectorCatalog.BuiltIn);
        foreach (var e in Livestream().Append(Declaration()).OrderBy(e => e.Ts).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        var decider = new Decider(only);

        Assert.Contains(pipeline.Findings.SelectMany(decider.Decide), d => d.Action == DecisionActions.VoidOrders);
    }
}
