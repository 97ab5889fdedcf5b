using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Policy;

/// <summary>
/// The only place where findings become decisions. It reads the pattern's policy, never the shop's tier:
/// the same finding gives the same decision for every shop.
/// </summary>
public sealed class Decider
{
    private readonly EnforcementPolicy _policy;
    private readonly Dictionary<(string Type, string Id), int> _strikes = [];
    private readonly Dictionary<string, int> _strikeOf = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Id), List<string>> _strikeFindings = [];
    private readonly HashSet<string> _disregarded = new(StringComparer.Ordinal);

    // Set while DecideAll runs: the decisions whose explanation is still to be written, and how.
    private Dictionary<Decision, Func<DecisionExplanation>>? _unexplained;

    /// <summary>Creates a decider for a policy.</summary>
    public Decider(EnforcementPolicy policy) => _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>
    /// Takes back the strikes of decisions people overturned, so the next penalty on the entity counts as if they had never
    /// been given.
    /// </summary>
    public void Withdraw(IEnumerable<Decision> overturned)
    {
        ArgumentNullException.ThrowIfNull(overturned);
        foreach (var decision in overturned)
        {
            if (_strikeOf.Remove(decision.Id))
            {
                var key = (decision.Entity.Type, decision.Entity.Id);
                _strikes[key] = Math.Max(0, _strikes.GetValueOrDefault(key) - 1);
            }
        }
    }

    /// <summary>
    /// Decisions people reversed before this decider started (read from the case journal): deciding them again counts no
    /// strike, so the strikes after them are numbered as if they had never been given.
    /// </summary>
    public void Disregard(IEnumerable<string> decisionIds) => _disregarded.UnionWith(decisionIds ?? throw new ArgumentNullException(nameof(decisionIds)));

    /// <summary>
    /// Decides on <paramref name="findings"/> one after another, in the order given (strikes are numbered in that order),
    /// as <see cref="Decide(Finding)"/> does each; then writes the decisions' explanations on every core. An explanation
    /// depends on its decision alone, and a round may give tens of thousands (a like farm's finding names every account).
    /// </summary>
    public List<Decision> DecideAll(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var unexplained = _unexplained = new Dictionary<Decision, Func<DecisionExplanation>>(ReferenceEqualityComparer.Instance);
        try
        {
            var decided = new List<Decision>();
            foreach (var finding in findings)
            {
                decided.AddRange(Decide(finding));
            }

            var explained = new Decision[decided.Count];
            Parallel.For(0, decided.Count, i =>
            {
                var d = decided[i];
                explained[i] = unexplained.TryGetValue(d, out var explain) ? d with { Explanation = explain() } : d;
            });
            return [.. explained];
        }
        finally
        {
            _unexplained = null;
        }
    }

    /// <summary>Decides on one finding. Findings of a pattern the policy lacks or disables give no decision.</summary>
    public IReadOnlyList<Decision> Decide(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!_policy.Patterns.TryGetValue(finding.Pattern, out var rule) || !rule.Enabled)
        {
            return [];
        }

        var decisions = new List<Decision>();
        var lowConfidence = finding.Score < rule.ReviewBelow;
        // A victim gets the pattern's remedy (an advertiser its clicks refunded), or protection; never a penalty.
        var mainAction = finding.Role == EntityRole.Victim
            ? DecisionActions.IsRemedy(rule.Action) ? rule.Action : DecisionActions.Protect
            : lowConfidence ? DecisionActions.Review
            : finding.Severity == Severity.High && rule.HighSeverityAction is { } high ? high : rule.Action;
        // A campaign the seller declared ahead of time for this traffic (SPEC §3, seed 004 #3) turns a penalty into the
        // rule's declared-campaign action (a person looks first) for patterns that traffic can trip.
        var campaign = finding.Role != EntityRole.Victim && rule.DeclaredCampaignAction is { } campaignAction
            && DecisionActions.IsPunitive(mainAction) && DeclaredCampaign(finding) is { } declared
            ? new CampaignNote(declared, mainAction, campaignAction)
            : null;
        if (campaign is not null)
        {
            mainAction = campaign.Action;
        }

        // Listing quality gets a notice and a grace period first (SPEC §3): a warning now, the action at the end of the grace
        // only if the listing was not fixed by then. Fraud patterns have no grace; a high-severity finding acts at once.
        var grace = rule.GraceHours > 0 && finding.Role != EntityRole.Victim && !lowConfidence && finding.Severity != Severity.High
            && DecisionActions.IsPunitive(mainAction) && mainAction != DecisionActions.Warn;
        if (grace)
        {
            var graceEnd = finding.To.AddHours(rule.GraceHours);
            decisions.Add(Make(finding, finding.Entity, DecisionActions.Warn, rule, false, finding.To, new GraceNote(mainAction, graceEnd, Notice: true)));
            if (finding.ClearedAt is not { } cleared || cleared >= graceEnd)
            {
                decisions.Add(Make(finding, finding.Entity, mainAction, rule, false, graceEnd, new GraceNote(mainAction, graceEnd, Notice: false)));
            }
        }
        else if (finding.Role != EntityRole.Beneficiary || !lowConfidence)
        {
            decisions.Add(Make(finding, finding.Entity, mainAction, rule, lowConfidence && mainAction == DecisionActions.Review, finding.To, null, campaign));
        }

        if (rule.RelatedActorAction is { } relatedAction)
        {
            foreach (var related in finding.Related)
            {
                // Related orders, clicks, reviews and reports are the items the main action acts on (void_orders voids them,
                // refund_clicks refunds them); they get no decision of their own.
                if (related.Role == EntityRole.Actor && !EntityTypes.IsItem(related.Type))
                {
                    var action = lowConfidence ? DecisionActions.Review
                        : campaign is not null && DecisionActions.IsPunitive(relatedAction) ? campaign.Action
                        : relatedAction;
                    var note = campaign is not null && action == campaign.Action && action != relatedAction ? campaign with { Instead = relatedAction } : null;
                    decisions.Add(Make(finding, new EntityRef(related.Type, related.Id), action, rule, lowConfidence, finding.To, null, note));
                }
            }
        }

        var escalations = new List<Decision>();
        foreach (var decision in decisions)
        {
            if (Escalate(decision) is { } escalation)
            {
                escalations.Add(escalation);
            }
        }

        decisions.AddRange(escalations);
        return decisions;
    }

    /// <summary>
    /// The ladder's rung a shop's strike reaches, as one extra decision (rule <see cref="StrikeLadder.Rule"/>) resting on
    /// every finding that gave the shop a strike; null when no rung is reached. Strikes rise one at a time, so each rung is
    /// reached once per decider. Only shops climb the ladder, whatever their tier.
    /// </summary>
    private Decision? Escalate(Decision decision)
    {
        if (_policy.Ladder is not { } ladder || decision.Strike == 0 || decision.Entity.Type != EntityTypes.Shop)
        {
            return null;
        }

        var key = (decision.Entity.Type, decision.Entity.Id);
        if (!_strikeFindings.TryGetValue(key, out var findings))
        {
            _strikeFindings[key] = findings = [];
        }

        findings.AddRange(decision.Findings.Where(f => !findings.Contains(f, StringComparer.Ordinal)));
        var action = decision.Strike == ladder.CloseAtStrikes ? DecisionActions.Close
            : decision.Strike == ladder.ThrottleAtStrikes ? DecisionActions.Throttle
            : null;
        if (action is null)
        {
            return null;
        }

        var effective = decision.EffectiveAt;
        DateTimeOffset? expires = action == DecisionActions.Throttle ? effective.AddDays(ladder.ThrottleDays) : null;
        var appealBy = effective.AddDays(_policy.AppealWithinDays);
        var id = "d_" + StableHash.Hex(StrikeLadder.Rule, decision.Entity.Type, decision.Entity.Id, action);
        return new Decision
        {
            Id = id,
            Entity = decision.Entity,
            Action = action,
            Rule = StrikeLadder.Rule,
            Findings = [.. findings],
            Strike = decision.Strike,
            EffectiveAt = effective,
            ExpiresAt = expires,
            AppealBy = appealBy,
            Explanation = DecisionExplainer.ExplainLadder(decision.Entity, id, action, decision.Strike, findings.Count, effective, expires, appealBy),
        };
    }

    /// <summary>The declared-campaign evidence a finding carries (see <see cref="DeclaredCampaigns"/>), or null.</summary>
    private static Evidence? DeclaredCampaign(Finding finding)
    {
        foreach (var evidence in finding.Evidence)
        {
            if (evidence.Figures.TryGetValue(DeclaredCampaigns.EvidenceFigure, out var flag) && flag > 0)
            {
                return evidence;
            }
        }

        return null;
    }

    private Decision Make(Finding finding, EntityRef entity, string action, PatternPolicy rule, bool lowConfidence, DateTimeOffset effective, GraceNote? grace, CampaignNote? campaign = null)
    {
        var notice = grace is { Notice: true };
        var id = "d_" + StableHash.Hex(finding.Id, entity.Type, entity.Id, action);
        var strike = 0;
        // Deciding the same finding again (a live service re-decides a finding whose evidence grew) gives the same
        // decision the same strike: a strike is counted once per decision id.
        if (DecisionActions.IsPunitive(action) && !notice && !_disregarded.Contains(id) && !_strikeOf.TryGetValue(id, out strike))
        {
            var key = (entity.Type, entity.Id);
            strike = _strikes.GetValueOrDefault(key) + 1;
            _strikes[key] = strike;
            _strikeOf[id] = strike;
        }

        DateTimeOffset? expires = null;
        if (notice)
        {
            // The grace's warning lasts until the fix or the end of the grace, whichever comes first; it is no strike.
            expires = finding.ClearedAt is { } fixedAt && fixedAt < grace!.Until ? (fixedAt < effective ? effective : fixedAt) : grace!.Until;
        }
        else if (DecisionActions.IsPunitive(action))
        {
            // A fixed listing clears its finding by itself (SPEC §2.4): the penalty ends when the fix landed. The strike stays,
            // so a relapse escalates.
            expires = effective.AddDays(rule.ExpiresAfterDays);
            if (finding.ClearedAt is { } cleared && cleared < expires)
            {
                expires = cleared < effective ? effective : cleared;
            }
        }

        var appealBy = !DecisionActions.IsAppealable(action) ? (DateTimeOffset?)null : effective.AddDays(_policy.AppealWithinDays);
        DecisionExplanation Explain() => DecisionExplainer.Explain(finding, entity, id, action, rule, lowConfidence, strike, effective, expires, appealBy, grace, campaign);
        var decision = new Decision
        {
            Id = id,
            Entity = entity,
            Action = action,
            Rule = finding.Pattern,
            Findings = [finding.Id],
            Strike = strike,
            EffectiveAt = effective,
            ExpiresAt = expires,
            AppealBy = appealBy,
            Explanation = _unexplained is null ? Explain() : null,
        };
        _unexplained?.Add(decision, Explain);
        return decision;
    }
}

/// <summary>A decision's part in a grace period: the warning (<paramref name="Notice"/>) or the action that followed.</summary>
/// <param name="Then">The action the grace defers.</param>
/// <param name="Until">When the grace ends.</param>
/// <param name="Notice">True for the warning, false for the action after it.</param>
internal sealed record GraceNote(string Then, DateTimeOffset Until, bool Notice);

/// <summary>A decision softened by a declared campaign: the declaration's evidence, the penalty it replaced and the action taken instead.</summary>
/// <param name="Declaration">The finding's declared-campaign evidence.</param>
/// <param name="Instead">The penalty the finding would otherwise have brought.</param>
/// <param name="Action">The policy's declared-campaign action.</param>
internal sealed record CampaignNote(Evidence Declaration, string Instead, string Action);
