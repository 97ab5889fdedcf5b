using System.Globalization;
using Clearwind.Appeals;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Service.Live;
using Clearwind.Service.Security;

namespace Clearwind.Service.Cases;

/// <summary>A case request that cannot be done as asked: the status says why (404, 409, 400).</summary>
public sealed class CaseException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Cases (SPEC §4): the review queue, seller appeals with an automatic re-check, the public jury and the staff's final
/// call. Every step is a journal record; decisions it changes are new records in the decision log (a <c>lift</c> reverses,
/// a reviewer's action adds), written on the engine's writer so they are ordered with live decisions. Case times are
/// wall-clock (people act on them); the appeal deadline is the decision's, in event time.
/// </summary>
public sealed class AppealDesk(LiveEngine engine, ApiKeyStore keys, TimeProvider time)
{
    private const string AppealPrefix = "ap-";
    private const string ReviewPrefix = "rv-";
    private CaseBook Book => engine.Cases;

    private EnforcementPolicy Policy => engine.Policy;

    /// <summary>Cases, newest first: those opened, and the review decisions nobody has taken yet.</summary>
    public IReadOnlyList<CaseSummary> List(string? status, string? kind, Func<EntityRef, bool> visible)
    {
        var now = time.GetUtcNow();
        var opened = Book.All();
        var known = opened.Select(c => c.Opened.Decision).ToHashSet(StringComparer.Ordinal);
        var summaries = opened.Select(c => new CaseSummary(c.Id, c.Opened.Kind, c.Status(now), c.Opened.Decision, c.Entity, c.Opened.Pattern, c.OpenedAt, c.Claim?.Record.By, ScoreOf(c.Opened.Findings), engine.View.Decision(c.Opened.Decision)?.EffectiveAt)).ToList();
        var (_, standing) = engine.View.Snapshot();
        summaries.AddRange(standing
            .Where(d => d.Action == DecisionActions.Review && !known.Contains(d.Id))
            .Select(d => new CaseSummary(ReviewPrefix + d.Id, CaseKinds.Review, CaseStatuses.Open, d.Id, d.Entity, d.Rule, null, null, ScoreOf(d.Findings), d.EffectiveAt)));
        return [.. summaries
            .Where(s => (status is null || s.Status == status) && (kind is null || s.Kind == kind) && visible(s.Entity))
            .OrderByDescending(s => s.OpenedAt ?? DateTimeOffset.MaxValue).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>The entity a case is about (for the caller's access check), or null when there is no such case.</summary>
    public EntityRef? EntityOf(string id)
        => Book.Find(id)?.Entity ?? (id.StartsWith(ReviewPrefix, StringComparison.Ordinal) && engine.View.Decision(id[ReviewPrefix.Length..]) is { Action: DecisionActions.Review } d ? d.Entity : null);

    /// <summary>A case; jurors' accounts only for staff.</summary>
    public CaseView Get(string id, bool staff)
    {
        var now = time.GetUtcNow();
        var c = Book.Find(id);
        if (c is null)
        {
            var review = PendingReview(id);
            return new CaseView(id, CaseKinds.Review, CaseStatuses.Open, review, FindingsOf(review), null, null, null, [], null, null);
        }

        var decision = engine.View.Decision(c.Opened.Decision) ?? throw new CaseException(404, $"decision {c.Opened.Decision} is not in the log");
        var appeal = c.Appeal is { } a ? new AppealView(a.Record.By, a.At, a.Record.Statement, a.Record.Evidence) : null;
        var recheck = c.Recheck?.Findings ?? [];
        var resolution = c.Resolution is { } r
            ? new ResolutionView(r.Record.By, r.At, r.Record.Outcome, r.Record.Reasons, r.Record.OverrulesJury, r.Record.Lifted, r.Record.Added)
            : null;
        return new CaseView(c.Id, c.Opened.Kind, c.Status(now), decision, FindingsOf(decision), c.OpenedAt, c.Claim?.Record.By, appeal, recheck, JuryOf(c, now, staff), resolution);
    }

    /// <summary>A reviewer takes a case (a review opens when first claimed).</summary>
    public async Task<CaseView> ClaimAsync(string id, string by, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await Book.RecordAsync(() =>
        {
            var records = new List<Storage.JournalRecord>();
            var c = Book.Find(id);
            if (c is null)
            {
                var review = PendingReview(id);
                records.Add(CaseBook.Make(CaseRecords.Opened, now, new CaseOpenedRecord(id, CaseKinds.Review, review.Id, review.Entity, review.Rule, review.Findings)));
            }
            else if (c.Status(now) is CaseStatuses.Resolved or CaseStatuses.Jury)
            {
                throw new CaseException(409, $"case {id} is {c.Status(now)}: it cannot be claimed now");
            }

            records.Add(CaseBook.Make(CaseRecords.Claimed, now, new CaseClaimedRecord(id, by)));
            return (records, 0);
        }, cancellationToken);
        return Get(id, staff: true);
    }

    /// <summary>The appeal form of a decision: rule, evidence in plain words, what to fix, deadline, and what is pre-filled.</summary>
    public async Task<AppealForm> FormAsync(string decisionId, CancellationToken cancellationToken)
    {
        var decision = engine.View.Decision(decisionId) ?? throw new CaseException(404, $"no decision {decisionId}");
        var findings = FindingsOf(decision);
        var (orders, shops) = Scope(decision, findings);
        var facts = await CaseFacts.GatherAsync(engine.Store.Events, orders, shops, new HashSet<string>(), engine.View.Now, cancellationToken);
        var why = WhyNotAppealable(decision);
        var prefill = new AppealPrefill(
            [.. orders.Order(StringComparer.Ordinal).Select(o => facts.Orders.TryGetValue(o, out var f)
                ? new PrefilledOrder(o, f.Carrier, f.Tracking, f.WeightG, f.ShippedAt, f.DeliveredAt, f.ConfirmedAt)
                : new PrefilledOrder(o, null, null, null, null, null, null))],
            facts.Chats,
            [.. facts.Campaigns.Select(c => c.Id)]);
        return new AppealForm(
            decision,
            engine.View.IsStanding(decision),
            string.Join(" ", findings.Select(f => f.Rule).Distinct(StringComparer.Ordinal)),
            [.. findings.SelectMany(f => f.Evidence).Select(e => e.Text)],
            string.Join(" ", findings.Select(f => PatternNames.ChineseRule(f.Pattern) ?? f.Rule).Distinct(StringComparer.Ordinal)),
            [.. findings.SelectMany(f => f.Evidence).Select(e => e.In("zh"))],
            WhatToFix(decision.Rule),
            decision.AppealBy,
            why is null,
            why,
            Book.Find(AppealPrefix + decision.Id) is null ? null : AppealPrefix + decision.Id,
            prefill);
    }

    /// <summary>
    /// Files a seller's appeal: the re-check runs first; when it clears every finding the decision rests on, the decision
    /// is overturned at once; otherwise a jury is drawn.
    /// </summary>
    public async Task<CaseView> FileAsync(string decisionId, string by, AppealRequest request, CancellationToken cancellationToken)
    {
        AppealRequestCheck.Validate(request);
        var decision = engine.View.Decision(decisionId) ?? throw new CaseException(404, $"no decision {decisionId}");
        if (WhyNotAppealable(decision) is { } why)
        {
            throw new CaseException(409, why);
        }

        var evidence = request.Evidence ?? new AppealEvidence();
        var findings = FindingsOf(decision);
        var (orders, shops) = Scope(decision, findings);
        var parties = findings.SelectMany(f => f.Related).Where(r => r.Type == EntityTypes.Account).Select(r => r.Id)
            .Concat(decision.Entity.Type == EntityTypes.Account ? [decision.Entity.Id] : []).ToHashSet(StringComparer.Ordinal);
        var pool = Book.Jurors().Select(j => j.Account).ToList();
        var profiled = new HashSet<string>(pool, StringComparer.Ordinal);
        profiled.UnionWith(parties);
        var facts = await CaseFacts.GatherAsync(engine.Store.Events, orders, shops, profiled, engine.View.Now, cancellationToken);
        profiled.UnionWith(shops.Select(facts.OwnerOf).OfType<string>());
        var recheck = AppealRecheck.Run(findings, evidence, facts, Policy);
        var cleared = recheck.Count > 0 && recheck.All(r => r.Cleared);
        var id = AppealPrefix + decision.Id;
        var now = time.GetUtcNow();

        await Book.ExclusiveAsync(async () =>
        {
            if (Book.Find(id) is not null)
            {
                throw new CaseException(409, $"decision {decision.Id} was appealed already: case {id}");
            }

            var records = new List<Storage.JournalRecord>
            {
                CaseBook.Make(CaseRecords.Opened, now, new CaseOpenedRecord(id, CaseKinds.Appeal, decision.Id, decision.Entity, decision.Rule, decision.Findings)),
                CaseBook.Make(CaseRecords.AppealFiled, now, new AppealFiledRecord(id, by, request.Statement.Trim(), evidence)),
                CaseBook.Make(CaseRecords.Rechecked, now, new RecheckRecord(id, cleared, recheck)),
            };
            if (!cleared)
            {
                var seed = JuryDraw.NewSeed();
                var draw = JuryDraw.Draw(pool.Select(facts.Profile), facts.Parties(shops, parties), Policy.Jury.Size, seed);
                records.Add(CaseBook.Make(CaseRecords.JuryDrawn, now, new JuryDrawnRecord(id, draw.Jurors, draw.Method, draw.SeedCommitment, draw.PoolDigest, seed, draw.Size, draw.IsShort, now.AddHours(Policy.Jury.VoteHours), draw.Excluded.Count)));
            }

            await Book.AppendHeldAsync(records, cancellationToken);
            if (cleared)
            {
                await ResolveHeldAsync(Book.Find(id)!, CaseOutcomes.Recheck, AppealOutcomes.Overturn, string.Join(" ", recheck.Select(r => r.Note)), false, null, cancellationToken);
            }

            return 0;
        }, cancellationToken);
        return Get(id, staff: false);
    }

    /// <summary>The cases a juror was drawn for.</summary>
    public IReadOnlyList<CaseSummary> JurorCases(string account)
    {
        var now = time.GetUtcNow();
        return [.. Book.All()
            .Where(c => c.Jury is { } j && j.Jurors.Contains(account, StringComparer.Ordinal))
            .Select(c => new CaseSummary(c.Id, c.Opened.Kind, c.Status(now), "", new EntityRef("case", c.Id), c.Opened.Pattern, c.OpenedAt, null))];
    }

    /// <summary>The anonymised case file for a juror drawn for the case (404 for anyone else: they are not told it exists).</summary>
    public JurorCaseFile CaseFileFor(string id, string account)
    {
        var c = Book.Find(id);
        if (c?.Jury is not { } jury || !jury.Jurors.Contains(account, StringComparer.Ordinal))
        {
            throw new CaseException(404, $"no case {id} for you");
        }

        var decision = engine.View.Decision(c.Opened.Decision)!;
        var findings = FindingsOf(decision);
        var aliases = Anonymiser.For(decision, findings, c.Appeal?.Record.Evidence, engine);
        var evidence = findings.SelectMany(f => f.Evidence).Select(e => new JurorEvidence(aliases.Apply(e.Text), aliases.ApplyZh(e.In("zh")), e.Figures)).ToList();
        var seller = c.Appeal?.Record.Evidence is { } given ? Anonymiser.Describe(given, aliases) : [];
        return new JurorCaseFile(
            c.Id,
            c.Opened.Pattern,
            aliases.Apply($"{decision.Action} on {decision.Entity.Id}"),
            aliases.ApplyZh($"{decision.Entity.Id}：{DecisionActions.Chinese(decision.Action)}（{decision.Action}）"),
            evidence,
            aliases.Apply(c.Appeal?.Record.Statement ?? ""),
            seller,
            [.. (c.Recheck?.Findings ?? []).Select(r => new DecisionExplanation(aliases.Apply(r.Note), aliases.ApplyZh(r.NoteZhCn ?? r.Note)))],
            jury.VoteBy,
            c.Votes.TryGetValue(account, out var vote) ? vote.Record.Vote : null);
    }

    /// <summary>A drawn juror votes once, before the deadline.</summary>
    public async Task VoteAsync(string id, string account, VoteRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await Book.RecordAsync(() =>
        {
            var c = Book.Find(id);
            if (c?.Jury is not { } jury || !jury.Jurors.Contains(account, StringComparer.Ordinal))
            {
                throw new CaseException(404, $"no case {id} for you");
            }

            if (request.Vote is not (AppealOutcomes.Uphold or AppealOutcomes.Overturn))
            {
                throw new CaseException(400, "vote 'uphold' or 'overturn'");
            }

            if (c.Votes.ContainsKey(account))
            {
                throw new CaseException(409, "you have voted on this case already");
            }

            if (c.VotingClosed(now))
            {
                throw new CaseException(409, "voting on this case has closed");
            }

            IReadOnlyList<Storage.JournalRecord> records = [CaseBook.Make(CaseRecords.VoteCast, now, new VoteCastRecord(id, account, request.Vote, request.Reason?.Trim()))];
            return (records, 0);
        }, cancellationToken);
    }

    /// <summary>Staff's final call on a case, with reasons (required always, and recorded as overruling when against the jury).</summary>
    public async Task<CaseView> DecideAsync(string id, string by, DecideRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reasons))
        {
            throw new CaseException(400, "a final decision needs reasons");
        }

        var now = time.GetUtcNow();
        await Book.ExclusiveAsync(async () =>
        {
            var c = Book.Find(id);
            if (c is null)
            {
                var review = PendingReview(id);
                await Book.AppendHeldAsync([CaseBook.Make(CaseRecords.Opened, now, new CaseOpenedRecord(id, CaseKinds.Review, review.Id, review.Entity, review.Rule, review.Findings))], cancellationToken);
                c = Book.Find(id)!;
            }

            var status = c.Status(now);
            if (status == CaseStatuses.Resolved)
            {
                throw new CaseException(409, $"case {id} is resolved already");
            }

            if (status == CaseStatuses.Jury)
            {
                throw new CaseException(409, $"the jury of case {id} is still voting (until {c.Jury!.VoteBy:u}); staff decide after it");
            }

            var allowed = c.IsAppeal ? new[] { AppealOutcomes.Uphold, AppealOutcomes.Overturn } : [ReviewOutcomes.Act, ReviewOutcomes.Dismiss];
            if (!allowed.Contains(request.Outcome, StringComparer.Ordinal))
            {
                throw new CaseException(400, $"outcome must be one of: {string.Join(", ", allowed)}");
            }

            var verdict = c.Jury is null ? null : Tally(c).Verdict;
            var overrules = verdict is AppealOutcomes.Uphold or AppealOutcomes.Overturn && verdict != request.Outcome;
            await ResolveHeldAsync(c, by, request.Outcome, request.Reasons.Trim(), overrules, request.Action, cancellationToken);
            return 0;
        }, cancellationToken);
        return Get(id, staff: true);
    }

    /// <summary>Appeals and reviews per pattern, with the overturn rate.</summary>
    public async Task<IReadOnlyList<PatternOverturns>> OverturnsAsync(CancellationToken cancellationToken)
        => (await CaseOutcomes.ReadAsync(engine.Store.Journal, cancellationToken)).Overturns();

    /// <summary>Enrols an account as a public juror and makes its key.</summary>
    public async Task<JurorEnrolled> EnrolAsync(JurorRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Account))
        {
            throw new CaseException(400, "a juror is a marketplace account: give its id");
        }

