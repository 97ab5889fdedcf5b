using System.Globalization;
using Clearwind.Detection;
using Clearwind.OrderBrushing;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Service.Cases;

/// <summary>The automatic re-check's verdict on one finding: cleared or not, and why, in plain words (English and Simplified Chinese).</summary>
public sealed record FindingRecheck(string Finding, string Pattern, bool Cleared, string Note, string? NoteZhCn = null);

/// <summary>
/// The automatic re-check an appeal's new evidence gets before any person sees it (SPEC §4). Two kinds of evidence can
/// clear a finding on their own, because the platform can verify them against what it recorded:
/// <list type="bullet">
/// <item>signed-for deliveries clear a fake-fulfilment finding when enough of the orders it judged fake are proven real
/// that the rest no longer reaches the rule's bar, and no proof contradicts the record: the tracking number is the one the shipment was recorded with, no other order used it, the parcel weighed more than
/// the policy's empty-parcel bound, and it was signed for after it shipped;</item>
/// <item>a campaign the shop declared before the traffic began, covering the finding's whole window and its listings,
/// clears a brushing or fake-like finding that such traffic can trip.</item>
/// </list>
/// Anything else goes to the jury.
/// </summary>
public static class AppealRecheck
{
    /// <summary>Patterns a declared campaign explains: bursts of orders or likes the campaign itself brings.</summary>
    public static readonly IReadOnlySet<string> CampaignExplains = new HashSet<string>(StringComparer.Ordinal)
    {
        "order_brushing.concentration", "fake_likes.burst", "fake_likes.concentration",
    };

    private const string FakeFulfilment = "order_brushing.fake_fulfilment";

    /// <summary>Re-checks each finding against the evidence.</summary>
    public static IReadOnlyList<FindingRecheck> Run(IReadOnlyList<Finding> findings, AppealEvidence evidence, CaseFacts facts, EnforcementPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        return [.. findings.Select(f => f.Pattern == FakeFulfilment ? Deliveries(f, evidence, facts, policy)
            : CampaignExplains.Contains(f.Pattern) ? Campaign(f, evidence, facts)
            : new FindingRecheck(f.Id, f.Pattern, false, "No evidence the platform can verify by itself bears on this finding; it goes to the jury.", "没有平台可自行核验的证据涉及此发现，交由大众评审。"))];
    }

