using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.banned_words</c> (极限词, SPEC §2.4): absolute and extreme advertising claims in a listing's title or
/// description (最好, 全网最低价, 销量第一, 国家级, 极品, 超级, 唯一, 绝对, 完美, 百分百纯天然 …), found in one Aho–Corasick pass
/// per text (<see cref="BannedWordsMatcher"/>). The listing alone is the actor (the words are the listing's; its shop is named in the evidence, and the demotion
/// notice reaches it through the listing). One finding per
/// offence: a <c>listing.updated</c> that keeps claims grows the same finding; one that removes them all re-reports the
/// finding with the fix as its last evidence and closes the case, and a later relapse opens a new finding.
/// </summary>
internal sealed class BannedWordsDetector : Detector
{
    public static readonly PatternId Id = new("listing.banned_words");

    private const int MaxEventIds = 20;

    private readonly BannedWordsOptions _options;
    private readonly BannedWordsMatcher _matcher;
    private readonly HashSet<string> _context;
    private readonly ListingOffences<ListingCase> _cases;

    public BannedWordsDetector(BannedWordsOptions options)
    {
        _options = options;
        var ordinary = options.OrdinaryNext.Select(e => e.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        _matcher = new BannedWordsMatcher(options.Words.Concat(options.ContextWords), ordinary);
        _context = options.ContextWords.Select(BannedWordsMatcher.Fold).Except(options.Words.Select(BannedWordsMatcher.Fold)).ToHashSet(StringComparer.Ordinal);
        _cases = new ListingOffences<ListingCase>(TimeSpan.FromDays(options.RetentionDays));
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ListingEvent listing)
        {
            return;
        }

        var open = _cases.Find(listing.Listing);

        // A field an edit leaves out is unchanged.
        var titleWords = listing.Title is null ? open?.TitleWords ?? [] : _matcher.Find(listing.Title);
        var descriptionWords = listing.Description is null ? open?.DescriptionWords ?? [] : _matcher.Find(listing.Description);
        var claims = titleWords.Concat(descriptionWords).Where(w => !_context.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        if (claims.Count == 0)
        {
            if (_cases.Close(listing) is { } fixedCase)
            {
                context.Report(ToFinding(listing.Listing, fixedCase));
            }

            return;
        }

        open ??= _cases.Open(listing.Listing, new ListingCase(e.Ts.UtcTicks));
        open.Offended(listing, MaxEventIds);
        open.TitleWords = titleWords;
        open.DescriptionWords = descriptionWords;
        foreach (var claim in claims)
        {
            if (!open.Claims.Contains(claim, StringComparer.Ordinal))
            {
                open.Claims.Add(claim);
            }
        }

        context.Report(ToFinding(listing.Listing, open));
    }

    public override void Sweep(DetectionContext context) => _cases.Forget(context.Now.UtcTicks);

    private Finding ToFinding(string listing, ListingCase open)
    {
        var entity = new EntityRef(EntityTypes.Listing, listing);
        var from = new DateTimeOffset(open.FromTicks, TimeSpan.Zero);
        // To stays at the last offending event even after a fix: the policy makes a decision effective at To.
        var to = new DateTimeOffset(open.LastTicks, TimeSpan.Zero);
        var claims = open.Claims.Count;
        var score = 1 - Math.Pow(1 - _options.PerClaimScore, claims);
        var inTitle = open.TitleWords.Where(w => !_context.Contains(w)).ToList();
        var inDescription = open.DescriptionWords.Where(w => !_context.Contains(w)).ToList();
        var alongside = open.TitleWords.Concat(open.DescriptionWords).Where(_context.Contains).Distinct(StringComparer.Ordinal).ToList();
        var where = (inTitle.Count > 0, inDescription.Count > 0) switch
        {
            (true, true) => "title and description",
            (true, false) => "title",
            _ => "description",
        };
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Listing {listing}{(open.Shop is null ? "" : " of shop " + open.Shop)} makes {claims} extreme advertising claim(s) (极限词) in its {where} since {EvidenceText.Time(from)}: {string.Join("、", open.Claims)}.");
        if (alongside.Count > 0)
        {
            text += " Alongside: " + string.Join("、", alongside) + ".";
        }

        var textZh = string.Create(CultureInfo.InvariantCulture,
            $"{(open.Shop is null ? "" : "店铺 " + open.Shop + " 的")}商品 {listing} 自 {EvidenceText.Time(from)} 起在{(inTitle.Count > 0, inDescription.Count > 0) switch { (true, true) => "标题和描述", (true, false) => "标题", _ => "描述" }}中使用了 {claims} 个极限词：{string.Join("、", open.Claims)}。")
            + (alongside.Count > 0 ? "同时出现：" + string.Join("、", alongside) + "。" : "");
        var evidence = new List<Evidence>
        {
            new(text, textZh, [.. open.EventIds], new Dictionary<string, double>
            {
                ["claims"] = claims,
                ["claims_in_title"] = inTitle.Count,
                ["claims_in_description"] = inDescription.Count,
            }),
        };
        if (open.FixEvidence("every claim", "删除了所有极限词", "claims_left") is { } fixedBy)
        {
            evidence.Add(fixedBy);
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(score, 4),
            Severity = open.Fix is null ? Severity.Medium : Severity.Low,
            ClearedAt = open.ClearedAt,
            From = from,
            To = to,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"title or description contains an extreme advertising word ({_options.Words.Length} listed; 最 and 第一 only outside ordinary words such as 最近, 第一次; context words alone never fire); score 1 − (1 − {_options.PerClaimScore:0.##})^claims"),
        };
    }

    private sealed class ListingCase(long fromTicks) : ListingOffence(fromTicks)
    {
        public List<string> TitleWords { get; set; } = [];

        public List<string> DescriptionWords { get; set; } = [];

        public List<string> Claims { get; } = [];
    }
}
