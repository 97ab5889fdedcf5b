using System.Globalization;
using System.Text;
using Clearwind.Detection;
using Clearwind.Scanning;

namespace Clearwind.Output;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS, inline SVG charts, a few lines of inline script, no external
/// resources) showing findings by pattern per day, decisions by action, the top shops and rings, and a table per pattern with
/// its first evidence. Every label carries 简体中文 (shown by default) and English; a button switches between them.
/// Everything taken from events or findings is HTML-encoded.
/// </summary>
public static class ReportWriter
{
    /// <summary>Rows shown per pattern table; the rest are counted in an "… and K more" line.</summary>
    public const int MaxRowsPerPattern = 200;

    /// <summary>Bars shown in the top-shops and top-rings charts.</summary>
    public const int TopCount = 10;

    private static readonly string[] Palette =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8",
        "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5", "#393b79",
    ];

    private static readonly Dictionary<string, string> ActionZh = new(StringComparer.Ordinal)
    {
        ["warn"] = "警告",
        ["review"] = "人工复核",
        ["demote"] = "降权",
        ["throttle"] = "限流",
        ["fold"] = "折叠",
        ["remove"] = "删除",
        ["delist"] = "下架",
        ["block_search"] = "屏蔽搜索",
        ["close"] = "关店",
        ["void_orders"] = "作废订单",
        ["refund_clicks"] = "退还点击费",
        ["protect"] = "保护",
        ["alert"] = "提醒",
    };

    /// <summary>Writes the report of <paramref name="result"/>.</summary>
    public static void Write(TextWriter w, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Findings;
        var patterns = findings.Select(f => f.Pattern).Distinct().Order(StringComparer.Ordinal).ToList();
        var colours = patterns.Select((p, i) => (p, Palette[i % Palette.Length])).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal);

        w.Write("<!DOCTYPE html>\n<html lang=\"zh-CN\" class=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write("<title>Clearwind 扫描报告 / scan report</title>\n<style>\n");
        w.Write("html.zh .en,html.en .zh{display:none}\n");
        w.Write("body{font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",sans-serif;margin:1.5em;color:#222;max-width:1200px}\n");
        w.Write("h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}h3{font-size:1em;margin-top:1.2em}\n");
        w.Write("table{border-collapse:collapse;font-size:.85em;width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}\n");
        w.Write("th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}.sev-high{color:#b00}.sev-medium{color:#b60}\n");
        w.Write(".legend span{display:inline-block;margin-right:1em;font-size:.8em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}\n");
        w.Write("svg{font-size:11px;max-width:100%;height:auto}.muted{color:#777}#lang{float:right}\n");
        w.Write("</style>\n</head>\n<body>\n");
        w.Write("<button id=\"lang\" type=\"button\"><span class=\"zh\">English</span><span class=\"en\">简体中文</span></button>\n");
        w.Write("<h1 id=\"title\"><span class=\"zh\">Clearwind 扫描报告</span><span class=\"en\">Clearwind scan report</span></h1>\n");

        WriteOverview(w, result);

        Heading(w, "chart-by-day", "每日各模式发现数", "Findings by pattern per day");
        WriteByDay(w, findings, patterns, colours);

        Heading(w, "chart-actions", "各处置动作的决定数", "Decisions by action");
        var actions = OutputWriter.Count(result.Decisions.Select(d => d.Action)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new Bar(ActionZh.GetValueOrDefault(p.Key, p.Key), p.Key, p.Value)).ToList();
        WriteBars(w, "svg-actions", actions, "#4e79a7");

        Heading(w, "overturns", "申诉推翻率（各模式实测误判率）", "Overturn rates per pattern (the measured false-positive rate)");
        WriteOverturns(w, result.Overturns);

        Heading(w, "chart-shops", $"发现最多的店铺（前 {TopCount}）", $"Top {TopCount} shops by findings");
        var shops = ShopCounts(findings).Take(TopCount).Select(p => new Bar(p.Key, p.Key, p.Value)).ToList();
        WriteBars(w, "svg-shops", shops, "#e15759");

        Heading(w, "chart-rings", $"最大的团伙（前 {TopCount}，按关联账号数）", $"Largest rings (top {TopCount}, by linked accounts)");
        var rings = Rings(findings).Take(TopCount).Select(r => new Bar(r.Label, r.Label, r.Accounts)).ToList();
        WriteBars(w, "svg-rings", rings, "#59a14f");

        Heading(w, "chart-ring-graph", "最大团伙的关联账号图", "Linked accounts of the largest ring");
        WriteRingGraph(w, findings);

        Heading(w, "tables", "各模式的发现明细", "Findings per pattern");
        foreach (var pattern in patterns)
        {
            WriteTable(w, pattern, findings.Where(f => f.Pattern == pattern).ToList());
        }

        if (patterns.Count == 0)
        {
            w.Write("<p class=\"muted\"><span class=\"zh\">没有发现。</span><span class=\"en\">No findings.</span></p>\n");
        }

        w.Write("<script>\n(function(){var h=document.documentElement,b=document.getElementById('lang');");
        w.Write("function set(en){h.classList.toggle('en',en);h.classList.toggle('zh',!en);h.lang=en?'en':'zh-CN';}");
        w.Write("b.addEventListener('click',function(){set(!h.classList.contains('en'));});");
        w.Write("if(location.hash==='#en'){set(true);}})();\n</script>\n</body>\n</html>\n");
    }

    /// <summary>Findings per shop: a finding counts for a shop when the shop is its entity or one of its related entities.</summary>
    public static IEnumerable<KeyValuePair<string, long>> ShopCounts(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            var shops = new HashSet<string>(StringComparer.Ordinal);
            if (f.Entity.Type == "shop")
            {
                shops.Add(f.Entity.Id);
            }

            foreach (var r in f.Related)
            {
                if (r.Type == "shop")
                {
                    shops.Add(r.Id);
                }
            }

            foreach (var s in shops)
            {
                counts[s] = counts.GetValueOrDefault(s) + 1;
            }
        }

        return counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>Rings: findings about a group, or of a ring/farm pattern, with the distinct accounts they link, largest first.</summary>
    public static IEnumerable<(string Label, long Accounts)> Rings(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings
            .Where(IsRing)
            .Select(f => (Label: f.Pattern + " " + f.Entity.Type + ":" + f.Entity.Id, Accounts: (long)AccountsOf(f).Count))
            .Where(r => r.Accounts > 0)
            .OrderByDescending(r => r.Accounts).ThenBy(r => r.Label, StringComparer.Ordinal);
    }

    /// <summary>Accounts drawn at most in the ring graph; entities linked to them at most.</summary>
    public const int MaxGraphAccounts = 60, MaxGraphEntities = 24;

    private sealed record Bar(string Zh, string En, long Value);

    private static bool IsRing(Finding f)
        => f.Entity.Type == "group" || f.Pattern.EndsWith(".ring", StringComparison.Ordinal) || f.Pattern.EndsWith(".farm", StringComparison.Ordinal);

    private static List<string> AccountsOf(Finding f)
        => [.. f.Related.Where(r => r.Type == "account").Select(r => r.Id).Append(f.Entity.Type == "account" ? f.Entity.Id : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The largest ring (most linked accounts) as a graph: the ring's entity in the middle, its accounts on a circle around
    /// it, and on an outer circle the other flagged entities (from any finding) that two or more of those accounts act on.
    /// </summary>
    private static void WriteRingGraph(TextWriter w, IReadOnlyList<Finding> findings)
    {
        var ring = findings.Where(IsRing).Select(f => (Finding: f, Accounts: AccountsOf(f))).Where(r => r.Accounts.Count > 0)
            .OrderByDescending(r => r.Accounts.Count).ThenBy(r => r.Finding.Id, StringComparer.Ordinal).FirstOrDefault();
        if (ring.Finding is null)
        {
            Empty(w);
            return;
        }

        var accounts = ring.Accounts.Take(MaxGraphAccounts).ToList();
        var members = accounts.ToHashSet(StringComparer.Ordinal);
        var centre = ring.Finding.Entity.Type + ":" + ring.Finding.Entity.Id;
        var others = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            var key = f.Entity.Type + ":" + f.Entity.Id;
            if (key == centre || f.Entity.Type == "account")
            {
                continue;
            }

            foreach (var a in AccountsOf(f).Where(members.Contains))
            {
                if (!others.TryGetValue(key, out var set))
                {
                    others[key] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(a);
            }
        }

        var outer = others.Where(p => p.Value.Count >= 2).OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(MaxGraphEntities).ToList();
        const int size = 640, mid = size / 2, inner = 170, outerRadius = 285;
        var at = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            var angle = 2 * Math.PI * i / accounts.Count;
            at[accounts[i]] = (mid + (inner * Math.Cos(angle)), mid + (inner * Math.Sin(angle)));
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<p>{PatternLabel(ring.Finding.Pattern)} {Enc(centre)}: {ring.Accounts.Count} <span class=\"zh\">个账号</span><span class=\"en\">accounts</span>");
        if (ring.Accounts.Count > accounts.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $" <span class=\"zh\">（显示前 {accounts.Count} 个）</span><span class=\"en\">(first {accounts.Count} shown)</span>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"; <span class=\"zh\">外圈：这些账号共同涉及的其他被标记对象 {outer.Count} 个</span><span class=\"en\">outer circle: {outer.Count} other flagged entities two or more of them act on</span></p>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"svg-ring-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" role=\"img\">\n");
        foreach (var a in accounts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"edge\" x1=\"{mid}\" y1=\"{mid}\" x2=\"{at[a].X:0.#}\" y2=\"{at[a].Y:0.#}\" stroke=\"#ccc\"/>\n");
        }

        for (var i = 0; i < outer.Count; i++)
        {
            var angle = (2 * Math.PI * i / outer.Count) + 0.1;
            var (x, y) = (mid + (outerRadius * Math.Cos(angle)), mid + (outerRadius * Math.Sin(angle)));
            foreach (var a in outer[i].Value.Order(StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<line class=\"edge\" x1=\"{x:0.#}\" y1=\"{y:0.#}\" x2=\"{at[a].X:0.#}\" y2=\"{at[a].Y:0.#}\" stroke=\"#f28e2b\" stroke-opacity=\"0.6\"/>\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"entity\" x=\"{x - 6:0.#}\" y=\"{y - 6:0.#}\" width=\"12\" height=\"12\" fill=\"#f28e2b\"><title>{Enc(outer[i].Key)}: {outer[i].Value.Count}</title></rect>\n");
        }

        foreach (var a in accounts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"account\" cx=\"{at[a].X:0.#}\" cy=\"{at[a].Y:0.#}\" r=\"6\" fill=\"#4e79a7\"><title>account:{Enc(a)}</title></circle>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"ring\" cx=\"{mid}\" cy=\"{mid}\" r=\"12\" fill=\"#e15759\"><title>{Enc(centre)}</title></circle>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{mid}\" y=\"{mid + 28}\" text-anchor=\"middle\">{Enc(Truncate(centre))}</text>\n</svg>\n");
        w.Write(sb.ToString());
    }

    private static void WriteOverview(TextWriter w, ScanResult result)
    {
        w.Write("<table id=\"overview\" style=\"width:auto\">\n");
        Row(w, "处理的事件", "Events processed", result.ProcessedEvents);
        Row(w, "本次新增事件", "New events", result.NewEvents);
        Row(w, "发现", "Findings", result.Findings.Count);
        Row(w, "决定", "Decisions", result.Decisions.Count);
        Row(w, "无法解析的行", "Bad lines", result.BadLines);
        if (result.Findings.Count > 0)
        {
            var from = result.Findings.Min(f => f.From).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = result.Findings.Max(f => f.To).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.Write($"<tr><th><span class=\"zh\">发现的时间范围（UTC）</span><span class=\"en\">Findings span (UTC)</span></th><td>{from} – {to}</td></tr>\n");
        }

        w.Write("</table>\n");

        static void Row(TextWriter w, string zh, string en, long value)
            => w.Write($"<tr><th><span class=\"zh\">{zh}</span><span class=\"en\">{en}</span></th><td class=\"n\">{value.ToString(CultureInfo.InvariantCulture)}</td></tr>\n");
    }

    private static void Heading(TextWriter w, string id, string zh, string en)
        => w.Write($"<h2 id=\"{id}\"><span class=\"zh\">{Enc(zh)}</span><span class=\"en\">{Enc(en)}</span></h2>\n");

    private static void WriteOverturns(TextWriter w, IReadOnlyList<Appeals.PatternOverturns> rows)
    {
        if (rows.Count == 0)
        {
            w.Write("<p class=\"muted\"><span class=\"zh\">此存储中尚无申诉或复核案件（由 clearwind serve 处理）。</span><span class=\"en\">No appeals or reviews on this store yet (clearwind serve works them).</span></p>\n");
            return;
        }

        w.Write("<table id=\"table-overturns\"><tr><th><span class=\"zh\">模式</span><span class=\"en\">Pattern</span></th>");
        w.Write("<th><span class=\"zh\">申诉</span><span class=\"en\">Appeals</span></th><th><span class=\"zh\">已结</span><span class=\"en\">Resolved</span></th>");
        w.Write("<th><span class=\"zh\">推翻</span><span class=\"en\">Overturned</span></th><th><span class=\"zh\">其中自动复查</span><span class=\"en\">of which by re-check</span></th>");
        w.Write("<th><span class=\"zh\">维持</span><span class=\"en\">Upheld</span></th><th><span class=\"zh\">推翻率</span><span class=\"en\">Overturn rate</span></th>");
        w.Write("<th><span class=\"zh\">否决陪审团</span><span class=\"en\">Overruled the jury</span></th><th><span class=\"zh\">复核 / 驳回</span><span class=\"en\">Reviews / dismissed</span></th></tr>\n");
        foreach (var r in rows)
        {
            var rate = r.OverturnRate is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x * 100:0.0}%") : "–";
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{PatternLabel(r.Pattern)}</td><td class=\"n\">{r.Appeals}</td><td class=\"n\">{r.Resolved}</td><td class=\"n\">{r.Overturned}</td><td class=\"n\">{r.ClearedByRecheck}</td><td class=\"n\">{r.Upheld}</td><td class=\"n\">{rate}</td><td class=\"n\">{r.OverruledJury}</td><td class=\"n\">{r.Reviews} / {r.Dismissed}</td></tr>\n"));
        }

        w.Write("</table>\n");
    }

    private static void Empty(TextWriter w)
        => w.Write("<p class=\"muted\"><span class=\"zh\">无数据。</span><span class=\"en\">No data.</span></p>\n");

    private static void WriteByDay(TextWriter w, IReadOnlyList<Finding> findings, List<string> patterns, Dictionary<string, string> colours)
    {
        if (findings.Count == 0)
        {
            Empty(w);
            return;
        }

        var byDay = new SortedDictionary<DateOnly, Dictionary<string, long>>();
        foreach (var f in findings)
        {
            var day = DateOnly.FromDateTime(f.From.UtcDateTime);
            if (!byDay.TryGetValue(day, out var counts))
            {
                byDay[day] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            counts[f.Pattern] = counts.GetValueOrDefault(f.Pattern) + 1;
        }

        // Every day between the first and last, so gaps show as gaps.
        var days = new List<DateOnly>();
        for (var d = byDay.Keys.First(); d <= byDay.Keys.Last(); d = d.AddDays(1))
        {
            days.Add(d);
        }

        var max = Math.Max(1, byDay.Values.Max(c => c.Values.Sum()));
        const int left = 50, top = 10, plotHeight = 240, bottom = 60;
        var step = Math.Clamp(900 / days.Count, 4, 40);
        var barWidth = Math.Max(2, step * 3 / 4);
        var width = left + (days.Count * step) + 20;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"svg-by-day\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{top + plotHeight + bottom}\" viewBox=\"0 0 {width} {top + plotHeight + bottom}\" role=\"img\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - 10}\" y2=\"{top + plotHeight}\" stroke=\"#999\"/>\n");
        foreach (var tick in new[] { 0, max / 2, max })
        {
            var y = top + plotHeight - (tick * plotHeight / max);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{y + 4}\" text-anchor=\"end\">{tick}</text><line x1=\"{left}\" y1=\"{y}\" x2=\"{width - 10}\" y2=\"{y}\" stroke=\"#eee\"/>\n");
        }

        var labelEvery = Math.Max(1, (days.Count + 14) / 15);
        for (var i = 0; i < days.Count; i++)
        {
            var x = left + (i * step);
            var y = top + plotHeight;
            if (byDay.TryGetValue(days[i], out var counts))
            {
                foreach (var p in patterns)
                {
                    var n = counts.GetValueOrDefault(p);
                    if (n == 0)
                    {
                        continue;
                    }

                    var h = Math.Max(1.0, (double)n * plotHeight / max);
                    y -= (int)Math.Round(h);
                    sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"mark\" x=\"{x}\" y=\"{y}\" width=\"{barWidth}\" height=\"{(int)Math.Round(h)}\" fill=\"{colours[p]}\" data-n=\"{n}\"><title>{days[i]:yyyy-MM-dd} {Enc(p)}: {n}</title></rect>\n");
                }
            }

            if (i % labelEvery == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (barWidth / 2)}\" y=\"{top + plotHeight + 12}\" text-anchor=\"end\" transform=\"rotate(-45 {x + (barWidth / 2)} {top + plotHeight + 12})\">{days[i]:MM-dd}</text>\n");
            }
        }

        sb.Append("</svg>\n");
        w.Write(sb.ToString());
        w.Write("<div class=\"legend\">");
        foreach (var p in patterns)
        {
            w.Write($"<span><i style=\"background:{colours[p]}\"></i>{PatternLabel(p)}</span>");
        }

        w.Write("</div>\n");
    }

    private static void WriteBars(TextWriter w, string id, List<Bar> bars, string colour)
    {
        if (bars.Count == 0 || bars.All(b => b.Value == 0))
        {
            Empty(w);
            return;
        }

        var max = bars.Max(b => b.Value);
        const int labelWidth = 300, barArea = 500, rowHeight = 22;
        var height = (bars.Count * rowHeight) + 10;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barArea + 60}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barArea + 60} {height}\" role=\"img\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = 5 + (i * rowHeight);
            var length = Math.Max(1, (int)Math.Round((double)b.Value * barArea / max));
            var label = b.Zh == b.En
                ? Enc(Truncate(b.En))
                : $"<tspan class=\"zh\">{Enc(Truncate(b.Zh))}</tspan><tspan class=\"en\">{Enc(Truncate(b.En))}</tspan>";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{label}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"mark\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{length}\" height=\"{rowHeight - 6}\" fill=\"{colour}\" data-n=\"{b.Value}\"><title>{Enc(b.En)}: {b.Value}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + length + 4}\" y=\"{y + 14}\">{b.Value}</text>\n");
        }

        sb.Append("</svg>\n");
        w.Write(sb.ToString());
    }

    private static void WriteTable(TextWriter w, string pattern, List<Finding> rows)
    {
        var shown = rows.OrderByDescending(f => f.Severity).ThenByDescending(f => f.Score).ThenBy(f => f.From).ThenBy(f => f.Id, StringComparer.Ordinal)
            .Take(MaxRowsPerPattern).ToList();
        var slug = pattern.Replace('.', '-');
        w.Write($"<h3 id=\"p-{Enc(slug)}\">{PatternLabel(pattern)} <span class=\"muted\">({rows.Count.ToString(CultureInfo.InvariantCulture)})</span></h3>\n");
        w.Write($"<table class=\"findings\" data-pattern=\"{Enc(pattern)}\">\n<thead><tr>");
        foreach (var (zh, en) in new[] { ("对象", "Entity"), ("角色", "Role"), ("分数", "Score"), ("严重程度", "Severity"), ("起止时间（UTC）", "From – to (UTC)"), ("证据", "Evidence") })
        {
            w.Write($"<th><span class=\"zh\">{zh}</span><span class=\"en\">{en}</span></th>");
        }

        w.Write("</tr></thead>\n<tbody>\n");
        foreach (var f in shown)
        {
            var severity = f.Severity.ToString().ToLowerInvariant();
            var evidence = f.Evidence.Count > 0 ? f.Evidence[0] : null;
            w.Write("<tr><td>");
            w.Write(Enc(f.Entity.Type + ":" + f.Entity.Id));
            w.Write("</td><td>");
            w.Write(RoleLabel(f.Role));
            w.Write("</td><td class=\"n\">");
            w.Write(f.Score.ToString("0.00", CultureInfo.InvariantCulture));
            w.Write($"</td><td class=\"sev-{severity}\">");
            w.Write(SeverityLabel(f.Severity));
            w.Write("</td><td>");
            w.Write(f.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " – " + f.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            w.Write("</td><td>");
            if (evidence is not null)
            {
                w.Write($"<span class=\"zh\">{Enc(evidence.In("zh"))}</span><span class=\"en\">{Enc(evidence.Text)}</span>");
            }

            w.Write("</td></tr>\n");
        }

        w.Write("</tbody>\n</table>\n");
        if (rows.Count > shown.Count)
        {
            var more = (rows.Count - shown.Count).ToString(CultureInfo.InvariantCulture);
            w.Write($"<p class=\"more muted\"><span class=\"zh\">… 另有 {more} 条（见 findings.ndjson）</span><span class=\"en\">… and {more} more (see findings.ndjson)</span></p>\n");
        }
    }

    private static string PatternLabel(string pattern)
    {
        return PatternNames.Chinese(pattern) is { } zh
            ? $"<span class=\"zh\">{Enc(pattern)}（{zh}）</span><span class=\"en\">{Enc(pattern)}</span>"
            : Enc(pattern);
    }

    private static string RoleLabel(EntityRole role) => role switch
    {
        EntityRole.Actor => "<span class=\"zh\">行为方</span><span class=\"en\">actor</span>",
        EntityRole.Beneficiary => "<span class=\"zh\">受益方</span><span class=\"en\">beneficiary</span>",
        EntityRole.Victim => "<span class=\"zh\">受害方</span><span class=\"en\">victim</span>",
        _ => Enc(role.ToString()),
    };

    private static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.High => "<span class=\"zh\">高</span><span class=\"en\">high</span>",
        Severity.Medium => "<span class=\"zh\">中</span><span class=\"en\">medium</span>",
        Severity.Low => "<span class=\"zh\">低</span><span class=\"en\">low</span>",
        _ => Enc(severity.ToString()),
    };

    private static string Truncate(string s) => s.Length <= 48 ? s : s[..47] + "…";

    /// <summary>HTML-encodes text for element content and double-quoted attributes.</summary>
    public static string Enc(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsControl(c) && c is not '\n' and not '\t')
                    {
                        sb.Append(' ');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
