using System.Globalization;
using System.Runtime.InteropServices;
using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>
/// Listing cheating under the 1688 search rules (seed 002, SPEC §2.4), and the honest listings that resemble it.
/// Cheating listings are ordinary listings of ordinary shops that a seller filled in dishonestly; some sellers are
/// sloppy and break several rules, some fix a listing after a while (<c>listing.updated</c>).
/// </content>
/// <remarks>
/// Main images carry only a perceptual hash and a size, so of the image faults 1688 names (主图尺寸过小, 小图拼接,
/// 文字牛皮癣) only the size can be seen: the simulation injects main images that are too small or squashed, and
/// no collage or text-covered image, which a hash and a size cannot show.
/// </remarks>
internal sealed partial class MarketWorld
{
    private const string ListingFamily = "listing";
    private const string StolenImageVictim = "stolen_image_victim";

    // Categories a seller plausibly mistakes for one another, and those whose goods overlap (never a wrong category).
    private static readonly Dictionary<string, string[]> NearCategories = new(StringComparer.Ordinal)
    {
        ["女装/连衣裙"] = ["男装"],
        ["男装"] = ["女装/连衣裙"],
        ["手机数码"] = ["家用电器"],
        ["家用电器"] = ["手机数码"],
        ["鞋靴"] = ["箱包"],
        ["箱包"] = ["鞋靴"],
        ["钟表"] = ["手机数码"],
        ["美妆个护"] = ["母婴用品"],
    };

    private static readonly (string, string)[] OverlappingCategories =
    [
        ("运动户外", "鞋靴"), ("运动户外", "箱包"), ("运动户外", "男装"), ("运动户外", "女装/连衣裙"), ("家居日用", "床上用品"),
        ("家居日用", "母婴用品"), ("家居日用", "家用电器"), ("手机数码", "钟表"),
    ];

    private static readonly (int Width, int Height)[] ResizedMainSizes = [(750, 750), (800, 800), (700, 700), (1000, 1000)];

    private readonly List<ListingEdit> _listingEdits = [];
    private List<ShopProfile> _listingCheatShops = [];
    private List<ShopProfile> _sloppyShops = [];
    private HashSet<ListingProfile> _busyListings = [];

    /// <summary>Planned listing edits, by time.</summary>
    public IReadOnlyList<ListingEdit> ListingEdits => _listingEdits;

    partial void PlanListingCheats()
    {
        _busyListings = [.. Brushing.Select(p => p.Listing), .. FlashSales.Select(f => f.Listing)];
        _listingCheatShops = [.. Shops.Where(s => s.Scenario is null && !s.RunsFlashSale)];
        if (_listingCheatShops.Count == 0)
        {
            return;
        }

        // A few sellers are sloppy and break several rules; the rest of the cheating is spread thinly.
        var sloppy = new List<ShopProfile>(_listingCheatShops);
        _random.Shuffle(CollectionsMarshal.AsSpan(sloppy));
        _sloppyShops = sloppy.Take(Math.Min(sloppy.Count, Options.Scaled(40))).ToList();

        PlanDuplicates();
        PlanTitleStuffing();
        PlanWrongCategories();
        PlanFakePrices();
        PlanTitleAttributeMismatches();
        PlanImageQuality();
        PlanStolenImages();
        PlanBannedWords();
        PlanBrandInfringement();
        PlanSimilarTitlesAcrossCompanies();
        PlanSharedWordsWithinCompanies();
        LabelUnauthorisedBrandWords();
        LabelHonestListingLookAlikes();

        var ordered = _listingEdits.OrderBy(e => e.At).ToList();
        _listingEdits.Clear();
        _listingEdits.AddRange(ordered);
    }

    // 重复铺货: one company publishes the same product several times, in one shop or across its shops. Near-identical
    // copies are heavy duplicates; reworded copies that still share the photo or every attribute are light ones.
    private void PlanDuplicates()
    {
        var multiShop = _listingCheatShops.Where(s => s.Company is not null).GroupBy(s => s.Company!, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2).Select(g => g.ToList()).ToList();
        var groups = Options.Scaled(30);
        for (var g = 0; g < groups; g++)
        {
            var heavy = _random.Chance(0.45);
            var across = multiShop.Count > 0 && _random.Chance(0.45);
            var variant = (heavy ? "duplicate_heavy" : "duplicate_light") + (across ? "_across_shops" : "_same_shop");
            var shops = across ? _random.Pick(multiShop) : [_random.Chance(0.5) ? _random.Pick(_sloppyShops) : _random.Pick(_listingCheatShops)];
            var sourceShop = _random.Pick(shops);
            bool Stocks(ShopProfile shop, string? brand) => brand is null || shop.Brands.Contains(brand);
            var source = FreeListingOf(sourceShop, l => !across || shops.Any(s => s != sourceShop && Stocks(s, l.Brand)));
            if (source is null)
            {
                continue;
            }

            var targets = new List<ListingProfile>();
            var copies = heavy ? _random.Between(1, 3) : _random.Between(1, 2);
            for (var c = 0; c < copies; c++)
            {
                var candidates = shops.Where(s => Stocks(s, source.Brand) && (!across || c > 0 || s != sourceShop)).ToList();
                var target = candidates.Count == 0 ? null : FreeListingOf(_random.Pick(candidates), l => l != source && !targets.Contains(l));
                if (target is not null)
                {
                    targets.Add(target);
                }
            }

            if (targets.Count == 0)
            {
                continue;
            }

            var segments = ComposeTitle(_random, source.Category, source.Product, source.Brand, source.Attributes, companion: false);
            source.Title = TitleSegment.Join(segments);
            foreach (var target in targets)
            {
                CopyListing(source, target, segments, heavy);
            }

            // A light duplicate is sometimes made a different product later; the rest of its group stays as it was.
            var first = targets[0];
            var fixedLater = !heavy && PlanFix(first, 0.25, content => DifferentProduct(first, content));
            foreach (var member in targets.Prepend(source))
            {
                Finish("listing.duplicate", member, variant, fixedLater && member == first);
            }
        }
    }

    private void CopyListing(ListingProfile source, ListingProfile target, List<TitleSegment> segments, bool heavy)
    {
        target.Category = source.Category;
        target.Product = source.Product;
        target.Brand = source.Brand;
        target.Attributes = new Dictionary<string, string>(source.Attributes, StringComparer.Ordinal);
        target.ParcelGrams = source.ParcelGrams;
        var main = source.Images[0];
        if (heavy)
        {
            target.Title = _random.Chance(0.6) ? source.Title : Reworded(segments, source.Title, 0.85, 1.0);
            target.Images = [_random.Chance(0.7) ? main : main with { Hash = FlipBits(_random, main.Hash!, 1) }, .. source.Images.Skip(1)];
            target.Price = _random.Chance(0.7) ? source.Price : Math.Max(0.01m, source.Price + _random.Pick([-1m, 1m, -0.1m, 0.1m]));
            target.Description = source.Description;
            return;
        }

        target.Title = Reworded(segments, source.Title, DuplicateSimilarity + 0.02, 0.95);
        var sharedPhoto = _random.Chance(0.55);
        var (width, height) = _random.Pick(SquareMainSizes);
        var ownMain = sharedPhoto
            ? main with { Hash = _random.Chance(0.5) ? main.Hash : FlipBits(_random, main.Hash!, _random.Between(1, 2)) }
            : new ImageRef(_random.NextHex16(), width, height);
        target.Images = [ownMain, .. source.Images.Skip(1)];
        target.Price = RoundPrice(_random, (double)source.Price * (0.85 + (0.3 * _random.NextDouble())));
        target.Description = _random.Chance(0.5) ? source.Description : MakeDescription(_random, source.Category, source.Product, source.Attributes, null);
    }

