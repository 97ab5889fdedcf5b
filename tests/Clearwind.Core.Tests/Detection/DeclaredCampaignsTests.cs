using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Detection;

public sealed class DeclaredCampaignsTests
{
    private static readonly DateTimeOffset T0 = Some.Epoch;

    private static CampaignDeclared Declared(DateTimeOffset at, DateTimeOffset? from, DateTimeOffset? to, params string[] listings)
        => new() { Id = "e1", Ts = at, Campaign = "c1", Shop = "s1", Listings = listings, From = from, To = to, Channel = "influencer" };

    [Fact]
    public void Covering_ListingsNamed_CoversOnlyThoseListingsOfTheShopWithinTheWindow()
    {
        var campaigns = new DeclaredCampaigns();
        campaigns.Observe(Declared(T0, T0.AddHours(2), T0.AddHours(5), "l1"));

        Assert.NotNull(campaigns.Covering("s1", "l1", T0.AddHours(3)));
        Assert.Null(campaigns.Covering("s1", "l2", T0.AddHours(3)));
        Assert.Null(campaigns.Covering("s2", "l1", T0.AddHours(3)));
        Assert.Null(campaigns.Covering("s1", "l1", T0.AddHours(1)));
        Assert.Null(campaigns.Covering("s1", "l1", T0.AddHours(6)));
    }

    [Fact]
    public void Covering_NoListingsNamed_CoversEveryListingOfTheShop()
    {
        var campaigns = new DeclaredCampaigns();
        campaigns.Observe(Declared(T0, T0, T0.AddHours(5)));

        Assert.NotNull(campaigns.Covering("s1", "any", T0.AddHours(1)));
    }

    [Fact]
    public void Observe_BackdatedStart_CoversOnlyFromTheDeclaration()
    {
        var campaign = new DeclaredCampaigns().Observe(Declared(T0.AddHours(10), T0, T0.AddHours(20)));

        Assert.Equal(T0.AddHours(10), campaign.From);
    }

    [Fact]
    public void Observe_EndlessOrYearLongDeclaration_IsCapped()
    {
        var campaigns = new DeclaredCampaigns();
        var open = campaigns.Observe(Declared(T0, T0, null));
        var year = campaigns.Observe(Declared(T0, T0, T0.AddYears(1)));

        Assert.Equal(T0.AddDays(DeclaredCampaigns.DefaultDays), open.To);
        Assert.Equal(T0.AddDays(DeclaredCampaigns.MaxDays), year.To);
    }

    [Fact]
    public void Forget_EndedCampaigns_NoLongerCover()
    {
        var campaigns = new DeclaredCampaigns();
        campaigns.Observe(Declared(T0, T0, T0.AddHours(5)));

        campaigns.Forget(T0.AddHours(6));

        Assert.Null(campaigns.Covering("s1", "l1", T0.AddHours(4)));
    }

    [Fact]
    public void ToEvidence_NamesTheCampaignAndCarriesTheFigure()
    {
        var evidence = new DeclaredCampaigns().Observe(Declared(T0, T0.AddHours(1), T0.AddHours(4), "l1", "l2")).ToEvidence();

        Assert.Equal(1, evidence.Figures[DeclaredCampaigns.EvidenceFigure]);
        Assert.Equal(3, evidence.Figures["campaign_hours"]);
        Assert.Contains("c1 (influencer)", evidence.Text, StringComparison.Ordinal);
        Assert.Contains("l1, l2", evidence.Text, StringComparison.Ordinal);
        Assert.Equal(["e1"], evidence.Events);
    }
}
