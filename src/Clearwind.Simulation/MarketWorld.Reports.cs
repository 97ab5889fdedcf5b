using System.Globalization;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Seller reports (举报, SPEC §2.6, seed 000). Every report is deliberately valid (a link, a screenshot, a named policy,
/// a target on this platform that really cheats) or invalid for one of the reasons seed 000 gives (screenshot
/// without a link, no policy named, an account on another platform). Some sellers keep filing invalid reports
/// against one competitor (harassment); others report often and well.
/// </content>
internal sealed partial class MarketWorld
{
    private const string Site = "https://market.example/";

    private readonly List<ReportPlan> _reports = [];

    /// <summary>The reports, filled by <see cref="PlanReportScenarios"/> once account ids exist.</summary>
    private List<ReportPlan> PlanReports() => _reports;

    partial void PlanReportScenarios()
    {
        var drafts = new List<ReportPlan>();
        var cheats = ReportableCheats();
        PlanHarassment(drafts);
        PlanValidReports(drafts, cheats);
        PlanDiligentReporters(drafts, cheats);
        PlanSloppyReports(drafts, cheats);

        // Ids follow filing time, so an id says nothing about what a report is.
        var ordered = drafts.Where(d => d.At < EndTicks).OrderBy(d => d.At).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var report = ordered[i] with { Id = string.Create(CultureInfo.InvariantCulture, $"r{i + 1:D5}") };
            _reports.Add(report);
            if (report.Defect == ReportDefect.None)
            {
                Labels.HardNegative("valid_report", EntityTypes.Report, () => report.Id, "reports");
            }
            else
            {
                var scenario = report.Defect switch
                {
                    ReportDefect.ScreenshotOnly => "report_screenshot_only",
                    ReportDefect.NoPolicy => "report_no_policy",
                    _ => "report_cross_platform",
                };
                Labels.Entity("reports.invalid", EntityTypes.Report, () => report.Id, "actor", scenario);
            }
        }
    }

    /// <summary>Cheating that other sellers can see and report, with what it is and when it could first be noticed.</summary>
    private List<Cheat> ReportableCheats()
    {
        var cheats = new List<Cheat>();
        foreach (var plan in Brushing)
        {
            var seen = plan.Start + plan.Duration;
            if (seen + (3 * Hour) >= EndTicks)
            {
                continue;
            }

            cheats.Add(new Cheat(new EntityRef(EntityTypes.Shop, plan.Shop.Id), "order_brushing", plan.Shop.MainCategory, plan.Listing, plan.Start, seen));
            foreach (var brusher in plan.Brushers)
            {
                cheats.Add(new Cheat(new EntityRef(EntityTypes.Account, brusher.Id), "order_brushing", plan.Shop.MainCategory, plan.Listing, plan.Start, seen));
            }
        }

        return cheats;
    }

    /// <summary>Competitors report cheating they noticed, with everything a reviewer needs.</summary>
    private void PlanValidReports(List<ReportPlan> drafts, List<Cheat> cheats)
    {
        if (cheats.Count == 0)
        {
            return;
        }

        for (var k = 0; k < Options.Scaled(10); k++)
        {
            var cheat = _random.Pick(cheats);
            var reporter = Competitor(cheat.Category);
            if (reporter is null)
            {
                return;
            }

            drafts.Add(ValidReport(reporter.Owner, cheat, ReportTime(cheat.Seen)));
        }
    }

    /// <summary>Sellers who report a lot, nearly always well (once without the link, filed again properly).</summary>
    private void PlanDiligentReporters(List<ReportPlan> drafts, List<Cheat> cheats)
    {
        if (cheats.Count == 0)
        {
            return;
        }

        for (var k = 0; k < Options.Scaled(2); k++)
        {
            var shop = Competitor(-1);
            if (shop is null)
            {
                return;
            }

            Claim(shop, "diligent_reporter");
            var reporter = shop.Owner;
            var targets = cheats.OrderBy(_ => _random.Next()).DistinctBy(c => c.Target).Take(_random.Between(3, 5)).ToList();
            var sloppy = _random.Next(targets.Count);
            for (var i = 0; i < targets.Count; i++)
            {
                var at = ReportTime(targets[i].Seen);
                if (i == sloppy)
                {
                    // Filed in a hurry without the link; filed again, properly, later.
                    var hurried = ValidReport(reporter, targets[i], at);
                    drafts.Add(hurried with { Evidence = [.. hurried.Evidence.Where(e => e.Kind != "link")], Defect = ReportDefect.ScreenshotOnly });
                    if (at + (2 * Hour) >= EndTicks)
                    {
                        continue;
                    }

                    at = TimeOfDayWithin(at + (2 * Hour), Math.Min(EndTicks, at + Day));
                }

                drafts.Add(ValidReport(reporter, targets[i], at));
            }

            Labels.HardNegative("diligent_reporter", EntityTypes.Account, () => reporter.Id, "reports");
        }
    }

    /// <summary>One-off reports that cannot be acted on: right or wrong about the target, the evidence is not enough.</summary>
    private void PlanSloppyReports(List<ReportPlan> drafts, List<Cheat> cheats)
    {
        for (var k = 0; k < Options.Scaled(10); k++)
        {
            var shop = Competitor(-1);
            if (shop is null)
            {
                return;
            }

            var reports = _random.Chance(0.2) ? 2 : 1;
            for (var r = 0; r < reports; r++)
            {
                var roll = _random.NextDouble();
                var defect = roll < 0.4 ? ReportDefect.ScreenshotOnly : roll < 0.7 ? ReportDefect.NoPolicy : ReportDefect.CrossPlatform;
                drafts.Add(defect == ReportDefect.CrossPlatform ? CrossPlatformReport(shop.Owner) : SloppyReport(shop, cheats, defect));
            }
        }
    }

    /// <summary>A seller who keeps reporting a competitor with nothing behind it (恶意举报).</summary>
    private void PlanHarassment(List<ReportPlan> drafts)
    {
        for (var k = 0; k < Options.Scaled(3); k++)
        {
            var harasser = Competitor(-1);
            if (harasser is null)
            {
                return;
            }

            Claim(harasser, "report_harassment");
            var rival = Competitor(harasser.MainCategory) ?? Competitor(-1);
            if (rival is null)
            {
                return;
            }

            Claim(rival, "report_harassment");
            var reporter = harasser.Owner;
            var screenshots = Enumerable.Range(0, _random.Between(2, 4)).Select(_ => _random.NextHex16()).ToArray();
            var count = _random.Between(5, 8);
            for (var i = 0; i < count; i++)
            {
                var at = (_random.Next(Options.Days) * Day) + _random.NextTicks(TimeSpan.FromHours(8), TimeSpan.FromHours(24));
                at = Math.Clamp(at, 2 * Hour, EndTicks - Minute);
                var roll = _random.NextDouble();
                var target = roll < 0.4
                    ? new EntityRef(EntityTypes.Shop, rival.Id)
                    : roll < 0.85
                        ? new EntityRef(EntityTypes.Listing, Listings[rival.FirstListing + _random.Next(Math.Min(3, rival.ListingCount))].Id)
                        : new EntityRef(EntityTypes.Account, rival.Owner.Id);

                // The same few screenshots come back again and again; a link to the target only when no policy is named.
                var vague = _random.Chance(0.45);
                var evidence = new List<ReportEvidencePlan>();
                if (vague)
                {
                    evidence.Add(new ReportEvidencePlan("link", Link(target), Before(at, TimeSpan.FromMinutes(2), TimeSpan.FromHours(3))));
                }

                evidence.Add(new ReportEvidencePlan("screenshot", _random.Pick(screenshots), Before(at, TimeSpan.FromMinutes(5), TimeSpan.FromDays(2))));
                var reason = vague ? (_random.Chance(0.6) ? null : "other") : _random.Pick(["counterfeit", "order_brushing", "stolen_image", "fake_reviews"]);
                var description = reason is null or "other"
                    ? _random.Pick(_random.Chance(0.5) ? Vocabulary.HarassmentDescriptions : Vocabulary.VagueReportDescriptions)
                    : _random.Pick(Vocabulary.ReportWords(reason, target.Type == EntityTypes.Account ? EntityTypes.Shop : target.Type));
                drafts.Add(new ReportPlan("", reporter, target, null, reason, description, evidence, at, vague ? ReportDefect.NoPolicy : ReportDefect.ScreenshotOnly));
            }

            Labels.Entity("reports.abuse", EntityTypes.Account, () => reporter.Id, "actor", "report_harassment");
            Labels.Victim("reports.abuse", EntityTypes.Shop, () => rival.Id, "report_harassment");
        }
    }

    private ReportPlan ValidReport(AccountProfile reporter, Cheat cheat, long at)
    {
        var evidence = new List<ReportEvidencePlan>
        {
            new("link", Link(cheat.Target), Before(at, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2))),
        };
        var shots = _random.Between(1, 3);
        for (var i = 0; i < shots; i++)
        {
            evidence.Add(new ReportEvidencePlan("screenshot", _random.NextHex16(), cheat.From + _random.NextInt64(Math.Max(1, at - cheat.From))));
        }

        if (_random.Chance(0.5))
        {
            evidence.Add(new ReportEvidencePlan("text", _random.Pick(Vocabulary.BoughtReviews), cheat.Seen + _random.NextInt64(Math.Max(1, at - cheat.Seen))));
        }

        if (_random.Chance(0.6))
        {
            evidence.Add(new ReportEvidencePlan("listing", cheat.Listing.Id, cheat.From));
        }

        evidence.Sort((a, b) => a.At.CompareTo(b.At));
        var description = _random.Pick(Vocabulary.ReportWords(cheat.Reason, cheat.Target.Type));
        return new ReportPlan("", reporter, cheat.Target, null, cheat.Reason, description, evidence, at, ReportDefect.None);
    }

    /// <summary>A report about something on this platform that is missing its link or names no policy.</summary>
    private ReportPlan SloppyReport(ShopProfile reporter, List<Cheat> cheats, ReportDefect defect)
    {
        var at = (_random.Next(Options.Days) * Day) + _random.NextTicks(TimeSpan.FromHours(9), TimeSpan.FromHours(23));
        EntityRef target;
        string reason;
        if (cheats.Count > 0 && _random.Chance(0.5))
        {
            // Right about the target, short on evidence.
            var cheat = _random.Pick(cheats);
            at = ReportTime(cheat.Seen);
            target = cheat.Target;
            reason = cheat.Reason;
        }
        else if (_random.Chance(0.5))
        {
            // A buyer the seller suspects after a bad experience.
            var active = ActiveBuyers(Math.Max(Hour, at - Day));
            target = new EntityRef(EntityTypes.Account, Buyers[_random.Next(Math.Max(1, active))].Id);
            reason = _random.Pick(["fake_reviews", "malicious_orders"]);
        }
        else
        {
            // Another shop's listing the seller believes copies theirs.
            var other = _random.Pick(Shops.Where(s => s.OpensAt < Hour && s != reporter).ToList());
            target = new EntityRef(EntityTypes.Listing, Listings[other.FirstListing + _random.Next(other.ListingCount)].Id);
            reason = "stolen_image";
        }

        at = Math.Clamp(at, Math.Max(2 * Hour, reporter.OpensAt + Hour), EndTicks - Minute);
        var evidence = new List<ReportEvidencePlan>();
        if (defect == ReportDefect.NoPolicy)
        {
            evidence.Add(new ReportEvidencePlan("link", Link(target), Before(at, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2))));
        }

        var shots = _random.Between(1, 3);
        for (var i = 0; i < shots; i++)
        {
            evidence.Add(new ReportEvidencePlan("screenshot", _random.NextHex16(), Before(at, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1))));
        }

        if (_random.Chance(0.4))
        {
            evidence.Add(new ReportEvidencePlan("text", _random.Pick(Vocabulary.NegativeReviews), Before(at, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1))));
        }

        evidence.Sort((a, b) => a.At.CompareTo(b.At));
        var description = defect == ReportDefect.NoPolicy
            ? _random.Pick(Vocabulary.VagueReportDescriptions)
            : _random.Pick(Vocabulary.ReportWords(reason, target.Type));
        return new ReportPlan("", reporter.Owner, target, null, defect == ReportDefect.NoPolicy ? (_random.Chance(0.6) ? null : "other") : reason,
            description, evidence, at, defect);
    }

    /// <summary>A report about an account on another platform: complete, but not something this platform can act on.</summary>
    private ReportPlan CrossPlatformReport(AccountProfile reporter)
    {
        var (platform, link, prefix) = _random.Pick(Vocabulary.OtherPlatforms);
        var (reason, description) = _random.Pick(Vocabulary.CrossPlatformReports);
        var id = prefix + _random.NextHex16();
        var at = Math.Clamp((_random.Next(Options.Days) * Day) + _random.NextTicks(TimeSpan.FromHours(9), TimeSpan.FromHours(23)), 2 * Hour, EndTicks - Minute);
        var evidence = new List<ReportEvidencePlan>
        {
            new("screenshot", _random.NextHex16(), Before(at, TimeSpan.FromMinutes(10), TimeSpan.FromDays(2))),
            new("link", link + id, Before(at, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1))),
        };
        return new ReportPlan("", reporter, new EntityRef(EntityTypes.Account, id), platform, reason, description, evidence, at, ReportDefect.CrossPlatform);
    }

    /// <summary>An honest seller, of the given main category when possible (-1: any), that no scenario uses yet.</summary>
    private ShopProfile? Competitor(int category)
    {
        var shops = UnclaimedShops();
        var same = shops.Where(s => s.MainCategory == category).ToList();
        return same.Count > 0 ? _random.Pick(same) : shops.Count > 0 ? _random.Pick(shops) : null;
    }

    /// <summary>When a seller reports what they noticed at <paramref name="seen"/>: an hour to two days later, in waking hours, within the run.</summary>
    private long ReportTime(long seen) => TimeOfDayWithin(seen + Hour, Math.Min(EndTicks, seen + (2 * Day)));

    /// <summary>A moment between <paramref name="min"/> and <paramref name="max"/> before <paramref name="at"/>, never in the setup hour.</summary>
    private long Before(long at, TimeSpan min, TimeSpan max) => Math.Max(Hour, at - _random.NextTicks(min, max));

    private static string Link(EntityRef target) => Site + target.Type + "/" + target.Id;

    /// <summary>Cheating a competitor can report: the entity, the policy it breaks, from when it could be seen.</summary>
    private sealed record Cheat(EntityRef Target, string Reason, int Category, ListingProfile Listing, long From, long Seen);
}
