using System.Globalization;
using System.Text;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Policy;

/// <summary>
/// Writes a decision's explanation for the seller, in English and Simplified Chinese: what the action means, the rule,
/// what was seen (the finding's evidence quoted as written, with its figures), when it applies and until when, the
/// strike, and how to appeal by <c>appeal_by</c>. Each language quotes the evidence as the detector wrote it in that
/// language (<see cref="Evidence.Text"/> in English, <see cref="Evidence.TextZh"/> in Chinese) and states the rule in
/// that language (the finding's own rule in English, <see cref="PatternNames.ChineseRule"/> in Chinese, the English rule
/// quoted only for a pattern without one). Used by <see cref="Decider"/> only: it explains, it does not decide.
/// </summary>
internal static class DecisionExplainer
{
    /// <summary>Evidence items quoted at most; the rest are counted and left in the finding.</summary>
    public const int MaxEvidence = 3;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // {0}: the entity ("listing l1" / "商品 l1").
    private static readonly Dictionary<string, (string En, string Zh, string ZhMeaning)> Actions = new(StringComparer.Ordinal)
    {
        [DecisionActions.Warn] = ("{0} gets a warning: nothing else changes now, but it is on record", "警告", "{0} 收到警告，暂不采取其他措施，但记录在案"),
        [DecisionActions.Review] = ("{0} goes to human review: nothing is applied until a reviewer decides", "人工复核", "{0} 转人工复核，复核人员作出决定前不采取任何措施"),
        [DecisionActions.Demote] = ("{0} is demoted (降权): its search weight is lowered, so it ranks lower in search and recommendations", "降权", "{0} 的搜索权重降低，在搜索和推荐中排序靠后"),
        [DecisionActions.Throttle] = ("{0} is throttled (限流): its traffic is limited, so fewer buyers are shown it", "限流", "{0} 的流量受到限制，向买家展示的机会减少"),
        [DecisionActions.Fold] = ("{0} is folded (折叠) under its duplicate group's representative: search shows the representative, not each copy", "折叠", "{0} 被折叠到重复商品组的代表商品之下，搜索中只展示代表商品"),
        [DecisionActions.Remove] = ("{0} is removed (下架) from the marketplace", "下架", "{0} 从平台下架并移除"),
        [DecisionActions.Delist] = ("{0} is delisted (下架): taken off sale", "下架", "{0} 被下架，停止销售"),
        [DecisionActions.BlockSearch] = ("{0} is blocked from search (屏蔽搜索): it no longer appears in search results", "屏蔽搜索", "{0} 不再出现在搜索结果中"),
        [DecisionActions.Close] = ("{0} is closed (关店)", "关店", "{0} 被关闭"),
        [DecisionActions.VoidOrders] = ("the fake orders of {0} are voided (订单作废): they no longer count towards its sales, ranking or reputation", "订单作废", "{0} 的相关虚假订单作废，不再计入销量、排名和信誉"),
        [DecisionActions.RefundClicks] = ("{0} gets the invalid ad clicks refunded (退还点击费用)", "退还点击费用", "无效广告点击的费用退还给 {0}"),
        [DecisionActions.Protect] = ("{0} is protected (保护) as the victim: what the attack did is not held against it", "保护", "{0} 作为受害方受到保护，攻击造成的订单、评分或举报不会对其不利"),
        [DecisionActions.Alert] = ("an alert (提醒) is raised for the brand owner; nothing is done to {0}", "提醒", "向品牌方发出提醒，不对 {0} 采取任何措施"),
    };

    private static readonly Dictionary<string, string> TypesZh = new(StringComparer.Ordinal)
    {
        [EntityTypes.Shop] = "店铺",
        [EntityTypes.Account] = "账号",
        [EntityTypes.Listing] = "商品",
        [EntityTypes.Order] = "订单",
        [EntityTypes.Review] = "评价",
        [EntityTypes.Click] = "点击",
        [EntityTypes.Report] = "举报",
        [EntityTypes.Group] = "分组",
    };

