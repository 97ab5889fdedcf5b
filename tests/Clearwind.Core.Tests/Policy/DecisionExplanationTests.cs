using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Core.Tests.Policy;

/// <summary>The explanation the Decider writes on every decision, in English and Simplified Chinese.</summary>
public sealed class DecisionExplanationTests
{
    private const string Policy = """
        {
          "version": 1,
          "appeal_within_days": 14,
          "patterns": {
            "order_brushing.concentration": { "action": "void_orders", "review_below": 0.6, "related_actor_action": "review", "expires_after_days": 180 },
            "attack.malicious_orders": { "action": "protect", "review_below": 0.6, "related_actor_action": "throttle", "expires_after_days": 180 }
          }
        }
        """;

    // A brushing window at shop s00105: 17 orders from 4 buyers between 10:16:35 and 11:03:12 UTC on 1 November 2026.
    private static readonly DateTimeOffset From = new(2026, 11, 1, 10, 16, 35, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 11, 1, 11, 3, 12, TimeSpan.Zero);

    private static Finding Brushing(double score) => new()
    {
        Id = "f_brush",
        Pattern = "order_brushing.concentration",
        Entity = new EntityRef(EntityTypes.Shop, "s00105"),
        Role = EntityRole.Beneficiary,
        Score = score,
        Severity = Severity.Medium,
        From = From,
        To = To,
        Related = [new RelatedEntity(EntityTypes.Account, "u0002930", EntityRole.Actor)],
        Evidence =
        [
            new Evidence("6 one-hour windows held 17 orders from 4 buyers; the highest rate was 4.25 orders per buyer.", "6 个一小时窗口内 4 个买家下了 17 笔订单；最高集中度为每个买家 4.25 笔订单。", ["e1"], new Dictionary<string, double> { ["orders"] = 17, ["buyers"] = 4, ["max_rate"] = 4.25 }),
            new Evidence("Buyer u0002930 placed 6 of these 17 orders (35%).", "买家 u0002930 下了其中 17 笔订单中的 6 笔（35%）。", ["e2"], new Dictionary<string, double> { ["orders"] = 6, ["share"] = 0.3529 }),
        ],
        Rule = "orders ÷ distinct buyers ≥ 3 within any 60-minute window",
    };

    [Fact]
    public void Explanation_OfAPenalty_HasTheFiguresDatesAndAppealInBothLanguages()
    {
        var decisions = new Decider(EnforcementPolicy.Parse(Policy)).Decide(Brushing(0.85));

        var shop = Assert.Single(decisions, d => d.Entity.Id == "s00105");
        var explanation = Assert.IsType<DecisionExplanation>(shop.Explanation);
        // What was seen: the evidence quoted as written in each language.
        Assert.Contains("“6 one-hour windows held 17 orders from 4 buyers; the highest rate was 4.25 orders per buyer.”", explanation.En);
        Assert.Contains("“6 个一小时窗口内 4 个买家下了 17 笔订单；最高集中度为每个买家 4.25 笔订单。”", explanation.ZhCn);
        Assert.DoesNotContain("one-hour windows held", explanation.ZhCn);
        Assert.DoesNotContain("一小时窗口", explanation.En);

        // The rule in each language: the finding's own (with its thresholds) in English, the pattern's Chinese rule in Chinese.
        Assert.Contains("orders ÷ distinct buyers ≥ 3 within any 60-minute window", explanation.En);
        Assert.Contains("依据规则 order_brushing.concentration（刷单（订单集中））：" + PatternNames.ChineseRule("order_brushing.concentration")!.TrimEnd('。'), explanation.ZhCn);
        Assert.DoesNotContain("orders ÷ distinct buyers", explanation.ZhCn);
        foreach (var text in new[] { explanation.En, explanation.ZhCn })
        {
            // Its figures, and the window.
            Assert.Contains("orders=17, buyers=4, max_rate=4.25", text);
            Assert.Contains("2026-11-01 10:16:35 UTC", text);
            Assert.Contains("2026-11-01 11:03:12 UTC", text);
            // Until when: 180 days after the window's end; appeal within 14 days of it, quoting the decision.
            Assert.Contains("2027-04-30 11:03:12 UTC", text);
            Assert.Contains("2026-11-15 11:03:12 UTC", text);
            Assert.Contains(shop.Id, text);
            Assert.Contains("order_brushing.concentration", text);
        }

        Assert.Contains("void", explanation.En);
        Assert.Contains("appeal", explanation.En);
        Assert.Contains("strike 1", explanation.En);
        Assert.Contains("订单作废", explanation.ZhCn);
        Assert.Contains("申诉", explanation.ZhCn);
        Assert.Contains("店铺 s00105", explanation.ZhCn);
    }