        var account = request.Account.Trim();
        var name = string.IsNullOrWhiteSpace(request.Name) ? account : request.Name.Trim();
        await Book.RecordAsync(() => ((IReadOnlyList<Storage.JournalRecord>)[CaseBook.Make(CaseRecords.JurorEnrolled, time.GetUtcNow(), new JurorEnrolledRecord(account, name))], 0), cancellationToken);
        var key = await keys.CreateAsync("juror " + name, Roles.Juror, null, cancellationToken, account);
        return new JurorEnrolled(account, key);
    }

    /// <summary>
    /// Writes the outcome while holding the case book's lock: first the decisions it changes (on the engine's writer), then
    /// the resolution record. A crash between the two leaves the case open and the engine re-deciding as before; the call
    /// can be made again.
    /// </summary>
    private async Task ResolveHeldAsync(AppealCase c, string by, string outcome, string reasons, bool overrules, string? action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var decision = engine.View.Decision(c.Opened.Decision) ?? throw new CaseException(404, $"decision {c.Opened.Decision} is not in the log");
        var findings = c.Opened.Findings;
        var reversed = new List<string>();
        var lifted = new List<string>();
        var added = new List<string>();
        // An appeal overturned settles its findings: people judged them wrong, so the engine does not decide on them again.
        // A review acts on or dismisses only the review decision itself; what else rests on the finding stands.
        var settle = c.IsAppeal && outcome == AppealOutcomes.Overturn;
        await engine.RunOnWriterAsync(async writer =>
        {
            var at = engine.View.Now;
            var changes = new List<Decision>();
            var standing = settle
                ? findings.SelectMany(writer.StandingOf).DistinctBy(d => d.Id).ToList()
                : !c.IsAppeal && engine.View.IsStanding(decision) ? [decision] : [];
            if (settle || !c.IsAppeal)
            {
                // Everything resting on an overturned finding goes: the decision appealed, the orders it voided, the review of
                // its buyers.
                changes.AddRange(standing.Select(d => DecisionReversals.Overturn(d, at, c.Id)));
                writer.Decider.Withdraw(standing);
                reversed.AddRange(standing.Select(d => d.Id));
            }

            if (outcome == ReviewOutcomes.Act)
            {
                changes.Add(ReviewerAction(c, decision, action, reasons, at));
            }

            await writer.AppendAsync(changes);
            if (settle)
            {
                writer.Settle(findings);
            }

            lifted.AddRange(changes.Where(d => d.Action == DecisionActions.Lift).Select(d => d.Id));
            added.AddRange(changes.Where(d => d.Action != DecisionActions.Lift).Select(d => d.Id));
        }, cancellationToken);

        await Book.AppendHeldAsync([CaseBook.Make(CaseRecords.Resolved, now, new CaseResolvedRecord(c.Id, by, outcome, reasons, overrules, reversed, lifted, added, settle ? findings : []))], cancellationToken);
        if (settle || outcome == ReviewOutcomes.Dismiss)
        {
            await DisputeAllianceEntriesAsync(c, by, reasons, now, cancellationToken);
        }
    }

    /// <summary>
    /// A partner's listing judged wrong here (its review dismissed, or a decision it stood behind overturned on the affected
    /// seller's appeal) is a dispute upheld: the entries stop matching on this platform, and the journal says who decided
    /// and why.
    /// </summary>
    private async Task DisputeAllianceEntriesAsync(AppealCase c, string by, string reasons, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The entries an alliance.listed finding names, and those lent as evidence to a finding of this platform's own
        // (a seller's appeal of a penalty the listing corroborated).
        var keys = c.Opened.Findings.Select(engine.View.Finding).OfType<Detection.Finding>()
            .SelectMany(f => f.Evidence.SelectMany(e => Alliance.AllianceEntry.KeysIn(e.Text)))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            try
            {
                await Alliance.AllianceExchange.DisputeAsync(engine.Store, new Alliance.DisputeRecord(key, c.Opened.Entity.Id, reasons, Alliance.DisputeStatus.Upheld, by), now, cancellationToken);
            }
            catch (ArgumentException)
            {
                // The source has since replaced its file without this entry: nothing is left to dispute.
            }
        }

        if (keys.Count > 0)
        {
            await engine.ReloadAllianceAsync(cancellationToken);
        }
    }

    private Decision ReviewerAction(AppealCase c, Decision review, string? requested, string reasons, DateTimeOffset at)
    {
        var rule = Policy.Patterns.GetValueOrDefault(review.Rule);
        var action = requested ?? rule?.Action ?? DecisionActions.Warn;
        if (!DecisionActions.All.Contains(action) || action == DecisionActions.Review)
        {
            throw new CaseException(400, $"'{action}' is not an action a reviewer can take");
        }

        var id = "d_" + StableHash.Hex("reviewed", c.Id, action);
        var strike = DecisionActions.IsPunitive(action)
            ? engine.View.Entity(review.Entity).Decisions.Count(d => d.Strike > 0 && engine.View.IsStanding(d)) + 1
            : 0;
        var appealBy = DecisionActions.IsAppealable(action) ? at.AddDays(Policy.AppealWithinDays) : (DateTimeOffset?)null;
        return new Decision
        {
            Id = id,
            Entity = review.Entity,
            Action = action,
            Rule = review.Rule,
            Findings = review.Findings,
            Strike = strike,
            EffectiveAt = at,
            ExpiresAt = DecisionActions.IsPunitive(action) ? at.AddDays(rule?.ExpiresAfterDays ?? 180) : null,
            AppealBy = appealBy,
            Explanation = new DecisionExplanation(
                string.Create(CultureInfo.InvariantCulture, $"A reviewer looked at the evidence of {review.Rule} (decision {review.Id}, case {c.Id}) and decided: {action}. Reasons: {reasons}{(appealBy is { } by ? $" You may appeal until {by:yyyy-MM-dd HH:mm} UTC." : "")}"),
                string.Create(CultureInfo.InvariantCulture, $"审核人员复核了 {review.Rule} 的证据（决定 {review.Id}，案件 {c.Id}），决定：{action}。理由：{reasons}{(appealBy is { } by2 ? $" 可在 {by2:yyyy-MM-dd HH:mm} UTC 前申诉。" : "")}")),
        };
    }

    private Decision PendingReview(string id)
    {
        if (!id.StartsWith(ReviewPrefix, StringComparison.Ordinal)
            || engine.View.Decision(id[ReviewPrefix.Length..]) is not { Action: DecisionActions.Review } review
            || !engine.View.IsStanding(review))
        {
            throw new CaseException(404, $"no case {id}");
        }

        return review;
    }

    private string? WhyNotAppealable(Decision decision)
    {
        if (decision.AppealBy is not { } by || decision.Action == DecisionActions.Lift)
        {
            return $"a {decision.Action} decision cannot be appealed";
        }

        if (!engine.View.IsStanding(decision))
        {
            return "the decision no longer stands";
        }

        if (engine.View.Now > by)
        {
            return $"the appeal deadline passed on {by:yyyy-MM-dd HH:mm} UTC";
        }

        return Book.Find(AppealPrefix + decision.Id) is { } c ? $"the decision was appealed already: case {c.Id}" : null;
    }

    private double? ScoreOf(IEnumerable<string> findings)
        => findings.Select(engine.View.Finding).OfType<Finding>().Select(f => (double?)f.Score).Max();

    private List<Finding> FindingsOf(Decision decision) => [.. decision.Findings.Select(engine.View.Finding).OfType<Finding>()];

    private (HashSet<string> Orders, HashSet<string> Shops) Scope(Decision decision, IReadOnlyList<Finding> findings)
    {
        var orders = findings.SelectMany(f => f.Related).Where(r => r.Type == EntityTypes.Order).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var shops = findings.Select(AppealRecheck.ShopOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (engine.ShopOf(decision.Entity) is { } shop)
        {
            shops.Add(shop);
        }

        return (orders, shops);
    }

    private JuryView? JuryOf(AppealCase c, DateTimeOffset now, bool staff)
    {
        if (c.Jury is not { } jury)
        {
            return null;
        }

        var closed = c.VotingClosed(now);
        var numbered = jury.Jurors.Select((j, i) => (j, i)).ToDictionary(p => p.j, p => $"juror {p.i + 1}", StringComparer.Ordinal);
        return new JuryView(
            jury.Size,
            jury.Jurors.Count,
            jury.Short,
            jury.Excluded,
            jury.Method,
            jury.Commitment,
            closed ? jury.Seed : null,
            jury.VoteBy,
            c.Votes.Count,
            staff ? jury.Jurors : null,
            closed ? Tally(c) : null,
            closed ? [.. c.Votes.Values.OrderBy(v => numbered[v.Record.Juror], StringComparer.Ordinal).Select(v => new JuryVote(numbered[v.Record.Juror], v.Record.Vote, v.Record.Reason))] : null);
    }

    private JuryTally Tally(AppealCase c)
    {
        var overturn = c.Votes.Values.Count(v => v.Record.Vote == AppealOutcomes.Overturn);
        var uphold = c.Votes.Count - overturn;
        var jury = Policy.Jury;
        var verdict = c.Votes.Count < jury.Quorum ? "no_quorum"
            : (double)overturn / c.Votes.Count > jury.Majority ? AppealOutcomes.Overturn
            : AppealOutcomes.Uphold;
        return new JuryTally(uphold, overturn, jury.Quorum, jury.Majority, verdict);
    }

    /// <summary>What the seller can do about a pattern's decision, in English and Simplified Chinese.</summary>
    private static DecisionExplanation WhatToFix(string pattern)
    {
        var family = pattern.Split('.')[0];
        return family switch
        {
            "order_brushing" => new(
                "Stop any paid, fake or self-placed orders and cashback-for-reviews offers. If the orders were real, appeal with the carrier's signed-for deliveries (tracking numbers and weights) or the campaign you declared beforehand.",
                "停止任何刷单、虚假下单、自买自卖及“好评返现”。如订单真实，请提交承运商的签收证明（运单号与重量）或事先报备的活动进行申诉。"),
            "fake_likes" => new(
                "Stop buying likes or engagement. If a real promotion brought the traffic, declare campaigns ahead of time (campaign.declared) and name it in your appeal.",
                "停止购买点赞或互动。如流量来自真实推广，请事先报备活动（campaign.declared），并在申诉中注明活动编号。"),
            "fake_reviews" => new(
                "Stop posting, buying or rewarding reviews; reviews must come from real buyers of the item.",
                "停止自写、购买或以奖励换取评价；评价必须来自该商品的真实买家。"),
            "listing" => new(
                "Edit the listing so it follows the search rules (title, category, attributes, images, price): a fixed listing clears its finding by itself.",
                "按搜索规则修改商品信息（标题、类目、属性、图片、价格）：修改后的商品会自动解除该发现。"),
            "attack" => new(
                "Nothing: you are the victim of this attack; the decision protects you.",
                "无需处理：您是此次攻击的受害方，该决定用于保护您。"),
            "accounts" => new(
                "Use a name and profile that do not imitate another brand or shop, and stop mass promotion from linked accounts.",
                "使用不仿冒其他品牌或店铺的名称与资料，并停止用关联账号批量营销。"),
            "reports" => new(
                "File reports only with evidence; unfounded reports against competitors are penalised.",
                "举报须附证据；针对竞争对手的无依据举报会受到处罚。"),
            _ => new("Read the evidence and correct what it describes.", "请阅读证据并纠正其中所述的问题。"),
        };
    }
}

/// <summary>Outcomes of an appeal (and a juror's vote).</summary>
public static class AppealOutcomes
{
    public const string Uphold = "uphold";
    public const string Overturn = "overturn";
}

/// <summary>Outcomes of a review case.</summary>
public static class ReviewOutcomes
{
    public const string Act = "act";
    public const string Dismiss = "dismiss";
}
