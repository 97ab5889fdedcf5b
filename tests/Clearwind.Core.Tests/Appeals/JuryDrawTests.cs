using Clearwind.Appeals;

namespace Clearwind.Core.Tests.Appeals;

public sealed class JuryDrawTests
{
    // The worked example of docs/appeals.md. The expected values were computed outside .NET, with
    // `printf '%s' "$seed" | sha256sum`, `LC_ALL=C sort -u pool.txt | sha256sum` and
    // `printf '%s' "$id" | openssl dgst -sha256 -hmac "$seed"`.
    private const string ExampleSeed = "clearwind-jury-example-seed-2026";
    private static readonly string[] ExampleEligible = ["acct-05", "acct-01", "acct-08", "acct-03", "acct-02", "acct-07", "acct-04", "acct-06"];

    private static readonly CaseParties ExampleParties = new()
    {
        Shops = new HashSet<string> { "shop-p" },
        Accounts = new HashSet<string> { "seller-p" },
        Categories = new HashSet<string> { "cat-tea" },
    };

    [Fact]
    public void Draw_WorkedExample_MatchesAnOutsideRecomputation()
    {
        var pool = ExampleEligible.Select(id => new JurorProfile(id))
            .Append(new JurorProfile("seller-p"))
            .Append(new JurorProfile("rival-tea") { Shops = new HashSet<string> { "shop-t" }, Categories = new HashSet<string> { "cat-tea" } });

        var result = JuryDraw.Draw(pool, ExampleParties, 3, ExampleSeed);

        Assert.Equal("hmac-sha256-rank/v1", result.Method);
        Assert.Equal("a2efd363dcc22d58709e4dd64405bbf254f2efd4e8fcdb4e1ff59af93931def8", result.SeedCommitment);
        Assert.Equal("f949efd90f5075af844f9d2c598499f71c972fad705327090fc158347aef4a39", result.PoolDigest);
        Assert.Equal(["acct-05", "acct-06", "acct-02"], result.Jurors);
        Assert.Equal(8, result.EligibleCount);
        Assert.Equal(["rival-tea", "seller-p"], result.Excluded.Select(e => e.AccountId));
        Assert.False(result.IsShort);
    }

    [Fact]
    public void Score_IsTheHmacOfTheAccountIdKeyedWithTheSeed()
    {
        Assert.Equal("0a03fc73488190d3506eb5aee42e7cf648e750258a25f524c3ff697d80040996", JuryDraw.Score(ExampleSeed, "acct-05"));
        Assert.Equal("df16cae3836dafc92c57b47e178038e26a442ce40954672dad93b247525286a9", JuryDraw.Score(ExampleSeed, "acct-08"));
    }

    [Fact]
    public void DigestPool_SortsByCodePointLikeCSort()
    {
        // U+1F600 sorts after U+FF5E by code point (and in UTF-8 bytes) although its UTF-16 surrogates sort before it.
        // Expected: printf 'x😀\nx～\nx-a\n' | LC_ALL=C sort | sha256sum
        Assert.Equal("67f3ae3dc7a0c8b3d9a7cdc7663570de1bc6bb7a2dee3c485565172a5a3aaed3", JuryDraw.DigestPool(["x\U0001F600", "x\uFF5E", "x-a", "x-a"]));
    }

    [Fact]
    public void Commitment_IsSha256OfTheSeedText()
    {
        Assert.Equal("a2efd363dcc22d58709e4dd64405bbf254f2efd4e8fcdb4e1ff59af93931def8", JuryDraw.Commitment(ExampleSeed));
    }

