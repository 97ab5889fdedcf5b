using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Output;
using Clearwind.Scanning;

namespace Clearwind.Core.Tests.Output;

/// <summary>The pattern labels of <c>report.html</c>: the pattern's Chinese name in the zh span, the id in both.</summary>
public sealed class ReportWriterTests
{
    private static Finding Finding(string pattern, string entity) => new()
    {
        Id = "f_" + entity,
        Pattern = pattern,
        Entity = new EntityRef(EntityTypes.Shop, entity),
        Role = EntityRole.Beneficiary,
        Score = 0.9,
        Severity = Severity.High,
        From = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 11, 1, 11, 0, 0, TimeSpan.Zero),
        Related = [],
        Evidence = [new Evidence("17 orders from 4 buyers.", "4 个买家下了 17 笔订单。", ["e1"], new Dictionary<string, double>())],
        Rule = "orders ÷ distinct buyers ≥ 3 within any 60-minute window",
    };

    [Fact]
    public void PatternHeadingsAndLegend_ShowTheChineseName_InTheZhSpan()
    {
        var result = new ScanResult
        {
            Inputs = [],
            EventsByType = new Dictionary<string, long>(),
            UnknownTypes = new Dictionary<string, long>(),
            Problems = [],
            NewEvents = 0,
            StoredEvents = 0,
            ProcessedEvents = 0,
            Findings = [Finding("order_brushing.concentration", "s1"), Finding("listing.banned_words", "s2"), Finding("listing.not_named_yet", "s3")],
            Decisions = [],
            NewDecisions = 0,
            DetectorFaults = new Dictionary<string, DetectorFault>(),
            Elapsed = TimeSpan.Zero,
        };
        using var w = new StringWriter();
        ReportWriter.Write(w, result);
        var html = w.ToString();

        const string brushing = "<span class=\"zh\">order_brushing.concentration（刷单（订单集中））</span><span class=\"en\">order_brushing.concentration</span>";
        Assert.Contains($"<h3 id=\"p-order_brushing-concentration\">{brushing}", html, StringComparison.Ordinal);
        Assert.Contains($"</i>{brushing}</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"zh\">listing.banned_words（极限词）</span>", html, StringComparison.Ordinal);
        // A pattern without its own name falls back to its family's.
        Assert.Contains("<span class=\"zh\">listing.not_named_yet（商品）</span>", html, StringComparison.Ordinal);
        // Each finding's evidence in both languages, the Chinese one shown by default.
        Assert.Contains("<span class=\"zh\">4 个买家下了 17 笔订单。</span><span class=\"en\">17 orders from 4 buyers.</span>", html, StringComparison.Ordinal);
    }
}
