using System.Text.Json;
using Clearwind.Appeals;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Appeals;

public sealed class CaseOutcomesTests
{
    private static JournalRecord Opened(string id, string kind, string pattern)
        => new(CaseOutcomes.OpenedKind, Some.Epoch, JsonSerializer.Serialize(new { @case = id, kind, pattern, decision = "d", findings = Array.Empty<string>() }));

    private static JournalRecord Resolved(string id, string by, string outcome, bool overrules = false, string[]? reversed = null, string[]? added = null, string[]? settled = null)
        => new(CaseOutcomes.ResolvedKind, Some.Epoch, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["case"] = id,
            ["by"] = by,
            ["outcome"] = outcome,
            ["reasons"] = "r",
            ["overrules_jury"] = overrules,
            ["reversed"] = reversed ?? [],
            ["lifted"] = Array.Empty<string>(),
            ["added"] = added ?? [],
            ["settled_findings"] = settled ?? [],
        }));

    [Fact]
    public void Honour_SettledReversedAndAdded_FreshPassLeavesOutWhatPeopleUndidAndKeepsWhatTheyAdded()
    {
        var outcomes = new CaseOutcomes();
        outcomes.Observe(Opened("ap-1", "appeal", "p"));
        outcomes.Observe(Resolved("ap-1", "staff", "overturn", settled: ["f1"], reversed: ["d1"]));
        outcomes.Observe(Opened("rv-2", "review", "p"));
        outcomes.Observe(Resolved("rv-2", "staff", "act", reversed: ["d2"], added: ["d9"]));
        var d1 = Some.Decision(id: "d1", findings: ["f1"]);
        var d1b = Some.Decision(id: "d1b", findings: ["f1"], shop: "s2");
        var d2 = Some.Decision(id: "d2", findings: ["f2"]);
        var d3 = Some.Decision(id: "d3", findings: ["f3"]);
        var d9 = Some.Decision(id: "d9", findings: ["f2"], action: "throttle");

        var kept = outcomes.Honour([d1, d1b, d2, d3], [d1, d1b, d2, d3, d9]);

        Assert.Equal(["d3", "d9"], kept.Select(d => d.Id));
    }

    [Fact]
    public void Overturns_AppealsAndReviews_CountedPerPatternWithTheRate()
    {
        var outcomes = new CaseOutcomes();
        foreach (var record in new[]
        {
            Opened("a1", "appeal", "p"), Resolved("a1", CaseOutcomes.Recheck, "overturn"),
            Opened("a2", "appeal", "p"), Resolved("a2", "staff", "uphold", overrules: true),
            Opened("a3", "appeal", "q"),
            Opened("r1", "review", "p"), Resolved("r1", "staff", "dismiss"),
            new JournalRecord("vote_cast", Some.Epoch, "{\"case\":\"a2\",\"juror\":\"j\",\"vote\":\"overturn\"}"),
        })
        {
            outcomes.Observe(record);
        }

        var rows = outcomes.Overturns();

        Assert.Equal(new PatternOverturns("p", Appeals: 2, Resolved: 2, Overturned: 1, ClearedByRecheck: 1, Upheld: 1, OverruledJury: 1, OverturnRate: 0.5, Reviews: 1, Dismissed: 1), rows[0]);
        Assert.Equal(new PatternOverturns("q", 1, 0, 0, 0, 0, 0, null, 0, 0), rows[1]);
    }
}
