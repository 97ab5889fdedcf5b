using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Listings;
using Clearwind.Policy;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class StolenImageDetectorTests
{
    private const ulong Photo = 0x7d28d1c282a3ba8fUL;
    private static readonly DateTimeOffset T0 = Some.Epoch.AddHours(10);

    private int _next;

    private static IReadOnlyList<Finding> Run(IEnumerable<MarketEvent> events, StolenImageOptions? options = null)
    {
        var pipeline = new DetectionPipelineBuilder().AddStolenImage(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private static string Hex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    private ShopOpened Shop(string shop, string? company, params string[] brands)
        => new() { Id = NextId(), Ts = T0, Shop = shop, Owner = "o-" + shop, Company = company, Brands = brands };

    private ListingPublished Publish(string listing, string shop, ulong mainHash, double hours, string? brand = null)
        => new()
        {
            Id = NextId(),
            Ts = T0.AddHours(hours),
            Listing = listing,
            Shop = shop,
            Title = "手工饼干",
            Brand = brand,
            Images = [new ImageRef(Hex(mainHash), 800, 800), new ImageRef(Hex(mainHash ^ 0xffff0000ffff0000UL), 750, 1200)],
        };

    private ListingUpdated Update(string listing, string shop, ulong mainHash, double hours)
        => new() { Id = NextId(), Ts = T0.AddHours(hours), Listing = listing, Shop = shop, Images = [new ImageRef(Hex(mainHash), 750, 750)] };

    private string NextId() => $"e{++_next}";

    /// <summary>The hash with <paramref name="bits"/> bits flipped, spread over the whole hash (so across band edges).</summary>
    private static ulong Flip(ulong hash, int bits, int start = 0)
    {
        for (var i = 0; i < bits; i++)
        {
            hash ^= 1UL << ((start + (i * 11)) % 64);
        }

        return hash;
    }

    private IEnumerable<MarketEvent> TwoCompanies() => [Shop("s1", "甲公司"), Shop("s2", "乙公司")];

    [Fact]
    public void ExactCopy_ByAnotherCompany_FlagsTheCopierAndNamesTheOriginalAsVictim()
    {
        var finding = Assert.Single(Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", Photo, 30)]));

        Assert.Equal("listing.stolen_image", finding.Pattern);
        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
        Assert.Equal(EntityRole.Actor, finding.Role);
        Assert.Equal([new RelatedEntity("listing", "l1", EntityRole.Victim)], finding.Related);
        Assert.Equal(0.95, finding.Score, 6);
        Assert.Equal(["e3", "e4"], finding.Evidence[0].Events);
        Assert.Equal(0, finding.Evidence[0].Figures["distance_bits"]);
        Assert.Equal(29.0 / 24, finding.Evidence[0].Figures["days_earlier"], 2);
        Assert.Contains("l1", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 5)]
    [InlineData(6, 0)]
    [InlineData(6, 7)]
    [InlineData(6, 60)]
    public void NearCopy_WithinTheDistance_IsFoundWhereverTheBitsDiffer(int bits, int start)
    {
        var finding = Assert.Single(Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", Flip(Photo, bits, start), 2)]));

        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
        Assert.Equal(bits, finding.Evidence[0].Figures["distance_bits"]);
        Assert.Equal(0.9, finding.Score, 6);
    }

    [Fact]
    public void BandIndex_FindsEveryPairWithinTheDistance_AsAFullComparisonWould()
    {
        var random = new Random(7);
        var originals = Enumerable.Range(0, 300).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63)).ToList();
        var events = new List<MarketEvent>();
        for (var i = 0; i < originals.Count; i++)
        {
            events.Add(Shop("a" + i, "原创" + i));
            events.Add(Shop("b" + i, "仿冒" + i));
            events.Add(Publish("orig" + i, "a" + i, originals[i], 1 + (i * 0.001)));
        }

        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < originals.Count; i++)
        {
            // Bits at random positions; up to 8, so some copies are out of reach.
            var bits = random.Next(0, 9);
            var copy = originals[i];
            foreach (var position in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(bits))
            {
                copy ^= 1UL << position;
            }

            events.Add(Publish("copy" + i, "b" + i, copy, 5 + (i * 0.001)));
            if (bits <= 6)
            {
                expected.Add("copy" + i);
            }
        }

        var flagged = Run(events).Select(f => f.Entity.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(expected.Order(StringComparer.Ordinal), flagged.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DifferentPicture_SevenBitsAway_IsNotACopy()
        => Assert.Empty(Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", Flip(Photo, 7), 2)]));

    [Fact]
    public void Original_PublishedFirst_IsNeverFlagged_WhicheverListingIsEditedLater()
    {
        var findings = Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", 0x123456789abcdef0UL, 2), Update("l2", "s2", Photo, 40), Update("l1", "s1", Flip(Photo, 1), 50)]);

        var finding = Assert.Single(findings);
        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
        Assert.Equal(T0.AddHours(40), finding.From); // swapped in after publishing
    }

    [Fact]
    public void Decision_DemotesTheCopier_AndLeavesTheOriginalAlone()
    {
        var finding = Assert.Single(Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", Photo, 3)]));

        var decisions = new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding);

        // Only the copier is acted on (warned, then demoted when the grace ends unfixed); the original, named as victim,
        // gets no decision at all.
        Assert.All(decisions, d => Assert.Equal(new EntityRef("listing", "l2"), d.Entity));
        Assert.Equal([(DecisionActions.Warn, 0), (DecisionActions.Demote, 1)], decisions.Select(d => (d.Action, d.Strike)));
    }

    [Fact]
    public void SameCompany_ReusingItsPhotoInAnotherShop_IsNotFlagged()
        => Assert.Empty(Run([Shop("s1", "甲公司"), Shop("s3", "甲公司"), Publish("l1", "s1", Photo, 1), Publish("l3", "s3", Flip(Photo, 2), 5), Publish("l4", "s1", Photo, 6)]));

    [Fact]
    public void AuthorisedReseller_ShowingTheBrandPhotoOnTheBrandsListing_IsNotFlagged()
        => Assert.Empty(Run([Shop("s1", "橘生食品", "橘生"), Shop("s2", "晟达农业", "橘生"), Publish("l1", "s1", Photo, 1, "橘生"), Publish("l2", "s2", Photo, 5, "橘生")]));

    [Fact]
    public void AuthorisedReseller_PuttingTheBrandPhotoOnAnotherProduct_IsFlagged()
    {
        var finding = Assert.Single(Run([Shop("s1", "橘生食品", "橘生"), Shop("s2", "晟达农业", "橘生", "小熊猫"), Publish("l1", "s1", Photo, 1, "橘生"), Publish("l2", "s2", Photo, 5, "小熊猫")]));

        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
    }

    [Fact]
    public void UnauthorisedShop_UsingTheBrandPhoto_IsFlagged()
    {
        var finding = Assert.Single(Run([Shop("s1", "橘生食品", "橘生"), Shop("s2", "某贸易"), Publish("l1", "s1", Photo, 1, "橘生"), Publish("l2", "s2", Photo, 5, "橘生")]));

        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity);
    }

    [Fact]
    public void StockPicture_AlreadyUsedByManyCompanies_IsNotFlaggedForTheNextOne()
    {
        var events = new List<MarketEvent>();
        for (var i = 0; i < 6; i++)
        {
            events.Add(Shop("s" + i, "公司" + i));
            events.Add(Publish("l" + i, "s" + i, Photo, 1 + i));
        }

        var flagged = Run(events).Select(f => f.Entity.Id).Order(StringComparer.Ordinal).ToList();

        // l0 is the first; l1–l4 copy a picture fewer than 5 other companies use; l5 finds it on 5 other companies' listings.
        Assert.Equal(["l1", "l2", "l3", "l4"], flagged);
    }

    [Fact]
    public void UnchangedMainImage_OnEdit_IsNotReportedAgain()
    {
        var findings = Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", Photo, 2), Update("l2", "s2", Photo, 9)]);

        Assert.Equal(T0.AddHours(2), Assert.Single(findings).From);
    }

    [Fact]
    public void PhotoOfItsOwn_ReplacingTheStolenOne_ClearsTheFinding()
    {
        var finding = Assert.Single(Run([.. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l2", "s2", Photo, 2), Update("l2", "s2", 0x0f0f0f0f0f0f0f0fUL, 9)]));

        Assert.Equal((T0.AddHours(2), T0.AddHours(9)), (finding.From, finding.ClearedAt));
        Assert.Equal(["e5"], finding.Evidence[^1].Events);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(T0.AddHours(9), Assert.Single(new Decider(DetectorCatalog.DefaultPolicy()).Decide(finding)).ExpiresAt);
    }

    [Fact]
    public void AnotherStolenPhoto_ReplacingTheFirst_IsANewFinding_NotAFix()
    {
        List<MarketEvent> events =
        [
            .. TwoCompanies(), Publish("l1", "s1", Photo, 1), Publish("l3", "s1", 0x0f0f0f0f0f0f0f0fUL, 1),
            Publish("l2", "s2", Photo, 2), Update("l2", "s2", 0x0f0f0f0f0f0f0f0fUL, 9),
        ];

        var findings = Run(events);

        Assert.Equal([T0.AddHours(2), T0.AddHours(9)], findings.Select(f => f.From).Order());
        Assert.All(findings, f => Assert.Null(f.ClearedAt));
    }

    [Fact]
    public void ReplacedOriginal_IsForgottenAfterTheRetention()
    {
        var options = new StolenImageOptions { RetainDays = 10 };
        List<MarketEvent> events =
        [
            .. TwoCompanies(), Publish("l1", "s1", Photo, 1), Update("l1", "s1", 0x0f0f0f0f0f0f0f0fUL, 2),
            Publish("l2", "s2", Photo, 24 * 5), Publish("l3", "s2", Photo, 24 * 20),
        ];

        var finding = Assert.Single(Run(events, options));
        Assert.Equal(new EntityRef("listing", "l2"), finding.Entity); // within 10 days of the replacement; l3 is 20 days on, and l2 is its own company's
    }
}