    /// <summary>The explanation of one decision on <paramref name="entity"/> resting on <paramref name="finding"/>.</summary>
    public static DecisionExplanation Explain(
        Finding finding,
        EntityRef entity,
        string id,
        string action,
        PatternPolicy rule,
        bool lowConfidence,
        int strike,
        DateTimeOffset effective,
        DateTimeOffset? expires,
        DateTimeOffset? appealBy,
        GraceNote? grace = null,
        CampaignNote? campaign = null)
    {
        var (enAction, zhName, zhMeaning) = Actions.GetValueOrDefault(action, ("{0}: " + action, action, "{0}：" + action));
        if (action == DecisionActions.Close && entity.Type != EntityTypes.Shop)
        {
            (enAction, zhName, zhMeaning) = ("{0} is closed", "关闭" + TypeZh(entity.Type), "{0} 被关闭");
        }

        var enEntity = $"{entity.Type} {entity.Id}";
        var zhEntity = $"{TypeZh(entity.Type)} {entity.Id}";
        var enFindingEntity = $"{finding.Entity.Type} {finding.Entity.Id}";
        var zhFindingEntity = $"{TypeZh(finding.Entity.Type)} {finding.Entity.Id}";
        var isSubject = finding.Entity == entity;
        var score = finding.Score.ToString("0.##", Invariant);
        var (from, to) = (Time(finding.From), Time(finding.To));
        var quoted = Pick(finding.Evidence, entity.Id, isSubject);

        var (en, zh) = Builders();
        en.Append("Decision ").Append(action).Append(": ").Append(Capitalise(string.Format(Invariant, enAction, enEntity))).Append('.');
        zh.Append("决定：").Append(zhName).Append('（').Append(action).Append("）——").Append(string.Format(Invariant, zhMeaning, zhEntity)).Append('。');

        en.Append(" Rule ").Append(finding.Pattern).Append(": ").Append(finding.Rule.TrimEnd('.')).Append('.');
        zh.Append("依据规则 ").Append(finding.Pattern);
        if (PatternNames.ChineseRule(finding.Pattern) is { } ruleZh)
        {
            zh.Append('（').Append(PatternNames.Chinese(finding.Pattern)).Append("）：").Append(ruleZh.TrimEnd('。')).Append('。');
        }
        else
        {
            zh.Append('（').Append(PatternNames.Chinese(finding.Pattern) is { } name ? name + "；" : "").Append("规则原文：“").Append(finding.Rule).Append("”）。");
        }

        if (isSubject)
        {
            en.Append(" What was seen between ").Append(from).Append(" and ").Append(to)
                .Append(" (finding ").Append(finding.Id).Append(", score ").Append(score).Append(", ").Append(SeverityEn(finding.Severity)).Append(" severity):");
            zh.Append(from).Append(" 至 ").Append(to).Append(" 期间观察到（发现 ").Append(finding.Id).Append("，置信度 ").Append(score)
                .Append("，严重程度：").Append(SeverityZh(finding.Severity)).Append("）：");
        }
        else
        {
            en.Append(' ').Append(Capitalise(enEntity)).Append(" took part, as ").Append(RoleEn(finding.Role, entity, finding)).Append(", in what finding ")
                .Append(finding.Id).Append(" saw about ").Append(enFindingEntity).Append(" between ").Append(from).Append(" and ").Append(to)
                .Append(" (score ").Append(score).Append(", ").Append(SeverityEn(finding.Severity)).Append(" severity):");
            zh.Append(zhEntity).Append(" 作为").Append(RoleZh(finding, entity)).Append("，涉及发现 ").Append(finding.Id).Append('：').Append(from).Append(" 至 ").Append(to)
                .Append(" 期间关于 ").Append(zhFindingEntity).Append(" 观察到（置信度 ").Append(score).Append("，严重程度：").Append(SeverityZh(finding.Severity)).Append("）：");
        }

        for (var i = 0; i < quoted.Count; i++)
        {
            var e = quoted[i];
            var figures = Figures(e);
            en.Append(' ').Append(i + 1).Append(". “").Append(e.Text).Append('”');
            zh.Append(' ').Append(i + 1).Append(". “").Append(e.In("zh")).Append('”');
            if (figures.Length > 0)
            {
                en.Append(" (figures: ").Append(figures).Append(')');
                zh.Append("（数据：").Append(figures).Append('）');
            }

            en.Append(i + 1 < quoted.Count ? ';' : '.');
            zh.Append(i + 1 < quoted.Count ? '；' : '。');
        }

        if (finding.Evidence.Count > quoted.Count)
        {
            var more = finding.Evidence.Count - quoted.Count;
            en.Append(" The finding holds ").Append(more).Append(" more piece(s) of evidence.");
            zh.Append("该发现另有 ").Append(more).Append(" 条证据。");
        }

        if (lowConfidence)
        {
            var threshold = rule.ReviewBelow.ToString("0.##", Invariant);
            en.Append(" The score ").Append(score).Append(" is under the rule's review threshold ").Append(threshold)
                .Append(", so a person checks the case before anything is applied.");
            zh.Append("置信度 ").Append(score).Append(" 低于该规则的复核阈值 ").Append(threshold).Append("，因此在人工复核之前不采取任何措施。");
        }

        if (campaign is { } c)
        {
            en.Append(" The seller declared a campaign for this traffic ahead of time: “").Append(c.Declaration.Text)
                .Append("” Declared traffic is not punished as ").Append(finding.Pattern).Append(" unheard, so this is ").Append(c.Action)
                .Append(" instead of ").Append(c.Instead).Append('.');
            zh.Append("卖家已事先报备推广活动：“").Append(c.Declaration.In("zh")).Append("” 已报备的引流不会未经核实就按 ")
                .Append(finding.Pattern).Append(" 处罚，因此本次为").Append(ActionZh(c.Action)).Append('（').Append(c.Action).Append("），而非")
                .Append(ActionZh(c.Instead)).Append('（').Append(c.Instead).Append("）。");
        }

        if (grace is { } g)
        {
            var then = ActionZh(g.Then);
            if (g.Notice)
            {
                en.Append(" This is a notice with a grace period: fix the listing before ").Append(Time(g.Until)).Append(", or it gets ")
                    .Append(g.Then).Append(" from then on; a fix within the grace ends the matter with this warning.");
                zh.Append("这是整改通知：请在 ").Append(Time(g.Until)).Append(" 之前修正该商品，否则届时起将被").Append(then).Append('（').Append(g.Then)
                    .Append("）；宽限期内修正则仅此警告。");
            }
            else
            {
                en.Append(" A warning at ").Append(Time(finding.To)).Append(" gave until ").Append(Time(g.Until))
                    .Append(" to fix the listing, and it was not fixed by then.");
                zh.Append("已于 ").Append(Time(finding.To)).Append(" 发出整改通知，宽限至 ").Append(Time(g.Until)).Append("，届时仍未修正。");
            }
        }

        if (expires is { } until)
        {
            var fixedEarly = finding.ClearedAt is { } cleared && cleared == until;
            en.Append(" In effect from ").Append(Time(effective)).Append(" until ").Append(Time(until))
                .Append(fixedEarly ? ", when the fix landed." : ".");
            zh.Append("自 ").Append(Time(effective)).Append(" 起生效，至 ").Append(Time(until)).Append(fixedEarly ? "（问题已修正之时）止。" : " 止。");
        }
        else
        {
            en.Append(" Effective ").Append(Time(effective)).Append('.');
            zh.Append("自 ").Append(Time(effective)).Append(" 起生效。");
        }

        if (strike > 0)
        {
            en.Append(" This is strike ").Append(strike).Append(" against ").Append(enEntity).Append('.');
            zh.Append("这是对 ").Append(zhEntity).Append(" 的第 ").Append(strike).Append(" 次处罚记录。");
        }

        if (appealBy is { } by)
        {
            en.Append(" To appeal, file before ").Append(Time(by)).Append(" quoting decision ").Append(id).Append('.');
            zh.Append("如有异议，请在 ").Append(Time(by)).Append(" 之前凭决定编号 ").Append(id).Append(" 提出申诉。");
        }
        else
        {
            en.Append(" Nothing here acts against ").Append(enEntity).Append(", so there is nothing to appeal.");
            zh.Append("此决定未对 ").Append(zhEntity).Append(" 采取不利措施，无需申诉。");
        }

        return new DecisionExplanation(en.ToString(), zh.ToString());
    }

