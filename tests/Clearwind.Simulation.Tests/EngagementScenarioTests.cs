using Clearwind.Events;

namespace Clearwind.Simulation.Tests;

/// <summary>
/// Fake engagement in the scale-1 week (SPEC §2.2, §2.3; seeds 000 and 003): each labelled pattern must show in the
/// events the way the seeds describe it, and the honest look-alikes must differ from it in the way a detector could
/// see. The bounds are the patterns' own definitions (few addresses, far above baseline, near-identical text), not
/// figures read off one run.
/// </summary>
[Collection(ScaleOneMarketGroup.Name)]
public sealed class EngagementScenarioTests(ScaleOneMarket market)
{
    // The marketplace's avatar for accounts that never upload one (account.registered of most honest buyers).
    private const string DefaultAvatar = "ffd8e0c0c0e0f8ff";

    private static readonly string[] AlertWords = ["假货", "骗", "山寨", "仿", "冒牌", "正品"];

    private HashSet<string> Labelled(string pattern, string type, string role)
        => [.. market.Labels.Entities.Where(e => e.Pattern == pattern && e.Type == type && e.Role == role).Select(e => e.Id)];

    private List<ListingLiked> Likes => [.. market.Events.OfType<ListingLiked>()];

    private Dictionary<string, AccountRegistered> Registrations => market.Events.OfType<AccountRegistered>().ToDictionary(r => r.Account);

    private HashSet<string> Buyers => [.. market.Events.OfType<OrderPlaced>().Select(o => o.Buyer)];

    /// <summary>Likes given to <paramref name="listing"/> by <paramref name="actors"/>.</summary>
    private static List<ListingLiked> FarmLikes(IEnumerable<ListingLiked> likes, string listing, HashSet<string> actors)
        => [.. likes.Where(l => l.Listing == listing && actors.Contains(l.Account))];

    [Fact]
    public void FakeLikes_ConcentratedFarms_LikeFromFewAddressesAndDevices()
    {
        var actors = Labelled("fake_likes.concentration", EntityTypes.Account, "actor");
        var listings = Labelled("fake_likes.concentration", EntityTypes.Listing, "beneficiary");
        var likes = Likes;

        Assert.NotEmpty(listings);
        foreach (var listing in listings)
        {
            var farm = FarmLikes(likes, listing, actors);
            Assert.True(farm.Count >= 20, $"{listing}: {farm.Count} farm likes");
            Assert.True(farm.Select(l => l.Ip).Distinct().Count() * 5 <= farm.Count, $"{listing}: likes from too many addresses");
            Assert.True(farm.Select(l => l.Device).Distinct().Count() * 5 <= farm.Count, $"{listing}: likes from too many devices");
        }
    }

    [Fact]
    public void FakeLikes_FarmsNotLabelledConcentrated_LikeFromManyAddressesLikeHonestListings()
    {
        var concentrated = Labelled("fake_likes.concentration", EntityTypes.Listing, "beneficiary");
        var boosted = Labelled("fake_likes.mismatch", EntityTypes.Listing, "beneficiary");
        var actors = Labelled("fake_likes.mismatch", EntityTypes.Account, "actor");
        var likes = Likes;
        var rotating = boosted.Except(concentrated).ToList();

        Assert.NotEmpty(rotating);
        foreach (var listing in rotating)
        {
            var farm = FarmLikes(likes, listing, actors);
            Assert.True(farm.Select(l => l.Ip).Distinct().Count() * 2 > farm.Count, $"{listing}: a farm that rotates addresses reuses them");
        }

        // Honest listings that are liked a lot are liked from many addresses too: address counts alone do not find farms.
        var popular = likes.Where(l => !boosted.Contains(l.Listing)).GroupBy(l => l.Listing).Where(g => g.Count() >= 50).ToList();
        Assert.NotEmpty(popular);
        Assert.All(popular, g => Assert.True(g.Select(l => l.Ip).Distinct().Count() * 2 > g.Count(), g.Key));
    }