    /// <summary>The same title pieces reordered and reworded, as alike to the original as asked.</summary>
    private string Reworded(List<TitleSegment> segments, string original, double min, double max)
    {
        var grams = TitleGrams(original);
        var best = original;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var copy = new List<TitleSegment>(segments);
            var changes = _random.Between(1, 3);
            for (var c = 0; c < changes; c++)
            {
                switch (_random.Next(4))
                {
                    case 0:
                        var marketing = copy.FindIndex(s => s.Part == TitlePart.Marketing);
                        var word = new TitleSegment(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords));
                        if (copy.Any(s => s.Text.Contains(word.Text, StringComparison.Ordinal) || word.Text.Contains(s.Text, StringComparison.Ordinal)))
                        {
                            break;
                        }

                        if (marketing >= 0)
                        {
                            copy[marketing] = word;
                        }
                        else
                        {
                            copy.Insert(copy.Count > 0 && copy[0].Part == TitlePart.Brand ? 1 : 0, word);
                        }

                        break;
                    case 1:
                        var modifiers = copy.Select((s, i) => (s, i)).Where(x => x.s.Part is TitlePart.Style or TitlePart.Feature or TitlePart.Key).ToList();
                        if (modifiers.Count >= 2)
                        {
                            var (a, b) = (_random.Pick(modifiers), _random.Pick(modifiers));
                            (copy[a.i], copy[b.i]) = (copy[b.i], copy[a.i]);
                        }

                        break;
                    case 2:
                        var optional = copy.FindLastIndex(s => s.Part is TitlePart.Feature or TitlePart.Spec or TitlePart.Marketing);
                        if (optional >= 0 && copy.Count > 3)
                        {
                            copy.RemoveAt(optional);
                        }

                        break;
                    default:
                        var product = copy.FindIndex(s => s.Part == TitlePart.Product);
                        var head = copy.Take(product).ToList();
                        if (head.Count >= 2 && head[0].Part != TitlePart.Brand)
                        {
                            copy.RemoveAt(0);
                            copy.Insert(head.Count - 1, head[0]);
                        }

                        break;
                }
            }

            var title = TitleSegment.Join(copy);
            var similarity = Dice(TitleGrams(title), grams);
            if (title.Length <= MaxTitleLength && similarity >= min && similarity <= max && (max >= 1 || title != original))
            {
                return title;
            }