    /// <summary>The explanation of a ladder escalation: a shop whose strikes reached a rung of the policy's ladder.</summary>
    public static DecisionExplanation ExplainLadder(
        EntityRef entity, string id, string action, int strike, int findings, DateTimeOffset effective, DateTimeOffset? expires, DateTimeOffset? appealBy)
    {
        var (enAction, zhName, zhMeaning) = Actions.GetValueOrDefault(action, ("{0}: " + action, action, "{0}：" + action));
        var enEntity = $"{entity.Type} {entity.Id}";
        var zhEntity = $"{TypeZh(entity.Type)} {entity.Id}";
        var (en, zh) = Builders();
        en.Append("Decision ").Append(action).Append(": ").Append(Capitalise(string.Format(Invariant, enAction, enEntity))).Append('.')
            .Append(" Rule ").Append(StrikeLadder.Rule).Append(": the policy's penalty ladder escalates a shop that reaches ").Append(strike)
            .Append(" strikes; ").Append(enEntity).Append(" has ").Append(strike).Append(", from ").Append(findings).Append(" finding(s) listed with this decision.");
        zh.Append("决定：").Append(zhName).Append('（').Append(action).Append("）——").Append(string.Format(Invariant, zhMeaning, zhEntity)).Append('。')
            .Append("依据规则 ").Append(StrikeLadder.Rule).Append('（').Append(PatternNames.Chinese(StrikeLadder.Rule)).Append("：店铺累计 ").Append(strike).Append(" 次处罚即升级）：").Append(zhEntity)
            .Append(" 已累计 ").Append(strike).Append(" 次处罚，涉及本决定所列 ").Append(findings).Append(" 个发现。");
        if (expires is { } until)
        {
            en.Append(" In effect from ").Append(Time(effective)).Append(" until ").Append(Time(until)).Append('.');
            zh.Append("自 ").Append(Time(effective)).Append(" 起生效，至 ").Append(Time(until)).Append(" 止。");
        }
        else
        {
            en.Append(" Effective ").Append(Time(effective)).Append(", with no expiry.");
            zh.Append("自 ").Append(Time(effective)).Append(" 起生效，永久有效。");
        }

        if (appealBy is { } by)
        {
            en.Append(" To appeal, file before ").Append(Time(by)).Append(" quoting decision ").Append(id).Append('.');
            zh.Append("如有异议，请在 ").Append(Time(by)).Append(" 之前凭决定编号 ").Append(id).Append(" 提出申诉。");
        }

        return new DecisionExplanation(en.ToString(), zh.ToString());
    }

