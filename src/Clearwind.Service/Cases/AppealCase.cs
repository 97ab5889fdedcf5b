using Clearwind.Events;

namespace Clearwind.Service.Cases;

/// <summary>One case as the journal tells it so far. Mutated only by <see cref="CaseBook"/> under its lock.</summary>
internal sealed class AppealCase(CaseOpenedRecord opened, DateTimeOffset openedAt)
{
    public CaseOpenedRecord Opened { get; } = opened;

    public string Id => Opened.Case;

    public bool IsAppeal => Opened.Kind == CaseKinds.Appeal;

    public EntityRef Entity => Opened.Entity;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public (CaseClaimedRecord Record, DateTimeOffset At)? Claim { get; set; }

    public (AppealFiledRecord Record, DateTimeOffset At)? Appeal { get; set; }

    public RecheckRecord? Recheck { get; set; }

    public JuryDrawnRecord? Jury { get; set; }

    public Dictionary<string, (VoteCastRecord Record, DateTimeOffset At)> Votes { get; } = new(StringComparer.Ordinal);

    public (CaseResolvedRecord Record, DateTimeOffset At)? Resolution { get; set; }

    /// <summary>Whether the jury's voting is over: everyone voted, or the deadline passed.</summary>
    public bool VotingClosed(DateTimeOffset now) => Jury is { } jury && (Votes.Count >= jury.Jurors.Count || now >= jury.VoteBy);

    /// <summary>open, claimed, jury (voting), awaiting_staff, resolved.</summary>
    public string Status(DateTimeOffset now)
        => Resolution is not null ? CaseStatuses.Resolved
            : Jury is not null && !VotingClosed(now) ? CaseStatuses.Jury
            : Jury is not null ? CaseStatuses.AwaitingStaff
            : Claim is not null ? CaseStatuses.Claimed
            : CaseStatuses.Open;
}

/// <summary>Case kinds.</summary>
public static class CaseKinds
{
    /// <summary>The human review of a <c>review</c> decision (the review queue).</summary>
    public const string Review = "review";

    /// <summary>A seller's appeal of a decision.</summary>
    public const string Appeal = Clearwind.Appeals.CaseOutcomes.AppealKind;
}

/// <summary>Case statuses.</summary>
public static class CaseStatuses
{
    public const string Open = "open";
    public const string Claimed = "claimed";
    public const string Jury = "jury";
    public const string AwaitingStaff = "awaiting_staff";
    public const string Resolved = "resolved";
}
