using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;

namespace Clearwind.Acceptance.Tests;

/// <summary>
/// SPEC §9: reproduce the Shopee Code League 2020 order-brushing answer exactly. Rows and expected answers are the
/// competition's official Examples page (shared/data/shopee-order-brushing/official_example_*.csv).
/// </summary>
[Trait("Category", "Acceptance")]
public sealed class ShopeeOfficialExamplesTests
{
    private static readonly Dictionary<int, List<ShopeeOrder>> RowsByCase = ReadRows();
    private static readonly Dictionary<int, (string Shop, string Users)> Expected = ReadExpected();

    public static TheoryData<int> Cases => [.. Expected.Keys.Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_OfficialExample_MatchesTheOfficialAnswer(int exampleCase)
    {
        var answer = Assert.Single(ShopeeOrderBrushing.Solve(RowsByCase[exampleCase]));

        Assert.Equal(Expected[exampleCase], (answer.ShopId, answer.UserIds));
    }

    [Fact]
    public void Solve_AllOfficialExamplesTogether_MatchesEveryAnswer()
    {
        var answers = ShopeeOrderBrushing.Solve(RowsByCase.Values.SelectMany(r => r)).ToDictionary(a => a.ShopId, a => a.UserIds);

        Assert.Equal(Expected.Values.ToDictionary(e => e.Shop, e => e.Users), answers);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pipeline_OfficialExample_FlagsTheShopAndItsBuyers(int exampleCase)
    {
        // The same rows as order.placed events through the scan pipeline (order_brushing.concentration).
        var pipeline = DetectorCatalog.DefaultPolicy().BuildPipeline(DetectorCatalog.BuiltIn);
        foreach (var row in RowsByCase[exampleCase].OrderBy(r => r.Time))
        {
            pipeline.Process(new OrderPlaced
            {
                Id = row.OrderId,
                Ts = new DateTimeOffset(row.Time, TimeSpan.FromHours(8)),
                Order = row.OrderId,
                Shop = row.ShopId,
                Buyer = row.UserId,
            });
        }

        pipeline.Complete();

        var (shop, users) = Expected[exampleCase];
        Assert.All(pipeline.Findings, f => Assert.Equal(new EntityRef("shop", shop), f.Entity));
        var named = pipeline.Findings.SelectMany(f => f.Related).Where(r => r.Type == "account").Select(r => r.Id).Distinct().Order().ToList();
        Assert.Equal(users.Split('&').Order(), named);
    }

    private static Dictionary<int, List<ShopeeOrder>> ReadRows()
    {
        var rows = new Dictionary<int, List<ShopeeOrder>>();
        foreach (var line in File.ReadLines(RepositoryPaths.Shared("data", "shopee-order-brushing", "official_example_rows.csv")).Skip(1))
        {
            var f = line.Split(',');
            var order = new ShopeeOrder(f[1], f[2], f[3], DateTime.ParseExact(f[4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            rows.TryAdd(int.Parse(f[0], CultureInfo.InvariantCulture), []);
            rows[int.Parse(f[0], CultureInfo.InvariantCulture)].Add(order);
        }

        return rows;
    }

    private static Dictionary<int, (string, string)> ReadExpected()
    {
        var expected = new Dictionary<int, (string, string)>();
        foreach (var line in File.ReadLines(RepositoryPaths.Shared("data", "shopee-order-brushing", "official_example_expected.csv")).Skip(1))
        {
            var f = line.Split(',');
            expected[int.Parse(f[0], CultureInfo.InvariantCulture)] = (f[1], f[2]);
        }

        return expected;
    }
}
