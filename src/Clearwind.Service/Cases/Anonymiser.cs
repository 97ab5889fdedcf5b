using System.Globalization;
using System.Text.RegularExpressions;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Service.Live;

namespace Clearwind.Service.Cases;

/// <summary>
/// Replaces every shop, listing, order and account id a case mentions with a neutral label (<c>Shop A</c>, <c>Listing 1</c>,
/// <c>Order 2</c>, <c>Account 3</c>), so a juror judges the evidence, not the names. Chinese texts get the same labels in
/// Chinese (<c>店铺 A</c>, <c>商品 1</c>, <c>订单 2</c>, <c>账号 3</c>), the type word before an id merged into the label, so
/// a juror sees no real id in either language. Identifiers never reach a case file: they are keyed at ingest and the
/// evidence texts quote none.
/// </summary>
internal sealed class Anonymiser
{
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labelsZh = new(StringComparer.Ordinal);
    private Regex? _pattern;
    private Regex? _patternZh;

    public static Anonymiser For(Decision decision, IReadOnlyList<Finding> findings, AppealEvidence? evidence, LiveEngine engine)
    {
        var a = new Anonymiser();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        void Label(string type, string id)
        {
            if (id.Length == 0 || a._labels.ContainsKey(id))
            {
                return;
            }

            var n = counters[type] = counters.GetValueOrDefault(type) + 1;
            var mark = type == EntityTypes.Shop ? (char)('A' + ((n - 1) % 26)) + (n > 26 ? ((n - 1) / 26).ToString(CultureInfo.InvariantCulture) : "") : n.ToString(CultureInfo.InvariantCulture);
            a._labels[id] = type == EntityTypes.Shop ? "Shop " + mark : string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(type[0])}{type[1..]} {mark}");
            a._labelsZh[id] = EntityTypes.Chinese(type) + " " + mark;
        }

        if (engine.ShopOf(decision.Entity) is { } shop)
        {
            Label(EntityTypes.Shop, shop);
        }

        Label(decision.Entity.Type, decision.Entity.Id);
        foreach (var finding in findings)
        {
            Label(finding.Entity.Type, finding.Entity.Id);
            foreach (var related in finding.Related)
            {
                Label(related.Type, related.Id);
            }
        }

        foreach (var delivery in evidence?.Deliveries ?? [])
        {
            Label(EntityTypes.Order, delivery.Order);
        }

        // Longest first, whole tokens only, so "s1" does not eat into "s10".
        var alternatives = a._labels.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape);
        a._pattern = a._labels.Count == 0 ? null : new Regex($@"(?<![\w-])(?:{string.Join("|", alternatives)})(?![\w-])", RegexOptions.CultureInvariant);

        // In Chinese an id sits next to Chinese characters (which are \w), so only ASCII letters, digits, _ and - extend it;
        // the type word written before it (店铺 s1) becomes part of the label (店铺 A), never doubled (店铺 店铺 A).
        // A role word (买家 b1) stays and the label follows it (买家账号 1).
        var words = string.Join("|", new[] { EntityTypes.Shop, EntityTypes.Listing, EntityTypes.Order, EntityTypes.Account, EntityTypes.Review, EntityTypes.Click, EntityTypes.Report, EntityTypes.Group }
            .Select(EntityTypes.Chinese).Concat(["买家", "店主", "点击者"]));
        a._patternZh = a._labels.Count == 0 ? null : new Regex(
            $@"(?:(?<word>{words})\s?)?(?<![A-Za-z0-9_-])(?<id>{string.Join("|", a._labels.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape))})(?![A-Za-z0-9_-])",
            RegexOptions.CultureInvariant);
        return a;
    }

    public string Apply(string text) => _pattern is null ? text : _pattern.Replace(text, m => _labels[m.Value]);

    /// <summary>A Chinese text with every id replaced by its Chinese label.</summary>
    public string ApplyZh(string text) => _patternZh is null ? text : _patternZh.Replace(text, m =>
    {
        var label = _labelsZh[m.Groups["id"].Value];
        var word = m.Groups["word"];
        return !word.Success || label.StartsWith(word.Value, StringComparison.Ordinal) ? label : word.Value + label;
    });

    /// <summary>The seller's added evidence in words (English and Simplified Chinese), without names, tracking numbers or who signed.</summary>
    public static IReadOnlyList<DecisionExplanation> Describe(AppealEvidence evidence, Anonymiser aliases)
    {
        var lines = new List<DecisionExplanation>();
        foreach (var d in evidence.Deliveries)
        {
            lines.Add(new(
                aliases.Apply(string.Create(CultureInfo.InvariantCulture, $"{d.Order}: carrier delivery proof, {d.WeightG:0.##} g, signed for {d.SignedAt:yyyy-MM-dd HH:mm} UTC")),
                aliases.ApplyZh(string.Create(CultureInfo.InvariantCulture, $"{d.Order}：承运商签收证明，{d.WeightG:0.##} 克，签收于 {d.SignedAt:yyyy-MM-dd HH:mm} UTC"))));
        }

        if (!string.IsNullOrWhiteSpace(evidence.Campaign))
        {
            lines.Add(new("The seller names a campaign they declared (see the re-check for whether it covers the traffic).", "卖家提供了已报备的活动（是否覆盖该流量见自动复查）。"));
        }

        if (evidence.Chats.Count > 0)
        {
            lines.Add(new(
                string.Create(CultureInfo.InvariantCulture, $"{evidence.Chats.Count} chat message(s) pointed to."),
                string.Create(CultureInfo.InvariantCulture, $"卖家指明了 {evidence.Chats.Count} 条聊天记录。")));
        }

        if (!string.IsNullOrWhiteSpace(evidence.Note))
        {
            lines.Add(new(aliases.Apply(evidence.Note.Trim()), aliases.ApplyZh(evidence.Note.Trim()))); // the seller's own words, as written
        }

        return lines;
    }
}
