using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Detection;

/// <summary>Evidence one detector lends to other patterns' findings through the pipeline (e.g. a seller's valid report).</summary>
public sealed class CorroborationTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch;

    /// <summary>Runs the action scripted for an event's id when the event arrives.</summary>
    private sealed class Scripted(string pattern, Dictionary<string, Action<DetectionContext>> script) : Detector
    {
        public override PatternId Pattern => pattern;

        public override void Observe(MarketEvent e, DetectionContext context)
        {
            if (script.TryGetValue(e.Id, out var act))
            {
                act(context);
            }
        }
    }

    private static MarketEvent Tick(string id, TimeSpan at) => Some.OrderPlaced(id: id, ts: T0 + at);

    /// <summary>A brushing finding about shop s1 (beneficiary) with buyer b1 (actor), its order o1 and the victim shop v1, over its first hour.</summary>
    private static Finding Brushing(double score = 0.7, string text = "3 orders from one buyer within 1 hour")
        => Some.Finding(pattern: "order_brushing.concentration", shop: "s1", score: score, from: T0, to: T0.AddHours(1), text: text) with
        {
            Related =
            [
                new RelatedEntity(EntityTypes.Account, "b1", EntityRole.Actor),
                new RelatedEntity(EntityTypes.Order, "o1", EntityRole.Actor),
                new RelatedEntity(EntityTypes.Shop, "v1", EntityRole.Victim),
            ],
        };

    private static Corroboration Report(string entityType, string entityId, string pattern = "order_brushing", double days = 30, string text = "report r1")
        => new()
        {
            Entities = [new EntityRef(entityType, entityId)],
            Patterns = [pattern],
            From = T0.AddHours(2) - TimeSpan.FromDays(days),
            To = T0.AddHours(2) + TimeSpan.FromDays(days),
            Evidence = new Evidence(text, "举报 r1", ["rep1"], new Dictionary<string, double>()),
        };

    private static IReadOnlyList<Finding> Run(Dictionary<string, Action<DetectionContext>> findings, Dictionary<string, Action<DetectionContext>> reports, params TimeSpan[] times)
    {
        var pipeline = new DetectionPipelineBuilder()
            .Add(new Scripted("order_brushing.concentration", findings))
            .Add(new Scripted("reports.invalid", reports))
            .Build();
        for (var i = 0; i < times.Length; i++)
        {
            pipeline.Process(Tick("e" + i, times[i]));
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    [Fact]
    public void Corroborate_ReportAfterFindingOnRelatedActor_AppendsEvidenceWithoutChangingScoreOrEntities()
    {
        var findings = Run(
            new() { ["e0"] = c => c.Report(Brushing()) },
            new() { ["e1"] = c => c.Corroborate(Report(EntityTypes.Account, "b1")) },
            TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        var finding = Assert.Single(findings);
        Assert.Equal(["3 orders from one buyer within 1 hour", "report r1"], finding.Evidence.Select(e => e.Text));
        Assert.Equal(0.7, finding.Score);
        Assert.Equal(Brushing().Related, finding.Related);
        Assert.Equal(Brushing().Entity, finding.Entity);
    }

    [Fact]
    public void Corroborate_ReportBeforeFinding_FindingArrivesWithIt()
    {
        var findings = Run(
            new() { ["e1"] = c => c.Report(Brushing()) },
            new() { ["e0"] = c => c.Corroborate(Report(EntityTypes.Shop, "s1")) },
            TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        Assert.Equal(["3 orders from one buyer within 1 hour", "report r1"], Assert.Single(findings).Evidence.Select(e => e.Text));
    }

    [Fact]
    public void Corroborate_FindingReportedAgainAsItGrows_KeepsTheReportOnce()
    {
        var findings = Run(
            new()
            {
                ["e0"] = c => c.Report(Brushing()),
                ["e2"] = c => c.Report(Brushing(score: 0.9, text: "5 orders from one buyer within 1 hour")),
            },
            new() { ["e1"] = c => c.Corroborate(Report(EntityTypes.Account, "b1")) },
            TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3));

        var finding = Assert.Single(findings);
        Assert.Equal(["5 orders from one buyer within 1 hour", "report r1"], finding.Evidence.Select(e => e.Text));
        Assert.Equal(0.9, finding.Score);
    }

    [Fact]
    public void Corroborate_TwoReportsOnShopAndBuyer_BothJoinInArrivalOrder()
    {
        var findings = Run(
            new() { ["e1"] = c => c.Report(Brushing()) },
            new()
            {
                ["e0"] = c => c.Corroborate(Report(EntityTypes.Account, "b1", text: "report r1")),
                ["e2"] = c => c.Corroborate(Report(EntityTypes.Shop, "s1", text: "report r2")),
            },
            TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3));

        Assert.Equal(["3 orders from one buyer within 1 hour", "report r1", "report r2"], Assert.Single(findings).Evidence.Select(e => e.Text));
    }

    [Theory]
    [InlineData("account", "b2", "order_brushing")] // another account
    [InlineData("shop", "v1", "order_brushing")] // the finding's victim is not accused by it
    [InlineData("order", "o1", "order_brushing")] // an item the finding judges, not a party it accuses
    [InlineData("account", "b1", "fake_reviews")] // another family
    [InlineData("account", "b1", "order_brushing.ring")] // another pattern of the family
    [InlineData("account", "b1", "order")] // a prefix of the family is not the family
    public void Corroborate_OtherEntityVictimOrPattern_DoesNotJoin(string type, string id, string pattern)
    {
        var findings = Run(
            new() { ["e0"] = c => c.Report(Brushing()) },
            new() { ["e1"] = c => c.Corroborate(Report(type, id, pattern)) },
            TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        Assert.Single(Assert.Single(findings).Evidence);
    }

    [Fact]
    public void Corroborate_FullPatternId_Joins()
    {
        var findings = Run(
            new() { ["e0"] = c => c.Report(Brushing()) },
            new() { ["e1"] = c => c.Corroborate(Report(EntityTypes.Account, "b1", "order_brushing.concentration")) },
            TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        Assert.Equal(2, Assert.Single(findings).Evidence.Count);
    }

    [Fact]
    public void Corroborate_FindingBehaviourOutsideTheReportsTime_DoesNotJoin()
    {
        // The report covers a day either side of T0+2h; the finding's behaviour is T0..T0+1h, ten days earlier than found.
        var findings = Run(
            new() { ["e1"] = c => c.Report(Brushing()) },
            new() { ["e0"] = c => c.Corroborate(Report(EntityTypes.Shop, "s1", days: 1) with { From = T0.AddHours(2), To = T0.AddDays(1) }) },
            TimeSpan.FromHours(2), TimeSpan.FromHours(3));

        Assert.Single(Assert.Single(findings).Evidence);
    }

    [Fact]
    public void Corroborate_ExpiredBeforeTheFindingIsReported_IsForgotten()
    {
        // The report's time ends a day after T0+2h; the finding comes three days later (sweeps have run in between).
        var findings = Run(
            new() { ["e2"] = c => c.Report(Brushing()) },
            new() { ["e0"] = c => c.Corroborate(Report(EntityTypes.Shop, "s1", days: 1)) },
            TimeSpan.FromHours(2), TimeSpan.FromDays(2), TimeSpan.FromDays(3));

        Assert.Single(Assert.Single(findings).Evidence);
    }

    [Fact]
    public void Corroborate_ContextWithoutCorroborationSink_IsIgnored()
    {
        var reported = new List<Finding>();
        var context = new DetectionContext(reported.Add);

        context.Corroborate(Report(EntityTypes.Shop, "s1"));

        Assert.Empty(reported);
    }

    [Theory]
    [InlineData("order_brushing", "order_brushing.ring", true)]
    [InlineData("order_brushing.ring", "order_brushing.ring", true)]
    [InlineData("order_brushing", "order_brushingx.ring", false)]
    [InlineData("order_brushing.ring", "order_brushing.ring_two", false)]
    [InlineData("attack", "order_brushing.ring", false)]
    public void Covers_FamilyOrPatternId_MatchesExactlyThat(string declared, string pattern, bool covered)
        => Assert.Equal(covered, (Report(EntityTypes.Shop, "s1") with { Patterns = [declared] }).Covers(pattern));
}