    [Fact]
    public void FakeLikes_Zombies_AreNewAccountsWithoutAvatarOrPurchase()
    {
        var zombies = Labelled("fake_likes.zombies", EntityTypes.Account, "actor");
        var registrations = Registrations;
        var buyers = Buyers;
        var firstLike = Likes.Where(l => zombies.Contains(l.Account)).GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Min(l => l.Ts));

        Assert.NotEmpty(zombies);
        Assert.All(zombies, z =>
        {
            Assert.Equal(DefaultAvatar, registrations[z].Avatar);
            Assert.DoesNotContain(z, buyers);
            Assert.InRange(firstLike[z] - registrations[z].Ts, TimeSpan.Zero, TimeSpan.FromDays(4));
        });
    }

    [Fact]
    public void FakeLikes_ScriptedFarms_LikeAtASteadyPace()
    {
        // Script-like timing: within a zombie farm's run on a listing, the gaps between likes barely vary; honest likes
        // on a listing arrive as a Poisson stream, whose gaps vary as much as their mean.
        var actors = Labelled("fake_likes.burst", EntityTypes.Account, "actor");
        var bursts = Labelled("fake_likes.burst", EntityTypes.Listing, "beneficiary");
        var listings = Labelled("fake_likes.zombies", EntityTypes.Listing, "beneficiary").Intersect(bursts).ToList();
        var likes = Likes;

        Assert.NotEmpty(listings);
        foreach (var listing in listings)
        {
            var times = FarmLikes(likes, listing, actors).Select(l => l.Ts).Order().ToList();
            var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
            var median = gaps[gaps.Count / 2];
            var steady = gaps.Count(g => g > median * 0.5 && g < median * 1.5);
            Assert.True(steady * 10 >= gaps.Count * 8, $"{listing}: {steady} of {gaps.Count} gaps near the median {median:F0} s");
        }
    }

    [Fact]
    public void FakeLikes_BurstListings_JumpFarAboveTheirOwnBaseline()
    {
        var bursts = Labelled("fake_likes.burst", EntityTypes.Listing, "beneficiary");
        var start = SyntheticMarketOptions.DefaultStart;
        var byListing = Likes.GroupBy(l => l.Listing).ToDictionary(g => g.Key, g => g.Select(l => l.Ts).Order().ToList());

        Assert.NotEmpty(bursts);
        foreach (var listing in bursts)
        {
            var times = byListing[listing];
            var (from, peak) = BusiestDay(times);
            var before = times.Count(t => t < from);
            var baselinePerDay = before / Math.Max(1, (from - start).TotalDays);
            Assert.True(peak >= 15 && peak >= 10 * (baselinePerDay + 1), $"{listing}: {peak} likes in a day against {baselinePerDay:F1} a day before");
        }

        // A drip from launch has no quiet baseline to jump from: its busiest day is an ordinary day for it.
        var drips = Labelled("fake_likes.mismatch", EntityTypes.Listing, "beneficiary").Except(bursts).ToList();
        Assert.NotEmpty(drips);
        foreach (var listing in drips)
        {
            var times = byListing[listing];
            var perDay = times.Count / (times[^1] - times[0]).TotalDays;
            Assert.True(BusiestDay(times).Likes <= 3 * perDay, $"{listing}: a drip should not burst");
        }
    }

    private static (DateTimeOffset From, int Likes) BusiestDay(List<DateTimeOffset> times)
    {
        var best = (From: times[0], Likes: 0);
        var j = 0;
        for (var i = 0; i < times.Count; i++)
        {
            while (j < times.Count && times[j] < times[i].AddDays(1))
            {
                j++;
            }

            if (j - i > best.Likes)
            {
                best = (times[i], j - i);
            }
        }

        return best;
    }

    [Fact]
    public void FakeLikes_MismatchListings_ConvertFarBelowHonestOnesAndWithShortDwell()
    {
        var boosted = Labelled("fake_likes.mismatch", EntityTypes.Listing, "beneficiary");
        var actors = Labelled("fake_likes.mismatch", EntityTypes.Account, "actor");
        var likes = Likes.GroupBy(l => l.Listing).ToDictionary(g => g.Key, g => g.Count());
        var orders = market.Events.OfType<OrderPlaced>().GroupBy(o => o.Listing!).ToDictionary(g => g.Key, g => g.Count());
        double Conversion(string listing) => orders.GetValueOrDefault(listing) / (double)likes[listing];

        var farm = boosted.Select(Conversion).Order().ToList();
        var honest = likes.Where(kv => kv.Value >= 30 && !boosted.Contains(kv.Key)).Select(kv => Conversion(kv.Key)).Order().ToList();

        Assert.NotEmpty(farm);
        Assert.NotEmpty(honest);
        Assert.True(farm[farm.Count / 2] * 3 < honest[honest.Count / 2], $"median orders per like: farms {farm[farm.Count / 2]:F2}, honest {honest[honest.Count / 2]:F2}");

        var views = market.Events.OfType<ListingViewed>().Where(v => v.DwellMs is not null).ToList();
        var farmDwell = views.Where(v => boosted.Contains(v.Listing) && actors.Contains(v.Account!)).Select(v => v.DwellMs!.Value).Order().ToList();
        var honestDwell = views.Where(v => !boosted.Contains(v.Listing)).Select(v => v.DwellMs!.Value).Order().ToList();
        Assert.True(farmDwell[farmDwell.Count / 2] * 2 < honestDwell[honestDwell.Count / 2], "farm views should be short");
    }

    [Fact]
    public void FakeLikes_Lockstep_SameAccountsLikeSeveralListingsWithinADayEach()
    {
        var actors = Labelled("fake_likes.lockstep", EntityTypes.Account, "actor");
        var listings = Labelled("fake_likes.lockstep", EntityTypes.Listing, "beneficiary");
        var likes = Likes.Where(l => actors.Contains(l.Account) && listings.Contains(l.Listing)).ToList();

        Assert.NotEmpty(actors);
        Assert.All(likes.GroupBy(l => l.Account), g => Assert.True(g.Select(l => l.Listing).Distinct().Count() >= 3, g.Key));
        Assert.All(likes.GroupBy(l => l.Listing), g => Assert.True(g.Max(l => l.Ts) - g.Min(l => l.Ts) < TimeSpan.FromDays(1), g.Key));
    }

    [Fact]
    public void FakeLikes_Farms_DoNotAllShowEverySign()
    {
        var burst = Labelled("fake_likes.burst", EntityTypes.Account, "actor");
        var zombies = Labelled("fake_likes.zombies", EntityTypes.Account, "actor");
        var concentrated = Labelled("fake_likes.concentration", EntityTypes.Account, "actor");
        var lockstep = Labelled("fake_likes.lockstep", EntityTypes.Account, "actor");

        Assert.NotEmpty(burst.Except(zombies));
        Assert.NotEmpty(burst.Except(concentrated));
        Assert.NotEmpty(burst.Except(lockstep));
        Assert.NotEmpty(concentrated.Except(burst));
    }

    // ---- Reviews ---------------------------------------------------------------------------------------------------

    private List<ReviewPosted> FakeReviews()
    {
        var fake = market.Labels.Items.FakeReviews.ToHashSet(StringComparer.Ordinal);
        return [.. market.Events.OfType<ReviewPosted>().Where(r => fake.Contains(r.Review))];
    }

    private static double Similarity(string a, string b)
    {
        // Punctuation, spaces and emoji are dropped first, as any text matcher would.
        static HashSet<string> Bigrams(string text)
        {
            var s = new string([.. text.Where(char.IsLetterOrDigit)]);
            return [.. Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2))];
        }

        var x = Bigrams(a);
        var y = Bigrams(b);
        return x.Count + y.Count == 0 ? 1 : x.Intersect(y).Count() / (double)x.Union(y).Count();
    }

    private static double MeanPairSimilarity(List<string> texts)
    {
        var sum = 0.0;
        var n = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                sum += Similarity(texts[i], texts[j]);
                n++;
            }
        }

        return n == 0 ? 0 : sum / n;
    }

    [Fact]
    public void FakeReviews_DuplicateText_AreFarMoreAlikeThanHandWrittenOnesButParaphrased()
    {
        var duplicate = Labelled("fake_reviews.duplicate_text", EntityTypes.Account, "actor");
        var reviews = FakeReviews();
        var templated = reviews.Where(r => duplicate.Contains(r.Account)).GroupBy(r => r.Listing!).Where(g => g.Count() >= 5).ToList();
        var fake = Labelled("fake_reviews.no_purchase", EntityTypes.Account, "actor");
        var handWritten = reviews.Where(r => fake.Contains(r.Account) && !duplicate.Contains(r.Account)).GroupBy(r => r.Listing!).Where(g => g.Count() >= 5).ToList();

        Assert.NotEmpty(templated);
        Assert.NotEmpty(handWritten);
        var written = handWritten.Select(g => MeanPairSimilarity([.. g.Select(r => r.Text!)])).Max();
        foreach (var group in templated)
        {
            var texts = group.Select(r => r.Text!).ToList();
            var similarity = MeanPairSimilarity(texts);
            Assert.True(similarity >= 0.4 && similarity > written, $"{group.Key}: templated similarity {similarity:F2}, hand-written up to {written:F2}");
            Assert.True(texts.Distinct().Count() > 1, $"{group.Key}: paraphrases, not one text pasted");
        }
    }

    [Fact]
    public void FakeReviews_NoPurchase_HaveNoDeliveredOrderWhenPosted()
    {
        var noPurchase = Labelled("fake_reviews.no_purchase", EntityTypes.Account, "actor");
        var delivered = market.Events.OfType<OrderDelivered>().ToDictionary(d => d.Order, d => d.Ts);
        var reviews = FakeReviews();

        Assert.Contains(reviews, r => noPurchase.Contains(r.Account) && r.Order is null);
        Assert.Contains(reviews, r => noPurchase.Contains(r.Account) && r.Order is not null);
        Assert.All(reviews.Where(r => noPurchase.Contains(r.Account)), r =>
            Assert.False(r.Order is not null && delivered.TryGetValue(r.Order, out var at) && at < r.Ts, $"{r.Review} follows a delivered order"));

        // Paid-back praise (好评返现) sits on real, delivered purchases: it is duplicate text, not a missing purchase.
        var cashback = reviews.Where(r => !noPurchase.Contains(r.Account) && r.Rating >= 4).ToList();
        Assert.Contains(cashback, r => r.Order is not null && delivered.TryGetValue(r.Order, out var at) && at < r.Ts);
    }

    [Fact]
    public void FakeReviews_FarmWriters_ShareADeviceOrNetworkWithAnotherLinkedAccount()
    {
        var farm = Labelled("fake_reviews.farm", EntityTypes.Account, "actor");
        var registrations = Registrations;
        var competitors = Labelled("fake_reviews.malicious_negative", EntityTypes.Shop, "actor");
        var owners = market.Events.OfType<ShopOpened>().Where(s => competitors.Contains(s.Shop)).Select(s => s.Owner!).ToList();
        static string Network(string ip) => ip[..ip.LastIndexOf('.')];

        Assert.NotEmpty(farm);
        foreach (var group in FakeReviews().Where(r => farm.Contains(r.Account)).GroupBy(r => r.Listing!))
        {
            var linked = group.Select(r => r.Account).Concat(owners).Distinct().Select(a => registrations[a]).ToList();
            foreach (var writer in group.Select(r => registrations[r.Account]).DistinctBy(r => r.Account))
            {
                Assert.Contains(linked, other => other.Account != writer.Account
                    && (other.Device == writer.Device || Network(other.Ip!) == Network(writer.Ip!)));
            }
        }

        // Writers that trickle in from unrelated accounts are labelled no farm.
        Assert.NotEmpty(Labelled("fake_reviews.no_purchase", EntityTypes.Account, "actor").Except(farm));
    }

    [Fact]
    public void MaliciousReviews_Victims_GetABurstOfOneStarReviewsFromAccountsThatNeverBoughtThere()
    {
        var victims = market.Labels.Victims.Where(v => v.Pattern == "fake_reviews.malicious_negative" && v.Type == EntityTypes.Listing).Select(v => v.Id).ToList();
        var attackers = Labelled("fake_reviews.malicious_negative", EntityTypes.Account, "actor");
        var confirmed = market.Events.OfType<OrderConfirmed>().Select(c => c.Order).ToHashSet(StringComparer.Ordinal);
        var reviews = FakeReviews();

        Assert.NotEmpty(victims);
        foreach (var victim in victims)
        {
            var attack = reviews.Where(r => r.Listing == victim && attackers.Contains(r.Account)).ToList();
            Assert.True(attack.Count >= 3, victim);
            Assert.All(attack, r => Assert.Equal(1, r.Rating));
            Assert.All(attack, r => Assert.False(r.Order is not null && confirmed.Contains(r.Order)));
            Assert.True(attack.Max(r => r.Ts) - attack.Min(r => r.Ts) < TimeSpan.FromDays(1), $"{victim}: the attack is a burst");
        }
    }

    // ---- Accounts --------------------------------------------------------------------------------------------------

    [Fact]
    public void MarketingAccounts_ShowANameWordAStockAvatarOrSolicitationsAndLookAlikesSolicitNothing()
    {
        var marketing = Labelled("accounts.marketing", EntityTypes.Account, "actor");
        var registrations = Registrations;
        var avatarUsers = registrations.Values.GroupBy(r => r.Avatar!).ToDictionary(g => g.Key, g => g.Count());
        var chats = market.Events.OfType<ChatMessage>().ToList();
        string[] words = ["测评", "ce评", "返现", "返xian", "fan现", "刷单", "刷dan", "兼职", "兼zhi", "好评", "返利", "日结", "日jie", "副业", "招募", "放单", "补单", "佣金", "推广", "引流", "测pin", "官方", "旗舰", "客服"];
        string[] contacts = ["微信", "V信", "vx", "+V", "薇信", "加我", "扣扣"];
        var soliciting = chats.Where(c => contacts.Any(w => c.Text!.Contains(w, StringComparison.Ordinal))).Select(c => c.From).ToHashSet(StringComparer.Ordinal);
        bool Solicits(string account) => soliciting.Contains(account);

        Assert.NotEmpty(marketing);
        Assert.All(marketing, m =>
        {
            var r = registrations[m];
            var named = words.Any(w => r.Nickname!.Contains(w, StringComparison.Ordinal));
            var stock = r.Avatar != DefaultAvatar && avatarUsers[r.Avatar!] >= 3;
            Assert.True(named || stock, $"{m} ({r.Nickname}) has neither a marketing name nor a stock avatar");
        });
        Assert.True(marketing.Count(Solicits) * 2 > marketing.Count, "most marketing accounts solicit by chat");

        // Honest shoppers with the same popular avatars, or 测评 in their name, never solicit.
        var lookAlikes = market.Labels.HardNegatives.Where(h => h.Scenario is "stock_avatar_buyer" or "reviewer_nickname").Select(h => h.Id).ToList();
        Assert.NotEmpty(lookAlikes);
        Assert.DoesNotContain(lookAlikes, Solicits);
        Assert.Contains(lookAlikes, a => registrations[a].Avatar != DefaultAvatar && avatarUsers[registrations[a].Avatar!] >= 3);
    }

    // Characters that pass for others at a glance: traditional forms and similar shapes (雲朵 for 云朵, 宫方 for 官方).
    private static readonly Dictionary<char, char> Folds = new()
    {
        ['雲'] = '云',
        ['朶'] = '朵',
        ['見'] = '见',
        ['極'] = '极',
        ['貓'] = '猫',
        ['記'] = '记',
        ['檸'] = '柠',
        ['嶼'] = '屿',
        ['陽'] = '阳',
        ['藍'] = '蓝',
        ['鯨'] = '鲸',
        ['綠'] = '绿',
        ['麥'] = '麦',
        ['優'] = '优',
        ['匯'] = '汇',
        ['錦'] = '锦',
        ['繡'] = '绣',
        ['風'] = '风',
        ['麓'] = '鹿',
        ['先'] = '光',
        ['艦'] = '舰',
        ['宫'] = '官',
    };

    [Fact]
    public void Impersonation_ShopsImitateABrandTheyAreNotAuthorisedFor_OfficialShopsAreAuthorised()
    {
        var shops = market.Events.OfType<ShopOpened>().ToDictionary(s => s.Shop);
        var brands = shops.Values.SelectMany(s => s.Brands ?? []).Distinct().ToList();
        static string Fold(string name) => new([.. name.Select(c => Folds.GetValueOrDefault(c, c))]);

        var impersonators = Labelled("accounts.impersonation", EntityTypes.Shop, "actor");
        Assert.NotEmpty(impersonators);
        foreach (var shop in impersonators.Select(id => shops[id]))
        {
            var name = Fold(shop.Name!);
            Assert.Contains(brands, b => name.Contains(b, StringComparison.Ordinal) && !(shop.Brands ?? []).Contains(b));
            Assert.True(name.Contains("官方", StringComparison.Ordinal) || name.Contains("旗舰", StringComparison.Ordinal), shop.Name);
        }

        var official = market.Labels.HardNegatives.Where(h => h.Scenario == "official_shop").Select(h => shops[h.Id]).ToList();
        Assert.NotEmpty(official);
        Assert.All(official, shop => Assert.All(brands.Where(b => shop.Name!.Contains(b, StringComparison.Ordinal)),
            b => Assert.Contains(shop.Brands ?? [], a => a.Contains(b, StringComparison.Ordinal))));
    }

    [Fact]
    public void BrandAlerts_NameABrandWithAnAlertWord_EveryOtherReviewNamingABrandHasNone()
    {
        var brands = market.Events.OfType<ShopOpened>().SelectMany(s => s.Brands ?? []).Distinct().ToList();
        var alerts = Labelled("brand.alert", EntityTypes.Review, "actor");
        bool NamesBrand(string text) => brands.Any(b => text.Contains(b, StringComparison.Ordinal));
        bool Alarms(string text) => AlertWords.Any(w => text.Contains(w, StringComparison.Ordinal));

        Assert.NotEmpty(alerts);
        var reviews = market.Events.OfType<ReviewPosted>().Where(r => r.Text is not null && NamesBrand(r.Text)).ToList();
        Assert.All(reviews, r => Assert.Equal(alerts.Contains(r.Review), Alarms(r.Text!)));

        var complaints = market.Labels.HardNegatives.Where(h => h.Scenario == "brand_negative_review").Select(h => h.Id).ToHashSet();
        Assert.NotEmpty(complaints);
        Assert.All(reviews.Where(r => complaints.Contains(r.Review)), r => Assert.InRange(r.Rating ?? 0, 1, 3));
        Assert.Equal(complaints.Count, reviews.Count(r => complaints.Contains(r.Review)));
    }

    [Fact]
    public void EngagementLabels_ScaleOneWeek_NameReviewsOnlyOnceAsCheatOrLookAlike()
    {
        var reviews = market.Labels.Entities.Where(e => e.Type == EntityTypes.Review).Select(e => e.Id)
            .Concat(market.Labels.HardNegatives.Where(h => h.Type == EntityTypes.Review).Select(h => h.Id)).ToList();

        Assert.Equal(reviews.Count, reviews.Distinct().Count());
        Assert.Empty(market.Labels.Items.FakeReviews.Intersect(market.Labels.HardNegatives.Select(h => h.Id)));
    }
}
