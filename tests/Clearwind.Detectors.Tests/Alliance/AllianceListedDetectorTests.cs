using System.Security.Cryptography;
using Clearwind.Alliance;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.Alliance;

public sealed class AllianceListedDetectorTests
{
    private const string ListedDevice = "h1:0000000000000000000000000000d001";
    private static readonly AllianceHasher Hasher = new("the alliance's shared key, 2016");
    private static readonly DateTimeOffset T0 = Some.Epoch;

    /// <summary>A store where platform-b's file was imported and this platform's keyer linked <see cref="ListedDevice"/> to its alliance hash.</summary>
    private static async Task<AllianceWatchlist> WatchlistAsync(double confidence = 0.9, DateTimeOffset? expires = null, string? listedAccount = null, string? listedWebsite = null)
    {
        var store = new InMemoryStore();
        var deviceHash = Hasher.Hash(AllianceKinds.Device, "IMEI-356938035643809");
        await AllianceExchange.RecordLinksAsync(store.Journal, [new AllianceLink(ListedDevice, AllianceKinds.Device, deviceHash)], T0);
        List<AllianceEntry> entries = [new(AllianceKinds.Device, deviceHash, "order_brushing.ring", confidence, T0.AddDays(-60), T0.AddDays(-30), expires ?? T0.AddDays(150), "platform-b")];
        if (listedAccount is not null)
        {
            entries.Add(new(AllianceKinds.Account, Hasher.Hash(AllianceKinds.Account, listedAccount), "fake_likes.zombies", 0.8, T0.AddDays(-60), T0.AddDays(-30), T0.AddDays(150), "platform-b"));
        }

        if (listedWebsite is not null)
        {
            entries.Add(new(AllianceKinds.Website, Hasher.Hash(AllianceKinds.Website, listedWebsite), "order_brushing.ring", 0.95, T0.AddDays(-60), T0.AddDays(-30), T0.AddDays(150), "platform-b"));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AllianceExchange.ImportAsync(store, AllianceFile.Write(new AlliancePayload(AllianceFile.FormatName, "platform-b", T0.AddDays(-1), entries, []), key), key, T0);
        return AllianceWatchlist.Build(await AllianceBook.ReadAsync(store.Journal), Hasher, T0);
    }

    private static IReadOnlyList<Finding> Run(AllianceWatchlist? watchlist, IEnumerable<MarketEvent> events, AllianceListedOptions? options = null)
    {
        var builder = new DetectionPipelineBuilder();
        if (watchlist is not null)
        {
            builder.Shared.GetOrAdd(AllianceWatchlist.SharedKey, () => watchlist);
        }

        var pipeline = builder.AddAllianceListed(options).Build();
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    private static OrderPlaced Order(string buyer, string device, int minute) => Some.OrderPlaced(id: $"o-{buyer}-{minute}", order: $"ord-{buyer}-{minute}", buyer: buyer, ts: T0.AddMinutes(minute), device: device);

    [Fact]
    public async Task AListedDevice_IsARiskSignalNamingItsSource_AndGoesToReviewNeverToAPenalty()
    {
        var findings = Run(await WatchlistAsync(), [Order("b1", ListedDevice, 0), Order("b1", ListedDevice, 10), Order("b2", "h1:00000000000000000000000000000002", 20)]);

        var finding = Assert.Single(findings);
        Assert.Equal(("alliance.listed", new EntityRef("account", "b1"), EntityRole.Actor), (finding.Pattern, finding.Entity, finding.Role));
        Assert.Contains("platform-b", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("order_brushing.ring", finding.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("合作平台 platform-b", finding.Evidence[0].TextZh, StringComparison.Ordinal);
        Assert.Equal(0.9 * 0.6, finding.Score, 6);

        var policy = DetectorCatalog.DefaultPolicy();
        var decision = Assert.Single(new Decider(policy).Decide(finding));
        Assert.Equal(DecisionActions.Review, decision.Action);
    }

    [Fact]
    public async Task AListedAccountHandle_Matches()
    {
        var findings = Run(await WatchlistAsync(listedAccount: "b7"), [Order("b7", "h1:00000000000000000000000000000007", 0), Order("b8", "h1:00000000000000000000000000000008", 1)]);

        Assert.Equal(new EntityRef("account", "b7"), Assert.Single(findings).Entity);
    }

    [Fact]
    public async Task AMessageNamingAListedBrushingWebsite_NamesItsSender_AnOrdinaryMessageNobody()
    {
        ChatMessage Chat(string id, string from, string text, int minute) => new() { Id = id, Ts = T0.AddMinutes(minute), Message = "m" + id, From = from, To = "b9", Text = text };

        var findings = Run(await WatchlistAsync(listedWebsite: "shua-dan.com"), [
            Chat("c1", "organiser", "做任务上 https://www.shua-dan.com/join 返佣金", 0),
            Chat("c2", "shopper", "质量不错，已经在 taobao.com 比过价", 1),
            Order("b9", "h1:00000000000000000000000000000009", 2)]);

        var finding = Assert.Single(findings);
        Assert.Equal(new EntityRef("account", "organiser"), finding.Entity);
        Assert.Contains("website shua-dan.com", finding.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AListedDeviceManyAccountsShareHere_NamesNoneOfThem()
    {
        // An internet café's machine, or a campus lab's: one person's listing must not put strangers under review.
        var orders = Enumerable.Range(1, 6).Select(i => Order($"student{i}", ListedDevice, i * 5)).ToList();

        var findings = Run(await WatchlistAsync(), orders);

        Assert.Equal(3, findings.Count); // the first three before the device was seen shared; later accounts are not named
        Assert.DoesNotContain(findings, f => f.Entity.Id is "student4" or "student5" or "student6");
    }

    [Fact]
    public async Task AnExpiredEntry_OrAWeakOne_OrNoImport_MatchesNothing()
    {
        List<MarketEvent> events = [Order("b1", ListedDevice, 0)];

        Assert.Empty(Run(await WatchlistAsync(expires: T0.AddMinutes(-1)), events));
        Assert.Empty(Run(await WatchlistAsync(confidence: 0.3), events));
        Assert.Empty(Run(null, events));
    }
}
