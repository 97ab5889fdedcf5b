using System.Runtime.InteropServices;

namespace Clearwind.Accounts;

/// <summary>
/// The brands a marketplace knows, learned from the event stream: every brand a shop is authorised for
/// (<c>shop.opened</c> <c>brands</c>, SPEC §7) and every brand a listing declares. Brands are kept by skeleton
/// (<see cref="Confusables"/>), so 雲朵 in a name finds the brand 云朵. Memory is one entry per brand and per shop
/// that is authorised for any brand.
/// </summary>
internal sealed class BrandBook
{
    private readonly int _minLength;
    private readonly Dictionary<string, BrandEntry> _brands = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<string>> _byFirst = [];
    private readonly Dictionary<string, string[]> _authorised = new(StringComparer.Ordinal); // shop → brand skeletons

    public BrandBook(int minLength) => _minLength = minLength;

    /// <summary>Number of brands known.</summary>
    public int Count => _brands.Count;

    /// <summary>Learns a shop's authorised brands; returns true when a brand was new.</summary>
    public bool LearnShop(string shop, IReadOnlyList<string>? brands, string eventId)
    {
        if (brands is null || brands.Count == 0)
        {
            return false;
        }

        var added = false;
        var skeletons = new List<string>(brands.Count);
        foreach (var brand in brands)
        {
            if (Learn(brand) is { } entry)
            {
                added |= entry.Shops == 0 && entry.IsNew;
                entry.IsNew = false;
                entry.Shops++;
                entry.FirstShopEvent ??= eventId;
                skeletons.Add(entry.Skeleton);
            }
        }

        _authorised[shop] = [.. skeletons];
        return added;
    }

    /// <summary>Learns a brand a listing declares; returns true when it was new.</summary>
    public bool LearnBrand(string? brand)
    {
        if (Learn(brand) is not { IsNew: true } entry)
        {
            return false;
        }

        entry.IsNew = false;
        return true;
    }

    /// <summary>The brand skeletons a shop is authorised for (empty when none).</summary>
    public IReadOnlyList<string> AuthorisedFor(string shop) => _authorised.TryGetValue(shop, out var brands) ? brands : [];

    /// <summary>What is known of a brand by its skeleton.</summary>
    public BrandEntry? Get(string skeleton) => _brands.GetValueOrDefault(skeleton);

    /// <summary>
    /// Every known brand in a skeleton with where it starts, overlaps included (卓远山海集 holds both 远山 and 山海集),
    /// except a brand that lies inside a longer brand found at the same place (北极 inside 北极光).
    /// </summary>
    public List<(BrandEntry Brand, int Start)> Find(string skeleton)
    {
        var found = new List<(BrandEntry Brand, int Start)>();
        for (var i = 0; i < skeleton.Length; i++)
        {
            if (!_byFirst.TryGetValue(skeleton[i], out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (string.CompareOrdinal(skeleton, i, candidate, 0, candidate.Length) == 0
                    && !found.Exists(f => f.Start <= i && i + candidate.Length <= f.Start + f.Brand.Skeleton.Length))
                {
                    found.Add((_brands[candidate], i));
                }
            }
        }

        return found;
    }

    private BrandEntry? Learn(string? brand)
    {
        var skeleton = Confusables.Skeleton(brand);
        if (skeleton.Length < _minLength)
        {
            return null;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_brands, skeleton, out var known);
        if (known)
        {
            return entry;
        }

        entry = new BrandEntry(skeleton, brand!.Trim());
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_byFirst, skeleton[0], out _);
        list ??= [];
        list.Add(skeleton);
        list.Sort((a, b) => b.Length.CompareTo(a.Length)); // longest first, so 北极光 wins over a brand 北极
        return entry;
    }
}

/// <summary>A known brand.</summary>
/// <param name="Skeleton">Its skeleton.</param>
/// <param name="Name">How it was first written.</param>
internal sealed record BrandEntry(string Skeleton, string Name)
{
    /// <summary>Shops authorised for it.</summary>
    public int Shops { get; set; }

    /// <summary>The <c>shop.opened</c> event of the first shop authorised for it.</summary>
    public string? FirstShopEvent { get; set; }

    /// <summary>True until the caller has seen it as new.</summary>
    public bool IsNew { get; set; } = true;
}
