using System.Text.Json.Nodes;

namespace Clearwind.Policy;

/// <summary>The policy for one pattern: whether it runs, what it does, and its detector options.</summary>
public sealed record PatternPolicy
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Action on the finding's entity when the score reaches <see cref="ReviewBelow"/>.</summary>
    public required string Action { get; init; }

    /// <summary>Findings scoring below this go to the review queue (human decision) instead of acting at once.</summary>
    public double ReviewBelow { get; init; } = 0.5;

    /// <summary>Action on the other actors the finding names (e.g. brusher accounts); null for none.</summary>
    public string? RelatedActorAction { get; init; }

    /// <summary>Action on the finding's entity, instead of <see cref="Action"/>, when the finding's severity is high (e.g. a heavy duplicate is removed while a light one is folded); null for <see cref="Action"/>.</summary>
    public string? HighSeverityAction { get; init; }

    /// <summary>
    /// Hours of grace (0: none). With grace, a confident finding below high severity first gives a <c>warn</c>, and the action
    /// follows at the end of the grace only when the finding did not clear (the listing was not fixed) before then.
    /// </summary>
    public int GraceHours { get; init; }

    /// <summary>
    /// Action instead of a penalty when the finding carries a campaign the seller declared ahead of time for the traffic it
    /// judges (evidence figure <c>declared_campaign</c>), typically <c>review</c>: declared, converting traffic is not
    /// punished as brushing without a person looking (SPEC §3, seed 004 #3). Null: a declaration changes nothing.
    /// </summary>
    public string? DeclaredCampaignAction { get; init; }

    /// <summary>Days a penalty lasts.</summary>
    public int ExpiresAfterDays { get; init; } = 180;

    /// <summary>The detector's options, bound onto its options class by pattern id.</summary>
    public JsonObject Options { get; init; } = [];
}
