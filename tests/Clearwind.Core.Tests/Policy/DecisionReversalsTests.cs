using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Policy;

public sealed class DecisionReversalsTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch;

    private static Decision Decision(string id, string action = DecisionActions.Demote, DateTimeOffset? expires = null, int strike = 1)
        => new()
        {
            Id = id,
            Entity = new EntityRef(EntityTypes.Listing, "l1"),
            Action = action,
            Rule = "listing.banned_words",
            Findings = ["f1"],
            Strike = strike,
            EffectiveAt = T0,
            ExpiresAt = expires ?? T0.AddDays(30),
            AppealBy = T0.AddDays(14),
            Explanation = new DecisionExplanation($"quote decision {id}", $"凭决定编号 {id}"),
        };

    [Fact]
    public void Reconcile_LoggedDecisionNoLongerGiven_IsLiftedByANewRecordAtNow()
    {
        var old = Decision("d_a");

        var (current, lifts) = DecisionReversals.Reconcile([old], [], T0.AddDays(2));

        Assert.Empty(current);
        var lift = Assert.Single(lifts);
        Assert.Equal(DecisionActions.Lift, lift.Action);
        Assert.Equal("d_a", lift.Reverses);
        Assert.Equal(old.Entity, lift.Entity);
        Assert.Equal(old.Rule, lift.Rule);
        Assert.Equal(T0.AddDays(2), lift.EffectiveAt);
        Assert.Equal(0, lift.Strike);
        Assert.Null(lift.AppealBy);
        Assert.NotEqual(old.Id, lift.Id);
        Assert.Contains("no longer give it", lift.Explanation!.En, StringComparison.Ordinal);
        Assert.Contains("strike no longer counts", lift.Explanation.En, StringComparison.Ordinal);
        Assert.Contains("撤销", lift.Explanation.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_PenaltyNowEndsEarlier_IsLiftedAtTheNewEnd()
    {
        var old = Decision("d_a", expires: T0.AddDays(30));
        var fixedListing = old with { ExpiresAt = T0.AddDays(3) };

        var (current, lifts) = DecisionReversals.Reconcile([old], [fixedListing], T0.AddDays(10));

        Assert.Equal("d_a", Assert.Single(current).Id);
        var lift = Assert.Single(lifts);
        Assert.Equal(T0.AddDays(3), lift.EffectiveAt);
        Assert.Contains("listing was fixed", lift.Explanation!.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_SameDecisionsAgain_LiftsNothing()
    {
        var old = Decision("d_a");

        var (current, lifts) = DecisionReversals.Reconcile([old], [old], T0.AddDays(10));

        Assert.Equal([old], current);
        Assert.Empty(lifts);
    }

    [Fact]
    public void Reconcile_AlreadyLifted_IsNotLiftedTwice()
    {
        var old = Decision("d_a");
        var (_, lifts) = DecisionReversals.Reconcile([old], [], T0.AddDays(2));

        var (_, again) = DecisionReversals.Reconcile([old, .. lifts], [], T0.AddDays(5));

        Assert.Empty(again);
    }

    [Fact]
    public void Reconcile_GivenAgainAfterALift_GetsANewIdAndStands()
    {
        var old = Decision("d_a");
        var (_, lifts) = DecisionReversals.Reconcile([old], [], T0.AddDays(2));
        var log = new List<Decision> { old };
        log.AddRange(lifts);

        var (current, more) = DecisionReversals.Reconcile(log, [old], T0.AddDays(5));

        Assert.Empty(more);
        var again = Assert.Single(current);
        Assert.NotEqual("d_a", again.Id);
        Assert.NotEqual(lifts[0].Id, again.Id);
        Assert.Contains(again.Id, again.Explanation!.En, StringComparison.Ordinal);
        Assert.DoesNotContain("d_a", again.Explanation.En, StringComparison.Ordinal);
        Assert.Equal([again], DecisionReversals.Standing([.. log, again]));

        // A third scan that gives it again adds nothing: the new id is stable.
        var (third, none) = DecisionReversals.Reconcile([.. log, again], [old], T0.AddDays(6));
        Assert.Equal(again.Id, Assert.Single(third).Id);
        Assert.Empty(none);
    }

    [Fact]
    public void Standing_LeavesOutLiftedDecisionsAndLiftRecords()
    {
        var a = Decision("d_a");
        var b = Decision("d_b");
        var (_, lifts) = DecisionReversals.Reconcile([a, b], [b], T0.AddDays(2));

        Assert.Equal([b], DecisionReversals.Standing([a, b, .. lifts]));
    }

    [Fact]
    public void Chain_LiftRecord_HashesItsReversesField()
    {
        var (_, lifts) = DecisionReversals.Reconcile([Decision("d_a")], [], T0.AddDays(2));
        var lift = lifts[0];

        Assert.NotEqual(DecisionChain.ComputeHash(lift, DecisionChain.Genesis), DecisionChain.ComputeHash(lift with { Reverses = "d_b" }, DecisionChain.Genesis));
    }
}
