using System.Text.Json;
using Clearwind.Appeals;
using Clearwind.Events;

namespace Clearwind.Service.Cases;

/// <summary>The journal records of cases (kinds and bodies): the journal is the truth, case state a fold over it.</summary>
internal static class CaseRecords
{
    public const string Opened = CaseOutcomes.OpenedKind;
    public const string Claimed = "case_claimed";
    public const string AppealFiled = "appeal_filed";
    public const string Rechecked = "appeal_rechecked";
    public const string JuryDrawn = "jury_drawn";
    public const string VoteCast = "vote_cast";
    public const string Resolved = CaseOutcomes.ResolvedKind;
    public const string JurorEnrolled = "juror_enrolled";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A case opens: the human review of a <c>review</c> decision, or a seller's appeal of a decision.</summary>
internal sealed record CaseOpenedRecord(string Case, string Kind, string Decision, EntityRef Entity, string Pattern, IReadOnlyList<string> Findings);

/// <summary>A staff member takes a case.</summary>
internal sealed record CaseClaimedRecord(string Case, string By);

/// <summary>The seller's appeal: their statement and what they add to what the platform knows.</summary>
internal sealed record AppealFiledRecord(string Case, string By, string Statement, AppealEvidence Evidence);

/// <summary>The automatic re-check of an appeal's new evidence.</summary>
internal sealed record RecheckRecord(string Case, bool Cleared, IReadOnlyList<FindingRecheck> Findings);

/// <summary>The jury drawn for a case: jurors, the commitment to the seed (the seed itself is revealed when voting ends).</summary>
/// <remarks>The seed is journaled (the store is the platform's own) but shown only once voting has closed.</remarks>
internal sealed record JuryDrawnRecord(string Case, IReadOnlyList<string> Jurors, string Method, string Commitment, string PoolDigest, string Seed, int Size, bool Short, DateTimeOffset VoteBy, int Excluded);

/// <summary>A juror's vote: uphold or overturn, with a reason.</summary>
internal sealed record VoteCastRecord(string Case, string Juror, string Vote, string? Reason);

/// <summary>
/// The final call: by whom, the outcome, the reasons, whether it overrules the jury, the decisions it reversed (and the lift
/// records that reverse them), the decisions it added, and the findings it settles (an appeal overturned them: the engine
/// does not decide on them again).
/// </summary>
internal sealed record CaseResolvedRecord(string Case, string By, string Outcome, string Reasons, bool OverrulesJury, IReadOnlyList<string> Reversed, IReadOnlyList<string> Lifted, IReadOnlyList<string> Added, IReadOnlyList<string> SettledFindings);

/// <summary>An account enrolled as a public juror (大众评审).</summary>
internal sealed record JurorEnrolledRecord(string Account, string Name);
