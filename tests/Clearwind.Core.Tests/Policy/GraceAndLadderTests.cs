using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Policy;

public sealed class GraceAndLadderTests
{
    // Some.Epoch is 2026-11-11 00:00 +08:00, i.e. 2026-11-10 16:00 UTC; the findings end an hour later.
    private static readonly DateTimeOffset To = Some.Epoch.AddHours(1);

    private static EnforcementPolicy ListingPolicy(int graceHours) => EnforcementPolicy.Parse($$"""
        {
          "appeal_within_days": 14,
          "patterns": {
            "listing.title_stuffing": { "action": "demote", "review_below": 0.6, "grace_hours": {{graceHours}}, "expires_after_days": 30 },
            "listing.duplicate": { "action": "fold", "high_severity_action": "remove", "review_below": 0.5, "grace_hours": {{graceHours}}, "expires_after_days": 180 }
          }
        }
        """);

    private static Finding Stuffed(string listing = "l1", double score = 0.9, DateTimeOffset? clearedAt = null, string pattern = "listing.title_stuffing", Severity severity = Severity.Medium)
        => Some.Finding(pattern: pattern, score: score, severity: severity, from: Some.Epoch, to: To) with
        {
            Id = "f_" + pattern + "_" + listing,
            Entity = new EntityRef(EntityTypes.Listing, listing),
            Role = EntityRole.Actor,
            Related = [],
            ClearedAt = clearedAt,
        };

    [Fact]
    public void Grace_ListingFixedInsideTheGrace_GetsOnlyTheWarning_AndNoStrike()
    {
        var decider = new Decider(ListingPolicy(72));
        var fixedAt = To.AddHours(10);

        var decision = Assert.Single(decider.Decide(Stuffed(clearedAt: fixedAt)));
        var relapse = decider.Decide(Stuffed() with { Id = "f_relapse", From = Some.Epoch.AddDays(5), To = Some.Epoch.AddDays(5) });

        Assert.Equal(("warn", 0), (decision.Action, decision.Strike));
        Assert.Equal((To, fixedAt), (decision.EffectiveAt, decision.ExpiresAt));
        Assert.Equal(To.AddDays(14), decision.AppealBy);
        // The warning was no strike, so the unfixed relapse's demotion is the listing's first.
        Assert.Equal([("warn", 0), ("demote", 1)], relapse.Select(d => (d.Action, d.Strike)));
    }

