using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// The honest catalogue: companies and their shops (brand owners' official shops, authorised resellers, own-label
/// shops), and listings whose titles, attributes, prices and images agree with each other.
/// </content>
internal sealed partial class MarketWorld
{
    /// <summary>Longest title a seller can publish (30 Chinese characters, as 1688 and Taobao allow).</summary>
    public const int MaxTitleLength = 30;

    /// <summary>Smallest side of an honest main image (the platform asks for at least 600 px; most are 750–1200).</summary>
    public const int MinMainImageSide = 600;

    /// <summary>Above this title similarity (character bigrams, Dice) two listings of one company count as duplicates.</summary>
    public const double DuplicateSimilarity = 0.7;

    private static readonly (int Width, int Height)[] SquareMainSizes =
        [(800, 800), (800, 800), (800, 800), (800, 800), (750, 750), (750, 750), (1000, 1000), (1080, 1080), (1200, 1200), (640, 640)];

    private static readonly (int Width, int Height)[] PortraitMainSizes = [(750, 1000), (800, 1200), (900, 1200)];

    private readonly List<Company> _companies = [];
    private readonly HashSet<string> _companyNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shopNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Company> _brandOwners = new(StringComparer.Ordinal);

    /// <summary>Listings of each company (a shop without a company is its own), with the bigrams of their titles.</summary>
    private readonly Dictionary<string, List<(ListingProfile Listing, int[] Grams)>> _companyListings = new(StringComparer.Ordinal);

    /// <summary>Honest listings whose titles name a second product word (连衣裙长裙).</summary>
    private readonly List<ListingProfile> _twoProductTitles = [];

    /// <summary>The key a listing's company is known by: its company, or the shop itself.</summary>
    public static string CompanyKey(ShopProfile shop) => shop.Company ?? shop.Id;

    /// <summary>Who a new shop is: an official brand shop, a company's shop (reselling brands or not), or an individual's.</summary>
    private ShopIdentity NewShopIdentity(AccountProfile owner)
    {
        var roll = _random.NextDouble();
        if (roll < 0.1 && NewFlagship() is { } flagship)
        {
            return flagship;
        }

        if (roll < 0.4)
        {
            return NewCompanyShop();
        }

        var individualName = owner.Nickname + _random.Pick(["的小店", "的店", "好物", "优选", "小铺"]);
        return new ShopIdentity("individual", null, [], UniqueShopName(individualName, owner.Nickname), PickIndex(Vocabulary.CategoryWeights));
    }

    // A brand owner's official shop (官方旗舰店): one per brand. Some companies own several brands.
    private ShopIdentity? NewFlagship()
    {
        var weights = Vocabulary.Categories
            .Select((c, i) => c.Brands.Any(b => !_brandOwners.ContainsKey(b)) ? Vocabulary.CategoryWeights[i] : 0)
            .ToArray();
        if (weights.All(w => w == 0))
        {
            return null;
        }

        var category = PickIndex(weights);
        var free = Vocabulary.Categories[category].Brands.Where(b => !_brandOwners.ContainsKey(b)).ToList();
        var brand = _random.Pick(free);
        var groups = _companies.Where(c => c.Category == category && c.OwnedBrands.Count > 0 && c.Shops < 4).ToList();
        var company = groups.Count > 0 && _random.Chance(0.2) ? _random.Pick(groups) : NewCompany(category);
        company.OwnedBrands.Add(brand);
        company.Shops++;
        _brandOwners[brand] = company;
        return new ShopIdentity("flagship", company.Name, [brand], UniqueShopName(brand + "官方旗舰店", company.Trade), category);
    }