    /// <summary>The explanation of a <c>lift</c> record reversing <paramref name="old"/> from <paramref name="at"/>.</summary>
    public static DecisionExplanation ExplainLift(Decision old, string id, DateTimeOffset at, LiftReason reason)
    {
        var enEntity = $"{old.Entity.Type} {old.Entity.Id}";
        var zhEntity = $"{TypeZh(old.Entity.Type)} {old.Entity.Id}";
        var (en, zh) = Builders();
        en.Append("Decision lift: decision ").Append(old.Id).Append(" (").Append(old.Action).Append(" on ").Append(enEntity).Append(", rule ").Append(old.Rule)
            .Append(", effective ").Append(Time(old.EffectiveAt)).Append(") is lifted from ").Append(Time(at)).Append(". ");
        zh.Append("决定：撤销（lift）——自 ").Append(Time(at)).Append(" 起撤销决定 ").Append(old.Id).Append("（对").Append(zhEntity).Append('的')
            .Append(ActionZh(old.Action)).Append('（').Append(old.Action).Append("），规则 ").Append(old.Rule).Append('，').Append(Time(old.EffectiveAt)).Append(" 生效）。");
        if (reason == LiftReason.EndsEarlier)
        {
            en.Append("Its finding cleared (the listing was fixed), so the penalty ends then instead of ")
                .Append(old.ExpiresAt is { } e ? Time(e) : "never").Append('.');
            zh.Append("相关问题已修正，处罚提前至此结束（原定 ").Append(old.ExpiresAt is { } z ? Time(z) : "无期限").Append("）。");
        }
        else
        {
            en.Append("The current evidence and policy no longer give it: its finding(s) ").Append(string.Join(", ", old.Findings))
                .Append(" no longer lead to this action.");
            zh.Append("根据现有证据和规则，相关发现 ").Append(string.Join("、", old.Findings)).Append(" 已不再导致该处理。");
        }

        if (old.Strike > 0)
        {
            en.Append(" Its strike no longer counts against ").Append(enEntity).Append('.');
            zh.Append("其处罚记录不再计入").Append(zhEntity).Append('。');
        }

        en.Append(" This record (").Append(id).Append(") changes nothing else; the original record stays in the log as it was written.");
        zh.Append("本记录（").Append(id).Append("）不改变其他内容；原决定记录保持原样保留在日志中。");
        return new DecisionExplanation(en.ToString(), zh.ToString());
    }