            if (title != original && similarity >= min && similarity <= max)
            {
                best = title;
            }
        }

        return best;
    }

    /// <summary>A fix of a duplicate: the copy becomes another product, with its own title, photos and price.</summary>
    private ListingContent DifferentProduct(ListingProfile listing, ListingContent content)
    {
        var products = listing.Category.Products.Where(p => p != listing.Product).ToList();
        var product = products.Count > 0 ? _random.Pick(products) : listing.Product;
        var attributes = HonestAttributes(_random, listing.Category, product, listing.Brand);
        var (width, height) = _random.Pick(SquareMainSizes);
        return content with
        {
            Title = TitleSegment.Join(ComposeTitle(_random, listing.Category, product, listing.Brand, attributes, companion: false)),
            Attributes = attributes,
            Price = MakePrice(_random, listing.Category, product),
            Images = [new ImageRef(_random.NextHex16(), width, height), new ImageRef(_random.NextHex16(), 750, 1200), new ImageRef(_random.NextHex16(), 750, 1400)],
            Description = MakeDescription(_random, listing.Category, product, attributes, null),
        };
    }

    // 标题堆砌: several product words, the product word again and again, strings of model numbers, brands or places,
    // a brand that has nothing to do with the listing.
    private void PlanTitleStuffing()
    {
        var count = Options.Scaled(60);
        for (var i = 0; i < count; i++)
        {
            var variant = _random.NextDouble() switch
            {
                < 0.25 => "stuffing_product_words",
                < 0.50 => "stuffing_repeated_keyword",
                < 0.62 => "stuffing_model_numbers",
                < 0.70 => "stuffing_brands_and_models",
                < 0.85 => "stuffing_place_names",
                _ => "stuffing_unrelated_brand",
            };
            var listing = variant switch
            {
                "stuffing_model_numbers" or "stuffing_brands_and_models" => TakeListing(variant, l => l.Category.CompatibleProducts.Contains(l.Product)),
                "stuffing_place_names" => TakeListing(variant, l => l.Category.KeyAttribute != "产地"),
                _ => TakeListing(variant, _ => true),
            };
            if (listing is null)
            {
                continue;
            }

            listing.Title = StuffedTitle(variant, listing);
            var fixedLater = PlanFix(listing, 0.25, content => content with { Title = Retitle(_random, listing) });
            Finish("listing.title_stuffing", listing, variant, fixedLater);
        }
    }

    private string StuffedTitle(string variant, ListingProfile listing)
    {
        var category = listing.Category;
        var own = listing.Product;
        // Other products of the category first, then their second words (喷药机/打药机 …).
        bool Unlike(string w) => !w.Contains(own, StringComparison.Ordinal) && !own.Contains(w, StringComparison.Ordinal);
        var others = category.Products.Where(Unlike).OrderBy(_ => _random.Next())
            .Concat(category.Companions.Values.Where(Unlike).OrderBy(_ => _random.Next()))
            .Distinct().ToList();
        var attributes = listing.Attributes;
        var key = category.KeyAttribute is { } k && attributes.TryGetValue(k, out var v) ? v : null;
        var gender = attributes.TryGetValue(Vocabulary.Gender, out var g) ? _random.Pick(Vocabulary.GenderWords[g]) : null;
        var segments = new List<TitleSegment>(14);
        if (listing.Brand is not null)
        {
            segments.Add(new(TitlePart.Brand, listing.Brand));
        }

        void Optional(TitlePart part, string? text)
        {
            if (text is not null && !segments.Any(s => s.Text.Contains(text, StringComparison.Ordinal)))
            {
                segments.Add(new(part, text));
            }
        }

        switch (variant)
        {
            case "stuffing_product_words":
                {
                    // 电动充电的农药机/喷药机/微型旋机/果园旋机
                    Optional(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords));
                    Optional(TitlePart.Key, _random.Chance(0.5) ? key : null);
                    segments.Add(new(TitlePart.Product, own));
                    var separator = _random.Chance(0.4) ? "/" : "";
                    foreach (var other in others.Take(_random.Between(2, 4)))
                    {
                        segments.Add(new(TitlePart.Stuffing, separator + other));
                    }

                    Optional(TitlePart.Gender, _random.Chance(0.5) ? gender : null);
                    break;
                }

            case "stuffing_repeated_keyword":
                {
                    // 2016春季小白鞋新款真皮小白鞋懒人鞋厚底小白鞋乐福鞋小白鞋女鞋
                    var repeats = _random.Chance(0.7) ? 3 : 4;
                    Optional(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords));
                    segments.Add(new(TitlePart.Product, own));
                    for (var r = 1; r < repeats; r++)
                    {
                        if (r == 1)
                        {
                            Optional(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords));
                            Optional(TitlePart.Key, key);
                        }
                        else if (category.Features.Count > 0)
                        {
                            Optional(TitlePart.Feature, _random.Pick(category.Features));
                        }

                        if (segments[^1].Text == own)
                        {
                            // Never twice in a row: sellers pad between the repeats.
                            segments.Add(new(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords.Where(w => !segments.Any(s => s.Text == w)).ToList())));
                        }

                        segments.Add(new(TitlePart.Stuffing, own));
                        if (r - 1 < others.Count && _random.Chance(0.7))
                        {
                            segments.Add(new(TitlePart.Stuffing, others[r - 1]));
                        }
                    }

                    Optional(TitlePart.Gender, gender);
                    break;
                }

            case "stuffing_model_numbers":
                {
                    // 适用X20/K30/P60/Note12手机壳
                    Optional(TitlePart.Marketing, _random.Chance(0.5) ? _random.Pick(Vocabulary.TitleWords) : null);
                    var models = Enumerable.Range(0, 12).Select(_ => NewModel(_random)).Distinct().Take(_random.Between(4, 7)).ToList();
                    var separator = _random.Pick(["/", "、"]);
                    while (models.Count > 3 && TitleSegment.Length(segments) + ("适用" + string.Join(separator, models) + own).Length > MaxTitleLength)
                    {
                        models.RemoveAt(models.Count - 1);
                    }

                    segments.Add(new(TitlePart.Stuffing, "适用" + string.Join(separator, models)));
                    segments.Add(new(TitlePart.Product, own));
                    Optional(TitlePart.Feature, category.Features.Count > 0 ? _random.Pick(category.Features) : null);
                    break;
                }

            case "stuffing_brands_and_models":
                {
                    // 供应华为P6、红米、小米2、小米2A、小米3、三星手机皮套
                    var brands = category.Brands.Where(b => !listing.Shop.Brands.Contains(b)).ToList();
                    _random.Shuffle(CollectionsMarshal.AsSpan(brands));
                    var separator = _random.Pick(["、", "/", ""]);
                    var pieces = brands.Take(_random.Between(2, 4)).Select(b => _random.Chance(0.7) ? b + NewModel(_random) : b).ToList();
                    while (pieces.Count > 2 && TitleSegment.Length(segments) + (string.Join(separator, pieces) + own).Length > MaxTitleLength - 2)
                    {
                        pieces.RemoveAt(pieces.Count - 1);
                    }

                    if (pieces.Count < 2)
                    {
                        pieces = [.. Enumerable.Range(0, 5).Select(_ => NewModel(_random)).Distinct()];
                    }

                    segments.Add(new(TitlePart.Stuffing, (_random.Chance(0.5) ? "供应" : "适用") + string.Join(separator, pieces)));
                    segments.Add(new(TitlePart.Product, own));
                    break;
                }

            case "stuffing_place_names":
                {
                    // 五金冲压件 五金加工件 浙江 上海 安徽 福建 广东 山东 湖南
                    Optional(TitlePart.Key, _random.Chance(0.5) ? key : null);
                    segments.Add(new(TitlePart.Product, own));
                    if (others.Count > 0 && _random.Chance(0.4))
                    {
                        segments.Add(new(TitlePart.Companion, others[0]));
                    }

                    var places = Vocabulary.StuffedPlaces.ToList();
                    _random.Shuffle(CollectionsMarshal.AsSpan(places));
                    var separator = _random.Pick(["", "、", "/"]);
                    var room = MaxTitleLength - TitleSegment.Length(segments);
                    var chosen = new List<string>();
                    foreach (var place in places)
                    {
                        if (chosen.Count >= 7 || string.Join(separator, chosen.Append(place)).Length > room)
                        {
                            break;
                        }

                        chosen.Add(place);
                    }

                    if (chosen.Count < 4)
                    {
                        segments.RemoveAll(s => s.Part is TitlePart.Key or TitlePart.Companion);
                        chosen = [.. places.Take(4)];
                    }

                    segments.Add(new(TitlePart.Stuffing, string.Join(separator, chosen)));
                    break;
                }

            default:
                {
                    // 供应复合蛋白饮料 雅乐佳核桃生饮料招商 赛六个核桃: a competitor's brand (sometimes of another trade) to catch its searches.
                    var pool = _random.Chance(0.7) ? category.Brands : Vocabulary.Brands;
                    var borrowed = pool.Where(b => b != listing.Brand && !listing.Shop.Brands.Contains(b)).ToList();
                    segments = ComposeTitle(_random, category, own, listing.Brand, attributes, companion: false);
                    if (borrowed.Count == 0)
                    {
                        borrowed = [.. Vocabulary.Brands.Where(b => !listing.Shop.Brands.Contains(b))];
                    }

                    var form = string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.BorrowedBrandForms), _random.Pick(borrowed));
                    var at = _random.Chance(0.6) ? segments.Count : segments.FindIndex(s => s.Part == TitlePart.Product);
                    segments.Insert(Math.Max(0, at), new TitleSegment(TitlePart.Stuffing, form));
                    break;
                }
        }

        Fit(segments, MaxTitleLength, TitlePart.Stuffing);
        return TitleSegment.Join(segments);
    }

    // 类目错放: the title and the attributes say one thing, the chosen category another.
    private void PlanWrongCategories()
    {
        var count = Options.Scaled(40);
        for (var i = 0; i < count; i++)
        {
            var listing = TakeListing("wrong_category", _ => true);
            if (listing is null)
            {
                continue;
            }

            var own = listing.Category;
            bool Fits(Category c) => c != own && !c.Products.Contains(listing.Product) && !c.Companions.Values.Contains(listing.Product)
                && !OverlappingCategories.Contains((own.Name, c.Name)) && !OverlappingCategories.Contains((c.Name, own.Name));
            var near = NearCategories.TryGetValue(own.Name, out var names) && _random.Chance(0.6)
                ? Vocabulary.Categories.Where(c => names.Contains(c.Name) && Fits(c)).ToList()
                : [];
            var wrong = near.Count > 0 ? _random.Pick(near) : _random.Pick(Vocabulary.Categories.Where(Fits).ToList());
            listing.Category = wrong;
            var fixedLater = PlanFix(listing, 0.25, content => content with { Category = own });
            Finish("listing.wrong_category", listing, near.Count > 0 ? "wrong_category_near" : "wrong_category_far", fixedLater);
        }
    }

    // 虚假价格: 0.01 yuan for a garment, 18,888 for a bedding set, or a price that keeps jumping.
    private void PlanFakePrices()
    {
        var count = Options.Scaled(45);
        for (var i = 0; i < count; i++)
        {
            var roll = _random.NextDouble();
            if (roll < 0.4)
            {
                // A bait price no honest listing of the category comes near (screws may honestly cost a few fen).
                var listing = TakeListing("price_too_low", l => l.Category.MedianPriceOf(l.Product) >= 60 && (double)Vocabulary.BaitPrices[0] < l.Category.LowestHonestPrice / 3);
                if (listing is not null)
                {
                    listing.Price = _random.Pick(Vocabulary.BaitPrices.Where(p => (double)p < listing.Category.LowestHonestPrice / 3).ToList());
                    var fixedLater = PlanFix(listing, 0.25, content => content with { Price = MakePrice(_random, listing.Category, listing.Product) });
                    Finish("listing.fake_price", listing, "price_too_low", fixedLater);
                }
            }
            else if (roll < 0.75)
            {
                var listing = TakeListing("price_too_high", l => l.Category.MedianPriceOf(l.Product) is >= 20 and <= 400);
                if (listing is not null)
                {
                    var inflated = Vocabulary.InflatedPrices.Where(p => (double)p > 2 * listing.Category.HighestHonestPrice).ToList();
                    listing.Price = inflated.Count > 0 ? _random.Pick(inflated) : Vocabulary.InflatedPrices.Max();
                    var fixedLater = PlanFix(listing, 0.25, content => content with { Price = MakePrice(_random, listing.Category, listing.Product) });
                    Finish("listing.fake_price", listing, "price_too_high", fixedLater);
                }
            }
            else
            {
                PlanPriceSwings();
            }
        }
    }

    // Frequent large swings: a bait price to climb the price-sorted results, then back, again and again.
    private void PlanPriceSwings()
    {
        var listing = TakeListing("price_swings", l => l.Category.MedianPriceOf(l.Product) >= 20);
        if (listing is null)
        {
            return;
        }

        var times = new SortedSet<long>();
        var swings = _random.Between(4, 9);
        for (var k = 0; k < swings; k++)
        {
            if (EditTime(listing.PublishedAt + (2 * Hour), EndTicks) is { } t)
            {
                times.Add(t);
            }
        }

        if (times.Count < 3)
        {
            listing.Scenario = null;
            return;
        }

        var regular = listing.Price;
        var low = true;
        foreach (var t in times)
        {
            var factor = low ? 0.05 + (0.2 * _random.NextDouble()) : _random.Chance(0.25) ? 3 + (3 * _random.NextDouble()) : 0.9 + (0.25 * _random.NextDouble());
            _listingEdits.Add(new ListingEdit(listing, t, ListingContent.Of(listing) with { Price = RoundPrice(_random, (double)regular * factor) }));
            low = !low;
        }

        Finish("listing.fake_price", listing, "price_swings", fixedLater: false);
    }

    // 标题属性不一致: the title names a quartz movement and the attributes a mechanical one; the title sells a men's
    // coat in a women's-dress listing; the title claims silk over polyester, a famous origin, another style.
    private void PlanTitleAttributeMismatches()
    {
        var count = Options.Scaled(45);
        for (var i = 0; i < count; i++)
        {
            var roll = _random.NextDouble();
            string variant;
            Func<ListingProfile, bool> fits;
            if (roll < 0.25)
            {
                (variant, fits) = ("movement_mismatch", l => l.Category.KeyAttribute == "机芯类型" && l.Attributes.ContainsKey("机芯类型"));
            }
            else if (roll < 0.55)
            {
                (variant, fits) = ("material_mismatch", l => l.Category.KeyAttribute is "面料" or "材质" or "帮面材质" && l.Attributes.ContainsKey(l.Category.KeyAttribute));
            }
            else if (roll < 0.65)
            {
                (variant, fits) = ("origin_mismatch", l => l.Category.KeyAttribute == "产地");
            }
            else if (roll < 0.70)
            {
                (variant, fits) = ("efficacy_mismatch", l => l.Category.KeyAttribute == "功效");
            }
            else if (roll < 0.88)
            {
                (variant, fits) = ("gender_mismatch", l => l.Attributes.TryGetValue(Vocabulary.Gender, out var gender) && gender != "男女通用");
            }
            else
            {
                (variant, fits) = ("style_mismatch", l => l.Attributes.ContainsKey(Vocabulary.Style));
            }

            var listing = TakeListing(variant, fits);
            if (listing is null)
            {
                continue;
            }

            var attributes = listing.Attributes;
            string attribute;
            string claimed;
            List<TitleSegment> segments;
            if (variant == "gender_mismatch")
            {
                attribute = Vocabulary.Gender;
                claimed = attributes[attribute] == "女" ? "男" : "女";
                segments = listing.Category.Name == "女装/连衣裙" && _random.Chance(0.7) ? MensCoatTitle(listing) : TitleClaiming(listing, attribute, claimed, TitlePart.Gender);
            }
            else
            {
                attribute = variant == "style_mismatch" ? Vocabulary.Style : listing.Category.KeyAttribute!;
                var truth = attributes[attribute];
                var premium = Vocabulary.PremiumKeyValues.TryGetValue(attribute, out var p) ? p : [];
                var choices = listing.Category.ValuesOf(attribute).Where(x => x != truth).ToList();
                var preferred = choices.Where(premium.Contains).ToList();
                if (choices.Count == 0)
                {
                    listing.Scenario = null;
                    continue;
                }

                claimed = preferred.Count > 0 && _random.Chance(0.8) ? _random.Pick(preferred) : _random.Pick(choices);
                segments = TitleClaiming(listing, attribute, claimed, attribute == Vocabulary.Style ? TitlePart.Style : TitlePart.Key);
            }

            listing.Title = TitleSegment.Join(segments);
            var fixTitle = variant == "gender_mismatch" || _random.Chance(0.5);
            var fixedLater = PlanFix(listing, 0.25, content => fixTitle
                ? content with { Title = Retitle(_random, listing) }
                : FixedAttribute(listing, content, attribute, claimed));
            Finish("listing.title_attribute_mismatch", listing, variant, fixedLater);
        }
    }

    /// <summary>The seller corrects the attribute (and the description) to what the title says.</summary>
    private ListingContent FixedAttribute(ListingProfile listing, ListingContent content, string attribute, string value)
    {
        var attributes = new Dictionary<string, string>(content.Attributes, StringComparer.Ordinal) { [attribute] = value };
        return content with { Attributes = attributes, Description = MakeDescription(_random, listing.Category, listing.Product, attributes, null) };
    }

    /// <summary>A title that names <paramref name="claimed"/> for an attribute whose real value is another.</summary>
    private List<TitleSegment> TitleClaiming(ListingProfile listing, string attribute, string claimed, TitlePart part)
    {
        var attributes = new Dictionary<string, string>(listing.Attributes, StringComparer.Ordinal) { [attribute] = claimed };
        var segments = ComposeTitle(_random, listing.Category, listing.Product, listing.Brand, attributes, companion: false);
        for (var attempt = 0; attempt < 12 && !segments.Any(s => s.Part == part); attempt++)
        {
            segments = ComposeTitle(_random, listing.Category, listing.Product, listing.Brand, attributes, companion: false);
        }

        if (!segments.Any(s => s.Part == part))
        {
            var text = part == TitlePart.Gender ? _random.Pick(Vocabulary.GenderWords[claimed]) : claimed;
            segments.Insert(Math.Max(0, segments.FindIndex(s => s.Part == TitlePart.Product)), new TitleSegment(part, text));
        }

        Fit(segments, MaxTitleLength, part);
        return segments;
    }

    /// <summary>男士皮毛一体外套 on a listing whose category and attributes are a women's dress.</summary>
    private List<TitleSegment> MensCoatTitle(ListingProfile listing)
    {
        var mens = Vocabulary.Categories[1];
        var segments = new List<TitleSegment>(8);
        if (listing.Brand is not null)
        {
            segments.Add(new(TitlePart.Brand, listing.Brand));
        }

        if (_random.Chance(0.7))
        {
            segments.Add(new(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords)));
        }

        segments.Add(new(TitlePart.Gender, _random.Pick(["男士", "男款", "男装"])));
        if (_random.Chance(0.6))
        {
            segments.Add(new(TitlePart.Key, "皮毛一体"));
        }

        segments.Add(new(TitlePart.Product, _random.Pick(["外套", "夹克", "西装", "羽绒服"])));
        segments.Add(new(TitlePart.Feature, _random.Pick(mens.Features)));
        return segments;
    }

    // 图片不合格: a main image too small to show the product, or squashed to a strip.
    private void PlanImageQuality()
    {
        var count = Options.Scaled(40);
        for (var i = 0; i < count; i++)
        {
            var squashed = _random.Chance(0.35);
            var variant = squashed ? "main_image_squashed" : "main_image_too_small";
            var listing = TakeListing(variant, _ => true);
            if (listing is null)
            {
                continue;
            }

            var main = listing.Images[0];
            int width, height;
            if (squashed)
            {
                (width, height) = (_random.Between(75, 100) * 10, _random.Between(16, 36) * 10);
                if (_random.Chance(0.4))
                {
                    (width, height) = (height, width);
                }
            }
            else
            {
                width = _random.Between(12, 40) * 10;
                height = _random.Chance(0.7) ? width : width * _random.Between(8, 12) / 10;
            }

            listing.Images = [main with { Width = width, Height = height }, .. listing.Images.Skip(1)];
            var fixedLater = PlanFix(listing, 0.3, content => content with
            {
                Images = [main with { Hash = _random.Chance(0.5) ? main.Hash : FlipBits(_random, main.Hash!, 1), Width = 800, Height = 800 }, .. content.Images.Skip(1)],
            });
            Finish("listing.image_quality", listing, variant, fixedLater);
        }
    }

    // 盗图: the main image is another seller's earlier photo of the same product, as is or slightly re-encoded (a
    // perceptual hash 1–3 bits away), at publication or swapped in later.
    private void PlanStolenImages()
    {
        var byProduct = Listings.GroupBy(l => l.Category.Name + "|" + l.Product, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var count = Options.Scaled(40);
        for (var i = 0; i < count; i++)
        {
            var later = _random.Chance(0.25);
            var near = _random.Chance(0.45);
            var variant = later ? "stolen_image_after_publishing" : near ? "stolen_image_near_copy" : "stolen_image_exact";
            ListingProfile? victim = null;
            var thief = TakeListing(variant, l => (victim = FindVictim(byProduct[l.Category.Name + "|" + l.Product], l)) is not null);
            if (thief is null || victim is null)
            {
                continue;
            }

            var stolen = StolenImages(thief, victim, near || (later && _random.Chance(0.45)));
            var fixedLater = false;
            if (later)
            {
                var at = EditTime(Math.Max(thief.PublishedAt, victim.PublishedAt) + (6 * Hour), EndTicks);
                if (at is null)
                {
                    thief.Scenario = null;
                    continue;
                }

                _listingEdits.Add(new ListingEdit(thief, at.Value, ListingContent.Of(thief) with { Images = stolen }));
            }
            else
            {
                var own = thief.Images;
                thief.Images = stolen;
                fixedLater = PlanFix(thief, 0.2, content => content with { Images = [own[0], .. content.Images.Skip(1)] });
            }

            var scenario = Finish("listing.stolen_image", thief, variant, fixedLater);
            MarkVictim(victim, scenario);
        }
    }

    /// <summary>Another company's listing of the same product, published before the thief's, preferably a popular one.</summary>
    private ListingProfile? FindVictim(List<ListingProfile> sameProduct, ListingProfile thief)
    {
        ListingProfile? best = null;
        for (var k = 0; k < 8; k++)
        {
            var v = _random.Pick(sameProduct);
            if (v.PublishedAt < thief.PublishedAt && CompanyKey(v.Shop) != CompanyKey(thief.Shop)
                && (IsFree(v) || v.Scenario == StolenImageVictim) && (best is null || v.Shop.Popularity > best.Shop.Popularity))
            {
                best = v;
            }
        }

        return best;
    }

    private List<ImageRef> StolenImages(ListingProfile thief, ListingProfile victim, bool nearCopy)
    {
        var original = victim.Images[0];
        var (width, height) = _random.Chance(0.5) ? (original.Width ?? 800, original.Height ?? 800) : _random.Pick(ResizedMainSizes);
        var hash = nearCopy ? FlipBits(_random, original.Hash!, _random.Between(1, 3)) : original.Hash;
        var images = new List<ImageRef>(thief.Images.Count) { new(hash, width, height) };
        images.AddRange(thief.Images.Skip(1));
        if (_random.Chance(0.4) && victim.Images.Count > 1)
        {
            // The whole detail page goes with it.
            for (var d = 1; d < images.Count && d < victim.Images.Count && d <= 2; d++)
            {
                images[d] = victim.Images[d];
            }
        }

        return images;
    }

    private void MarkVictim(ListingProfile victim, string scenario)
    {
        victim.Scenario ??= StolenImageVictim;
        Labels.Victim("listing.stolen_image", EntityTypes.Listing, () => victim.Id, scenario);
    }

    // 极限词: 最, 第一, 国家级, 极, 超, 完美, 百分百, 纯天然 … in the title, the description or both.
    private void PlanBannedWords()
    {
        var count = Options.Scaled(50);
        for (var i = 0; i < count; i++)
        {
            var roll = _random.NextDouble();
            var variant = roll switch
            {
                < 0.4 => "banned_words_in_title",
                < 0.7 => "banned_words_in_description",
                < 0.85 => "banned_words_in_title_and_description",
                _ => "banned_words_added_later",
            };
            var listing = TakeListing(variant, _ => true);
            if (listing is null)
            {
                continue;
            }

            var inTitle = variant != "banned_words_in_description" && (variant != "banned_words_added_later" || _random.Chance(0.6));
            var inDescription = variant is "banned_words_in_description" or "banned_words_in_title_and_description" || (variant == "banned_words_added_later" && !inTitle);
            var title = inTitle ? ClaimingTitle(listing) : listing.Title;
            var description = inDescription ? ClaimingDescription(listing) : listing.Description;
            var fixedLater = false;
            if (variant == "banned_words_added_later")
            {
                var at = EditTime(listing.PublishedAt + (12 * Hour), EndTicks);
                if (at is null)
                {
                    listing.Scenario = null;
                    continue;
                }

                _listingEdits.Add(new ListingEdit(listing, at.Value, ListingContent.Of(listing) with { Title = title, Description = description }));
            }
            else
            {
                listing.Title = title;
                listing.Description = description;
                fixedLater = PlanFix(listing, 0.25, content => content with
                {
                    Title = inTitle ? Retitle(_random, listing) : content.Title,
                    Description = inDescription ? MakeDescription(_random, listing.Category, listing.Product, listing.Attributes, null) : content.Description,
                });
            }

            Finish("listing.banned_words", listing, variant, fixedLater);
        }
    }

    private string ClaimingTitle(ListingProfile listing)
    {
        var segments = ComposeTitle(_random, listing.Category, listing.Product, listing.Brand, listing.Attributes, companion: false);
        var natural = listing.Category.Name is "食品生鲜" or "美妆个护" or "母婴用品" && _random.Chance(0.5);
        var claims = Enumerable.Range(0, _random.Chance(0.7) ? 1 : 2)
            .Select(_ => natural ? _random.Pick(Vocabulary.BannedNaturalWords) : _random.Pick(Vocabulary.BannedTitleWords)).Distinct();
        foreach (var claim in claims)
        {
            segments.RemoveAll(s => s.Text.Contains(claim, StringComparison.Ordinal) || claim.Contains(s.Text, StringComparison.Ordinal));
            var product = segments.FindIndex(s => s.Part == TitlePart.Product);
            var at = _random.Chance(0.7) ? (segments.Count > 0 && segments[0].Part == TitlePart.Brand ? 1 : 0) : Math.Max(0, product);
            segments.Insert(at, new TitleSegment(TitlePart.Claim, claim));
        }

        Fit(segments, MaxTitleLength, TitlePart.Claim);
        return TitleSegment.Join(segments);
    }

    private string ClaimingDescription(ListingProfile listing)
    {
        var claim = string.Format(CultureInfo.InvariantCulture, _random.Pick(Vocabulary.BannedDescriptionSentences), listing.Product);
        var description = MakeDescription(_random, listing.Category, listing.Product, listing.Attributes, null);
        return _random.Chance(0.5) ? claim + "。" + description : description + claim + "。";
    }

    // 品牌侵权: a shop not authorised for a brand puts the brand in its titles (often with 同款, 原单, 代工厂).
    private void PlanBrandInfringement()
    {
        var stocked = Shops.SelectMany(s => s.Brands).ToHashSet(StringComparer.Ordinal);
        var count = Options.Scaled(40);
        for (var i = 0; i < count; i++)
        {
            var listing = TakeListing("brand_word_in_title", l => l.Brand is null && l.Category.Brands.Any(b => stocked.Contains(b) && !l.Shop.Brands.Contains(b)));
            if (listing is null)
            {
                continue;
            }

            var brand = _random.Pick(listing.Category.Brands.Where(b => stocked.Contains(b) && !listing.Shop.Brands.Contains(b)).ToList());
            var form = _random.Pick(Vocabulary.InfringingBrandForms);
            var variant = form == "{0}" ? "brand_word_in_title" : "brand_lookalike_wording";
            var segments = ComposeTitle(_random, listing.Category, listing.Product, null, listing.Attributes, companion: false);
            var at = form == "{0}" || _random.Chance(0.5) ? 0 : Math.Max(0, segments.FindIndex(s => s.Part == TitlePart.Product));
            segments.Insert(at, new TitleSegment(TitlePart.Brand, string.Format(CultureInfo.InvariantCulture, form, brand)));
            Fit(segments, MaxTitleLength, TitlePart.Brand);
            listing.Title = TitleSegment.Join(segments);
            if (form == "{0}" && _random.Chance(0.5))
            {
                listing.Brand = brand;
                listing.Attributes = new Dictionary<string, string>(listing.Attributes, StringComparer.Ordinal) { [Vocabulary.Brand] = brand };
            }

            // Counterfeits often come with the brand's own product photo.
            var official = _random.Chance(0.2)
                ? Listings.Where(l => l.Shop.Brands.Contains(brand) && l.Category == listing.Category && l.PublishedAt < listing.PublishedAt
                    && CompanyKey(l.Shop) != CompanyKey(listing.Shop) && (IsFree(l) || l.Scenario == StolenImageVictim)).ToList()
                : [];
            if (official.Count > 0)
            {
                var victim = _random.Pick(official);
                listing.Images = StolenImages(listing, victim, _random.Chance(0.4));
                LabelCheat("listing.stolen_image", listing, "stolen_brand_photo");
                MarkVictim(victim, "stolen_brand_photo");
            }

            var fixedLater = official.Count == 0 && PlanFix(listing, 0.2, content => content with
            {
                Title = TitleSegment.Join(ComposeTitle(_random, listing.Category, listing.Product, null, listing.Attributes, companion: false)),
                Brand = null,
                Attributes = content.Attributes.Where(a => a.Key != Vocabulary.Brand).ToDictionary(StringComparer.Ordinal),
            });
            Finish("listing.brand_infringement", listing, variant, fixedLater);
        }
    }

    // Honest: different companies sell the same goods under nearly the same title, each with its own photos.
    private void PlanSimilarTitlesAcrossCompanies()
    {
        var byProduct = Listings.Where(l => l.Brand is null && IsFree(l))
            .GroupBy(l => l.Category.Name + "|" + l.Product, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .Where(g => g.Select(l => CompanyKey(l.Shop)).Distinct(StringComparer.Ordinal).Count() >= 2)
            .ToList();
        var groups = Options.Scaled(30);
        for (var g = 0; g < groups && byProduct.Count > 0; g++)
        {
            var pool = _random.Pick(byProduct);
            var members = new List<ListingProfile>();
            var companies = new HashSet<string>(StringComparer.Ordinal);
            var size = _random.Between(2, 4);
            for (var attempt = 0; attempt < 30 && members.Count < size; attempt++)
            {
                var l = _random.Pick(pool);
                if (IsFree(l) && companies.Add(CompanyKey(l.Shop)))
                {
                    members.Add(l);
                }
            }

            if (members.Count < 2)
            {
                continue;
            }

            var category = members[0].Category;
            var product = members[0].Product;
            var shared = SharedTitleWords(category, product, members[0].Attributes, withKey: true);
            var common = new List<TitleSegment>(shared.Head) { new(TitlePart.Product, product) };
            common.AddRange(shared.Tail);
            Fit(common, MaxTitleLength);
            var commonGrams = TitleGrams(TitleSegment.Join(common));
            var changes = new List<(ListingProfile Member, string Title, Dictionary<string, string> Attributes)>();
            foreach (var member in members)
            {
                var attributes = new Dictionary<string, string>(member.Attributes, StringComparer.Ordinal);
                foreach (var (name, value) in shared.Attributes)
                {
                    attributes[name] = value;
                }

                // Each seller words it a little differently: its own colour, or one more slogan.
                var segments = new List<TitleSegment>(common);
                if (_random.Chance(0.6) && attributes.TryGetValue("颜色", out var colour))
                {
                    segments.Add(new TitleSegment(TitlePart.Spec, colour));
                }
                else if (_random.Chance(0.5))
                {
                    segments.Insert(0, new TitleSegment(TitlePart.Marketing, _random.Pick(Vocabulary.TitleWords.Where(w => !segments.Any(s => s.Text.Contains(w, StringComparison.Ordinal) || w.Contains(s.Text, StringComparison.Ordinal))).ToList())));
                }

                Fit(segments, MaxTitleLength);
                var title = TitleSegment.Join(segments);
                if (Dice(TitleGrams(title), commonGrams) < 0.75)
                {
                    title = TitleSegment.Join(common);
                }

                if (KeepsApart(member, product, attributes, title))
                {
                    changes.Add((member, title, attributes));
                }
            }

            if (changes.Count < 2)
            {
                continue;
            }

            foreach (var (member, title, attributes) in changes)
            {
                member.Title = title;
                member.Attributes = attributes;
                member.Scenario = "similar_titles_across_companies";
                Labels.HardNegative("similar_titles_across_companies", EntityTypes.Listing, () => member.Id, ListingFamily);
            }
        }
    }

    // Honest: one company's different products share its brand, style and slogan words.
    private void PlanSharedWordsWithinCompanies()
    {
        var shops = _listingCheatShops.Where(s => s.ListingCount >= 3).ToList();
        var count = Options.Scaled(30);
        for (var i = 0; i < count && shops.Count > 0; i++)
        {
            var shop = _random.Chance(0.6) && shops.Any(s => s.Brands.Count > 0)
                ? _random.Pick(shops.Where(s => s.Brands.Count > 0).ToList())
                : _random.Pick(shops);

            // One group per company: its listings share its words once.
            shops.RemoveAll(s => CompanyKey(s) == CompanyKey(shop));
            var candidates = Enumerable.Range(shop.FirstListing, shop.ListingCount).Select(k => Listings[k])
                .Where(l => IsFree(l) && l.Category == Vocabulary.Categories[shop.MainCategory]).ToList();
            var products = candidates.GroupBy(l => l.Product, StringComparer.Ordinal).Select(g => g.First()).ToList();
            if (products.Count < 2)
            {
                continue;
            }

            _random.Shuffle(CollectionsMarshal.AsSpan(products));
            var members = products.Take(_random.Between(2, 4)).ToList();
            var category = members[0].Category;
            var brand = shop.Brands.Count > 0 ? _random.Pick(shop.Brands) : null;
            var shared = SharedTitleWords(category, members[0].Product, members[0].Attributes, withKey: false);
            var seen = new List<IReadOnlyDictionary<string, string>>();
            var changes = new List<(ListingProfile Member, string Title, Dictionary<string, string> Attributes)>();
            foreach (var member in members)
            {
                var attributes = new Dictionary<string, string>(member.Attributes, StringComparer.Ordinal);
                foreach (var (name, value) in shared.Attributes)
                {
                    attributes[name] = value;
                }

                if (brand is not null)
                {
                    attributes[Vocabulary.Brand] = brand;
                }

                // Different products, and different options too: never the same attributes twice.
                var spec = category.Attributes.FirstOrDefault(a => a.Name is "颜色" or "尺码" or "规格" or "容量" or "尺寸" or "净含量");
                for (var attempt = 0; attempt < 10 && seen.Any(s => SameAttributes(s, attributes)) && spec.Values is { Length: > 1 }; attempt++)
                {
                    attributes[spec.Name] = _random.Pick(spec.Values);
                }

                var segments = new List<TitleSegment>();
                if (brand is not null)
                {
                    segments.Add(new(TitlePart.Brand, brand));
                }

                segments.AddRange(shared.Head);
                if (category.Features.Count > 0 && _random.Chance(0.7))
                {
                    var feature = _random.Pick(category.Features);
                    if (!segments.Any(s => s.Text.Contains(feature, StringComparison.Ordinal) || feature.Contains(s.Text, StringComparison.Ordinal)))
                    {
                        segments.Add(new(TitlePart.Feature, feature));
                    }
                }

                if (category.KeyAttribute is { } key && attributes.TryGetValue(key, out var keyValue) && _random.Chance(0.5))
                {
                    segments.Add(new(TitlePart.Key, keyValue));
                }

                segments.Add(new(TitlePart.Product, member.Product));
                segments.AddRange(shared.Tail);
                Fit(segments, MaxTitleLength);
                var title = TitleSegment.Join(segments);
                if (seen.Any(s => SameAttributes(s, attributes)) || !KeepsApart(member, member.Product, attributes, title))
                {
                    continue;
                }

                seen.Add(attributes);
                changes.Add((member, title, attributes));
            }

            if (changes.Count < 2)
            {
                continue;
            }

            foreach (var (member, title, attributes) in changes)
            {
                member.Brand = brand;
                member.Title = title;
                member.Attributes = attributes;
                member.Scenario = "shared_words_within_company";
                Labels.HardNegative("shared_words_within_company", EntityTypes.Listing, () => member.Id, ListingFamily);
            }
        }
    }

    /// <summary>Words several listings' titles share: marketing and style words before the product, gender after it.</summary>
    private (List<TitleSegment> Head, List<TitleSegment> Tail, Dictionary<string, string> Attributes) SharedTitleWords(
        Category category, string product, IReadOnlyDictionary<string, string> example, bool withKey)
    {
        var head = new List<TitleSegment>();
        var tail = new List<TitleSegment>();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in Vocabulary.TitleWords.OrderBy(_ => _random.Next()).Take(_random.Between(1, 2)))
        {
            head.Add(new(TitlePart.Marketing, word));
        }

        if (category.Has(Vocabulary.Style))
        {
            var style = _random.Pick(category.ValuesOf(Vocabulary.Style));
            head.Add(new(TitlePart.Style, style));
            attributes[Vocabulary.Style] = style;
        }

        if (withKey && category.Features.Count > 0)
        {
            head.Add(new(TitlePart.Feature, _random.Pick(category.Features)));
        }

        if (withKey && category.KeyAttribute is { } key && category.KeyValuesOf(product) is { Length: > 0 } values)
        {
            var value = _random.Pick(values);
            head.Add(new(TitlePart.Key, value));
            attributes[key] = value;
        }

        if (example.TryGetValue(Vocabulary.Gender, out var gender))
        {
            tail.Add(new(TitlePart.Gender, _random.Pick(Vocabulary.GenderWords[gender])));
            attributes[Vocabulary.Gender] = gender;
        }

        return (head, tail, attributes);
    }

    /// <summary>Whether a changed listing still stays clear of its company's other listings (no accidental duplicate).</summary>
    private bool KeepsApart(ListingProfile listing, string product, IReadOnlyDictionary<string, string> attributes, string title)
    {
        var siblings = _companyListings[CompanyKey(listing.Shop)];
        var grams = TitleGrams(title);
        foreach (var (other, _) in siblings)
        {
            if (other != listing && (other.Product == product || SameAttributes(other.Attributes, attributes)) && Dice(grams, TitleGrams(other.Title)) > DuplicateSimilarity)
            {
                return false;
            }
        }

        return true;
    }

    // A brand word in the title of a shop not authorised for it is brand infringement, whatever else the listing does
    // and whichever scenario put it there (honest titles never name another shop's brand).
    private void LabelUnauthorisedBrandWords()
    {
        var titles = _listingEdits.ToLookup(e => e.Listing, e => e.Content.Title);
        foreach (var listing in Listings)
        {
            foreach (var title in titles[listing].Prepend(listing.Title))
            {
                if (Vocabulary.Brands.Any(b => title.Contains(b, StringComparison.Ordinal) && !listing.Shop.Brands.Contains(b)))
                {
                    LabelCheat("listing.brand_infringement", listing, listing.Scenario ?? listing.Shop.Scenario ?? "brand_word_in_title");
                    break;
                }
            }
        }
    }

    // Honest listings that share a surface feature with cheating: two product words, characters of extreme words
    // inside ordinary words (超市, 第一次, 极简, the brand 北极光), a price of a few fen for wholesale screws, the
    // brand words of an authorised reseller.
    private void LabelHonestListingLookAlikes()
    {
        foreach (var listing in _twoProductTitles.Where(l => l.Scenario is null))
        {
            Labels.HardNegative("two_product_words_title", EntityTypes.Listing, () => listing.Id, ListingFamily);
        }

        var resold = new List<ListingProfile>();
        foreach (var listing in Listings)
        {
            if (listing.Scenario is not null)
            {
                continue;
            }

            if (Vocabulary.BannedCharacters.Any(w => listing.Title.Contains(w, StringComparison.Ordinal) || listing.Description.Contains(w, StringComparison.Ordinal)))
            {
                Labels.HardNegative("common_words_with_banned_characters", EntityTypes.Listing, () => listing.Id, ListingFamily);
            }

            if (listing.Price < 1)
            {
                Labels.HardNegative("cheap_wholesale_item", EntityTypes.Listing, () => listing.Id, ListingFamily);
            }

            if (listing.Brand is { } brand && listing.Shop.Brands.Contains(brand) && !(_brandOwners.TryGetValue(brand, out var owner) && owner.Name == listing.Shop.Company))
            {
                resold.Add(listing);
            }
        }

        _random.Shuffle(CollectionsMarshal.AsSpan(resold));
        foreach (var listing in resold.Take(Options.Scaled(40)))
        {
            Labels.HardNegative("authorised_reseller", EntityTypes.Listing, () => listing.Id, ListingFamily);
        }
    }

    /// <summary>A free listing that fits, claimed for the scenario: from a sloppy seller more often than not.</summary>
    private ListingProfile? TakeListing(string scenario, Func<ListingProfile, bool> fits)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var shop = attempt < 4 && _random.Chance(0.6) ? _random.Pick(_sloppyShops) : _random.Pick(_listingCheatShops);
            if (FreeListingOf(shop, fits) is { } found)
            {
                found.Scenario = scenario;
                return found;
            }
        }

        for (var attempt = 0; attempt < 2_000; attempt++)
        {
            var listing = Listings[_random.Next(Listings.Count)];
            if (IsFree(listing) && fits(listing))
            {
                listing.Scenario = scenario;
                return listing;
            }
        }

        return null;
    }

    private ListingProfile? FreeListingOf(ShopProfile shop, Func<ListingProfile, bool> fits)
    {
        var start = _random.Next(shop.ListingCount);
        for (var i = 0; i < shop.ListingCount; i++)
        {
            var listing = Listings[shop.FirstListing + ((start + i) % shop.ListingCount)];
            if (IsFree(listing) && fits(listing))
            {
                return listing;
            }
        }

        return null;
    }

    private bool IsFree(ListingProfile listing)
        => listing.Scenario is null && listing.Shop.Scenario is null && !listing.Shop.RunsFlashSale && !_busyListings.Contains(listing);

    /// <summary>Plans a fix of the listing some hours or days after it was published; whether one fits in the run.</summary>
    private bool PlanFix(ListingProfile listing, double chance, Func<ListingContent, ListingContent> fix)
    {
        if (!_random.Chance(chance) || EditTime(listing.PublishedAt + (4 * Hour), listing.PublishedAt + (5 * Day)) is not { } at)
        {
            return false;
        }

        // Sellers often touch the price in the same edit, as they do in any edit.
        var content = fix(ListingContent.Of(listing));
        if (_random.Chance(0.5) && content.Price >= 1)
        {
            content = content with { Price = Math.Round(content.Price * (decimal)_random.NextLogNormal(1, 0.1), 1) };
        }

        _listingEdits.Add(new ListingEdit(listing, at, content));
        return true;
    }

    /// <summary>A time in working hours (9–22 h) after <paramref name="after"/> and before <paramref name="before"/> and the end.</summary>
    private long? EditTime(long after, long before)
    {
        var to = Math.Min(before, EndTicks - Minute);
        if (to <= after)
        {
            return null;
        }

        var t = after;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            t = after + (long)(_random.NextDouble() * (to - after));
            var hour = t % Day / Hour;
            if (hour is >= 9 and < 22)
            {
                return t;
            }
        }

        return t;
    }

    private string Finish(string pattern, ListingProfile listing, string variant, bool fixedLater)
    {
        var scenario = fixedLater ? variant + "_fixed_later" : variant;
        listing.Scenario = scenario;
        LabelCheat(pattern, listing, scenario);
        return scenario;
    }

    private void LabelCheat(string pattern, ListingProfile listing, string scenario)
        => Labels.Entity(pattern, EntityTypes.Listing, () => listing.Id, "actor", scenario);
}