    [Fact]
    public void NewSeed_Is32RandomBytesInHex()
    {
        var a = JuryDraw.NewSeed();
        var b = JuryDraw.NewSeed();

        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Draw_InputOrderAndDuplicates_DoNotChangeTheResult()
    {
        var pool = Pool(60);
        var shuffled = pool.Concat(pool.Take(20)).OrderBy(p => JuryDraw.Score("shuffle-seed-0000001", p.AccountId), StringComparer.Ordinal).ToList();
        Assert.NotEqual(pool.Select(p => p.AccountId), shuffled.Select(p => p.AccountId));

        var a = JuryDraw.Draw(pool, ExampleParties, 13, "order-test-seed-00000001");
        var b = JuryDraw.Draw(shuffled, ExampleParties, 13, "order-test-seed-00000001");

        Assert.Equal(a.Jurors, b.Jurors);
        Assert.Equal(a.PoolDigest, b.PoolDigest);
        Assert.Equal(a.Excluded, b.Excluded);
        Assert.Equal(a.EligibleCount, b.EligibleCount);
        Assert.Equal(55, a.EligibleCount);
    }

    [Fact]
    public void Draw_DuplicateWithAConflictInAnyCopy_IsExcludedWhateverTheOrder()
    {
        var clean = new JurorProfile("dup");
        var linked = new JurorProfile("dup") { Counterparties = new HashSet<string> { "shop-p" } };
        var pool = Pool(10);

        var first = JuryDraw.Draw([clean, linked, .. pool], ExampleParties, 13, "dup-test-seed-000000001");
        var last = JuryDraw.Draw([linked, .. pool, clean], ExampleParties, 13, "dup-test-seed-000000001");

        Assert.DoesNotContain("dup", first.Jurors);
        Assert.Equal(first.Excluded, last.Excluded);
        Assert.Contains(new JuryExclusion("dup", JuryConflict.RecentOrders), first.Excluded);
    }

    [Fact]
    public void Draw_SameSeed_SameJuryAndOtherSeeds_OtherJuries()
    {
        var pool = Pool(200);
        var juries = Enumerable.Range(0, 20)
            .Select(i => string.Join(',', JuryDraw.Draw(pool, ExampleParties, 13, $"seed-variety-{i:D8}").Jurors))
            .ToList();

        Assert.Equal(juries[3], string.Join(',', JuryDraw.Draw(pool, ExampleParties, 13, "seed-variety-00000003").Jurors));
        Assert.Equal(20, juries.Distinct().Count());
    }

    [Fact]
    public void Draw_DrawsDistinctEligibleJurorsOnly()
    {
        var pool = Pool(200);

        var result = JuryDraw.Draw(pool, ExampleParties, 13, "distinct-test-seed-0001");

        Assert.Equal(13, result.Jurors.Count);
        Assert.Equal(13, result.Jurors.Distinct().Count());
        Assert.All(result.Jurors, id => Assert.StartsWith("cand-", id));
        Assert.All(result.Jurors, id => Assert.DoesNotContain(result.Excluded, e => e.AccountId == id));
    }

    [Fact]
    public void Draw_SmallerJury_IsAPrefixOfTheLargerOneWithTheSameSeed()
    {
        var pool = Pool(100);

        var five = JuryDraw.Draw(pool, ExampleParties, 5, "prefix-test-seed-000001");
        var thirteen = JuryDraw.Draw(pool, ExampleParties, 13, "prefix-test-seed-000001");

        Assert.Equal(five.Jurors, thirteen.Jurors.Take(5));
    }

    [Fact]
    public void Draw_JurorsAreInAscendingScoreOrder()
    {
        const string seed = "score-order-seed-000001";
        var result = JuryDraw.Draw(Pool(100), ExampleParties, 13, seed);

        var scores = result.Jurors.Select(id => JuryDraw.Score(seed, id)).ToList();
        Assert.Equal(scores.Order(StringComparer.Ordinal), scores);
    }

    [Fact]
    public void Draw_FewerEligibleThanSize_DrawsThemAllAndIsShort()
    {
        var pool = Pool(10); // 5 of the 10 are linked to the parties

        var result = JuryDraw.Draw(pool, ExampleParties, 13, "shortfall-seed-00000001");

        Assert.Equal(5, result.EligibleCount);
        Assert.Equal(5, result.Jurors.Count);
        Assert.True(result.IsShort);
        Assert.Equal(8, result.Shortfall);
        Assert.Equal(13, result.Size);
    }

    [Fact]
    public void Draw_ExactlyEnoughEligible_IsNotShort()
    {
        var result = JuryDraw.Draw(Pool(10), ExampleParties, 5, "shortfall-seed-00000001");

        Assert.False(result.IsShort);
        Assert.Equal(0, result.Shortfall);
    }

    [Fact]
    public void Draw_EmptyPool_IsShortByTheWholeSize()
    {
        var result = JuryDraw.Draw([], ExampleParties, 13, "empty-pool-seed-0000001");

        Assert.Empty(result.Jurors);
        Assert.Equal(13, result.Shortfall);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", result.PoolDigest); // SHA-256 of nothing
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Draw_SizeNotPositive_Throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JuryDraw.Draw(Pool(10), ExampleParties, size, ExampleSeed));
    }

