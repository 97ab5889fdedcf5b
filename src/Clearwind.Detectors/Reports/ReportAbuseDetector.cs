using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Reports;

/// <summary>
/// <c>reports.abuse</c> (恶意举报): a reporter who keeps filing reports that cannot be acted on against one rival. Reports
/// are grouped by the rival they aim at (the shop behind a reported listing or owner account, else the reported
/// entity). Once a reporter passes the thresholds the rival has an open case: one finding, the rival as the
/// <c>victim</c>, the harassing accounts as related actors and their invalid reports as related items, reported again
/// as the case grows. A case closes after <see cref="ReportAbuseOptions.LookbackDays"/> without a report against the rival.
/// </summary>
internal sealed class ReportAbuseDetector : Detector
{
    public static readonly PatternId Id = new("reports.abuse");

    private readonly ReportAbuseOptions _options;
    private readonly ReportCheck _check;
    private readonly ReportTargets _targets = new();
    private readonly long _lookbackTicks;
    private readonly Dictionary<EntityRef, Rival> _rivals = [];

    public ReportAbuseDetector(ReportAbuseOptions options)
    {
        _options = options;
        _check = new ReportCheck(options);
        _lookbackTicks = TimeSpan.FromDays(options.LookbackDays).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ReportFiled), typeof(ListingEvent), typeof(ShopOpened));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (_targets.Observe(e) || e is not ReportFiled report)
        {
            return;
        }

        var defects = _check.Judge(report);
        if (report.Target is not { Id.Length: > 0 } target || defects.HasFlag(ReportDefects.CrossPlatform))
        {
            return; // Aimed at nobody on this marketplace.
        }

        var now = report.Ts.UtcTicks;
        var victim = _targets.ShopOf(target) is { } shop ? new EntityRef(EntityTypes.Shop, shop) : target;
        if (!_rivals.TryGetValue(victim, out var rival))
        {
            _rivals[victim] = rival = new Rival(victim);
        }

        var screenshots = (report.Evidence ?? []).Where(x => string.Equals(x.Kind, "screenshot", StringComparison.OrdinalIgnoreCase) && x.Value is { Length: > 0 })
            .Select(x => x.Value!).ToArray();
        rival.Filings.Add(new Filing(report.Reporter, report.Report, report.Id, now, defects, screenshots));
        rival.LastAt = now;
        Trim(rival, now);

        var own = rival.Filings.Where(f => f.Reporter == report.Reporter && now - f.At <= _lookbackTicks).ToList();
        var invalid = own.Count(f => f.Defects != ReportDefects.None);
        if (invalid >= _options.MinInvalidReports && (double)invalid / own.Count >= _options.MinInvalidShare && rival.Harassers.Add(report.Reporter))
        {
            var first = own.Where(f => f.Defects != ReportDefects.None).Min(f => f.At);
            rival.CaseId ??= Finding.MakeId(Id.Value, victim, new DateTimeOffset(first, TimeSpan.Zero));
            rival.CaseFrom = rival.CaseFrom is { } from ? Math.Min(from, first) : first;
        }

        if (rival.Harassers.Contains(report.Reporter))
        {
            context.Report(ToFinding(rival));
        }
    }

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        List<EntityRef>? quiet = null;
        foreach (var (victim, rival) in _rivals)
        {
            if (now - rival.LastAt > _lookbackTicks)
            {
                (quiet ??= []).Add(victim);
            }
        }

        foreach (var victim in quiet ?? [])
        {
            _rivals.Remove(victim);
        }
    }

    public override void Complete(DetectionContext context)
    {
        _rivals.Clear();
        _targets.Clear();
    }

    /// <summary>Forgets filings older than the lookback, except a harasser's filings of the open case (its evidence).</summary>
    private void Trim(Rival rival, long now)
        => rival.Filings.RemoveAll(f => now - f.At > _lookbackTicks && !(rival.Harassers.Contains(f.Reporter) && f.At >= rival.CaseFrom));

    private Finding ToFinding(Rival rival)
    {
        var caseFrom = rival.CaseFrom!.Value;
        var filings = rival.Filings.Where(f => rival.Harassers.Contains(f.Reporter) && f.At >= caseFrom).OrderBy(f => f.At).ToList();
        var invalid = filings.Where(f => f.Defects != ReportDefects.None).ToList();
        var from = new DateTimeOffset(caseFrom, TimeSpan.Zero);
        var to = new DateTimeOffset(filings.Max(f => f.At), TimeSpan.Zero);
        var victim = rival.Victim;
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} {rival.Harassers.Count} account(s) filed {invalid.Count} reports against {victim.Type} {victim.Id} (its page, listings or owner) that could not be acted on. They are set aside and count for nothing against it."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{rival.Harassers.Count} 个账号针对{EntityTypes.Chinese(victim.Type)} {victim.Id}（其页面、商品或所有者）提交了 {invalid.Count} 条无法处理的举报。这些举报已被搁置，不会对其产生任何不利影响。"),
                [.. invalid.Take(_options.MaxEvidenceEvents).Select(f => f.EventId)],
                new Dictionary<string, double>
                {
                    ["harassing_accounts"] = rival.Harassers.Count,
                    ["reports"] = filings.Count,
                    ["invalid_reports"] = invalid.Count,
                    ["min_invalid_reports"] = _options.MinInvalidReports,
                }),
        };

        var score = 0.0;
        var severity = Severity.Medium;
        foreach (var reporter in rival.Harassers.Order(StringComparer.Ordinal))
        {
            var own = filings.Where(f => f.Reporter == reporter).ToList();
            var bad = own.Where(f => f.Defects != ReportDefects.None).ToList();
            var share = (double)bad.Count / own.Count;
            var repeated = own.SelectMany(f => f.Screenshots.Distinct(StringComparer.Ordinal)).GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Sum(g => g.Count());
            int Count(ReportDefects d) => bad.Count(f => f.Defects.HasFlag(d));

            // Confidence grows with each report filed with nothing behind it, and falls with the share of sound ones.
            score = Math.Max(score, Math.Min(0.95, 0.35 + (0.1 * bad.Count)) * share);
            if (bad.Count >= 2 * _options.MinInvalidReports)
            {
                severity = Severity.High;
            }

            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"Account {reporter} filed {own.Count} report(s) against {victim.Type} {victim.Id} between {EvidenceText.Time(new DateTimeOffset(own[0].At, TimeSpan.Zero))} and {EvidenceText.Time(new DateTimeOffset(own[^1].At, TimeSpan.Zero))}; {bad.Count} could not be acted on ({Count(ReportDefects.MissingLink)} without a link, {Count(ReportDefects.Vague)} naming no policy), and the same screenshots came back {repeated} time(s)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"账号 {reporter} 在 {EvidenceText.Time(new DateTimeOffset(own[0].At, TimeSpan.Zero))} 至 {EvidenceText.Time(new DateTimeOffset(own[^1].At, TimeSpan.Zero))} 期间针对{EntityTypes.Chinese(victim.Type)} {victim.Id} 提交了 {own.Count} 条举报；其中 {bad.Count} 条无法处理（{Count(ReportDefects.MissingLink)} 条没有链接，{Count(ReportDefects.Vague)} 条未指明规则），相同截图重复出现 {repeated} 次。"),
                [.. own.Take(_options.MaxEvidenceEvents).Select(f => f.EventId)],
                new Dictionary<string, double>
                {
                    ["reports"] = own.Count,
                    ["invalid_reports"] = bad.Count,
                    ["invalid_share"] = Math.Round(share, 4),
                    ["missing_link"] = Count(ReportDefects.MissingLink),
                    ["vague"] = Count(ReportDefects.Vague),
                    ["repeated_screenshots"] = repeated,
                }));
        }

        var related = new List<RelatedEntity>();
        related.AddRange(rival.Harassers.Order(StringComparer.Ordinal).Select(r => new RelatedEntity(EntityTypes.Account, r, EntityRole.Actor)));
        related.AddRange(invalid.Select(f => new RelatedEntity(EntityTypes.Report, f.Report, EntityRole.Actor)));
        return new Finding
        {
            Id = rival.CaseId!, // Fixed when the case opens: a harasser joining with older reports moves from, not the id.
            Pattern = Id.Value,
            Entity = victim,
            Role = EntityRole.Victim,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related = related,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"reports.abuse: one account files {_options.MinInvalidReports} or more reports that cannot be acted on against the same rival within {_options.LookbackDays} days, and they are at least {_options.MinInvalidShare:0.##} of its reports against that rival"),
        };
    }

    private sealed record Filing(string Reporter, string Report, string EventId, long At, ReportDefects Defects, string[] Screenshots);

    private sealed class Rival(EntityRef victim)
    {
        public EntityRef Victim { get; } = victim;

        public List<Filing> Filings { get; } = [];

        public SortedSet<string> Harassers { get; } = new(StringComparer.Ordinal);

        public long LastAt { get; set; }

        public long? CaseFrom { get; set; }

        public string? CaseId { get; set; }
    }
}