    [Fact]
    public void Explanation_OfAFindingWithManyRelated_GivesEachItsOwnRole()
    {
        // 40 related entities (a farm's accounts): past 16 the explainer looks roles up in a table built once per finding.
        RelatedEntity[] related =
        [
            .. Enumerable.Range(0, 38).Select(i => new RelatedEntity(EntityTypes.Account, $"u{i:D4}", EntityRole.Actor)),
            new RelatedEntity(EntityTypes.Shop, "s_rival", EntityRole.Beneficiary),
            new RelatedEntity(EntityTypes.Account, "u0005", EntityRole.Victim), // listed twice: the first listing counts
        ];
        var policy = EnforcementPolicy.Parse(Policy);
        var finding = Brushing(0.9) with { Related = related };

        var decisions = new Decider(policy).Decide(finding);

        foreach (var d in decisions.Where(d => d.Entity.Type == EntityTypes.Account))
        {
            Assert.Contains("took part, as an actor,", d.Explanation!.En);
            Assert.Contains("作为参与方", d.Explanation.ZhCn);
        }

        Assert.Equal(38, decisions.Count(d => d.Entity.Type == EntityTypes.Account));
        // The same decision for one account whether the finding lists 40 related entities or only it.
        var alone = new Decider(policy).Decide(Brushing(0.9) with { Related = [related[7]] }).Single(d => d.Entity.Id == "u0007");
        var among = decisions.Single(d => d.Entity.Id == "u0007");
        Assert.Equal(alone.Explanation!.En.Split(" in what finding ")[0], among.Explanation!.En.Split(" in what finding ")[0]);
    }

    [Fact]
    public void Explanation_OfARelatedBuyerUnderReview_QuotesItsOwnLineAndTheThreshold()
    {
        var decisions = new Decider(EnforcementPolicy.Parse(Policy)).Decide(Brushing(0.55));

        var buyer = Assert.Single(decisions, d => d.Entity.Id == "u0002930");
        Assert.Equal(DecisionActions.Review, buyer.Action);
        var explanation = buyer.Explanation!;
        Assert.Contains("“Buyer u0002930 placed 6 of these 17 orders (35%).”", explanation.En);
        Assert.Contains("“买家 u0002930 下了其中 17 笔订单中的 6 笔（35%）。”", explanation.ZhCn);
        foreach (var text in new[] { explanation.En, explanation.ZhCn })
        {
            Assert.Contains("orders=6, share=0.3529", text);
            Assert.Contains("0.55", text);
            Assert.Contains("0.6", text);
            Assert.Contains("s00105", text);
        }

        Assert.Contains("human review", explanation.En);
        Assert.Contains("人工复核", explanation.ZhCn);
        Assert.Contains("账号 u0002930", explanation.ZhCn);
    }

    [Fact]
    public void Explanation_OfAVictim_SaysItIsProtectedAndNothingToAppeal()
    {
        var finding = Brushing(0.9) with
        {
            Id = "f_attack",
            Pattern = "attack.malicious_orders",
            Role = EntityRole.Victim,
            Related = [],
        };

        var decision = Assert.Single(new Decider(EnforcementPolicy.Parse(Policy)).Decide(finding));

        Assert.Equal(DecisionActions.Protect, decision.Action);
        Assert.Null(decision.AppealBy);
        Assert.Contains("protected", decision.Explanation!.En);
        Assert.Contains("nothing to appeal", decision.Explanation.En);
        Assert.Contains("保护", decision.Explanation.ZhCn);
        Assert.Contains("受害方", decision.Explanation.ZhCn);
        Assert.Contains("无需申诉", decision.Explanation.ZhCn);
    }

    [Theory]
    [InlineData(DecisionActions.Demote, "降权")]
    [InlineData(DecisionActions.Fold, "折叠")]
    [InlineData(DecisionActions.Remove, "下架")]
    [InlineData(DecisionActions.Delist, "下架")]
    [InlineData(DecisionActions.Throttle, "限流")]
    [InlineData(DecisionActions.BlockSearch, "屏蔽搜索")]
    [InlineData(DecisionActions.Close, "关店")]
    [InlineData(DecisionActions.Warn, "警告")]
    public void Explanation_NamesTheActionInChinese(string action, string chinese)
    {
        var policy = EnforcementPolicy.Parse($$"""
            { "version": 1, "patterns": { "order_brushing.concentration": { "action": "{{action}}" } } }
            """);

        var decision = new Decider(policy).Decide(Brushing(0.9) with { Related = [] })[0];

        Assert.Equal(action, decision.Action);
        Assert.StartsWith("决定：" + chinese + "（" + action + "）", decision.Explanation!.ZhCn);
        Assert.StartsWith("Decision " + action + ":", decision.Explanation.En);
    }
}
