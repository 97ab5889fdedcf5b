using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Simulation.Evaluation;
using Clearwind.Simulation.Labels;
using Clearwind.TestKit;

namespace Clearwind.Simulation.Tests;

public sealed class MarketEvaluationTests
{
    private static readonly MarketLabels Labels = new()
    {
        Entities =
        [
            new("order_brushing", "order_brushing.concentration", "shop", "s1", "actor", "brushing_episode"),
            new("order_brushing", "order_brushing.concentration", "account", "u1", "actor", "brushing_episode"),
            new("order_brushing", "order_brushing.ring", "account", "u1", "actor", "ring"),
            new("order_brushing", "order_brushing.ring", "account", "u2", "actor", "ring"),
            new("fake_likes", "fake_likes.burst", "listing", "l1", "beneficiary", "like_farm"),
        ],
        Items = new ItemLabels(["o1", "o2"], ["o9"], ["k1"], ["v1"]),
        HardNegatives = [new("flash_sale", "shop", "s5", "order_brushing"), new("family_shared_address", "account", "u7", "order_brushing")],
        Victims = [new("attack.malicious_orders", "shop", "s8", "attack_2013")],
    };

    private static Finding Found(string pattern, string type, string id, EntityRole role = EntityRole.Actor, params RelatedEntity[] related)
        => Some.Finding(pattern: pattern) with { Entity = new EntityRef(type, id), Role = role, Related = related };

    private static Decision Decided(string type, string id, string action)
        => new()
        {
            Id = "d_" + id + action,
            Entity = new EntityRef(type, id),
            Action = action,
            Rule = "order_brushing.concentration",
            Findings = ["f"],
            Strike = 1,
            EffectiveAt = Some.Epoch,
        };

    /// <summary>Findings that name exactly what the labels say, items included.</summary>
    private static List<Finding> Oracle(MarketLabels labels)
    {
        var findings = labels.Entities.Select(e => Found(e.Pattern, e.Type, e.Id, e.Role == "beneficiary" ? EntityRole.Beneficiary : EntityRole.Actor)).ToList();
        findings.Add(Found("order_brushing.concentration", "shop", labels.Entities[0].Id, EntityRole.Actor,
            [.. labels.Items.FakeOrders.Select(o => new RelatedEntity("order", o, EntityRole.Actor)), .. labels.Items.FakeReviews.Select(r => new RelatedEntity("review", r, EntityRole.Actor))]));
        findings.Add(Found("attack.malicious_orders", "account", "attacker", EntityRole.Actor,
            [.. labels.Items.MaliciousOrders.Select(o => new RelatedEntity("order", o, EntityRole.Actor)), .. labels.Items.InvalidClicks.Select(c => new RelatedEntity("click", c, EntityRole.Actor))]));
        return findings;
    }

    [Fact]
    public void Score_OracleFindings_ScoreOneEverywhereAndFlagNoLookAlike()
    {
        var labels = Labels with { Entities = [.. Labels.Entities, new("attack", "attack.malicious_orders", "account", "attacker", "actor", "attack_2013")] };

        var report = MarketEvaluation.Score(labels, Oracle(labels), []);

        Assert.All(report.Patterns, p => Assert.Equal(1.0, p.Score.F1));
        Assert.All(report.Families, f => Assert.Equal(1.0, f.Score.F1));
        Assert.Equal(1.0, report.Overall.F1);
        Assert.All(report.Items, i => Assert.Equal((1.0, 1.0), (i.Score.Precision, i.Score.Recall)));
        Assert.Equal(0, report.HardNegativesFlagged);
        Assert.Equal(0, report.Victims.Punished);
    }

    [Fact]
    public void Score_NoFindings_RecallsNothing()
    {
        var report = MarketEvaluation.Score(Labels, [], []);

        Assert.All(report.Patterns, p => Assert.Equal((0.0, 0.0, null), (p.Score.Recall, p.Score.F1, p.Score.Precision)));
        Assert.Equal(0.0, report.Overall.F1);
        Assert.All(report.Items, i => Assert.Equal(0.0, i.Score.Recall));
        Assert.Equal(2, report.HardNegatives.Sum(h => h.Total));
    }

    [Fact]
    public void Score_PartlyRight_CountsPrecisionAndRecallPerPatternAndFamily()
    {
        // concentration: s1 found, u1 missed, s3 wrong. ring: u1 and u2 found via related actors.
        var findings = new[]
        {
            Found("order_brushing.concentration", "shop", "s1"),
            Found("order_brushing.concentration", "shop", "s3"),
            Found("order_brushing.ring", "group", "g1", EntityRole.Actor, new RelatedEntity("account", "u1", EntityRole.Actor), new RelatedEntity("account", "u2", EntityRole.Actor)),
        };

        var report = MarketEvaluation.Score(Labels, findings, []);

        var concentration = report.Patterns.Single(p => p.Name == "order_brushing.concentration");
        Assert.Equal(new Score(2, 2, 1), concentration.Score);
        Assert.Equal(["account:u1"], concentration.Missed);
        Assert.Equal(["shop:s3"], concentration.Wrong);
        var ring = report.Patterns.Single(p => p.Name == "order_brushing.ring");
        Assert.Equal(new Score(2, 3, 2), ring.Score);
        Assert.Equal(2.0 / 3, ring.Score.Precision);

        // The family counts each entity once: truth {s1, u1, u2}, found {s1, s3, g1, u1, u2}.
        Assert.Equal(new Score(3, 5, 3), report.Families.Single(f => f.Name == "order_brushing").Score);
    }

    [Fact]
    public void Score_LookAlikeNamedByAFindingOrPenalised_IsCountedAsFlagged()
    {
        var findings = new[] { Found("order_brushing.concentration", "shop", "s5") };
        var decisions = new[] { Decided("account", "u7", DecisionActions.Warn) };

        var report = MarketEvaluation.Score(Labels, findings, decisions);

        Assert.Equal(1, report.HardNegatives.Single(h => h.Scenario == "flash_sale").Flagged);
        Assert.Equal(["account:u7"], report.HardNegatives.Single(h => h.Scenario == "family_shared_address").FlaggedIds);
    }

    [Fact]
    public void Score_VictimProtectedOrNamedAsVictim_IsNotPunished()
    {
        var findings = new[] { Found("attack.malicious_orders", "shop", "s8", EntityRole.Victim) };

        var report = MarketEvaluation.Score(Labels, findings, [Decided("shop", "s8", DecisionActions.Protect)]);

        Assert.Equal((1, 0, 1), (report.Victims.Total, report.Victims.Punished, report.Victims.Protected));
    }

    [Fact]
    public void Score_VictimPenalised_IsCountedAsPunished()
    {
        var report = MarketEvaluation.Score(Labels, [], [Decided("shop", "s8", DecisionActions.VoidOrders)]);

        Assert.Equal(["shop:s8"], report.Victims.PunishedIds);
    }

    [Fact]
    public void Score_RelatedOrders_AreItemsNotEntities()
    {
        var findings = new[] { Found("order_brushing.concentration", "shop", "s1", EntityRole.Actor, new RelatedEntity("order", "o1", EntityRole.Actor), new RelatedEntity("order", "o5", EntityRole.Actor)) };

        var report = MarketEvaluation.Score(Labels, findings, []);

        Assert.Equal(new Score(2, 1, 1), report.Patterns.Single(p => p.Name == "order_brushing.concentration").Score);
        Assert.Equal(new Score(2, 2, 1), report.Items.Single(i => i.Kind == "fake_orders").Score);
    }
}
