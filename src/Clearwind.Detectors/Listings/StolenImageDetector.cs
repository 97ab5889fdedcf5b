using System.Globalization;
using System.Numerics;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.stolen_image</c> (盗图): a listing's main image is, within <see cref="StolenImageOptions.MaxDistance"/> bits of
/// 64-bit perceptual hash, the main image of another company's listing that showed it earlier. The copier's listing is the
/// actor; the earliest listing with the picture is the original and is named as the victim (it is never flagged). Honest
/// look-alikes are let through: the earliest holder belongs to the copier's own company (its shops share their photos); the
/// copier's listing declares the brand the original declares and its shop is authorised for that brand (a reseller
/// showing the brand's photo; a shop authorised for the brand that puts its photo on another product is not let through);
/// the picture is already used by <see cref="StolenImageOptions.StockImageCompanies"/> other companies (a stock picture).
/// Lookup is multi-index hashing: the hash is cut into <c>MaxDistance + 1</c> bands, and two hashes within
/// <c>MaxDistance</c> bits agree exactly on at least one band (pigeonhole), so only entries sharing a band are compared.
/// A new main image of the listing's own clears the finding (reported again with the fix and <see cref="Finding.ClearedAt"/>).
/// State: one entry per listing's current main image, replaced images for <see cref="StolenImageOptions.RetainDays"/>, and
/// the open finding of each listing showing a stolen picture.
/// </summary>
internal sealed class StolenImageDetector : Detector
{
    public static readonly PatternId Id = new("listing.stolen_image");