    // A company's shop: often a second shop of a company that already has one; a brand owner's outlet, an authorised
    // reseller (专营店) or a shop of the company's own unbranded goods.
    private ShopIdentity NewCompanyShop()
    {
        var joinable = _companies.Where(c => c.Shops < 4).ToList();
        var company = joinable.Count > 0 && _random.Chance(0.3) ? _random.Pick(joinable) : NewCompany(PickIndex(Vocabulary.CategoryWeights));
        company.Shops++;
        var category = _random.Chance(0.85) ? company.Category : PickIndex(Vocabulary.CategoryWeights);
        var brands = Vocabulary.Categories[category].Brands;
        var owned = company.OwnedBrands.Where(brands.Contains).ToArray();
        if (owned.Length > 0 && _random.Chance(0.6))
        {
            return new ShopIdentity("enterprise", company.Name, owned, UniqueShopName(owned[0] + _random.Pick(Vocabulary.OwnerOutletSuffixes), company.Trade), category);
        }

        var others = brands.Where(b => !company.OwnedBrands.Contains(b)).ToList();
        if (others.Count > 0 && _random.Chance(0.5))
        {
            _random.Shuffle(CollectionsMarshal.AsSpan(others));
            var resold = others.Take(Math.Min(others.Count, _random.Between(1, 3))).ToArray();
            return new ShopIdentity("enterprise", company.Name, resold, UniqueShopName(resold[0] + _random.Pick(Vocabulary.ResellerSuffixes), company.Trade), category);
        }

        return new ShopIdentity("enterprise", company.Name, [], UniqueShopName(company.Trade + _random.Pick(Vocabulary.CompanyShopSuffixes), company.Trade), category);
    }

    private Company NewCompany(int category)
    {
        var kinds = Vocabulary.Categories[category].CompanyKinds;
        for (var attempt = 0; ; attempt++)
        {
            var trade = _random.Pick(Vocabulary.CompanyWords);
            if (attempt >= 8)
            {
                trade += _random.Pick(Vocabulary.CompanyWords);
            }

            var name = _random.Pick(Vocabulary.Cities) + trade + _random.Pick(kinds);
            if (_companyNames.Add(name))
            {
                var company = new Company(name, trade, category);
                _companies.Add(company);
                return company;
            }
        }
    }

