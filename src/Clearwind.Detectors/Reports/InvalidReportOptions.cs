using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Clearwind.Reports;

/// <summary>
/// Options of <c>reports.invalid</c> (SPEC §2.6, seed 000): a seller report that staff cannot act on, because its
/// evidence is missing (no link), it names no policy, or it reports an account of another platform. Valid reports
/// are not findings: they join the evidence of the matching pattern's findings about their target
/// (<see cref="ReasonPatterns"/>).
/// </summary>
public sealed partial class InvalidReportOptions : ReportCheckOptions
{
    /// <summary>
    /// The patterns a valid report's reason supports, beyond the reason itself (a reason that is a pattern id or a
    /// family, such as <c>order_brushing</c>, supports that pattern or family as it is). A valid report joins, as one
    /// more piece of evidence, the findings of these patterns that accuse its target.
    /// </summary>
    /// <value>
    /// Default fake_reviews → fake_reviews, accounts.marketing; malicious_orders → attack.malicious_orders;
    /// click_fraud → attack.click_fraud; stolen_image → listing.stolen_image; counterfeit → listing.brand_infringement,
    /// accounts.impersonation; impersonation → accounts.impersonation; marketing_account → accounts.marketing;
    /// fake_likes → fake_likes; duplicate_listing → listing.duplicate (the report form's reasons, SPEC §2).
    /// </value>
    public Dictionary<string, string[]> ReasonPatterns { get; set; } = new(StringComparer.Ordinal)
    {
        ["fake_reviews"] = ["fake_reviews", "accounts.marketing"],
        ["malicious_orders"] = ["attack.malicious_orders"],
        ["click_fraud"] = ["attack.click_fraud"],
        ["stolen_image"] = ["listing.stolen_image"],
        ["counterfeit"] = ["listing.brand_infringement", "accounts.impersonation"],
        ["impersonation"] = ["accounts.impersonation"],
        ["marketing_account"] = ["accounts.marketing"],
        ["fake_likes"] = ["fake_likes"],
        ["duplicate_listing"] = ["listing.duplicate"],
    };

    /// <summary>Days before and after its filing within which a finding's behaviour must fall for a valid report to join it.</summary>
    /// <value>Default 30 (a seller reports what they noticed in the last days; a platform keeps a case open about a month).</value>
    [Range(1, 365)]
    public int CorroborationDays { get; set; } = 30;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (ReasonPatterns is null)
        {
            yield return "reason_patterns must be an object";
            yield break;
        }

        foreach (var (reason, patterns) in ReasonPatterns)
        {
            if (patterns is null)
            {
                yield return $"reason_patterns.{reason} must be a list";
                continue;
            }

            foreach (var pattern in patterns)
            {
                if (pattern is null || !PatternOrFamily().IsMatch(pattern))
                {
                    yield return $"reason_patterns.{reason}: '{pattern}' is not a pattern id or family (lower snake_case, e.g. order_brushing or attack.malicious_orders)";
                }
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$")]
    private static partial Regex PatternOrFamily();
}
