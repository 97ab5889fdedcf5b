using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Reports;

/// <summary>
/// <c>reports.invalid</c>: each <c>report.filed</c> is checked when it arrives. A report that staff cannot act on
/// (no link, no policy named, a target on another platform) is a finding about the report itself, with what is
/// missing in words the reporter can fix. A valid report is not a finding: it is lent, with
/// <see cref="DetectionContext.Corroborate"/>, to the findings of the patterns its reason names (see
/// <see cref="InvalidReportOptions.ReasonPatterns"/>) that accuse its target or the target's shop.
/// </summary>
internal sealed class InvalidReportDetector : Detector
{
    public static readonly PatternId Id = new("reports.invalid");

    private readonly InvalidReportOptions _options;
    private readonly ReportCheck _check;
    private readonly ReportTargets _targets = new();

    public InvalidReportDetector(InvalidReportOptions options)
    {
        _options = options;
        _check = new ReportCheck(options);
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ReportFiled), typeof(ListingEvent), typeof(ShopOpened));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (_targets.Observe(e) || e is not ReportFiled report)
        {
            return;
        }

        var defects = _check.Judge(report);
        if (defects == ReportDefects.None)
        {
            Corroborate(report, context);
        }
        else
        {
            context.Report(ToFinding(report, defects));
        }
    }

    public override void Complete(DetectionContext context) => _targets.Clear();

    private Finding ToFinding(ReportFiled report, ReportDefects defects)
    {
        var entity = new EntityRef(EntityTypes.Report, report.Report);
        var evidence = report.Evidence ?? [];
        var target = report.Target is { } t ? $"{t.Type} {t.Id}" : "nothing named";
        var count = BitCount(defects);
        var reasons = ReportCheck.Describe(defects, report);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Report {report.Report} by account {report.Reporter} against {target}, filed {EvidenceText.Time(report.Ts)}, cannot be acted on: {string.Join("; ", reasons)}. Filing it again with a link to the page on this marketplace and the policy it breaks lets staff act on it.");
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, report.Ts),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            // The rule is definite; every further defect makes it plainer.
            Score = Math.Min(1, 0.85 + (0.05 * count)),
            Severity = Severity.Low,
            From = report.Ts,
            To = report.Ts,
            Evidence =
            [
                new Evidence(
                    text,
                    string.Create(CultureInfo.InvariantCulture,
                        $"账号 {report.Reporter} 于 {EvidenceText.Time(report.Ts)} 针对{(report.Target is { } z ? EntityTypes.Chinese(z.Type) + " " + z.Id : "（未指明对象）")}提交的举报 {report.Report} 无法处理：{string.Join("；", ReportCheck.DescribeZh(defects, report))}。附上本平台页面的链接并写明违反的规则后重新提交，工作人员即可处理。"),
                    [report.Id],
                    new Dictionary<string, double>
                {
                    ["evidence_items"] = evidence.Count,
                    ["links"] = _check.Links(report).Count(),
                    ["screenshots"] = evidence.Count(e => string.Equals(e.Kind, "screenshot", StringComparison.OrdinalIgnoreCase)),
                    ["no_target"] = defects.HasFlag(ReportDefects.NoTarget) ? 1 : 0,
                    ["missing_link"] = defects.HasFlag(ReportDefects.MissingLink) ? 1 : 0,
                    ["vague"] = defects.HasFlag(ReportDefects.Vague) ? 1 : 0,
                    ["cross_platform"] = defects.HasFlag(ReportDefects.CrossPlatform) ? 1 : 0,
                }),
            ],
            Rule = "reports.invalid: a report needs a target on this marketplace, a link to it, and a named policy (under a vague reason such as \"other\", a description naming a rule)",
        };
    }

    private void Corroborate(ReportFiled report, DetectionContext context)
    {
        var target = report.Target!;
        var reason = report.Reason?.Trim() ?? "";
        var patterns = new List<string>();
        if (reason.Length > 0 && !_options.VagueReasons.Contains(reason, StringComparer.OrdinalIgnoreCase))
        {
            patterns.Add(reason);
        }

        if (_options.ReasonPatterns.TryGetValue(reason, out var more))
        {
            patterns.AddRange(more);
        }

        if (patterns.Count == 0)
        {
            return; // An "other" report that names a rule in words only: valid, but no pattern to join.
        }

        var entities = new List<EntityRef> { target };
        var shop = _targets.ShopOf(target);
        if (shop is not null && target.Type != EntityTypes.Shop)
        {
            entities.Add(new EntityRef(EntityTypes.Shop, shop));
        }

        var evidence = report.Evidence ?? [];
        var kinds = evidence.GroupBy(e => e.Kind ?? "unknown", StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}"));
        var onShop = shop is not null && target.Type != EntityTypes.Shop ? $" (shop {shop})" : "";
        var reach = TimeSpan.FromDays(_options.CorroborationDays);
        context.Corroborate(new Corroboration
        {
            Entities = entities,
            Patterns = [.. patterns.Distinct(StringComparer.Ordinal)],
            From = report.Ts - reach,
            To = report.Ts + reach,
            Evidence = new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"A seller's report {report.Report} (filed {EvidenceText.Time(report.Ts)}, reason \"{reason}\") names {target.Type} {target.Id}{onShop}, with evidence {string.Join(", ", kinds)}. The report adds to this finding but does not change its score."),
                string.Create(CultureInfo.InvariantCulture,
                    $"卖家举报 {report.Report}（提交于 {EvidenceText.Time(report.Ts)}，理由“{reason}”）指向{EntityTypes.Chinese(target.Type)} {target.Id}{(shop is not null && target.Type != EntityTypes.Shop ? "（店铺 " + shop + "）" : "")}，证据为 {string.Join("、", kinds)}。该举报作为佐证附在此发现中，但不改变其置信度。"),
                [report.Id],
                new Dictionary<string, double>
                {
                    ["report_evidence_items"] = evidence.Count,
                    ["report_links"] = _check.Links(report).Count(),
                }),
        });
    }

    private static int BitCount(ReportDefects defects) => System.Numerics.BitOperations.PopCount((uint)defects);
}