    private string UniqueShopName(string name, string prefix)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = attempt == 0 ? name : attempt == 1 ? prefix + name : string.Create(CultureInfo.InvariantCulture, $"{prefix}{name}{attempt}");
            if (_shopNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>A new honest listing of a shop. Its title names only its own attribute values and its shop's brands.</summary>
    private ListingProfile NewHonestListing(ShopProfile shop, int number, ImageRef? banner, List<(ListingProfile Listing, int[] Grams)> siblings)
    {
        var mainShare = shop.Tier == "flagship" ? 1.0 : shop.Brands.Count > 0 ? 0.9 : shop.Tier == "enterprise" ? 0.8 : 0.7;
        Category category = null!;
        string product = "";
        string? brand = null;
        Dictionary<string, string> attributes = null!;
        string title = "";
        int[] grams = [];
        var companion = false;
        for (var attempt = 0; attempt < 24; attempt++)
        {
            var index = _random.Chance(mainShare) ? shop.MainCategory : PickIndex(Vocabulary.CategoryWeights);
            category = Vocabulary.Categories[index];
            brand = index == shop.MainCategory && shop.Brands.Count > 0 && (shop.Tier == "flagship" || _random.Chance(0.85)) ? _random.Pick(shop.Brands) : null;
            product = _random.Pick(category.Products);
            attributes = HonestAttributes(_random, category, product, brand);
            companion = category.Companions.ContainsKey(product) && _random.Chance(0.1);
            title = TitleSegment.Join(ComposeTitle(_random, category, product, brand, attributes, companion));
            grams = TitleGrams(title);

            // An honest seller keeps each of its listings recognisably different (1688: at most 70% alike).
            if (!LooksDuplicated(siblings, product, attributes, grams))
            {
                break;
            }
        }

        var listing = new ListingProfile
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"l{number:D7}"),
            Shop = shop,
            Category = category,
            PublishedAt = shop.OpensAt + _random.NextTicks(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30)),
            Product = product,
            Title = title,
            Price = MakePrice(_random, category, product),
            Brand = brand,
            Attributes = attributes,
            Images = HonestImages(category, banner, siblings),
            Description = MakeDescription(_random, category, product, attributes, _random.Chance(0.04) ? _random.Pick(Vocabulary.CommonWordSentences) : null),
            ParcelGrams = (int)_random.NextLogNormal(category.ParcelGrams, 0.3),
        };
        siblings.Add((listing, grams));
        if (companion)
        {
            _twoProductTitles.Add(listing);
        }

        return listing;
    }

    /// <summary>Whether a listing would look like a duplicate of one of its company's listings.</summary>
    private static bool LooksDuplicated(List<(ListingProfile Listing, int[] Grams)> siblings, string product, IReadOnlyDictionary<string, string> attributes, int[] grams, ListingProfile? self = null)
    {
        foreach (var (other, otherGrams) in siblings)
        {
            if (other != self && (other.Product == product || SameAttributes(other.Attributes, attributes)) && Dice(grams, otherGrams) > DuplicateSimilarity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An honest seller's edit: mostly a new price, sometimes a new title, description or main photo.</summary>
    public static void EditHonestly(Random random, ListingProfile listing)
    {
        var changed = false;
        if (random.Chance(0.75))
        {
            listing.Price = random.Chance(0.5)
                ? Math.Max(0.05m, Math.Round(listing.Price * (decimal)random.NextLogNormal(1, 0.1), listing.Price < 1 ? 2 : 1))
                : MakePrice(random, listing.Category, listing.Product);
            changed = true;
        }

        if (random.Chance(0.3) || !changed)
        {
            listing.Title = Retitle(random, listing);
        }

        if (random.Chance(0.08))
        {
            listing.Description = MakeDescription(random, listing.Category, listing.Product, listing.Attributes, null);
        }

        if (random.Chance(0.06))
        {
            var main = listing.Images[0];
            listing.Images = [main with { Hash = random.NextHex16() }, .. listing.Images.Skip(1)];
        }
    }

    /// <summary>Attributes of an honest listing: one value each, the key attribute among the product's own values.</summary>
    public static Dictionary<string, string> HonestAttributes(Random random, Category category, string product, string? brand)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in category.Attributes)
        {
            var choices = name == category.KeyAttribute ? category.KeyValuesOf(product) : values;
            if (choices.Length > 0)
            {
                attributes[name] = random.Pick(choices);
            }
        }

        if (brand is not null)
        {
            attributes[Vocabulary.Brand] = brand;
        }

        return attributes;
    }

    /// <summary>
    /// An honest title: [brand] [marketing words] [style, key value, features] product [second product word] [gender]
    /// [the phone model it fits] [a spec], at most <see cref="MaxTitleLength"/> characters. Style and key words are the
    /// listing's own attribute values; no piece repeats another.
    /// </summary>
    public static List<TitleSegment> ComposeTitle(Random random, Category category, string product, string? brand, IReadOnlyDictionary<string, string> attributes, bool companion)
    {
        var segments = new List<TitleSegment>(12);
        void Add(TitlePart part, string text)
        {
            foreach (var s in segments)
            {
                if (s.Text.Contains(text, StringComparison.Ordinal) || text.Contains(s.Text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            segments.Add(new TitleSegment(part, text));
        }

        if (brand is not null)
        {
            Add(TitlePart.Brand, brand);
        }

        var marketing = random.NextDouble() switch { < 0.15 => 0, < 0.7 => 1, _ => 2 };
        for (var i = 0; i < marketing; i++)
        {
            Add(TitlePart.Marketing, random.Pick(Vocabulary.TitleWords));
        }

        string? gender = attributes.TryGetValue(Vocabulary.Gender, out var g) && Vocabulary.GenderWords.TryGetValue(g, out var words) ? random.Pick(words) : null;
        if (gender is not null && gender.Length > 1 && random.Chance(0.3))
        {
            Add(TitlePart.Gender, gender);
            gender = null;
        }

        var modifiers = new List<TitleSegment>(4);
        if (attributes.TryGetValue(Vocabulary.Style, out var style) && random.Chance(0.55))
        {
            modifiers.Add(new TitleSegment(TitlePart.Style, style));
        }

        var features = random.NextDouble() switch { < 0.15 => 0, < 0.75 => 1, _ => 2 };
        for (var i = 0; i < features && category.Features.Count > 0; i++)
        {
            modifiers.Add(new TitleSegment(TitlePart.Feature, random.Pick(category.Features)));
        }

        random.Shuffle(CollectionsMarshal.AsSpan(modifiers));
        if (category.KeyAttribute is { } key && attributes.TryGetValue(key, out var keyValue) && random.Chance(0.6))
        {
            // The key word mostly sits right before the product (真丝连衣裙, 石英手表, 云南红茶).
            modifiers.Insert(random.Chance(0.7) ? modifiers.Count : 0, new TitleSegment(TitlePart.Key, keyValue));
        }

        foreach (var m in modifiers)
        {
            Add(m.Part, m.Text);
        }

        Add(TitlePart.Product, product);
        if (companion && category.Companions.TryGetValue(product, out var second))
        {
            Add(TitlePart.Companion, second);
        }

        if (gender is not null)
        {
            Add(TitlePart.Gender, gender);
        }

        if (category.CompatibleProducts.Contains(product) && random.Chance(0.35))
        {
            Add(TitlePart.Compatible, "适用" + NewModel(random));
        }

        if (random.Chance(0.4))
        {
            var specs = attributes.Where(a => a.Key != category.KeyAttribute && a.Key is not Vocabulary.Style and not Vocabulary.Gender and not Vocabulary.Brand).ToList();
            if (specs.Count > 0)
            {
                var colour = specs.FindIndex(a => a.Key == "颜色");
                Add(TitlePart.Spec, (colour >= 0 && random.Chance(0.7) ? specs[colour] : random.Pick(specs)).Value);
            }
        }

        Fit(segments, MaxTitleLength);
        return segments;
    }

    /// <summary>Drops optional pieces (marketing, spec, features, style, model) until the title fits; never <paramref name="keep"/>.</summary>
    public static void Fit(List<TitleSegment> segments, int max, TitlePart? keep = null)
    {
        TitlePart[] order =
        [
            TitlePart.Marketing, TitlePart.Spec, TitlePart.Feature, TitlePart.Compatible, TitlePart.Style, TitlePart.Marketing, TitlePart.Feature,
            TitlePart.Gender, TitlePart.Key,
        ];
        foreach (var part in order)
        {
            if (TitleSegment.Length(segments) <= max)
            {
                return;
            }

            if (part == keep)
            {
                continue;
            }

            var i = segments.FindLastIndex(s => s.Part == part);
            if (i >= 0)
            {
                segments.RemoveAt(i);
            }
        }
    }

    /// <summary>A phone model (invented series): X20, Note12, Mate40.</summary>
    public static string NewModel(Random random)
    {
        var series = random.Pick(Vocabulary.ModelSeries);
        var number = series.Length > 1 ? random.Between(8, 60) : random.Between(5, 70);
        return series + number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A price drawn log-normally around the product's median, rounded as sellers price things.</summary>
    public static decimal MakePrice(Random random, Category category, string product)
    {
        // Log-normal, truncated at three spreads: no honest seller asks a twentieth or twenty times the going price.
        var median = category.MedianPriceOf(product);
        var spread = category.PriceSpread;
        return RoundPrice(random, median * Math.Exp(spread * Math.Clamp(random.NextGaussian(), -3, 3)));
    }

    private static decimal RoundPrice(Random random, double value)
    {
        value = Math.Clamp(value, 0.05, 50_000);
        if (value >= 20)
        {
            return Math.Floor((decimal)value) + PriceEndings[random.Next(PriceEndings.Length)];
        }

        return value >= 1 ? Math.Round((decimal)value, 1) : Math.Max(0.05m, Math.Round((decimal)value, 2));
    }

    /// <summary>A description: the product, its key attribute, selling points and shipping, sometimes one more line.</summary>
    public static string MakeDescription(Random random, Category category, string product, IReadOnlyDictionary<string, string> attributes, string? extra)
    {
        var parts = new List<string>(6) { product };
        if (category.KeyAttribute is { } key && attributes.TryGetValue(key, out var value))
        {
            parts.Add(key switch
            {
                "机芯类型" => value + "机芯",
                "产地" => "产地" + value,
                "功效" => "主打" + value,
                _ => random.Chance(0.5) ? "选用" + value : value + "材质",
            });
        }

        var a = random.Pick(Vocabulary.SellingPoints);
        var b = random.Pick(Vocabulary.SellingPoints);
        parts.Add(a);
        if (a != b)
        {
            parts.Add(b);
        }

        var text = string.Join('，', parts) + "。" + random.Pick(Vocabulary.ShippingNotes) + "。";
        return extra is null ? text : text + extra + "。";
    }

    /// <summary>Main image (sometimes a re-shot of a sibling's: close hash) and detail images (sometimes the shop's banner).</summary>
    private List<ImageRef> HonestImages(Category category, ImageRef? banner, List<(ListingProfile Listing, int[] Grams)> siblings)
    {
        var portrait = category.Has(Vocabulary.Gender) && category.Name != "钟表" && _random.Chance(0.25);
        var (width, height) = portrait ? _random.Pick(PortraitMainSizes) : _random.Pick(SquareMainSizes);

        // The same studio and backdrop give a shop's photos of different products hashes a few bits closer than chance.
        var hash = siblings.Count > 0 && _random.Chance(0.05)
            ? FlipBits(_random, siblings[_random.Next(siblings.Count)].Listing.Images[0].Hash!, _random.Between(9, 16))
            : _random.NextHex16();
        var images = new List<ImageRef>(5) { new(hash, width, height) };
        var details = _random.Between(2, 4);
        for (var d = 0; d < details; d++)
        {
            images.Add(banner is not null && d == details - 1 && _random.Chance(0.5)
                ? banner
                : new ImageRef(_random.NextHex16(), 750, 50 * _random.Between(20, 32)));
        }

        return images;
    }

    /// <summary>A 64-bit hash (16 hex digits) with <paramref name="bits"/> distinct bits flipped.</summary>
    public static string FlipBits(Random random, string hash, int bits)
    {
        var value = ulong.Parse(hash, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var flipped = 0UL;
        while (ulong.PopCount(flipped) < (ulong)bits)
        {
            flipped |= 1UL << random.Next(64);
        }

        return (value ^ flipped).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>Distinct character bigrams of a title, sorted.</summary>
    public static int[] TitleGrams(string title)
    {
        if (title.Length < 2)
        {
            return [];
        }

        var grams = new int[title.Length - 1];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = (title[i] << 16) | title[i + 1];
        }

        Array.Sort(grams);
        var n = 1;
        for (var i = 1; i < grams.Length; i++)
        {
            if (grams[i] != grams[n - 1])
            {
                grams[n++] = grams[i];
            }
        }

        return grams[..n];
    }

    /// <summary>Dice similarity of two sorted bigram sets.</summary>
    public static double Dice(int[] a, int[] b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (a.Length + b.Length);
    }

    public static double TitleSimilarity(string a, string b) => Dice(TitleGrams(a), TitleGrams(b));

    private static bool SameAttributes(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, value) in a)
        {
            if (!b.TryGetValue(name, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Who a shop is (decided before the shop exists).</summary>
    private readonly record struct ShopIdentity(string Tier, string? Company, string[] Brands, string Name, int MainCategory);

    /// <summary>A company: it may own brands and several shops.</summary>
    private sealed class Company(string name, string trade, int category)
    {
        public string Name { get; } = name;

        /// <summary>The trade name its shops carry.</summary>
        public string Trade { get; } = trade;

        public int Category { get; } = category;

        public List<string> OwnedBrands { get; } = [];

        public int Shops { get; set; }
    }
}
