using System.Globalization;
using System.Numerics;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Listings;

/// <summary>
/// <c>listing.duplicate</c> (重复铺货): one company publishing the same product several times, in one shop or across its
/// shops (shops belong to one company when their <c>shop.opened</c> names the same company; a shop without a company
/// is its own company). Two listings of a company are duplicates when their titles are
/// more than <see cref="DuplicateListingOptions.MinTitleSimilarity"/> alike (character bigrams, Dice, from
/// <see cref="TitleMatcher"/>'s signatures), their titles' model codes do not conflict (KD-55X80K / KD-65X80K are two
/// products however alike the rest), and they share every attribute or the main photo. A group's representative is its earliest-published listing (the one search keeps);
/// every other member is reported as the actor with the representative related. A copy whose title is near-identical
/// and whose photo, description and price agree too is a heavy duplicate (severity high); the rest are light.
/// Companies hold few listings, so each company's listings are compared exactly, pair by pair, when it is judged.
/// </summary>
internal sealed class DuplicateListingDetector : Detector
{
    public static readonly PatternId Id = new("listing.duplicate");

    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;

    private readonly DuplicateListingOptions _options;
    private readonly long _settleTicks;
    private readonly long _retentionTicks;
    private readonly Dictionary<string, string> _companyOfShop = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Listing> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Listing>> _companies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _dirty = new(StringComparer.Ordinal);
    private readonly List<string> _ready = [];
    private readonly Dictionary<string, Reported> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Judged> _judged = new(StringComparer.Ordinal); // each company's last judgement
    private long _nextHousekeeping = long.MinValue;

