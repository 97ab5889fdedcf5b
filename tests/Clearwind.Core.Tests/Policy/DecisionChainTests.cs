using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Policy;

/// <summary>The hash chain over the decision log: any edit, removal or move is found at the record where it happened.</summary>
public sealed class DecisionChainTests
{
    private static List<Decision> Chain(int count)
    {
        var log = new List<Decision>();
        var head = DecisionChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var linked = DecisionChain.Link(Some.Decision(id: $"d{i}", strike: i), head);
            log.Add(linked);
            head = linked.Hash!;
        }

        return log;
    }

    [Fact]
    public void Verify_IntactChain_IsOkWithCountAndHead()
    {
        var log = Chain(5);

        var check = DecisionChain.Verify(log);

        Assert.True(check.Ok);
        Assert.Equal(5, check.Verified);
        Assert.Equal(log[4].Hash, check.Head);
        Assert.Equal(new string('0', 64), log[0].PrevHash);
    }

    [Fact]
    public void Verify_EmptyLog_IsOkAtGenesis()
    {
        var check = DecisionChain.Verify([]);

        Assert.True(check.Ok);
        Assert.Equal(0, check.Verified);
        Assert.Equal(new string('0', 64), check.Head);
    }

    [Fact]
    public void Verify_EditedAction_BreaksAtThatRecord()
    {
        var log = Chain(5);
        log[2] = log[2] with { Action = DecisionActions.Close };

        var check = DecisionChain.Verify(log);

        Assert.Equal(new ChainBreak(3, "d3", check.Break!.Reason), check.Break);
        Assert.Contains("edited", check.Break.Reason);
        Assert.Equal(2, check.Verified);
        Assert.Equal(log[1].Hash, check.Head);
    }

    [Fact]
    public void Verify_EditedExplanation_Breaks()
    {
        var log = Chain(3);
        log[0] = DecisionChain.Link(log[0] with { Explanation = new DecisionExplanation("a", "甲") }, DecisionChain.Genesis);
        log[1] = DecisionChain.Link(log[1], log[0].Hash!);
        log[2] = DecisionChain.Link(log[2], log[1].Hash!);
        Assert.True(DecisionChain.Verify(log).Ok);

        log[1] = log[1] with { Explanation = new DecisionExplanation("a", "乙") };

        Assert.Equal(2, DecisionChain.Verify(log).Break!.Position);
    }

    [Fact]
    public void Verify_RemovedRecord_BreaksAtTheRecordAfterIt()
    {
        var log = Chain(5);
        log.RemoveAt(1);

        var check = DecisionChain.Verify(log);

        Assert.Equal(2, check.Break!.Position);
        Assert.Equal("d3", check.Break.Id);
        Assert.Contains("removed", check.Break.Reason);
    }

    [Fact]
    public void Verify_RemovedFirstRecord_Breaks()
    {
        var log = Chain(3);
        log.RemoveAt(0);

        Assert.Equal(new ChainBreak(1, "d2", DecisionChain.Verify(log).Break!.Reason), DecisionChain.Verify(log).Break);
    }

    [Fact]
    public void Verify_SwappedRecords_Break()
    {
        var log = Chain(4);
        (log[1], log[2]) = (log[2], log[1]);

        Assert.Equal(2, DecisionChain.Verify(log).Break!.Position);
    }

    [Fact]
    public void Verify_RecordWithoutHash_Breaks()
    {
        var log = Chain(2);
        log.Add(Some.Decision(id: "d3"));

        var check = DecisionChain.Verify(log);

        Assert.Equal(3, check.Break!.Position);
        Assert.Contains("no hash", check.Break.Reason);
    }

    [Fact]
    public void Verify_EditedRecordWithHashRecomputed_BreaksAtTheNextRecord()
    {
        // A forger who recomputes the edited record's own hash still breaks the link to the record after it.
        var log = Chain(4);
        log[1] = DecisionChain.Link(log[1] with { Action = DecisionActions.Close }, log[1].PrevHash!);

        var check = DecisionChain.Verify(log);

        Assert.Equal(3, check.Break!.Position);
        Assert.Equal("d3", check.Break.Id);
    }
}
