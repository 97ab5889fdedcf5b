using System.Globalization;
using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation.Tests;

/// <summary>
/// Listing cheating under the 1688 search rules (SPEC §2.4) and its honest look-alikes, read from the events as a
/// detector would see them: each scenario must show what makes it a cheat, and honest listings must not.
/// </summary>
[Collection(ScaleOneMarketGroup.Name)]
public sealed class ListingScenarioTests
{
    // Attributes whose value an honest title may name, and only its own.
    private static readonly string[] TitleNamedAttributes = ["面料", "材质", "帮面材质", "机芯类型", "产地", "功效", "风格"];

    // Extreme advertising words (极限词) in the forms sellers write them; 第一次, 超市, 最近 are ordinary words.
    private static readonly string[] ExtremeWords =
    [
        "最好", "最佳", "最低价", "最新款", "销量第一", "第一品牌", "全网第一", "国家级", "极品", "极致", "超强", "超级", "完美", "十足",
        "百分百", "纯天然", "零添加", "高档", "独家", "绝对", "唯一", "顶级", "万能", "首选", "首发", "至尊", "史无前例", "绝无仅有",
    ];

    // A small gazetteer: provinces and big trading cities.
    private static readonly string[] Provinces =
    [
        "浙江", "上海", "安徽", "福建", "广东", "山东", "湖南", "江苏", "河北", "河南", "湖北", "江西", "四川", "云南", "广西", "新疆",
        "北京", "天津", "重庆", "杭州", "广州", "深圳", "苏州", "温州", "义乌", "宁波", "东莞", "佛山", "泉州", "厦门",
    ];

    private readonly ScaleOneMarket _market;
    private readonly Dictionary<string, List<ListingEvent>> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShopOpened> _shops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EntityLabel>> _cheats = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brands = new(StringComparer.Ordinal);

    public ListingScenarioTests(ScaleOneMarket market)
    {
        _market = market;
        foreach (var e in market.Events)
        {
            switch (e)
            {
                case ShopOpened shop:
                    _shops[shop.Shop] = shop;
                    _brands.UnionWith(shop.Brands ?? []);
                    break;
                case ListingPublished published:
                    _versions[published.Listing] = [published];
                    break;
                case ListingUpdated updated:
                    _versions[updated.Listing].Add(updated);
                    break;
            }
        }

        foreach (var label in market.Labels.Entities.Where(l => l.Type == EntityTypes.Listing))
        {
            if (!_cheats.TryGetValue(label.Id, out var list))
            {
                _cheats[label.Id] = list = [];
            }

            list.Add(label);
        }
    }

    private IEnumerable<ListingPublished> Published => _versions.Values.Select(v => (ListingPublished)v[0]);

    private IEnumerable<ListingPublished> HonestPublished => Published.Where(p => !_cheats.ContainsKey(p.Listing));

    private IReadOnlyList<string> Labelled(string pattern, string? scenarioPrefix = null)
        => [.. _market.Labels.Entities.Where(e => e.Pattern == pattern && (scenarioPrefix is null || e.Scenario.StartsWith(scenarioPrefix, StringComparison.Ordinal))).Select(e => e.Id).Distinct()];

    private IReadOnlyList<string> LookAlikes(string scenario)
        => [.. _market.Labels.HardNegatives.Where(h => h.Scenario == scenario && h.Type == EntityTypes.Listing).Select(h => h.Id)];

    private string CompanyOf(ListingEvent listing) => _shops[listing.Shop!].Company ?? listing.Shop!;

    private static string MainHash(ListingEvent listing) => listing.Images![0].Hash!;

    [Fact]
    public void Listings_ScaleOneWeek_SpanAtLeastTwelveCategories()
        => Assert.True(HonestPublished.Select(p => p.Category).Distinct().Count() >= 12);

    [Fact]
    public void Images_ScaleOneWeek_AreSixtyFourBitHashesWithSizes()
    {
        foreach (var image in _versions.Values.SelectMany(v => v).SelectMany(l => l.Images!))
        {
            Assert.Matches("^[0-9a-f]{16}$", image.Hash);
            Assert.True(image.Width > 0 && image.Height > 0);
        }
    }