    public DuplicateListingDetector(DuplicateListingOptions options)
    {
        _options = options;
        _settleTicks = TimeSpan.FromHours(options.SettleHours).Ticks;
        _retentionTicks = TimeSpan.FromDays(options.RetentionDays).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingPublished), typeof(ListingUpdated));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ShopOpened shop:
                _companyOfShop[shop.Shop] = string.IsNullOrEmpty(shop.Company) ? "shop:" + shop.Shop : "company:" + shop.Company;
                break;
            case ListingEvent listing:
                Note(listing, e.Ts.UtcTicks);
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        Judge(now, context, all: false);
        if (now >= _nextHousekeeping)
        {
            Forget(now);
            _nextHousekeeping = now + HousekeepingTicks;
        }
    }

    public override void Complete(DetectionContext context) => Judge(context.Now.UtcTicks, context, all: true);

    private void Note(ListingEvent e, long ticks)
    {
        _listings.TryGetValue(e.Listing, out var known);
        var shop = e.Shop ?? known?.Shop;
        if (shop is null)
        {
            return;
        }

        var company = _companyOfShop.TryGetValue(shop, out var c) ? c : "shop:" + shop;
        var title = e.Title ?? known?.Title ?? string.Empty;
        var attributes = e.Attributes is { } a ? Canonical(a) : known?.Attributes;
        var images = e.Images;
        var main = images is { Count: > 0 } ? images[0].Hash : known?.MainImage;
        var listing = new Listing(e.Listing, shop, company, title, TitleMatcher.Sign(title), attributes, main, ParseHash(main),
            e.Price ?? known?.Price, e.Description ?? known?.Description, known?.PublishedTicks ?? ticks, ticks, e.Id, known?.FirstEventId ?? e.Id);
        if (known is not null && known.Company != company && _companies.TryGetValue(known.Company, out var old))
        {
            old.Remove(known.Id);
        }

        _listings[e.Listing] = listing;
        if (!_companies.TryGetValue(company, out var members))
        {
            _companies[company] = members = new Dictionary<string, Listing>(StringComparer.Ordinal);
        }

        members[e.Listing] = listing;
        if (members.Count > _options.MaxListingsPerCompany)
        {
            var oldest = members.Values.MinBy(l => l.LastTicks)!;
            members.Remove(oldest.Id);
            _listings.Remove(oldest.Id);
        }

        _dirty[company] = ticks;
    }

    private static string? Canonical(IReadOnlyDictionary<string, string> attributes)
        => attributes.Count == 0 ? null : string.Join('\u001f', attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\u001e" + p.Value));

    private static ulong? ParseHash(string? hash)
        => hash is not null && ulong.TryParse(hash, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? ImageBits(Listing a, Listing b)
    {
        if (a.MainHash is { } x && b.MainHash is { } y)
        {
            return BitOperations.PopCount(x ^ y);
        }

        return a.MainImage is not null && a.MainImage == b.MainImage ? 0 : null;
    }

    private void Judge(long now, DetectionContext context, bool all)
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        var ready = _ready;
        ready.Clear();
        foreach (var (company, dirtyAt) in _dirty)
        {
            if (all || dirtyAt + _settleTicks <= now)
            {
                ready.Add(company);
            }
        }

        if (ready.Count == 0)
        {
            return;
        }

        ready.Sort(StringComparer.Ordinal); // distinct names: the order is the ordinal one, as a stable sort's
        foreach (var company in ready)
        {
            _dirty.Remove(company);
            if (_companies.TryGetValue(company, out var members) && members.Count >= 2)
            {
                JudgeCompany(company, [.. members.Values.OrderBy(l => l.PublishedTicks).ThenBy(l => l.Id, StringComparer.Ordinal)], context);
            }
        }
    }

    private void JudgeCompany(string company, List<Listing> members, DetectionContext context)
    {
        // Union-find over the duplicate pairs; each member keeps its strongest link for the evidence. A listing's content
        // is an immutable record (an edit makes a new one), so a pair of records the last judgement compared gives the
        // same answer again: only pairs with a new or edited member are compared, which keeps a company that publishes
        // one listing at a time from paying for all its pairs at every judgement.
        var previous = _judged.GetValueOrDefault(company);
        var judged = new Judged(members);
        var parent = Enumerable.Range(0, members.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var links = new Dictionary<int, List<Match>>();
        var known = members.Select(m => previous?.Members.Contains(m) == true).ToArray(); // looked up once, not per pair
        for (var i = 0; i < members.Count; i++)
        {
            for (var j = i + 1; j < members.Count; j++)
            {
                var found = known[i] && known[j]
                    ? previous!.Matches.TryGetValue((members[i], members[j]), out var seen) ? seen : null
                    : Compare(members[i], members[j]);
                if (found is { } match)
                {
                    judged.Matches[(members[i], members[j])] = match;
                    parent[Find(j)] = Find(i);
                    (links.TryGetValue(j, out var list) ? list : links[j] = []).Add(match with { Other = i });
                    (links.TryGetValue(i, out var back) ? back : links[i] = []).Add(match with { Other = j });
                }
            }
        }

        foreach (var group in links.Keys.GroupBy(Find))
        {
            var indices = group.Append(group.Key).Distinct().Order().ToList();
            var representative = members[indices[0]]; // earliest published
            foreach (var index in indices.Skip(1))
            {
                var member = members[index];
                if (_reported.ContainsKey(member.Id))
                {
                    continue;
                }

                var best = links[index].OrderByDescending(m => m.Heavy).ThenByDescending(m => m.TitleSimilarity).First();
                var finding = ToFinding(member, representative, members[best.Other], best, indices.Select(k => members[k]).ToList());
                _reported[member.Id] = new Reported(finding, members[best.Other].Id);
                context.Report(finding);
            }
        }

        _judged[company] = judged;
        ClearFixed(members, links.Keys.Select(i => members[i].Id).ToHashSet(StringComparer.Ordinal), context);
    }

    /// <summary>
    /// A reported copy that an edit (of the copy or of the listing it repeated) made a different product is no longer a
    /// duplicate: its finding is reported again, cleared at that edit. A partner merely forgotten is not a fix.
    /// </summary>
    private void ClearFixed(List<Listing> members, HashSet<string> duplicated, DetectionContext context)
    {
        foreach (var member in members)
        {
            if (duplicated.Contains(member.Id) || !_reported.TryGetValue(member.Id, out var reported) || reported.Finding.ClearedAt is not null)
            {
                continue;
            }

            Listing? partner = null;
            foreach (var l in members)
            {
                if (l.Id == reported.Partner)
                {
                    partner = l;
                    break;
                }
            }

            var fix = partner is not null && partner.LastTicks > member.LastTicks ? partner : member;
            if (fix.LastTicks <= reported.Finding.To.UtcTicks)
            {
                continue;
            }

            var at = new DateTimeOffset(fix.LastTicks, TimeSpan.Zero);
            var finding = reported.Finding with
            {
                Severity = Severity.Low,
                ClearedAt = at,
                Evidence =
                [
                    .. reported.Finding.Evidence,
                    new Evidence(
                        string.Create(CultureInfo.InvariantCulture, $"Fixed at {EvidenceText.Time(at)}: after the edit of listing {fix.Id}, listing {member.Id} no longer repeats another listing of the company."),
                        string.Create(CultureInfo.InvariantCulture, $"已于 {EvidenceText.Time(at)} 修正：商品 {fix.Id} 编辑后，商品 {member.Id} 不再与该公司的其他商品重复。"),
                        [fix.EventId],
                        new Dictionary<string, double> { ["duplicates_left"] = 0 }),
                ],
            };
            _reported[member.Id] = reported with { Finding = finding };
            context.Report(finding);
        }
    }

    private Match? Compare(Listing a, Listing b)
    {
        // Dice cannot exceed 2·min(|a|, |b|) ÷ (|a| + |b|): titles of very different lengths are not merged at all.
        var (na, nb) = (a.Signature.BigramArray.Length, b.Signature.BigramArray.Length);
        if (na + nb == 0 || 2.0 * Math.Min(na, nb) / (na + nb) <= _options.MinTitleSimilarity + 1e-9)
        {
            return null;
        }

        var similarity = TitleText.Dice(a.Signature.BigramArray, b.Signature.BigramArray);
        // "Above 70%": a title exactly at the limit is allowed (the small tolerance absorbs rounding of the ratio).
        if (similarity <= _options.MinTitleSimilarity + 1e-9)
        {
            return null;
        }

        if (a.Price is { } pa && b.Price is { } pb && pa > 0 && pb > 0 && (double)(Math.Max(pa, pb) / Math.Min(pa, pb)) > _options.MaxPriceRatio + 1e-9)
        {
            return null; // the same words at several times the price: another offer, not a copy
        }

        var codes = TitleMatcher.CompareCodes(a.Signature, b.Signature);
        if (codes == CodeAgreement.Conflict && _options.ModelCodeConflictVetoes)
        {
            return null; // the same words around two different model codes: two products of one range
        }

        var sameAttributes = a.Attributes is not null && a.Attributes == b.Attributes;
        var bits = ImageBits(a, b);
        var samePhoto = bits is { } n && n <= _options.MaxImageBits;
        if (!sameAttributes && !samePhoto)
        {
            return null;
        }

        var heavy = similarity >= _options.HeavyTitleSimilarity && bits is { } h && h <= _options.HeavyMaxImageBits
            && a.Description is not null && a.Description == b.Description && ClosePrice(a.Price, b.Price);
        return new Match(-1, similarity, sameAttributes, bits, heavy, codes);
    }

    private bool ClosePrice(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return false;
        }

        var limit = Math.Max(_options.HeavyMaxPriceDifference, _options.HeavyMaxPriceRatio * (double)Math.Max(x, y));
        return (double)Math.Abs(x - y) <= limit + 1e-9;
    }

    private IEnumerable<string> SharedZh(Match match)
    {
        if (match.SameAttributes)
        {
            yield return "全部属性";
        }

        if (match.ImageBits is { } bits && bits <= _options.MaxImageBits)
        {
            yield return bits == 0 ? "主图" : string.Create(CultureInfo.InvariantCulture, $"主图（相差 {bits} 位）");
        }

        if (match.Codes is CodeAgreement.Exact or CodeAgreement.Related)
        {
            yield return "型号编码";
        }
    }

    private Finding ToFinding(Listing member, Listing representative, Listing closest, Match match, List<Listing> group)
    {
        var entity = new EntityRef(EntityTypes.Listing, member.Id);
        var from = new DateTimeOffset(Math.Min(member.PublishedTicks, closest.PublishedTicks), TimeSpan.Zero);
        var kind = match.Heavy ? "heavy (near-identical copy: removed)" : "light (folded under the representative in search)";
        var shared = new List<string>();
        if (match.SameAttributes)
        {
            shared.Add("every attribute");
        }

        if (match.ImageBits is { } bits && bits <= _options.MaxImageBits)
        {
            shared.Add(bits == 0 ? "the same main photo" : string.Create(CultureInfo.InvariantCulture, $"the main photo ({bits} bit(s) apart)"));
        }

        if (match.Codes is CodeAgreement.Exact or CodeAgreement.Related)
        {
            shared.Add("the model code");
        }

        var shops = group.Select(l => l.Shop).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Listing {member.Id} (shop {member.Shop}) repeats listing {closest.Id} (shop {closest.Shop}) of the same company: titles {match.TitleSimilarity:P0} alike (\"{member.Title}\" / \"{closest.Title}\") and {string.Join(" and ", shared)} shared. A {kind} duplicate."),
                string.Create(CultureInfo.InvariantCulture,
                    $"商品 {member.Id}（店铺 {member.Shop}）重复了同一公司的商品 {closest.Id}（店铺 {closest.Shop}）：标题相似度 {match.TitleSimilarity:P0}（“{member.Title}” / “{closest.Title}”），且{string.Join("、", SharedZh(match))}相同。属于{(match.Heavy ? "重度重复（几乎一模一样的复制品：下架）" : "轻度重复（在搜索中折叠到代表商品之下）")}。"),
                [closest.EventId, member.EventId],
                new Dictionary<string, double>
                {
                    ["title_similarity"] = Math.Round(match.TitleSimilarity, 4),
                    ["min_title_similarity"] = _options.MinTitleSimilarity,
                    ["same_attributes"] = match.SameAttributes ? 1 : 0,
                    ["image_bits"] = match.ImageBits ?? -1,
                    ["heavy"] = match.Heavy ? 1 : 0,
                    ["model_code"] = (int)match.Codes,
                }),
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Duplicate group of {group.Count} listing(s) in {shops.Count} shop(s) ({string.Join(", ", shops)}): {string.Join(", ", group.Select(l => l.Id))}; representative {representative.Id}, the earliest published."),
                string.Create(CultureInfo.InvariantCulture,
                    $"重复商品组共 {group.Count} 个商品，分布在 {shops.Count} 家店铺（{string.Join("、", shops)}）：{string.Join("、", group.Select(l => l.Id))}；代表商品为最早发布的 {representative.Id}。"),
                [representative.FirstEventId],
                new Dictionary<string, double> { ["group_size"] = group.Count, ["shops"] = shops.Count }),
        };

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(match.Heavy ? Math.Max(0.9, match.TitleSimilarity) : match.TitleSimilarity, 4),
            Severity = match.Heavy ? Severity.High : Severity.Medium,
            From = from,
            To = new DateTimeOffset(Math.Max(member.LastTicks, closest.LastTicks), TimeSpan.Zero),
            Related = [new RelatedEntity(EntityTypes.Listing, representative.Id, EntityRole.Actor)],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"same company; title bigram Dice > {_options.MinTitleSimilarity:0.##}{(_options.ModelCodeConflictVetoes ? ", no conflicting model codes" : "")}, prices within {_options.MaxPriceRatio:0.##}× of each other, and same attributes or main photo within {_options.MaxImageBits} bit(s); heavy when Dice ≥ {_options.HeavyTitleSimilarity:0.##}, photo within {_options.HeavyMaxImageBits} bit(s), same description and price within max({_options.HeavyMaxPriceDifference:0.##} yuan, {_options.HeavyMaxPriceRatio:P0})"),
        };
    }

    private void Forget(long now)
    {
        var before = now - _retentionTicks;
        foreach (var (company, members) in _companies)
        {
            foreach (var listing in members.Values)
            {
                if (listing.LastTicks < before)
                {
                    members.Remove(listing.Id); // removing while enumerating a Dictionary is allowed
                    _listings.Remove(listing.Id);
                }
            }

            if (members.Count == 0 && !_dirty.ContainsKey(company))
            {
                _companies.Remove(company);
                _judged.Remove(company);
            }
        }
    }

    private sealed record Reported(Finding Finding, string Partner);

    /// <summary>The listing records a company's last judgement compared (by reference) and the pairs of them that matched.</summary>
    private sealed class Judged(List<Listing> members)
    {
        public HashSet<Listing> Members { get; } = new(members, ReferenceEqualityComparer.Instance);

        public Dictionary<(Listing A, Listing B), Match> Matches { get; } = new(SamePair.Instance);
    }

    /// <summary>Pairs of listing records by reference: a record's value equality would hash every field.</summary>
    private sealed class SamePair : IEqualityComparer<(Listing A, Listing B)>
    {
        public static readonly SamePair Instance = new();

        public bool Equals((Listing A, Listing B) x, (Listing A, Listing B) y) => ReferenceEquals(x.A, y.A) && ReferenceEquals(x.B, y.B);

        public int GetHashCode((Listing A, Listing B) pair)
            => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.A), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.B));
    }

    private readonly record struct Match(int Other, double TitleSimilarity, bool SameAttributes, int? ImageBits, bool Heavy, CodeAgreement Codes);

    private sealed record Listing(
        string Id, string Shop, string Company, string Title, TitleSignature Signature, string? Attributes, string? MainImage, ulong? MainHash,
        decimal? Price, string? Description, long PublishedTicks, long LastTicks, string EventId, string FirstEventId);
}
