using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.image_quality</c> (图片不合格): the main image (<c>images[0]</c>) of a published or edited listing has a short
/// side under <see cref="ImageQualityOptions.MinShortSide"/> pixels (主图尺寸过小), or a long side more than
/// <see cref="ImageQualityOptions.MaxAspectRatio"/> times its short side (a squashed strip). An image without a width and
/// height is not judged. An edit that keeps the same bad size is not reported again; an edit to a good picture ends it.
/// State: the listings whose main image is currently bad, with its size.
/// </summary>
internal sealed class ImageQualityDetector(ImageQualityOptions options) : Detector
{
    public static readonly PatternId Id = new("listing.image_quality");

    private readonly Dictionary<string, (int Width, int Height)> _bad = new(StringComparer.Ordinal);

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
        var tooSmall = shortSide < options.MinShortSide;
        var squashed = ratio > options.MaxAspectRatio;
        if (!tooSmall && !squashed)
        {
            _bad.Remove(listing.Listing);
            return;
        }

        if (_bad.TryGetValue(listing.Listing, out var known) && known == (width, height))
        {
            return;
        }

        _bad[listing.Listing] = (width, height);
        var entity = new EntityRef(EntityTypes.Listing, listing.Listing);
        var problems = new List<string>(2);
        if (tooSmall)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"its short side, {shortSide} px, is under {options.MinShortSide} px (主图尺寸过小)"));
        }

        if (squashed)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"it is {ratio:0.##} times as long as it is wide, more than {options.MaxAspectRatio:0.##} (a strip, not a product picture)"));
        }

        var shop = listing.Shop is null ? "" : " of shop " + listing.Shop;
        var verb = listing is ListingPublished ? "published" : "edited";
        context.Report(new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, listing.Ts),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = 0.9,
            Severity = Severity.Low,
            From = listing.Ts,
            To = listing.Ts,
            Evidence =
            [
                new Evidence(
                    string.Create(CultureInfo.InvariantCulture, $"The main image of listing {listing.Listing}{shop} ({verb} {EvidenceText.Time(listing.Ts)}) is {width} × {height} px: {string.Join("; ", problems)}. Upload a clear picture of at least {options.MinShortSide} × {options.MinShortSide} px."),
                    [listing.Id],
                    new Dictionary<string, double>
                    {
                        ["width"] = width,
                        ["height"] = height,
                        ["min_short_side"] = options.MinShortSide,
                        ["aspect_ratio"] = Math.Round(ratio, 3),
                        ["max_aspect_ratio"] = options.MaxAspectRatio,
                    }),
            ],
            Rule = string.Create(CultureInfo.InvariantCulture, $"a main image whose short side is under {options.MinShortSide} px or whose long side is more than {options.MaxAspectRatio:0.##} times its short side"),
        });
    }
}
