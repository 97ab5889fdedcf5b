using System.Globalization;
using Clearwind.Events;

namespace Clearwind.Reports;

/// <summary>Judges one <c>report.filed</c> by <see cref="ReportCheckOptions"/>: what, if anything, makes it impossible to act on.</summary>
internal sealed class ReportCheck(ReportCheckOptions options)
{
    public ReportDefects Judge(ReportFiled report)
    {
        var defects = ReportDefects.None;
        if (report.Target is not { Id.Length: > 0 })
        {
            defects |= ReportDefects.NoTarget;
        }

        var links = Links(report).ToList();
        if (links.Count == 0)
        {
            defects |= ReportDefects.MissingLink;
        }

        if (IsVague(report))
        {
            defects |= ReportDefects.Vague;
        }

        var foreignPlatform = report.Platform is { Length: > 0 } platform && !Contains(options.HomePlatforms, platform);
        var foreignLinks = options.HomeSites.Length > 0 && links.Count > 0
            && links.TrueForAll(l => !options.HomeSites.Any(site => l.StartsWith(site, StringComparison.OrdinalIgnoreCase)));
        if (foreignPlatform || foreignLinks)
        {
            defects |= ReportDefects.CrossPlatform;
        }

        return defects;
    }

    /// <summary>The values of the report's link evidence.</summary>
    public IEnumerable<string> Links(ReportFiled report)
        => (report.Evidence ?? []).Where(e => e.Kind is { } kind && Contains(options.LinkKinds, kind) && !string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Value!);

    private bool IsVague(ReportFiled report)
    {
        if (report.Reason is { } reason && !string.IsNullOrWhiteSpace(reason) && !Contains(options.VagueReasons, reason.Trim()))
        {
            return false;
        }

        var description = report.Description ?? "";
        return !options.PolicyWords.Any(w => w.Length > 0 && description.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The defects in words a seller reads, e.g. "no link to the reported page (2 screenshots only)".</summary>
    public static List<string> Describe(ReportDefects defects, ReportFiled report)
    {
        var evidence = report.Evidence ?? [];
        var words = new List<string>();
        if (defects.HasFlag(ReportDefects.NoTarget))
        {
            words.Add("no target named");
        }

        if (defects.HasFlag(ReportDefects.MissingLink))
        {
            var kinds = evidence.GroupBy(e => e.Kind ?? "unknown", StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}")).ToList();
            words.Add(kinds.Count == 0 ? "no evidence at all" : "no link to the reported page (only " + string.Join(", ", kinds) + ")");
        }

        if (defects.HasFlag(ReportDefects.Vague))
        {
            words.Add(string.IsNullOrWhiteSpace(report.Reason)
                ? "no policy named (no reason, and the description names no rule)"
                : $"no policy named (reason \"{report.Reason}\", and the description names no rule)");
        }

        if (defects.HasFlag(ReportDefects.CrossPlatform))
        {
            words.Add(report.Platform is { Length: > 0 } platform
                ? $"the target is on another platform ({platform}), which this marketplace cannot check or act on"
                : "the links point to another site, which this marketplace cannot check or act on");
        }

        return words;
    }

    /// <summary>The defects of <see cref="Describe"/> in Simplified Chinese, in the same order.</summary>
    public static List<string> DescribeZh(ReportDefects defects, ReportFiled report)
    {
        var evidence = report.Evidence ?? [];
        var words = new List<string>();
        if (defects.HasFlag(ReportDefects.NoTarget))
        {
            words.Add("未指明举报对象");
        }

        if (defects.HasFlag(ReportDefects.MissingLink))
        {
            var kinds = evidence.GroupBy(e => e.Kind ?? "unknown", StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}")).ToList();
            words.Add(kinds.Count == 0 ? "没有任何证据" : "没有被举报页面的链接（只有 " + string.Join("、", kinds) + "）");
        }

        if (defects.HasFlag(ReportDefects.Vague))
        {
            words.Add(string.IsNullOrWhiteSpace(report.Reason)
                ? "未指明违反的规则（没有举报理由，描述中也未提及任何规则）"
                : $"未指明违反的规则（举报理由为“{report.Reason}”，描述中也未提及任何规则）");
        }

        if (defects.HasFlag(ReportDefects.CrossPlatform))
        {
            words.Add(report.Platform is { Length: > 0 } platform
                ? $"举报对象在其他平台（{platform}），本平台无法核实和处理"
                : "链接指向其他网站，本平台无法核实和处理");
        }

        return words;
    }

    private static bool Contains(string[] values, string value) => values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
}
