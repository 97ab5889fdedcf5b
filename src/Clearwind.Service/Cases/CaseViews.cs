using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Service.Cases;

/// <summary>
/// A case in a list: <paramref name="Score"/> is the highest confidence among the findings its decision rests on (null for
/// a juror, who sees no figures outside the case file), <paramref name="Since"/> when the decision took effect (event time).
/// </summary>
public sealed record CaseSummary(string Id, string Kind, string Status, string Decision, EntityRef Entity, string Pattern, DateTimeOffset? OpenedAt, string? ClaimedBy, double? Score = null, DateTimeOffset? Since = null);

/// <summary>A whole case as staff (and, without the jurors' accounts, the seller) see it.</summary>
public sealed record CaseView(
    string Id,
    string Kind,
    string Status,
    Decision Decision,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset? OpenedAt,
    string? ClaimedBy,
    AppealView? Appeal,
    IReadOnlyList<FindingRecheck> Recheck,
    JuryView? Jury,
    ResolutionView? Resolution);

/// <summary>The seller's appeal as filed.</summary>
public sealed record AppealView(string By, DateTimeOffset FiledAt, string Statement, AppealEvidence Evidence);

/// <summary>
/// The jury of a case. The seed is shown only once voting has closed (before that, its commitment proves it was fixed at
/// the draw); so are the tally and the votes. Jurors' accounts are shown to staff only.
/// </summary>
public sealed record JuryView(
    int Size,
    int Drawn,
    bool Shortfall,
    int Excluded,
    string Method,
    string Commitment,
    string? Seed,
    DateTimeOffset VoteBy,
    int VotesCast,
    IReadOnlyList<string>? Jurors,
    JuryTally? Tally,
    IReadOnlyList<JuryVote>? Votes);

/// <summary>The count once voting closed, and what it amounts to under the policy's quorum and majority.</summary>
/// <param name="Uphold">Votes to uphold.</param>
/// <param name="Overturn">Votes to overturn.</param>
/// <param name="Quorum">Votes needed for a verdict.</param>
/// <param name="Majority">Share of overturn votes that must be exceeded to overturn.</param>
/// <param name="Verdict"><c>uphold</c>, <c>overturn</c> or <c>no_quorum</c>.</param>
public sealed record JuryTally(int Uphold, int Overturn, int Quorum, double Majority, string Verdict);

/// <summary>One vote, shown after the close under a number rather than the juror's account.</summary>
public sealed record JuryVote(string Juror, string Vote, string? Reason);

/// <summary>The final call.</summary>
public sealed record ResolutionView(string By, DateTimeOffset At, string Outcome, string Reasons, bool OverrulesJury, IReadOnlyList<string> Lifted, IReadOnlyList<string> Added);

/// <summary>
/// What a penalised seller sees before appealing: the rule, the evidence in plain words, what to fix, the deadline, and the
/// form pre-filled with what the platform already knows.
/// </summary>
public sealed record AppealForm(
    Decision Decision,
    bool Standing,
    string Rule,
    IReadOnlyList<string> Evidence,
    string RuleZh,
    IReadOnlyList<string> EvidenceZh,
    DecisionExplanation WhatToFix,
    DateTimeOffset? AppealBy,
    bool CanAppeal,
    string? WhyNot,
    string? Case,
    AppealPrefill Prefill);

/// <summary>What the form already holds: the orders concerned with their logistics, the chats, the shop's declared campaigns.</summary>
public sealed record AppealPrefill(IReadOnlyList<PrefilledOrder> Orders, IReadOnlyList<string> Chats, IReadOnlyList<string> Campaigns);

/// <summary>One order concerned, with the logistics the platform recorded.</summary>
public sealed record PrefilledOrder(string Order, string? Carrier, string? Tracking, double? WeightG, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? ConfirmedAt);

/// <summary>A seller's appeal: their statement and what they add.</summary>
public sealed record AppealRequest(string Statement, AppealEvidence? Evidence);

/// <summary>
/// The anonymised case file a juror sees: no shop, listing, order or account names (each is replaced by a neutral label
/// such as <c>Shop A</c> or <c>Order 3</c>), no identifiers, no tracking numbers.
/// </summary>
public sealed record JurorCaseFile(
    string Case,
    string Pattern,
    string Decision,
    string DecisionZh,
    IReadOnlyList<JurorEvidence> Evidence,
    string Statement,
    IReadOnlyList<DecisionExplanation> SellerEvidence,
    IReadOnlyList<DecisionExplanation> Recheck,
    DateTimeOffset VoteBy,
    string? YourVote);

/// <summary>One piece of evidence, anonymised in both languages: its English text, its Simplified Chinese text and figures.</summary>
public sealed record JurorEvidence(string Text, string TextZh, IReadOnlyDictionary<string, double> Figures);

/// <summary>A juror's vote: <c>uphold</c> or <c>overturn</c>, and why.</summary>
public sealed record VoteRequest(string Vote, string? Reason);

/// <summary>
/// Staff's final call. On an appeal: <c>uphold</c> or <c>overturn</c>. On a review: <c>act</c> (with an action; the
/// pattern's default when none is given) or <c>dismiss</c>. Reasons are always required; overruling the jury is recorded.
/// </summary>
public sealed record DecideRequest(string Outcome, string Reasons, string? Action);

/// <summary>A juror to enrol: the marketplace account, and a display name for staff.</summary>
public sealed record JurorRequest(string Account, string? Name);

/// <summary>An enrolled juror's key (shown once).</summary>
public sealed record JurorEnrolled(string Account, string Key);
