using System.ComponentModel.DataAnnotations;

namespace Clearwind.Reports;

/// <summary>
/// Options of <c>reports.abuse</c> (恶意举报, SPEC §2.6, seed 000: "频繁提交无效举报…可能被系统标记为骚扰行为"). A reporter
/// harasses a rival when, within <see cref="LookbackDays"/>, they file at least <see cref="MinInvalidReports"/> reports
/// that cannot be acted on against the same rival (its shop, its listings or its owner), and these are at least
/// <see cref="MinInvalidShare"/> of what they filed against it. Reports about another platform's accounts do not count:
/// they are futile, not aimed at anyone here. Reports are judged with the same rules as <c>reports.invalid</c>.
/// </summary>
public sealed class ReportAbuseOptions : ReportCheckOptions
{
    /// <summary>Days over which one reporter's reports against one rival are counted.</summary>
    /// <value>Default 30 (a month: harassment comes back every few days; seed 000's platforms take 3–7 working days per report).</value>
    [Range(1, 365)]
    public int LookbackDays { get; set; } = 30;

    /// <summary>Fewest invalid reports by one reporter against one rival.</summary>
    /// <value>Default 3 (one sloppy report, or one filed again properly after a hurried first try, is not harassment; coming back a third time with nothing is).</value>
    [Range(2, 1000)]
    public int MinInvalidReports { get; set; } = 3;

    /// <summary>Smallest share of invalid reports among those the reporter filed against the rival.</summary>
    /// <value>Default 0.75 (a seller whose reports about a rival are mostly sound is reporting real trouble, even if some lack a link).</value>
    [Range(0.0, 1.0)]
    public double MinInvalidShare { get; set; } = 0.75;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every report.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}