    [Fact]
    public void Shops_ScaleOneWeek_IncludeCompaniesWithSeveralShopsOfficialShopsAndAuthorisedResellers()
    {
        Assert.Contains(_shops.Values.Where(s => s.Company is not null).GroupBy(s => s.Company), g => g.Count() >= 2);
        var flagshipBrands = _shops.Values.Where(s => s.Tier == "flagship").SelectMany(s => s.Brands ?? []).ToHashSet();
        Assert.Contains(_shops.Values.Where(s => s.Tier != "flagship"), s => (s.Brands ?? []).Any(flagshipBrands.Contains));
        Assert.DoesNotContain(_shops.Values.Where(s => s.Tier == "flagship").GroupBy(s => s.Brands![0]), g => g.Count() > 1);
    }

    [Fact]
    public void HonestTitles_ScaleOneWeek_NameOnlyTheirOwnAttributeValuesAndBrands()
    {
        var values = AttributeValues();
        var problems = _versions.Values.Where(v => !_cheats.ContainsKey(v[0].Listing)).SelectMany(v => v)
            .Select(l => (l.Title, Conflict: TitleConflict(l, values) ?? UnauthorisedBrand(l)))
            .Where(x => x.Conflict is not null)
            .Select(x => $"{x.Title}: {x.Conflict}")
            .ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(10)));
    }

    [Fact]
    public void MismatchedListings_ScaleOneWeek_TitleContradictsTheAttributes()
    {
        var values = AttributeValues();
        var mismatched = Labelled("listing.title_attribute_mismatch");

        Assert.NotEmpty(mismatched);
        Assert.All(mismatched, id => Assert.NotNull(TitleConflict(_versions[id][0], values)));
    }

    [Fact]
    public void BrandWords_ScaleOneWeek_InAnUnauthorisedShopsTitleAreAlwaysInfringement()
    {
        var infringing = Labelled("listing.brand_infringement").ToHashSet();
        var withForeignBrand = _versions.Where(v => v.Value.Any(l => UnauthorisedBrand(l) is not null)).Select(v => v.Key).ToHashSet();

        Assert.NotEmpty(infringing);
        Assert.Equal(infringing.Order(), withForeignBrand.Order());
    }

    [Fact]
    public void StuffedTitles_ScaleOneWeek_StringTogetherWhatHonestTitlesNameOnce()
    {
        // Product words, as every description names its product first (连衣裙，…).
        var products = Published.Select(p => p.Description!.Split('，')[0]).Where(w => w.Length <= 5).ToHashSet(StringComparer.Ordinal);
        int Products(string title)
        {
            var found = products.Where(title.Contains).ToList();
            return found.Count(w => !found.Any(o => o != w && o.Contains(w, StringComparison.Ordinal)));
        }

        static int Models(string title) => System.Text.RegularExpressions.Regex.Count(title, "[A-Z][a-z]*[0-9]+");
        int Brands(ListingEvent listing) => _brands.Count(b => listing.Title!.Contains(b, StringComparison.Ordinal) && !(_shops[listing.Shop!].Brands ?? []).Contains(b));
        var stuffed = Labelled("listing.title_stuffing");

        Assert.NotEmpty(stuffed);
        Assert.All(stuffed, id =>
        {
            var listing = _versions[id][0];
            var title = listing.Title!;
            Assert.True(Products(title) >= 3 || RepeatsAWord(title) || Provinces.Count(title.Contains) >= 3 || Models(title) >= 3 || Brands(listing) >= 1,
                $"{id} {title} shows no stuffing");
        });
        Assert.All(HonestPublished, listing =>
        {
            var title = listing.Title!;
            Assert.True(Products(title) <= 2 && !RepeatsAWord(title) && Provinces.Count(title.Contains) < 3 && Models(title) <= 1, title);
        });
        Assert.Contains(LookAlikes("two_product_words_title"), id => Products(_versions[id][0].Title!) == 2);
    }

    [Fact]
    public void WrongCategories_ScaleOneWeek_CarryAttributesNoHonestListingOfThatCategoryHas()
    {
        var honestPairs = HonestPublished
            .SelectMany(p => p.Attributes!.Select(a => (p.Category, a.Key, a.Value)))
            .ToHashSet();
        var wrong = Labelled("listing.wrong_category");

        Assert.NotEmpty(wrong);
        Assert.All(wrong, id =>
        {
            var published = _versions[id][0];
            Assert.Contains(published.Attributes!, a => !honestPairs.Contains((published.Category, a.Key, a.Value)));
        });
    }

    [Fact]
    public void FakePrices_ScaleOneWeek_LieOutsideEveryHonestPriceOfTheCategory()
    {
        var range = HonestPublished.GroupBy(p => p.Category!)
            .ToDictionary(g => g.Key, g => (Min: g.Min(p => p.Price!.Value), Max: g.Max(p => p.Price!.Value)));
        var low = Labelled("listing.fake_price", "price_too_low");
        var high = Labelled("listing.fake_price", "price_too_high");

        Assert.NotEmpty(low);
        Assert.NotEmpty(high);
        Assert.All(low, id => Assert.True(_versions[id][0].Price < range[_versions[id][0].Category!].Min, id));
        Assert.All(high, id => Assert.True(_versions[id][0].Price > range[_versions[id][0].Category!].Max, id));
    }

    [Fact]
    public void PriceSwings_ScaleOneWeek_AreFrequentAndLargeOnlyForLabelledListings()
    {
        static int LargeSwings(List<ListingEvent> versions)
            => versions.Zip(versions.Skip(1)).Count(p => Math.Max(p.First.Price!.Value, p.Second.Price!.Value) >= 3 * Math.Min(p.First.Price!.Value, p.Second.Price!.Value));
        var swinging = Labelled("listing.fake_price", "price_swings");

        Assert.NotEmpty(swinging);
        Assert.All(swinging, id => Assert.True(LargeSwings(_versions[id]) >= 3, id));
        Assert.DoesNotContain(_versions.Where(v => !_cheats.ContainsKey(v.Key)), v => LargeSwings(v.Value) >= 3);
    }

    [Fact]
    public void MainImages_ScaleOneWeek_AreSmallOnlyWhenLabelledImageQuality()
    {
        static int Side(ListingEvent l) => Math.Min(l.Images![0].Width!.Value, l.Images[0].Height!.Value);
        var poor = Labelled("listing.image_quality");
        var smallestHonest = HonestPublished.Min(Side);

        Assert.NotEmpty(poor);
        Assert.All(poor, id => Assert.True(Side(_versions[id][0]) < smallestHonest, id));
    }

    [Fact]
    public void StolenImages_ScaleOneWeek_CopyAnEarlierMainImageOfAnotherCompany()
    {
        var stolen = Labelled("listing.stolen_image");
        var victims = _market.Labels.Victims.Where(v => v.Pattern == "listing.stolen_image").Select(v => v.Id).ToHashSet();

        Assert.NotEmpty(stolen);
        foreach (var id in stolen)
        {
            Assert.Contains(_versions[id], v => victims.Any(victim => Bits(MainHash(v), MainHash(_versions[victim][0])) <= 3
                && CompanyOf(_versions[victim][0]) != CompanyOf(v) && _versions[victim][0].Ts < v.Ts));
        }
    }

    [Fact]
    public void MainImages_ScaleOneWeek_NeverMatchAcrossCompaniesUnlessStolen()
    {
        var stolen = Labelled("listing.stolen_image").ToHashSet();
        var honest = _versions.Where(v => !stolen.Contains(v.Key)).SelectMany(v => v.Value).ToList();
        var close = ClosePairs(honest, 3).Where(p => CompanyOf(p.A) != CompanyOf(p.B)).Select(p => $"{p.A.Listing} {p.B.Listing}").ToList();

        Assert.True(close.Count == 0, string.Join('\n', close.Take(10)));
    }

    [Fact]
    public void Duplicates_ScaleOneWeek_ShareTitleAndPhotoOrAttributesWithinOneCompany()
    {
        var duplicates = Labelled("listing.duplicate").ToHashSet();
        var heavy = Labelled("listing.duplicate", "duplicate_heavy").ToHashSet();

        Assert.NotEmpty(heavy);
        Assert.NotEmpty(duplicates.Except(heavy));
        foreach (var id in duplicates)
        {
            var listing = _versions[id][0];
            var partners = duplicates.Where(o => o != id && CompanyOf(_versions[o][0]) == CompanyOf(listing)).Select(o => _versions[o][0]).ToList();
            var minimum = heavy.Contains(id) ? 0.85 : 0.7;
            Assert.Contains(partners, p => Dice(p.Title!, listing.Title!) >= minimum
                && (Bits(MainHash(p), MainHash(listing)) <= 3 || (!heavy.Contains(id) && SameAttributes(p, listing))));
        }
    }

    [Fact]
    public void HonestListings_ScaleOneWeek_AreNeverDuplicatesWithinTheirCompany()
    {
        var problems = new List<string>();
        foreach (var company in Published.Where(p => !_cheats.ContainsKey(p.Listing)).GroupBy(CompanyOf))
        {
            var listings = company.ToList();
            for (var i = 0; i < listings.Count; i++)
            {
                for (var j = i + 1; j < listings.Count; j++)
                {
                    var (a, b) = (listings[i], listings[j]);
                    if ((SameAttributes(a, b) || Bits(MainHash(a), MainHash(b)) <= 3) && Dice(a.Title!, b.Title!) > 0.7)
                    {
                        problems.Add($"{a.Title} / {b.Title}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(10)));
    }

    [Fact]
    public void SimilarTitlesAcrossCompanies_ScaleOneWeek_AreAlikeButFromDifferentCompaniesWithOwnPhotos()
    {
        var members = LookAlikes("similar_titles_across_companies").Select(id => _versions[id][0]).ToList();

        Assert.NotEmpty(members);
        Assert.All(members, m =>
        {
            var alike = members.Where(o => o != m && Dice(o.Title!, m.Title!) >= 0.6).ToList();
            Assert.NotEmpty(alike);
            Assert.All(alike, o => Assert.True(CompanyOf(o) != CompanyOf(m) && Bits(MainHash(o), MainHash(m)) > 3));
        });
    }

    [Fact]
    public void SharedWordsWithinCompany_ScaleOneWeek_ShareWordsButNeitherPhotosNorAttributes()
    {
        var members = LookAlikes("shared_words_within_company").Select(id => _versions[id][0]).ToList();

        Assert.NotEmpty(members);
        Assert.All(members.GroupBy(CompanyOf), company =>
        {
            var group = company.ToList();
            foreach (var a in group)
            {
                foreach (var b in group.Where(b => b != a))
                {
                    Assert.False(SameAttributes(a, b));
                    Assert.True(Bits(MainHash(a), MainHash(b)) > 3);
                }
            }
        });
        Assert.Contains(members.GroupBy(CompanyOf), g => g.Count() >= 2 && g.Zip(g.Skip(1)).All(p => Dice(p.First.Title!, p.Second.Title!) >= 0.4));
    }

    [Fact]
    public void ExtremeWords_ScaleOneWeek_AppearOnlyInLabelledListings()
    {
        var banned = Labelled("listing.banned_words").ToHashSet();
        static bool Extreme(ListingEvent l) => ExtremeWords.Any(w => l.Title!.Contains(w, StringComparison.Ordinal) || l.Description!.Contains(w, StringComparison.Ordinal));

        Assert.NotEmpty(banned);
        Assert.All(banned, id => Assert.Contains(_versions[id], Extreme));
        Assert.DoesNotContain(_versions.Where(v => !banned.Contains(v.Key)).SelectMany(v => v.Value), Extreme);
    }

    [Fact]
    public void CommonWordsWithBannedCharacters_ScaleOneWeek_ContainTheCharacterButNoClaim()
    {
        var lookAlikes = LookAlikes("common_words_with_banned_characters");

        Assert.NotEmpty(lookAlikes);
        Assert.Contains(lookAlikes, id => _versions[id][0].Description!.Contains("超市", StringComparison.Ordinal) || _versions[id][0].Description!.Contains("第一次", StringComparison.Ordinal));
        Assert.All(lookAlikes, id =>
        {
            var text = _versions[id][0].Title + _versions[id][0].Description;
            Assert.True(new[] { "最", "超", "极", "第一" }.Any(text.Contains), text);
        });
    }

    [Fact]
    public void FixedLater_ScaleOneWeek_ListingsAreUpdatedAfterPublishing()
    {
        var fixedLater = _market.Labels.Entities.Where(e => e.Type == EntityTypes.Listing && e.Scenario.EndsWith("_fixed_later", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(fixedLater);
        Assert.All(fixedLater, e => Assert.True(_versions[e.Id].Count >= 2, e.Id));
    }

    [Fact]
    public void ListingCheats_ScaleOneWeek_AreSpreadOverManyShopsAndCompanies()
    {
        var shops = _cheats.Keys.Select(id => _versions[id][0].Shop).Distinct().Count();

        Assert.True(shops >= 50, $"{shops} shops");
        Assert.Contains(_cheats.Keys, id => _shops[_versions[id][0].Shop!].Company is null);
        Assert.Contains(_cheats.Keys, id => _shops[_versions[id][0].Shop!].Company is not null);
    }

    private Dictionary<string, HashSet<string>> AttributeValues()
    {
        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var listing in HonestPublished)
        {
            foreach (var (name, value) in listing.Attributes!)
            {
                if (!values.TryGetValue(name, out var set))
                {
                    values[name] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(value);
            }
        }

        return values;
    }

    // The first value of a title-named attribute the title names although the listing says otherwise.
    private static string? TitleConflict(ListingEvent listing, Dictionary<string, HashSet<string>> values)
    {
        var title = listing.Title!;
        foreach (var name in TitleNamedAttributes)
        {
            if (listing.Attributes!.TryGetValue(name, out var own) && values.TryGetValue(name, out var all))
            {
                var other = all.FirstOrDefault(v => v != own && !own.Contains(v, StringComparison.Ordinal) && title.Contains(v, StringComparison.Ordinal));
                if (other is not null)
                {
                    return $"{name} {own}, title says {other}";
                }
            }
        }

        return listing.Attributes!.TryGetValue("适用性别", out var gender) && ((gender == "女" && title.Contains('男')) || (gender == "男" && title.Contains('女')))
            ? $"适用性别 {gender}"
            : null;
    }

    private string? UnauthorisedBrand(ListingEvent listing)
    {
        var authorised = _shops[listing.Shop!].Brands ?? [];
        return _brands.FirstOrDefault(b => listing.Title!.Contains(b, StringComparison.Ordinal) && !authorised.Contains(b));
    }

    private static bool RepeatsAWord(string title)
    {
        for (var length = 2; length <= 4; length++)
        {
            for (var i = 0; i + length <= title.Length; i++)
            {
                var word = title.Substring(i, length);
                if (title.Split(word).Length - 1 >= 3)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool SameAttributes(ListingEvent a, ListingEvent b)
        => a.Attributes!.Count == b.Attributes!.Count && a.Attributes.All(x => b.Attributes.TryGetValue(x.Key, out var v) && v == x.Value);

    private static int Bits(string a, string b)
        => (int)ulong.PopCount(ulong.Parse(a, NumberStyles.HexNumber, CultureInfo.InvariantCulture) ^ ulong.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    // Character-bigram Dice similarity of two titles.
    private static double Dice(string a, string b)
    {
        static HashSet<string> Grams(string s) => [.. Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2))];
        var (x, y) = (Grams(a), Grams(b));
        return x.Count + y.Count == 0 ? 1 : 2.0 * x.Count(y.Contains) / (x.Count + y.Count);
    }

    // Pairs of listing versions whose main images are at most `bits` apart (a hash within 3 bits shares one of its four
    // 16-bit quarters exactly, so comparing within equal quarters finds every pair).
    private static IEnumerable<(ListingEvent A, ListingEvent B)> ClosePairs(List<ListingEvent> versions, int bits)
    {
        var seen = new HashSet<(string, string)>();
        for (var quarter = 0; quarter < 4; quarter++)
        {
            foreach (var bucket in versions.GroupBy(v => MainHash(v).Substring(quarter * 4, 4)).Where(g => g.Count() > 1))
            {
                var items = bucket.ToList();
                for (var i = 0; i < items.Count; i++)
                {
                    for (var j = i + 1; j < items.Count; j++)
                    {
                        var (a, b) = (items[i], items[j]);
                        if (a.Listing != b.Listing && Bits(MainHash(a), MainHash(b)) <= bits
                            && seen.Add(string.CompareOrdinal(a.Listing, b.Listing) < 0 ? (a.Listing, b.Listing) : (b.Listing, a.Listing)))
                        {
                            yield return (a, b);
                        }
                    }
                }
            }
        }
    }
}
