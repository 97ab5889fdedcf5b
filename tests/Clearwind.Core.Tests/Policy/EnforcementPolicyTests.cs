using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Policy;

public sealed class EnforcementPolicyTests
{
    private const string Valid = """
        {
          "version": 1,
          "appeal_within_days": 7,
          "patterns": {
            "order_brushing.concentration": { "action": "void_orders", "review_below": 0.6, "related_actor_action": "review", "expires_after_days": 90 }
          }
        }
        """;

    [Theory]
    [InlineData("""{"patterns":{},"tier_rules":{}}""", "tier_rules")]
    [InlineData("""{"patterns":{"order_brushing.concentration":{"action":"ban_forever"}}}""", "patterns.order_brushing.concentration.action")]
    [InlineData("""{"patterns":{"order_brushing.concentration":{"action":"warn","review_below":2}}}""", "patterns.order_brushing.concentration.review_below")]
    [InlineData("""{"patterns":{"order_brushing.concentration":{"action":"warn","tier":"tmall"}}}""", "patterns.order_brushing.concentration.tier")]
    [InlineData("""{"patterns":{"Bad Id":{"action":"warn"}}}""", "patterns.Bad Id")]
    [InlineData("""{"version":2,"patterns":{}}""", "version")]
    [InlineData("""{}""", "patterns")]
    [InlineData("""[1]""", "(root)")]
    [InlineData("""{"patterns":""", "(root)")]
    public void Parse_BadPolicy_ErrorNamesTheKey(string json, string key)
    {
        var error = Assert.Throws<PolicyException>(() => EnforcementPolicy.Parse(json));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Parse_ThenToJson_RoundTrips()
    {
        var policy = EnforcementPolicy.Parse(Valid);

        Assert.Equal(policy.ToJson(), EnforcementPolicy.Parse(policy.ToJson()).ToJson());
        Assert.Equal(7, policy.AppealWithinDays);
        Assert.Equal(90, policy.Patterns["order_brushing.concentration"].ExpiresAfterDays);
    }

    [Fact]
    public void Decide_HighScore_ActsAndLowScore_GoesToReview()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));

        var strong = decider.Decide(Some.Finding(score: 0.9));
        var weak = decider.Decide(Some.Finding(shop: "s2", score: 0.55));

        Assert.Equal("void_orders", strong[0].Action);
        Assert.Equal(1, strong[0].Strike);
        Assert.Equal(strong[0].EffectiveAt.AddDays(90), strong[0].ExpiresAt);
        Assert.Equal(strong[0].EffectiveAt.AddDays(7), strong[0].AppealBy);
        Assert.Equal("review", weak[0].Action);
        Assert.Equal(0, weak[0].Strike);
        Assert.Null(weak[0].ExpiresAt);
    }

    [Fact]
    public void Decide_HighSeverityAction_AppliesOnlyToHighSeverityConfidentFindings()
    {
        var policy = EnforcementPolicy.Parse("""
            {
              "patterns": {
                "order_brushing.concentration": { "action": "fold", "review_below": 0.5, "high_severity_action": "remove" }
              }
            }
            """);
        var decider = new Decider(policy);

        var heavy = Assert.Single(decider.Decide(Some.Finding(score: 0.95) with { Role = EntityRole.Actor, Severity = Severity.High, Related = [] }));
        var light = Assert.Single(decider.Decide(Some.Finding(shop: "s2", score: 0.8) with { Role = EntityRole.Actor, Severity = Severity.Medium, Related = [] }));
        var unsure = Assert.Single(decider.Decide(Some.Finding(shop: "s3", score: 0.3) with { Role = EntityRole.Actor, Severity = Severity.High, Related = [] }));

        Assert.Equal(("remove", "fold", "review"), (heavy.Action, light.Action, unsure.Action));
        Assert.Equal("remove", policy.Patterns["order_brushing.concentration"].HighSeverityAction);
        Assert.Contains("\"high_severity_action\": \"remove\"", policy.ToJson(), StringComparison.Ordinal);
        Assert.Equal(policy.ToJson(), EnforcementPolicy.Parse(policy.ToJson()).ToJson());
    }

    [Fact]
    public void Parse_UnknownHighSeverityAction_ErrorNamesTheKey()
    {
        var error = Assert.Throws<PolicyException>(() => EnforcementPolicy.Parse("""{"patterns":{"order_brushing.concentration":{"action":"fold","high_severity_action":"erase"}}}"""));

        Assert.Equal("patterns.order_brushing.concentration.high_severity_action", error.Key);
    }

    [Fact]
    public void Decide_RepeatedOffence_CountsStrikes()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));

        var first = decider.Decide(Some.Finding(from: Some.Epoch, to: Some.Epoch));
        var second = decider.Decide(Some.Finding(from: Some.Epoch.AddDays(3), to: Some.Epoch.AddDays(3)));

        Assert.Equal((1, 2), (first[0].Strike, second[0].Strike));
        Assert.NotEqual(first[0].Id, second[0].Id);
    }

    [Fact]
    public void Decide_ClearedFinding_PenaltyEndsWhenTheFixLanded_AndTheStrikeStays()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));
        var fixedAt = Some.Epoch.AddHours(30);

        var cleared = decider.Decide(Some.Finding(from: Some.Epoch, to: Some.Epoch.AddHours(2)) with { ClearedAt = fixedAt });
        var relapse = decider.Decide(Some.Finding(from: Some.Epoch.AddDays(5), to: Some.Epoch.AddDays(5)));

        Assert.Equal(Some.Epoch.AddHours(2), cleared[0].EffectiveAt);
        Assert.Equal(fixedAt, cleared[0].ExpiresAt);
        Assert.Equal((1, 2), (cleared[0].Strike, relapse[0].Strike));
        Assert.Equal(Some.Epoch.AddDays(5).AddDays(90), relapse[0].ExpiresAt);
    }

    [Fact]
    public void Decide_ClearedAfterTheUsualExpiry_KeepsTheUsualExpiry()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));

        var decision = decider.Decide(Some.Finding(from: Some.Epoch, to: Some.Epoch) with { ClearedAt = Some.Epoch.AddDays(200) });

        Assert.Equal(Some.Epoch.AddDays(90), decision[0].ExpiresAt);
    }

    [Fact]
    public void Decide_VictimFinding_IsProtectedNeverPunished()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));

        var decision = Assert.Single(decider.Decide(Some.Finding() with { Role = EntityRole.Victim, Related = [] }));

        Assert.Equal(("protect", 0), (decision.Action, decision.Strike));
        Assert.Null(decision.AppealBy);
    }

    [Fact]
    public void Decide_VictimOfClickFraud_GetsItsClicksRefundedWhileTheClickersAreThrottled()
    {
        var policy = EnforcementPolicy.Parse("""
            {
              "patterns": {
                "attack.click_fraud": { "action": "refund_clicks", "review_below": 0.5, "related_actor_action": "throttle", "expires_after_days": 90 }
              }
            }
            """);
        var finding = Some.Finding() with
        {
            Pattern = "attack.click_fraud",
            Role = EntityRole.Victim,
            Related = [new RelatedEntity(EntityTypes.Account, "clicker", EntityRole.Actor), new RelatedEntity(EntityTypes.Click, "c1", EntityRole.Actor)],
        };

        var decisions = new Decider(policy).Decide(finding);

        Assert.Equal([("shop", "s1", "refund_clicks", 0), ("account", "clicker", "throttle", 1)], decisions.Select(d => (d.Entity.Type, d.Entity.Id, d.Action, d.Strike)));
        Assert.Null(decisions[0].AppealBy);
    }

    [Fact]
    public void Decide_AlertAction_InformsWithoutStrikeExpiryOrAppealEvenWhenRepeated()
    {
        // brand.alert: a review raised to the brand owner; nothing happens to the review or its writer.
        var policy = EnforcementPolicy.Parse("""
            {
              "patterns": {
                "brand.alert": { "action": "alert", "review_below": 0, "expires_after_days": 30 }
              }
            }
            """);
        var decider = new Decider(policy);
        var finding = Some.Finding() with
        {
            Pattern = "brand.alert",
            Entity = new EntityRef(EntityTypes.Review, "v1"),
            Role = EntityRole.Actor,
            Related = [],
        };

        var first = Assert.Single(decider.Decide(finding));
        var second = Assert.Single(decider.Decide(finding with { Id = "f_again" }));

        Assert.Equal(("alert", 0, 0), (first.Action, first.Strike, second.Strike));
        Assert.Null(first.ExpiresAt);
        Assert.Null(first.AppealBy);
        Assert.False(DecisionActions.IsPunitive(DecisionActions.Alert));
        Assert.False(DecisionActions.IsRemedy(DecisionActions.Alert));
        Assert.Contains(DecisionActions.Alert, (IReadOnlySet<string>)DecisionActions.All);
    }

    [Fact]
    public void Decide_RelatedActors_GetTheRelatedAction()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));
        var finding = Some.Finding() with { Related = [new RelatedEntity(EntityTypes.Account, "b1", EntityRole.Actor), new RelatedEntity(EntityTypes.Shop, "s9", EntityRole.Victim)] };

        var decisions = decider.Decide(finding);

        Assert.Equal([("shop", "s1", "void_orders"), ("account", "b1", "review")], decisions.Select(d => (d.Entity.Type, d.Entity.Id, d.Action)));
    }

    [Fact]
    public void Decide_RelatedItems_AreCoveredByTheMainActionNotDecidedOneByOne()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));
        var finding = Some.Finding() with
        {
            Related = [new RelatedEntity(EntityTypes.Account, "b1", EntityRole.Actor), new RelatedEntity(EntityTypes.Order, "o1", EntityRole.Actor), new RelatedEntity(EntityTypes.Order, "o2", EntityRole.Actor)],
        };

        var decisions = decider.Decide(finding);

        Assert.Equal([("shop", "s1", "void_orders"), ("account", "b1", "review")], decisions.Select(d => (d.Entity.Type, d.Entity.Id, d.Action)));
    }

    [Fact]
    public void Decide_PatternNotInPolicy_GivesNoDecision()
    {
        var decider = new Decider(EnforcementPolicy.Parse(Valid));

        Assert.Empty(decider.Decide(Some.Finding(pattern: "fake_likes.burst")));
    }
}