    [Fact]
    public void Draw_GuessableSeed_Throws()
    {
        Assert.Throws<ArgumentException>(() => JuryDraw.Draw(Pool(10), ExampleParties, 3, "seed-1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("two\nlines")]
    public void Draw_UnusableAccountId_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => JuryDraw.Draw([new JurorProfile(id)], ExampleParties, 3, ExampleSeed));
    }

    [Fact]
    public void Verify_RevealedSeed_ConfirmsTheDraw()
    {
        var pool = Pool(100);
        var result = JuryDraw.Draw(pool, ExampleParties, 13, ExampleSeed);

        Assert.True(JuryDraw.Verify(result, pool.AsEnumerable().Reverse(), ExampleParties, ExampleSeed));
    }

    [Fact]
    public void Verify_AnotherSeed_Fails()
    {
        var pool = Pool(100);
        var result = JuryDraw.Draw(pool, ExampleParties, 13, ExampleSeed);

        Assert.False(JuryDraw.Verify(result, pool, ExampleParties, "another-seed-of-enough-length"));
        Assert.False(JuryDraw.Verify(result, pool, ExampleParties, "short"));
    }

    [Fact]
    public void Verify_TamperedJurors_Fails()
    {
        var pool = Pool(100);
        var result = JuryDraw.Draw(pool, ExampleParties, 13, ExampleSeed);
        var outsider = pool.Select(p => p.AccountId).First(id => id.StartsWith("cand-", StringComparison.Ordinal) && !result.Jurors.Contains(id));

        var swapped = result with { Jurors = [result.Jurors[1], result.Jurors[0], .. result.Jurors.Skip(2)] };
        var replaced = result with { Jurors = [outsider, .. result.Jurors.Skip(1)] };
        var dropped = result with { Jurors = [.. result.Jurors.Skip(1)] };

        Assert.False(JuryDraw.Verify(swapped, pool, ExampleParties, ExampleSeed));
        Assert.False(JuryDraw.Verify(replaced, pool, ExampleParties, ExampleSeed));
        Assert.False(JuryDraw.Verify(dropped, pool, ExampleParties, ExampleSeed));
    }

    [Fact]
    public void Verify_TamperedCommitmentOrPool_Fails()
    {
        var pool = Pool(100);
        var result = JuryDraw.Draw(pool, ExampleParties, 13, ExampleSeed);

        Assert.False(JuryDraw.Verify(result with { SeedCommitment = JuryDraw.Commitment("some-other-seed-value") }, pool, ExampleParties, ExampleSeed));
        Assert.False(JuryDraw.Verify(result, [.. pool, new JurorProfile("late-addition")], ExampleParties, ExampleSeed));
        Assert.False(JuryDraw.Verify(result with { Excluded = result.Excluded.Skip(1).ToList() }, pool, ExampleParties, ExampleSeed));
    }

    // n candidates; every other one of the first ten is linked to the example parties in some way.
    private static List<JurorProfile> Pool(int n)
    {
        var pool = new List<JurorProfile>(n);
        for (var i = 0; i < n; i++)
        {
            var id = $"cand-{i:D4}";
            pool.Add((i % 2, i < 10) switch
            {
                (0, true) when i % 4 == 0 => new JurorProfile(id) { Counterparties = new HashSet<string> { "shop-p" } },
                (0, true) => new JurorProfile(id) { Shops = new HashSet<string> { $"shop-{i}" }, Categories = new HashSet<string> { "cat-tea" } },
                _ => new JurorProfile(id),
            });
        }

        return pool;
    }
}
