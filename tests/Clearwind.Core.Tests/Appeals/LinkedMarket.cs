using Clearwind.Appeals;

namespace Clearwind.Core.Tests.Appeals;

/// <summary>
/// A generated marketplace graph for the jury property test: accounts with keyed identifiers shared in clusters
/// (households, device farms), companies, shops with owners/staff and categories, and orders (shop orders and direct
/// account-to-account sales). Profiles and case parties are derived from it the way the service derives them, and
/// <see cref="OracleConflict"/> judges links by walking the graph itself.
/// </summary>
internal sealed class LinkedMarket
{
    private const int Accounts = 2_000;
    private const int ShopCount = 450;
    private const int CategoryCount = 30;
    private const int CompanyCount = 80;
    private const int ShopOrders = 9_000;
    private const int DirectOrders = 1_200;

    private readonly List<string>[] _identifiers;
    private readonly int[] _company; // -1: none
    private readonly string?[] _companySpelling;
    private readonly int[][] _shopOwners;
    private readonly string[][] _shopCategories;
    private readonly List<int>[] _shopsOwnedBy;
    private readonly List<(int Buyer, int Shop)> _shopOrders = [];
    private readonly List<(int Buyer, int Seller)> _directOrders = [];

    // The order edges as adjacency lists, so the oracle walks an account's own edges rather than every order.
    private readonly List<int>[] _shopsBoughtFrom;
    private readonly List<int>[] _buyersOfShop;
    private readonly List<int>[] _directTradePartners;
    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);

    private LinkedMarket()
    {
        AccountIds = [.. Enumerable.Range(0, Accounts).Select(i => $"acct-{i:D4}")];
        ShopIds = [.. Enumerable.Range(0, ShopCount).Select(i => $"shop-{i:D3}")];
        _identifiers = [.. Enumerable.Range(0, Accounts).Select(_ => new List<string>())];
        _company = new int[Accounts];
        _companySpelling = new string?[Accounts];
        _shopOwners = new int[ShopCount][];
        _shopCategories = new string[ShopCount][];
        _shopsOwnedBy = [.. Enumerable.Range(0, Accounts).Select(_ => new List<int>())];
        _shopsBoughtFrom = [.. Enumerable.Range(0, Accounts).Select(_ => new List<int>())];
        _buyersOfShop = [.. Enumerable.Range(0, ShopCount).Select(_ => new List<int>())];
        _directTradePartners = [.. Enumerable.Range(0, Accounts).Select(_ => new List<int>())];
        for (var i = 0; i < Accounts; i++)
        {
            _accountIndex[AccountIds[i]] = i;
        }
    }

    public string[] AccountIds { get; }

    public string[] ShopIds { get; }

    public int AccountCount => Accounts;

    /// <summary>The accounts that signed up as jurors (about 45 %): the candidate pool of every draw.</summary>
    public int[] Volunteers { get; private set; } = [];

    public static LinkedMarket Generate(Random rng)
    {
        var m = new LinkedMarket();
        var identifierNumber = 0;
        string NewIdentifier() => $"h1:{identifierNumber++:x32}";

        // Everyone has a couple of identifiers of their own.
        for (var a = 0; a < Accounts; a++)
        {
            for (var k = rng.Next(1, 4); k > 0; k--)
            {
                m._identifiers[a].Add(NewIdentifier());
            }
        }

        // Clusters sharing a device, phone or address: mostly pairs and households, a few larger farms.
        for (var cluster = 0; cluster < 300; cluster++)
        {
            var shared = NewIdentifier();
            var members = rng.Next(10) == 0 ? rng.Next(8, 25) : rng.Next(2, 5);
            for (var k = 0; k < members; k++)
            {
                m._identifiers[rng.Next(Accounts)].Add(shared);
            }
        }

        string[] spellings = ["{0}", "{0} ", "  {0}", "{1}", "{2}"];
        for (var a = 0; a < Accounts; a++)
        {
            m._company[a] = rng.Next(10) < 4 ? rng.Next(CompanyCount) : -1;
            if (m._company[a] >= 0)
            {
                var name = $"Company {m._company[a]} Trading";
                m._companySpelling[a] = string.Format(System.Globalization.CultureInfo.InvariantCulture, spellings[rng.Next(spellings.Length)], name, name.ToUpperInvariant(), name.ToLowerInvariant());
            }
        }

        for (var s = 0; s < ShopCount; s++)
        {
            m._shopOwners[s] = [.. Enumerable.Range(0, rng.Next(1, 4)).Select(_ => rng.Next(Accounts)).Distinct()];
            m._shopCategories[s] = [.. Enumerable.Range(0, rng.Next(1, 3)).Select(_ => $"cat-{rng.Next(CategoryCount):D2}").Distinct()];
            foreach (var owner in m._shopOwners[s])
            {
                m._shopsOwnedBy[owner].Add(s);
            }
        }

        for (var o = 0; o < ShopOrders; o++)
        {
            var (buyer, shop) = (rng.Next(Accounts), rng.Next(ShopCount));
            m._shopOrders.Add((buyer, shop));
            m._shopsBoughtFrom[buyer].Add(shop);
            m._buyersOfShop[shop].Add(buyer);
        }

        for (var o = 0; o < DirectOrders; o++)
        {
            var (buyer, seller) = (rng.Next(Accounts), rng.Next(Accounts));
            m._directOrders.Add((buyer, seller));
            m._directTradePartners[buyer].Add(seller);
            m._directTradePartners[seller].Add(buyer);
        }

        m.Volunteers = [.. Enumerable.Range(0, Accounts).Where(_ => rng.Next(100) < 45)];
        return m;
    }

    public int IndexOf(string accountId) => _accountIndex[accountId];

    /// <summary>The volunteers as juror candidates, built the way the service builds profiles.</summary>
    public List<JurorProfile> Profiles()
    {
        var counterparties = Enumerable.Range(0, Accounts).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var (buyer, shop) in _shopOrders)
        {
            counterparties[buyer].Add(ShopIds[shop]);
            foreach (var owner in _shopOwners[shop])
            {
                counterparties[buyer].Add(AccountIds[owner]); // ordered from the shop's people
                counterparties[owner].Add(AccountIds[buyer]); // sold to the buyer
            }
        }

        foreach (var (buyer, seller) in _directOrders)
        {
            counterparties[buyer].Add(AccountIds[seller]);
            counterparties[seller].Add(AccountIds[buyer]);
        }

        return [.. Volunteers.Select(a => new JurorProfile(AccountIds[a])
        {
            Identifiers = _identifiers[a].ToHashSet(StringComparer.Ordinal),
            Shops = _shopsOwnedBy[a].Select(s => ShopIds[s]).ToHashSet(StringComparer.Ordinal),
            Categories = _shopsOwnedBy[a].SelectMany(s => _shopCategories[s]).ToHashSet(StringComparer.Ordinal),
            Company = _companySpelling[a],
            Counterparties = counterparties[a],
        })];
    }

    /// <summary>A penalised shop with its owners, and half the time a reporter (often one of its buyers).</summary>
    public Case RandomCase(Random rng)
    {
        var shop = rng.Next(ShopCount);
        var accounts = _shopOwners[shop].ToList();
        if (rng.Next(2) == 0)
        {
            var buyers = _buyersOfShop[shop];
            accounts.Add(buyers.Count > 0 && rng.Next(3) > 0 ? buyers[rng.Next(buyers.Count)] : rng.Next(Accounts));
        }

        return new Case(shop, [.. accounts.Distinct()]);
    }

    public CaseParties PartiesOf(Case c) => new()
    {
        Shops = new HashSet<string>(StringComparer.Ordinal) { ShopIds[c.Shop] },
        Accounts = c.Accounts.Select(a => AccountIds[a]).ToHashSet(StringComparer.Ordinal),
        Identifiers = c.Accounts.SelectMany(a => _identifiers[a]).ToHashSet(StringComparer.Ordinal),
        Categories = _shopCategories[c.Shop].ToHashSet(StringComparer.Ordinal),
        // Party companies spelled differently from the juror's profile: upper case, as a registry might list them.
        Companies = c.Accounts.Where(a => _company[a] >= 0).Select(a => $"COMPANY {_company[a]} TRADING").ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>
    /// Why account <paramref name="j"/> may not judge case <paramref name="c"/>, found by walking the graph, or null.
    /// Written from the rules of issue 9 without the code under test.
    /// </summary>
    public string? OracleConflict(int j, Case c)
    {
        if (c.Accounts.Contains(j) || _shopOwners[c.Shop].Contains(j))
        {
            return "party";
        }

        foreach (var party in c.Accounts)
        {
            if (_identifiers[party].Any(_identifiers[j].Contains))
            {
                return "shared identifier";
            }
        }

        foreach (var own in _shopsOwnedBy[j])
        {
            if (_shopCategories[own].Any(_shopCategories[c.Shop].Contains))
            {
                return "competitor";
            }
        }

        if (_company[j] >= 0 && c.Accounts.Any(party => _company[party] == _company[j]))
        {
            return "same company";
        }

        // Bought from the party shop, or from any shop run by a party account.
        if (_shopsBoughtFrom[j].Any(shop => shop == c.Shop || _shopOwners[shop].Any(c.Accounts.Contains)))
        {
            return "order";
        }

        // Sold, through one of the juror's shops, to a party account.
        if (_shopsOwnedBy[j].Any(own => _buyersOfShop[own].Any(c.Accounts.Contains)))
        {
            return "order";
        }

        if (_directTradePartners[j].Any(c.Accounts.Contains))
        {
            return "order";
        }

        return null;
    }

    /// <summary>One appeal case: the penalised shop and the party accounts (its owners, maybe a reporter).</summary>
    internal sealed record Case(int Shop, int[] Accounts);
}
