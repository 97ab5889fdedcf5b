using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.image_quality</c> (图片不合格): the main image (<c>images[0]</c>) of a published or edited listing has a short
/// side under <see cref="ImageQualityOptions.MinShortSide"/> pixels (主图尺寸过小), or a long side more than
/// <see cref="ImageQualityOptions.MaxAspectRatio"/> times its short side (a squashed strip). An image without a width and
/// height is not judged. An edit that keeps the same bad size is not reported again; an edit to a good picture clears the finding
/// (it is reported again with the fix and <see cref="Finding.ClearedAt"/>).
/// State: the listings whose main image is currently bad, with its size.
/// </summary>
internal sealed class ImageQualityDetector(ImageQualityOptions options) : Detector
{
    public static readonly PatternId Id = new("listing.image_quality");

    private readonly Dictionary<string, BadImage> _bad = new(StringComparer.Ordinal);

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingEvent));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ListingEvent { Images: { Count: > 0 } images } listing || images[0] is not { Width: { } width, Height: { } height } || width <= 0 || height <= 0)
        {
            return;
        }

        var shortSide = Math.Min(width, height);
        var ratio = (double)Math.Max(width, height) / shortSide;
        if (shortSide >= options.MinShortSide && ratio <= options.MaxAspectRatio)
        {
            // A good picture fixes the listing: its finding is reported again, cleared.
            if (_bad.Remove(listing.Listing, out var fixedImage))
            {
                context.Report(ToFinding(fixedImage with { FixedBy = listing }));
            }

            return;
        }

        if (_bad.TryGetValue(listing.Listing, out var known) && known.Width == width && known.Height == height)
        {
            return;
        }

        var bad = new BadImage(listing, width, height);
        _bad[listing.Listing] = bad;
        context.Report(ToFinding(bad));
    }

    private static IEnumerable<string> ProblemsZh(int shortSide, double ratio, ImageQualityOptions options)
    {
        if (shortSide < options.MinShortSide)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"短边 {shortSide} 像素，小于 {options.MinShortSide} 像素（主图尺寸过小）");
        }

        if (ratio > options.MaxAspectRatio)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"长边是短边的 {ratio:0.##} 倍，超过 {options.MaxAspectRatio:0.##} 倍（是长条图，不是商品图）");
        }
    }

    private Finding ToFinding(BadImage bad)
    {
        var (listing, width, height) = (bad.Seen, bad.Width, bad.Height);
        var shortSide = Math.Min(width, height);
        var ratio = (double)Math.Max(width, height) / shortSide;
        var entity = new EntityRef(EntityTypes.Listing, listing.Listing);
        var problems = new List<string>(2);
        if (shortSide < options.MinShortSide)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"its short side, {shortSide} px, is under {options.MinShortSide} px (主图尺寸过小)"));
        }

        if (ratio > options.MaxAspectRatio)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"it is {ratio:0.##} times as long as it is wide, more than {options.MaxAspectRatio:0.##} (a strip, not a product picture)"));
        }

        var shop = listing.Shop is null ? "" : " of shop " + listing.Shop;
        var verb = listing is ListingPublished ? "published" : "edited";
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture, $"The main image of listing {listing.Listing}{shop} ({verb} {EvidenceText.Time(listing.Ts)}) is {width} × {height} px: {string.Join("; ", problems)}. Upload a clear picture of at least {options.MinShortSide} × {options.MinShortSide} px."),
                string.Create(CultureInfo.InvariantCulture, $"{(listing.Shop is null ? "" : "店铺 " + listing.Shop + " 的")}商品 {listing.Listing} 的主图（{(listing is ListingPublished ? "发布" : "编辑")}于 {EvidenceText.Time(listing.Ts)}）为 {width} × {height} 像素：{string.Join("；", ProblemsZh(shortSide, ratio, options))}。请上传至少 {options.MinShortSide} × {options.MinShortSide} 像素的清晰图片。"),
                [listing.Id],
                new Dictionary<string, double>
                {
                    ["width"] = width,
                    ["height"] = height,
                    ["min_short_side"] = options.MinShortSide,
                    ["aspect_ratio"] = Math.Round(ratio, 3),
                    ["max_aspect_ratio"] = options.MaxAspectRatio,
                }),
        };
        if (bad.FixedBy is { } fix)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Fixed at {EvidenceText.Time(fix.Ts)}: the new main image meets the rule."),
                string.Create(CultureInfo.InvariantCulture, $"已于 {EvidenceText.Time(fix.Ts)} 修正：新主图符合规则。"),
                [fix.Id],
                new Dictionary<string, double> { ["bad_images_left"] = 0 }));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, listing.Ts),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = 0.9,
            Severity = Severity.Low,
            From = listing.Ts,
            To = listing.Ts,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture, $"a main image whose short side is under {options.MinShortSide} px or whose long side is more than {options.MaxAspectRatio:0.##} times its short side"),
            ClearedAt = bad.FixedBy?.Ts,
        };
    }

    /// <summary>The event that showed a listing's bad main image, its size and, once replaced, the edit that fixed it.</summary>
    private sealed record BadImage(ListingEvent Seen, int Width, int Height)
    {
        public ListingEvent? FixedBy { get; init; }
    }
}