    private static FindingRecheck Deliveries(Finding finding, AppealEvidence evidence, CaseFacts facts, EnforcementPolicy policy)
    {
        var options = policy.Patterns.TryGetValue(finding.Pattern, out var rule) ? rule.Options : [];
        var maxGrams = Option(options, "empty_parcel_max_grams") ?? new FakeFulfilmentOptions().EmptyParcelMaxGrams;
        var minOrders = Option(options, "min_orders") ?? new FakeFulfilmentOptions().MinOrders;
        var fake = finding.Related.Where(r => r.Type == EntityTypes.Order).Select(r => r.Id).ToList();
        var proofs = evidence.Deliveries.GroupBy(d => d.Order, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var proven = new List<string>();
        var refused = new List<(string En, string Zh)>();
        foreach (var order in fake)
        {
            if (!proofs.TryGetValue(order, out var proof))
            {
                continue;
            }

            if (Refusal(proof, facts.Orders.GetValueOrDefault(order), facts, maxGrams) is { } why)
            {
                refused.Add(($"{order}: {why.En}", $"{order}：{why.Zh}"));
            }
            else
            {
                proven.Add(order);
            }
        }

        var remaining = fake.Count - proven.Count;
        // A proof that contradicts the record (another tracking number, an empty-parcel weight) is itself a warning sign: the
        // re-check then leaves the finding to people even if the rest would bring it under the rule's bar.
        var cleared = proven.Count > 0 && remaining < minOrders && refused.Count == 0;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{proven.Count} of the {fake.Count} order(s) judged fake were proven delivered (signed for, tracking matching the shipment and used once, parcel over {maxGrams:0.##} g); {remaining} remain, and the rule needs {minOrders:0} to hold.");
        var noteZh = string.Create(CultureInfo.InvariantCulture,
            $"被判为虚假的 {fake.Count} 笔订单中有 {proven.Count} 笔已证明真实送达（有签收、运单号与发货记录一致且仅用一次、包裹重于 {maxGrams:0.##} 克）；尚余 {remaining} 笔，规则需 {minOrders:0} 笔才成立。");
        if (refused.Count > 0)
        {
            note += " Not accepted: " + string.Join("; ", refused.Select(r => r.En)) + ".";
            noteZh += "未采纳：" + string.Join("；", refused.Select(r => r.Zh)) + "。";
        }

        return new FindingRecheck(finding.Id, finding.Pattern, cleared, cleared ? "Cleared: " + note : note, cleared ? "已解除：" + noteZh : noteZh);
    }

    private static (string En, string Zh)? Refusal(DeliveryProof proof, OrderFacts? order, CaseFacts facts, double maxGrams)
    {
        if (order is null)
        {
            return ("the platform has no record of this order", "平台没有该订单的记录");
        }

        if (order.Tracking is { } recorded && !string.Equals(recorded, proof.Tracking?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return ("the tracking number differs from the one the shipment was recorded with", "运单号与发货记录不一致");
        }

        if (order.Tracking is { } tracking && facts.TrackingUses.GetValueOrDefault(tracking) > 1)
        {
            return ("the tracking number was used for other orders too", "该运单号也用于其他订单");
        }

        if (!(proof.WeightG > maxGrams))
        {
            return (string.Create(CultureInfo.InvariantCulture, $"a parcel of {proof.WeightG:0.##} g is no heavier than an empty one"),
                string.Create(CultureInfo.InvariantCulture, $"{proof.WeightG:0.##} 克的包裹与空包无异"));
        }

        if (string.IsNullOrWhiteSpace(proof.SignedBy))
        {
            return ("nobody signed for it", "无人签收");
        }

        if (proof.SignedAt < (order.ShippedAt ?? order.PlacedAt))
        {
            return ("it was signed for before it shipped", "签收时间早于发货时间");
        }

        return null;
    }

    private static FindingRecheck Campaign(Finding finding, AppealEvidence evidence, CaseFacts facts)
    {
        if (string.IsNullOrWhiteSpace(evidence.Campaign))
        {
            return new FindingRecheck(finding.Id, finding.Pattern, false, "No declared campaign was named; it goes to the jury.", "未提供已报备的活动，交由大众评审。");
        }

        var shop = ShopOf(finding);
        var campaign = facts.Campaigns.FirstOrDefault(c => c.Id == evidence.Campaign && c.Shop == shop);
        if (campaign is null)
        {
            return new FindingRecheck(finding.Id, finding.Pattern, false, $"Campaign {evidence.Campaign} was never declared by this shop.", $"本店从未报备活动 {evidence.Campaign}。");
        }

        var listings = finding.Related.Where(r => r.Type == EntityTypes.Listing).Select(r => r.Id)
            .Concat(finding.Entity.Type == EntityTypes.Listing ? [finding.Entity.Id] : []).ToList();
        var window = $"{finding.From:yyyy-MM-dd HH:mm}–{finding.To:yyyy-MM-dd HH:mm} UTC";
        if (campaign.DeclaredAt > finding.From)
        {
            return new FindingRecheck(finding.Id, finding.Pattern, false, $"Campaign {campaign.Id} was declared after the traffic began ({window}); a declaration covers only what follows it.",
                $"活动 {campaign.Id} 在流量开始（{window}）之后才报备；报备只覆盖其后的流量。");
        }

        if (campaign.From > finding.From || campaign.To < finding.To)
        {
            return new FindingRecheck(finding.Id, finding.Pattern, false, $"Campaign {campaign.Id} ran {campaign.From:yyyy-MM-dd HH:mm}–{campaign.To:yyyy-MM-dd HH:mm} UTC and does not cover the whole window {window}.",
                $"活动 {campaign.Id} 的时间为 {campaign.From:yyyy-MM-dd HH:mm}–{campaign.To:yyyy-MM-dd HH:mm} UTC，未覆盖整个时段 {window}。");
        }

        if (!listings.All(campaign.Covers))
        {
            return new FindingRecheck(finding.Id, finding.Pattern, false, $"Campaign {campaign.Id} does not promote the listing(s) concerned.", $"活动 {campaign.Id} 未推广涉及的商品。");
        }

        return new FindingRecheck(finding.Id, finding.Pattern, true, $"Cleared: campaign {campaign.Id} ({campaign.Channel ?? "declared"}) was declared beforehand and covers the whole window {window}.",
            $"已解除：活动 {campaign.Id}（{campaign.Channel ?? "已报备"}）事先已报备，且覆盖整个时段 {window}。");
    }

    internal static string? ShopOf(Finding finding)
        => finding.Entity.Type == EntityTypes.Shop ? finding.Entity.Id
            : finding.Related.FirstOrDefault(r => r.Type == EntityTypes.Shop)?.Id;

    private static double? Option(System.Text.Json.Nodes.JsonObject options, string name)
        => options.TryGetPropertyValue(name, out var node) && node is not null ? node.GetValue<double>() : null;
}