    /// <summary>A time as the evidence writes it: <c>2026-11-01 10:16:35 UTC</c>.</summary>
    public static string Time(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    /// <summary>The figures of one evidence item: <c>name=value, …</c>, numbers in invariant round-trip form.</summary>
    public static string Figures(Evidence evidence)
        => string.Join(", ", evidence.Figures.Select(f => f.Key + "=" + f.Value.ToString(Invariant)));

    // The finding's own entity gets its opening lines. A related entity (one of many accounts behind a finding) gets the
    // lines naming it, or else the opening line only: its explanation stays short.
    private static List<Evidence> Pick(IReadOnlyList<Evidence> evidence, string entityId, bool isSubject)
    {
        var naming = Enumerable.Range(0, evidence.Count).Where(i => evidence[i].Text.Contains(entityId, StringComparison.Ordinal)).ToList();
        IEnumerable<int> chosen = isSubject
            ? Enumerable.Range(0, Math.Min(MaxEvidence, evidence.Count))
            : naming.Count > 0 ? naming.Take(MaxEvidence) : Enumerable.Range(0, Math.Min(1, evidence.Count));
        return [.. chosen.Order().Select(i => evidence[i])];
    }

    /// <summary>The Chinese name of <paramref name="action"/> (降权, 限流 …); an unknown action as it is.</summary>
    internal static string ActionZh(string action) => Actions.TryGetValue(action, out var names) ? names.Zh : action;

    private static string TypeZh(string type) => TypesZh.GetValueOrDefault(type, type);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string SeverityEn(Severity severity) => severity switch
    {
        Severity.High => "high",
        Severity.Medium => "medium",
        _ => "low",
    };

    private static string SeverityZh(Severity severity) => severity switch
    {
        Severity.High => "高",
        Severity.Medium => "中",
        _ => "低",
    };

    private static string RoleEn(EntityRole findingRole, EntityRef entity, Finding finding)
        => RelatedRole(finding, entity) switch
        {
            EntityRole.Victim => "a victim",
            EntityRole.Beneficiary => "a beneficiary",
            EntityRole.Actor => "an actor",
            _ => findingRole == EntityRole.Victim ? "a party" : "an actor",
        };

    private static string RoleZh(Finding finding, EntityRef entity) => RelatedRole(finding, entity) switch
    {
        EntityRole.Victim => "受害方",
        EntityRole.Beneficiary => "受益方",
        _ => "参与方",
    };

    // The roles of the last finding explained on this thread with many related entities: the decider explains one
    // decision per related entity, and a scan per decision would make a like farm of thousands of accounts quadratic.
    [ThreadStatic]
    private static (Finding Finding, Dictionary<(string Type, string Id), EntityRole> Roles)? t_roles;

    // One pair of builders per thread, emptied for each explanation: a round explains tens of thousands of decisions,
    // each a few kilobytes, and a new builder's growing chunks would be allocated and copied every time.
    [ThreadStatic]
    private static (StringBuilder En, StringBuilder Zh)? t_builders;

    private static (StringBuilder En, StringBuilder Zh) Builders()
    {
        var builders = t_builders ??= (new StringBuilder(4096), new StringBuilder(4096));
        builders.En.Clear();
        builders.Zh.Clear();
        return builders;
    }

    private static EntityRole? RelatedRole(Finding finding, EntityRef entity)
    {
        var related = finding.Related;
        if (related.Count <= 16)
        {
            foreach (var r in related)
            {
                if (r.Type == entity.Type && r.Id == entity.Id)
                {
                    return r.Role;
                }
            }

            return null;
        }

        if (t_roles is not { } cached || !ReferenceEquals(cached.Finding, finding))
        {
            var roles = new Dictionary<(string Type, string Id), EntityRole>(related.Count);
            foreach (var r in related)
            {
                roles.TryAdd((r.Type, r.Id), r.Role); // the first listing of an entity is its role, as a scan would find
            }

            t_roles = cached = (finding, roles);
        }

        return cached.Roles.TryGetValue((entity.Type, entity.Id), out var role) ? role : null;
    }
}
