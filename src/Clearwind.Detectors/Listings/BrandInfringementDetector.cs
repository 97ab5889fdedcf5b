using System.Globalization;
using Clearwind.Accounts;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.brand_infringement</c> (SPEC §2.4): a listing whose title names a brand its shop is not authorised for.
/// Brands and authorisations are learned from <c>shop.opened</c> by the accounts family's <see cref="BrandBook"/> and
/// titles are compared by <see cref="Confusables"/> skeleton. Authorised resellers and the brand's own shops are
/// authorised, so their titles never fire. The listing is the actor. As for <c>listing.banned_words</c>, an edit
/// that removes every unauthorised brand re-reports the finding as fixed and closes the case.
/// </summary>
internal sealed class BrandInfringementDetector : Detector
{
    public static readonly PatternId Id = new("listing.brand_infringement");

    private const int MaxEventIds = 20;

    private readonly BrandInfringementOptions _options;
    private readonly BrandBook _brands;
    private readonly ListingOffences<ListingCase> _cases;

    public BrandInfringementDetector(BrandInfringementOptions options)
    {
        _options = options;
        _brands = new BrandBook(options.MinBrandLength);
        _cases = new ListingOffences<ListingCase>(TimeSpan.FromDays(options.RetentionDays));
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ShopOpened shop:
                _brands.LearnShop(shop.Shop, shop.Brands, e.Id);
                break;
            case ListingEvent listing when listing.Title is not null:
                // A brand a listing declares is a brand too, even before any shop authorised for it has opened.
                _brands.LearnBrand(listing.Brand);
                Judge(listing, context);
                break;
        }
    }

    public override void Sweep(DetectionContext context) => _cases.Forget(context.Now.UtcTicks);

    private void Judge(ListingEvent listing, DetectionContext context)
    {
        var open = _cases.Find(listing.Listing);
        var authorised = listing.Shop is null ? [] : _brands.AuthorisedFor(listing.Shop);
        var brands = _brands.Find(Confusables.Skeleton(listing.Title))
            .Select(f => f.Brand)
            .Where(b => !authorised.Contains(b.Skeleton, StringComparer.Ordinal))
            .DistinctBy(b => b.Skeleton)
            .ToList();
        if (brands.Count == 0)
        {
            if (_cases.Close(listing) is { } fixedCase)
            {
                context.Report(ToFinding(listing.Listing, fixedCase));
            }

            return;
        }

        open ??= _cases.Open(listing.Listing, new ListingCase(listing.Ts.UtcTicks));
        open.Offended(listing, MaxEventIds);
        open.Title = listing.Title!;
        open.Copy |= _options.CopyWords.Any(w => listing.Title!.Contains(w, StringComparison.OrdinalIgnoreCase));
        foreach (var brand in brands)
        {
            if (!open.Brands.Any(b => b.Skeleton == brand.Skeleton))
            {
                open.Brands.Add(brand);
            }
        }

        context.Report(ToFinding(listing.Listing, open));
    }

    private Finding ToFinding(string listing, ListingCase open)
    {
        var entity = new EntityRef(EntityTypes.Listing, listing);
        var from = new DateTimeOffset(open.FromTicks, TimeSpan.Zero);

        // To stays at the last offending event even after a fix: the policy makes a decision effective at To.
        var to = new DateTimeOffset(open.LastTicks, TimeSpan.Zero);
        var names = string.Join("、", open.Brands.Select(b => b.Name));
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Listing {listing}{(open.Shop is null ? "" : " of shop " + open.Shop)} names brand(s) {names} in its title \"{open.Title}\" since {EvidenceText.Time(from)}; the shop is not authorised for them{(open.Copy ? " and the title calls the goods a copy" : "")}."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{(open.Shop is null ? "" : "店铺 " + open.Shop + " 的")}商品 {listing} 自 {EvidenceText.Time(from)} 起在标题“{open.Title}”中使用了品牌 {names}，但该店铺未获得这些品牌的授权{(open.Copy ? "，且标题称商品为仿品" : "")}。"),
                [.. open.EventIds],
                new Dictionary<string, double>
                {
                    ["brands"] = open.Brands.Count,
                    ["authorised_shops"] = open.Brands.Sum(b => b.Shops),
                    ["copy_words"] = open.Copy ? 1 : 0,
                }),
        };
        if (open.FixEvidence("every unauthorised brand from the title", "从标题中删除了所有未获授权的品牌", "brands_left") is { } fixedBy)
        {
            evidence.Add(fixedBy);
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = open.Copy ? _options.CopyScore : _options.BrandScore,
            Severity = open.Fix is not null ? Severity.Low : open.Copy ? Severity.High : Severity.Medium,
            ClearedAt = open.ClearedAt,
            From = from,
            To = to,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"title contains (by confusables skeleton) a brand of {_options.MinBrandLength}+ characters that shops declare in shop.opened, and the listing's shop is not authorised for it"),
        };
    }

    private sealed class ListingCase(long fromTicks) : ListingOffence(fromTicks)
    {
        public string Title { get; set; } = "";

        public bool Copy { get; set; }

        public List<BrandEntry> Brands { get; } = [];
    }
}
