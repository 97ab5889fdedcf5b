namespace Clearwind.Detection;

/// <summary>The default enforcement a detector proposes for its pattern; the policy file may override every field.</summary>
/// <param name="Action">Action on the finding's entity when confidence is high enough (SPEC §8 actions).</param>
/// <param name="ReviewBelow">Findings scoring below this go to the human review queue instead.</param>
/// <param name="RelatedActorAction">Action on the other actors a finding names (e.g. the brusher accounts), or null.</param>
/// <param name="ExpiresAfterDays">How long a penalty lasts.</param>
/// <param name="HighSeverityAction">Action instead of <paramref name="Action"/> on a high-severity finding (a heavy duplicate is removed, a light one folded), or null.</param>
/// <param name="DeclaredCampaignAction">Action instead of a penalty when the finding carries a seller's declared campaign (see <see cref="DeclaredCampaigns"/>), typically <c>review</c>; null when a declaration changes nothing.</param>
/// <param name="GraceHours">Hours a seller has to fix a listing after a warning before the action applies (0: act at once; high-severity findings always act at once).</param>
public sealed record PatternDefaults(string Action, double ReviewBelow = 0.5, string? RelatedActorAction = null, int ExpiresAfterDays = 180, string? HighSeverityAction = null, int GraceHours = 0, string? DeclaredCampaignAction = null);
