using Clearwind.Appeals;

namespace Clearwind.Core.Tests.Appeals;

public sealed class JuryConflictTests
{
    private static readonly CaseParties Parties = new()
    {
        Shops = Set("shop-p"),
        Accounts = Set("owner-p", "reporter-r"),
        Identifiers = Set("h1:00000000000000000000000000000aaa", "h1:00000000000000000000000000000bbb"),
        Categories = Set("cat-shoes"),
        Companies = Set("Acme Trading Ltd"),
    };

    [Fact]
    public void Conflicts_UnlinkedJuror_IsEmpty()
    {
        var juror = new JurorProfile("juror-1")
        {
            Identifiers = Set("h1:00000000000000000000000000000ccc"),
            Shops = Set("shop-x"),
            Categories = Set("cat-books"),
            Company = "Other Co",
            Counterparties = Set("shop-y", "someone-else"),
        };

        Assert.Empty(JuryDraw.Conflicts(juror, Parties));
    }

    [Theory]
    [InlineData("owner-p")]
    [InlineData("reporter-r")]
    public void Conflicts_JurorIsAPartyAccount_IsParty(string account)
    {
        Assert.Equal([JuryConflict.IsParty], JuryDraw.Conflicts(new JurorProfile(account), Parties));
    }

    [Fact]
    public void Conflicts_JurorStaffsThePartyShop_IsParty()
    {
        var staff = new JurorProfile("staff-1") { Shops = Set("shop-p") };

        Assert.Contains(JuryConflict.IsParty, JuryDraw.Conflicts(staff, Parties));
    }

    [Fact]
    public void Conflicts_SharedKeyedIdentifier_IsSharedIdentifier()
    {
        var juror = new JurorProfile("juror-1") { Identifiers = Set("h1:00000000000000000000000000000ddd", "h1:00000000000000000000000000000bbb") };

        Assert.Equal([JuryConflict.SharedIdentifier], JuryDraw.Conflicts(juror, Parties));
    }

    [Fact]
    public void Conflicts_IdentifiersAreComparedExactly_NearMissIsEligible()
    {
        // Keyed values either match or they don't: a different case or one digit off is another identifier.
        var juror = new JurorProfile("juror-1") { Identifiers = Set("H1:00000000000000000000000000000AAA", "h1:00000000000000000000000000000bba") };

        Assert.Empty(JuryDraw.Conflicts(juror, Parties));
    }

    [Fact]
    public void Conflicts_CallerSetWithLooseComparer_DoesNotLoosenExactMatching()
    {
        var parties = Parties with { Identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "h1:00000000000000000000000000000aaa" } };
        var juror = new JurorProfile("juror-1") { Identifiers = Set("H1:00000000000000000000000000000AAA") };