    private readonly StolenImageOptions _options;
    private readonly (int Shift, ulong Mask)[] _bands;
    private readonly long _retainTicks;
    private readonly Dictionary<long, List<Entry>> _index = [];
    private readonly Dictionary<string, Entry> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _listingShops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Company, HashSet<string> Brands)> _shops = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _retired = new();
    private readonly Dictionary<string, Finding> _open = new(StringComparer.Ordinal);
    private long _sequence;

    public StolenImageDetector(StolenImageOptions options)
    {
        _options = options;
        _retainTicks = TimeSpan.FromDays(options.RetainDays).Ticks;
        var count = options.MaxDistance + 1;
        _bands = new (int, ulong)[count];
        var shift = 0;
        for (var b = 0; b < count; b++)
        {
            var width = (64 - shift) / (count - b);
            _bands[b] = (shift, width == 64 ? ulong.MaxValue : (1UL << width) - 1);
            shift += width;
        }
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingEvent));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ShopOpened shop:
                _shops[shop.Shop] = (shop.Company, new HashSet<string>(shop.Brands ?? [], StringComparer.Ordinal));
                break;
            case ListingEvent listing:
                Consider(listing, context);
                break;
        }
    }

    private void Consider(ListingEvent listing, DetectionContext context)
    {
        Forget(listing.Ts.UtcTicks);
        if (listing.Shop is { } shopId)
        {
            _listingShops[listing.Listing] = shopId;
        }

        if (listing.Images is not { Count: > 0 } images || !TryParse(images[0].Hash, out var hash))
        {
            return;
        }

        _current.TryGetValue(listing.Listing, out var previous);
        if (previous is not null && previous.Hash == hash)
        {
            previous.Brand = listing.Brand ?? previous.Brand;
            return;
        }

        var shop = _listingShops.GetValueOrDefault(listing.Listing);
        var company = CompanyOf(shop, listing.Listing);
        var now = listing.Ts.UtcTicks;
        var matches = Matches(hash, now);
        if (matches.Count > 0 && Judge(listing, hash, shop, company, matches) is { } finding)
        {
            context.Report(finding);
            _open[listing.Listing] = finding;
        }
        else if (_open.Remove(listing.Listing, out var stolen))
        {
            // A picture of its own replaced the stolen one: the finding is reported again, cleared.
            context.Report(stolen with
            {
                Severity = Severity.Low,
                ClearedAt = listing.Ts,
                Evidence =
                [
                    .. stolen.Evidence,
                    new Evidence(
                        string.Create(CultureInfo.InvariantCulture, $"Fixed at {EvidenceText.Time(listing.Ts)}: the listing's new main image is not another company's picture."),
                        string.Create(CultureInfo.InvariantCulture, $"已于 {EvidenceText.Time(listing.Ts)} 修正：该商品的新主图不再是其他公司的图片。"),
                        [listing.Id],
                        new Dictionary<string, double> { ["stolen_images_left"] = 0 }),
                ],
            });
        }

        if (previous is not null)
        {
            previous.RetiredTicks = now;
            _retired.Enqueue(previous);
        }

        var entry = new Entry(hash, listing.Listing, shop, company, now, listing.Id, _sequence++) { Brand = listing.Brand ?? previous?.Brand };
        _current[listing.Listing] = entry;
        for (var b = 0; b < _bands.Length; b++)
        {
            var key = BandKey(b, hash);
            if (!_index.TryGetValue(key, out var bucket))
            {
                _index[key] = bucket = [];
            }

            bucket.Add(entry);
        }
    }

    private Finding? Judge(ListingEvent listing, ulong hash, string? shop, string company, List<Entry> matches)
    {
        var original = matches.MinBy(m => (m.FirstTicks, m.Sequence))!;
        if (string.Equals(original.Company, company, StringComparison.Ordinal))
        {
            return null; // the company's own picture, reused across its listings and shops
        }

        var companies = matches.Select(m => m.Company).Where(c => !string.Equals(c, company, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
        if (companies >= _options.StockImageCompanies)
        {
            return null; // a stock picture many unrelated companies use
        }

        var ownBrand = listing.Brand ?? _current.GetValueOrDefault(listing.Listing)?.Brand;
        if (original.Brand is { } brand && string.Equals(ownBrand, brand, StringComparison.Ordinal)
            && shop is not null && _shops.TryGetValue(shop, out var info) && info.Brands.Contains(brand))
        {
            return null; // an authorised reseller showing the brand's photo on a listing of that brand
        }

        var distance = BitOperations.PopCount(hash ^ original.Hash);
        var score = distance == 0 ? 0.95 : 0.9;
        var entity = new EntityRef(EntityTypes.Listing, listing.Listing);
        var when = new DateTimeOffset(original.FirstTicks, TimeSpan.Zero);
        var days = TimeSpan.FromTicks(listing.Ts.UtcTicks - original.FirstTicks).TotalDays;
        var how = distance == 0 ? "is the same picture as" : string.Create(CultureInfo.InvariantCulture, $"differs in {distance} of 64 perceptual-hash bits from");
        var verb = listing is ListingPublished ? "published" : "changed";
        var ownShop = shop is null ? "" : " of shop " + shop;
        var theirShop = original.Shop is null ? "" : " of shop " + original.Shop;
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, listing.Ts),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = score,
            Severity = Severity.Medium,
            From = listing.Ts,
            To = listing.Ts,
            Related = [new RelatedEntity(EntityTypes.Listing, original.Listing, EntityRole.Victim)],
            Evidence =
            [
                new Evidence(
                    string.Create(CultureInfo.InvariantCulture, $"The main image of listing {listing.Listing}{ownShop} ({verb} {EvidenceText.Time(listing.Ts)}) {how} the main image listing {original.Listing}{theirShop}, another company, showed from {EvidenceText.Time(when)} ({days:0.#} days earlier). Replace it with a photo of your own goods."),
                    string.Create(CultureInfo.InvariantCulture, $"{(shop is null ? "" : "店铺 " + shop + " 的")}商品 {listing.Listing} 的主图（{(listing is ListingPublished ? "发布" : "更换")}于 {EvidenceText.Time(listing.Ts)}）与另一家公司{(original.Shop is null ? "" : "（店铺 " + original.Shop + "）")}的商品 {original.Listing} 自 {EvidenceText.Time(when)} 起（早 {days:0.#} 天）使用的主图{(distance == 0 ? "是同一张图片" : string.Create(CultureInfo.InvariantCulture, $"在 64 位感知哈希中仅相差 {distance} 位"))}。请换成自己商品的实拍图。"),
                    [original.EventId, listing.Id],
                    new Dictionary<string, double>
                    {
                        ["distance_bits"] = distance,
                        ["max_distance_bits"] = _options.MaxDistance,
                        ["days_earlier"] = Math.Round(days, 2),
                        ["other_companies_using_it"] = companies,
                    }),
            ],
            Rule = string.Create(CultureInfo.InvariantCulture, $"a main image within {_options.MaxDistance} of 64 perceptual-hash bits of another company's earlier main image, the picture not used by {_options.StockImageCompanies} or more other companies and not a listing of the original's brand by a shop authorised for it"),
        };
    }

    /// <summary>
    /// Entries within the distance whose picture appeared strictly before now, the listing's own earlier pictures included:
    /// an original that swaps in a re-encoded copy of its own photo is still the first to show it.
    /// </summary>
    private List<Entry> Matches(ulong hash, long now)
    {
        var found = new List<Entry>();
        var seen = new HashSet<Entry>(ReferenceEqualityComparer.Instance);
        for (var b = 0; b < _bands.Length; b++)
        {
            if (!_index.TryGetValue(BandKey(b, hash), out var bucket))
            {
                continue;
            }

            foreach (var entry in bucket)
            {
                if (entry.FirstTicks < now && BitOperations.PopCount(hash ^ entry.Hash) <= _options.MaxDistance && seen.Add(entry))
                {
                    found.Add(entry);
                }
            }
        }

        return found;
    }

    /// <summary>Drops replaced images that stopped being shown more than <see cref="StolenImageOptions.RetainDays"/> ago.</summary>
    private void Forget(long now)
    {
        while (_retired.TryPeek(out var entry) && entry.RetiredTicks + _retainTicks < now)
        {
            _retired.Dequeue();
            for (var b = 0; b < _bands.Length; b++)
            {
                var key = BandKey(b, entry.Hash);
                if (_index.TryGetValue(key, out var bucket))
                {
                    bucket.Remove(entry);
                    if (bucket.Count == 0)
                    {
                        _index.Remove(key);
                    }
                }
            }
        }
    }

    private long BandKey(int band, ulong hash)
    {
        var (shift, mask) = _bands[band];
        return ((long)band << 59) ^ (long)((hash >> shift) & mask);
    }

    private string CompanyOf(string? shop, string listing)
        => shop is null ? "listing:" + listing
            : _shops.TryGetValue(shop, out var info) && info.Company is { Length: > 0 } company ? "company:" + company
            : "shop:" + shop;

    private static bool TryParse(string? hex, out ulong hash)
    {
        hash = 0;
        return hex is { Length: > 0 and <= 16 } && ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
    }

    private sealed class Entry(ulong hash, string listing, string? shop, string company, long firstTicks, string eventId, long sequence)
    {
        public ulong Hash { get; } = hash;

        public string Listing { get; } = listing;

        public string? Shop { get; } = shop;

        public string Company { get; } = company;

        public long FirstTicks { get; } = firstTicks;

        public string EventId { get; } = eventId;

        public long Sequence { get; } = sequence;

        public string? Brand { get; set; }

        public long RetiredTicks { get; set; }
    }
}
