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

    /// <summary>Creates a decider for a policy.</summary>
    public Decider(EnforcementPolicy policy) => _policy = policy ?? throw new ArgumentNullException(nameof(policy));

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
        if (finding.Role != EntityRole.Beneficiary || !lowConfidence)
        {
            decisions.Add(Make(finding, finding.Entity, mainAction, rule, lowConfidence && mainAction == DecisionActions.Review));
        }

        if (rule.RelatedActorAction is { } relatedAction)
        {
            foreach (var related in finding.Related)
            {
                // Related orders, clicks, reviews and reports are the items the main action acts on (void_orders voids them,
                // refund_clicks refunds them); they get no decision of their own.
                if (related.Role == EntityRole.Actor && !EntityTypes.IsItem(related.Type))
                {
                    var action = lowConfidence ? DecisionActions.Review : relatedAction;
                    decisions.Add(Make(finding, new EntityRef(related.Type, related.Id), action, rule, lowConfidence));
                }
            }
        }

        return decisions;
    }

    private Decision Make(Finding finding, EntityRef entity, string action, PatternPolicy rule, bool lowConfidence)
    {
        var strike = 0;
        if (DecisionActions.IsPunitive(action))
        {
            var key = (entity.Type, entity.Id);
            strike = _strikes.GetValueOrDefault(key) + 1;
            _strikes[key] = strike;
        }

        var effective = finding.To;
        DateTimeOffset? expires = null;
        if (DecisionActions.IsPunitive(action))
        {
            // A fixed listing clears its finding by itself (SPEC §2.4): the penalty ends when the fix landed. The strike stays,
            // so a relapse escalates.
            expires = effective.AddDays(rule.ExpiresAfterDays);
            if (finding.ClearedAt is { } cleared && cleared < expires)
            {
                expires = cleared < effective ? effective : cleared;
            }
        }

        var id = "d_" + StableHash.Hex(finding.Id, entity.Type, entity.Id, action);
        var appealBy = !DecisionActions.IsAppealable(action) ? (DateTimeOffset?)null : effective.AddDays(_policy.AppealWithinDays);
        return new Decision
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
            Explanation = DecisionExplainer.Explain(finding, entity, id, action, rule, lowConfidence, strike, effective, expires, appealBy),
        };
    }
}