        Assert.Empty(JuryDraw.Conflicts(juror, parties));
    }

    [Fact]
    public void Conflicts_BlankValuesOnBothSides_AreNotALink()
    {
        var parties = Parties with { Identifiers = Set("", " "), Companies = Set("  ") };
        var juror = new JurorProfile("juror-1") { Identifiers = Set("", " "), Company = "  " };

        Assert.Empty(JuryDraw.Conflicts(juror, parties));
    }

    [Fact]
    public void Conflicts_JurorSellingInThePartyCategory_IsSameCategoryCompetitor()
    {
        var juror = new JurorProfile("seller-2") { Shops = Set("shop-x"), Categories = Set("cat-books", "cat-shoes") };

        Assert.Equal([JuryConflict.SameCategoryCompetitor], JuryDraw.Conflicts(juror, Parties));
    }

    [Fact]
    public void Conflicts_JurorOnlyBuyingInThePartyCategory_IsEligible()
    {
        // Bought shoes from another shoe shop: a customer of the category, not a competitor, and no order with the parties.
        var buyer = new JurorProfile("buyer-1") { Counterparties = Set("shop-other-shoes") };
        // Categories without any shop of their own do not make a seller either.
        var noShop = new JurorProfile("buyer-2") { Categories = Set("cat-shoes") };

        Assert.Empty(JuryDraw.Conflicts(buyer, Parties));
        Assert.Empty(JuryDraw.Conflicts(noShop, Parties));
    }

    [Fact]
    public void Conflicts_SellerInAnotherCategory_IsEligible()
    {
        var juror = new JurorProfile("seller-3") { Shops = Set("shop-x"), Categories = Set("cat-books") };

        Assert.Empty(JuryDraw.Conflicts(juror, Parties));
    }

    [Theory]
    [InlineData("Acme Trading Ltd")]
    [InlineData("  acme trading ltd ")]
    [InlineData("ACME TRADING LTD")]
    public void Conflicts_SameCompanyTrimmedAnyCase_IsSameCompany(string company)
    {
        Assert.Equal([JuryConflict.SameCompany], JuryDraw.Conflicts(new JurorProfile("juror-1") { Company = company }, Parties));
    }

    [Theory]
    [InlineData("Acme Trading")]
    [InlineData("Acme Trading Ltd.")]
    [InlineData(null)]
    public void Conflicts_DifferentOrNoCompany_IsEligible(string? company)
    {
        Assert.Empty(JuryDraw.Conflicts(new JurorProfile("juror-1") { Company = company }, Parties));
    }

    [Theory]
    [InlineData("shop-p")]      // ordered from the penalised shop
    [InlineData("owner-p")]     // ordered from the seller's account directly
    [InlineData("reporter-r")]  // sold to the reporter
    public void Conflicts_RecentOrderWithAParty_IsRecentOrders(string counterparty)
    {
        var juror = new JurorProfile("juror-1") { Counterparties = Set("shop-z", counterparty) };

        Assert.Equal([JuryConflict.RecentOrders], JuryDraw.Conflicts(juror, Parties));
    }

    [Fact]
    public void Conflicts_SeveralLinks_AreAllListedInEnumOrder()
    {
        var juror = new JurorProfile("owner-p")
        {
            Identifiers = Set("h1:00000000000000000000000000000aaa"),
            Shops = Set("shop-q"),
            Categories = Set("cat-shoes"),
            Company = "acme trading ltd",
            Counterparties = Set("reporter-r"),
        };

        Assert.Equal(
            [JuryConflict.IsParty, JuryConflict.SharedIdentifier, JuryConflict.SameCategoryCompetitor, JuryConflict.SameCompany, JuryConflict.RecentOrders],
            JuryDraw.Conflicts(juror, Parties));
    }

    [Theory]
    [InlineData(JuryConflict.IsParty, "is_party")]
    [InlineData(JuryConflict.SharedIdentifier, "shared_identifier")]
    [InlineData(JuryConflict.SameCategoryCompetitor, "same_category_competitor")]
    [InlineData(JuryConflict.SameCompany, "same_company")]
    [InlineData(JuryConflict.RecentOrders, "recent_orders")]
    public void ReasonName_IsSnakeCase(JuryConflict reason, string expected)
    {
        Assert.Equal(expected, JuryDraw.ReasonName(reason));
    }

    [Fact]
    public void Draw_LeavesOutEveryConflictedCandidateWithItsFirstReason()
    {
        JurorProfile[] pool =
        [
            new("honest-1"),
            new("honest-2") { Counterparties = Set("shop-other-shoes") },
            new("owner-p") { Company = "Acme Trading Ltd" },
            new("twin") { Identifiers = Set("h1:00000000000000000000000000000aaa") },
            new("rival") { Shops = Set("shop-r"), Categories = Set("cat-shoes"), Counterparties = Set("reporter-r") },
            new("colleague") { Company = "ACME trading ltd" },
            new("customer") { Counterparties = Set("shop-p") },
        ];

        var result = JuryDraw.Draw(pool, Parties, 13, "conflict-test-seed-0001");

        Assert.Equal(["honest-1", "honest-2"], result.Jurors.Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                new JuryExclusion("colleague", JuryConflict.SameCompany),
                new JuryExclusion("customer", JuryConflict.RecentOrders),
                new JuryExclusion("owner-p", JuryConflict.IsParty),
                new JuryExclusion("rival", JuryConflict.SameCategoryCompetitor),
                new JuryExclusion("twin", JuryConflict.SharedIdentifier),
            ],
            result.Excluded);
        Assert.Equal(2, result.EligibleCount);
    }

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