    [Fact]
    public void Grace_ListingNotFixed_IsWarnedThenDemotedWhenTheGraceEnds()
    {
        var decisions = new Decider(ListingPolicy(72)).Decide(Stuffed());

        Assert.Equal([("warn", 0), ("demote", 1)], decisions.Select(d => (d.Action, d.Strike)));
        var (warn, demote) = (decisions[0], decisions[1]);
        Assert.Equal((To, To.AddHours(72)), (warn.EffectiveAt, warn.ExpiresAt));
        Assert.Equal((To.AddHours(72), To.AddHours(72).AddDays(30)), (demote.EffectiveAt, demote.ExpiresAt));
        Assert.Equal(To.AddHours(72).AddDays(14), demote.AppealBy);
        Assert.NotEqual(warn.Id, demote.Id);
        Assert.Contains("fix the listing before 2026-11-13 17:00:00 UTC, or it gets demote", warn.Explanation!.En, StringComparison.Ordinal);
        Assert.Contains("宽限至", demote.Explanation!.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public void Grace_ListingFixedAfterTheGrace_IsDemotedUntilTheFix()
    {
        var fixedAt = To.AddHours(100);

        var decisions = new Decider(ListingPolicy(72)).Decide(Stuffed(clearedAt: fixedAt));

        Assert.Equal(["warn", "demote"], decisions.Select(d => d.Action));
        Assert.Equal(To.AddHours(72), decisions[0].ExpiresAt);
        Assert.Equal((To.AddHours(72), fixedAt), (decisions[1].EffectiveAt, decisions[1].ExpiresAt));
    }

    [Fact]
    public void Grace_Zero_ActsAtOnceAsBefore()
    {
        var decision = Assert.Single(new Decider(ListingPolicy(0)).Decide(Stuffed()));

        Assert.Equal(("demote", 1, To, To.AddDays(30)), (decision.Action, decision.Strike, decision.EffectiveAt, decision.ExpiresAt));
    }

    [Fact]
    public void Grace_HighSeverityOrLowConfidence_GetsNoWarning()
    {
        var decider = new Decider(ListingPolicy(72));

        var heavy = Assert.Single(decider.Decide(Stuffed("l2", pattern: "listing.duplicate", severity: Severity.High)));
        var unsure = Assert.Single(decider.Decide(Stuffed("l3", score: 0.4)));
        var light = decider.Decide(Stuffed("l4", pattern: "listing.duplicate"));

        Assert.Equal(("remove", 1, To), (heavy.Action, heavy.Strike, heavy.EffectiveAt));
        Assert.Equal(("review", 0), (unsure.Action, unsure.Strike));
        Assert.Equal([("warn", 0), ("fold", 1)], light.Select(d => (d.Action, d.Strike)));
    }

    [Fact]
    public void Grace_Victim_IsNeverWarnedOrPenalised()
    {
        var decider = new Decider(ListingPolicy(72));

        var decision = Assert.Single(decider.Decide(Stuffed() with { Role = EntityRole.Victim }));

        Assert.Equal(("protect", 0), (decision.Action, decision.Strike));
        Assert.Null(decision.AppealBy);
    }

    private static EnforcementPolicy LadderPolicy() => EnforcementPolicy.Parse("""
        {
          "appeal_within_days": 14,
          "ladder": { "throttle_at_strikes": 3, "close_at_strikes": 5, "throttle_days": 30 },
          "patterns": {
            "order_brushing.concentration": { "action": "void_orders", "review_below": 0.6, "related_actor_action": "throttle", "expires_after_days": 180 }
          }
        }
        """);

    [Fact]
    public void Ladder_ThirdAndFifthShopStrikes_EscalateExactlyOnce_AndTheBuyerIsNotEscalated()
    {
        var decider = new Decider(LadderPolicy());
        var findings = Enumerable.Range(0, 7).Select(i => Some.Finding(from: Some.Epoch.AddDays(i), to: Some.Epoch.AddDays(i).AddHours(1))).ToList();

        var decisions = findings.Select(decider.Decide).ToList();

        var ladder = decisions.SelectMany(d => d).Where(d => d.Rule == "policy.ladder").ToList();
        Assert.Equal([("shop", "s1", "throttle", 3), ("shop", "s1", "close", 5)], ladder.Select(d => (d.Entity.Type, d.Entity.Id, d.Action, d.Strike)));
        Assert.Contains(ladder[0], decisions[2]);
        Assert.Contains(ladder[1], decisions[4]);
        Assert.Equal(findings.Take(3).Select(f => f.Id), ladder[0].Findings);
        Assert.Equal(findings.Take(5).Select(f => f.Id), ladder[1].Findings);
        var third = Some.Epoch.AddDays(2).AddHours(1);
        Assert.Equal((third, third.AddDays(30), third.AddDays(14)), (ladder[0].EffectiveAt, ladder[0].ExpiresAt, ladder[0].AppealBy));
        Assert.Null(ladder[1].ExpiresAt);
        // The escalation is no strike of its own: the shop's own penalties count 1..7.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], decisions.Select(d => d.Single(x => x.Rule != "policy.ladder" && x.Entity.Type == "shop").Strike));
        // Buyer b1 is throttled (a strike) in every finding, reaching 7 strikes, but only shops climb the ladder.
        Assert.Equal(7, decisions.SelectMany(d => d).Count(d => d.Entity == new EntityRef(EntityTypes.Account, "b1") && d.Strike > 0));
        Assert.DoesNotContain(ladder, d => d.Entity.Type != EntityTypes.Shop);
        Assert.All(ladder, d => Assert.Contains("policy.ladder", d.Explanation!.En, StringComparison.Ordinal));
        Assert.All(ladder, d => Assert.Contains("policy.ladder（处罚升级：", d.Explanation!.ZhCn, StringComparison.Ordinal));
    }

    [Fact]
    public void Ladder_ReviewsAndRemediesAreNoStrikes_AndNoLadderMeansNoEscalation()
    {
        var withLadder = new Decider(LadderPolicy());
        var without = new Decider(EnforcementPolicy.Parse("""{"patterns":{"order_brushing.concentration":{"action":"void_orders","review_below":0.6}}}"""));

        var unsure = Enumerable.Range(0, 6).SelectMany(i => withLadder.Decide(Some.Finding(score: 0.3, from: Some.Epoch.AddDays(i)))).ToList();
        var plain = Enumerable.Range(0, 6).SelectMany(i => without.Decide(Some.Finding(from: Some.Epoch.AddDays(i)))).ToList();

        Assert.DoesNotContain(unsure, d => d.Rule == "policy.ladder");
        Assert.DoesNotContain(plain, d => d.Rule == "policy.ladder");
        Assert.Equal(6, plain.Max(d => d.Strike));
    }

    [Theory]
    [InlineData("""{"ladder":3,"patterns":{}}""", "ladder")]
    [InlineData("""{"ladder":{},"patterns":{}}""", "ladder")]
    [InlineData("""{"ladder":{"throttle_at":3},"patterns":{}}""", "ladder.throttle_at")]
    [InlineData("""{"ladder":{"throttle_at_strikes":0},"patterns":{}}""", "ladder.throttle_at_strikes")]
    [InlineData("""{"ladder":{"close_at_strikes":"5"},"patterns":{}}""", "ladder.close_at_strikes")]
    [InlineData("""{"ladder":{"throttle_at_strikes":5,"close_at_strikes":3},"patterns":{}}""", "ladder.close_at_strikes")]
    [InlineData("""{"ladder":{"close_at_strikes":5,"throttle_days":0},"patterns":{}}""", "ladder.throttle_days")]
    [InlineData("""{"patterns":{"listing.title_stuffing":{"action":"demote","grace_hours":-1}}}""", "patterns.listing.title_stuffing.grace_hours")]
    [InlineData("""{"patterns":{"listing.title_stuffing":{"action":"demote","grace_hours":1.5}}}""", "patterns.listing.title_stuffing.grace_hours")]
    public void Parse_BadLadderOrGrace_ErrorNamesTheKey(string json, string key)
    {
        var error = Assert.Throws<PolicyException>(() => EnforcementPolicy.Parse(json));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Parse_LadderAndGrace_RoundTrip()
    {
        var policy = EnforcementPolicy.Parse("""
            {
              "ladder": { "close_at_strikes": 4 },
              "patterns": { "listing.title_stuffing": { "action": "demote", "grace_hours": 48 } }
            }
            """);

        Assert.Equal((null, 4, 30), (policy.Ladder!.ThrottleAtStrikes, policy.Ladder.CloseAtStrikes, policy.Ladder.ThrottleDays));
        Assert.Equal(48, policy.Patterns["listing.title_stuffing"].GraceHours);
        Assert.Equal(policy.ToJson(), EnforcementPolicy.Parse(policy.ToJson()).ToJson());
        Assert.Null(EnforcementPolicy.Parse("""{"patterns":{}}""").Ladder);
    }
}
