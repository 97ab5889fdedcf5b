using Clearwind.OrderBrushing;

namespace Clearwind.Detectors.Tests.OrderBrushing;

/// <summary>
/// The streaming rule against a direct reading of the competition's definition, written here as plainly as possible:
/// for every order time t of a shop, the window [t, t + 1 h] is brushing when orders ÷ distinct buyers ≥ 3; the
/// suspicious buyers have the most orders among all orders inside brushing windows.
/// </summary>
public sealed class ShopeeOrderBrushingTests
{
    private static readonly DateTime Start = new(2019, 12, 27, 0, 0, 0, DateTimeKind.Unspecified);

    private static Dictionary<string, string> Reference(IReadOnlyList<ShopeeOrder> orders)
    {
        var answers = new Dictionary<string, string>();
        foreach (var shop in orders.GroupBy(o => o.ShopId))
        {
            var list = shop.ToList();
            var inBrushing = new HashSet<ShopeeOrder>();
            foreach (var start in list.Select(o => o.Time).Distinct())
            {
                var window = list.Where(o => o.Time >= start && o.Time <= start.AddHours(1)).ToList();
                if (window.Count >= 3.0 * window.Select(o => o.UserId).Distinct().Count())
                {
                    inBrushing.UnionWith(window);
                }
            }

            if (inBrushing.Count == 0)
            {
                answers[shop.Key] = "0";
                continue;
            }

            var counts = inBrushing.GroupBy(o => o.UserId).ToDictionary(g => g.Key, g => g.Count());
            var max = counts.Values.Max();
            answers[shop.Key] = string.Join('&', counts.Where(c => c.Value == max).Select(c => long.Parse(c.Key)).Order());
        }

        return answers;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Solve_RandomShops_AgreesWithTheDefinitionReadLiterally(int seed)
    {
        // Few buyers and bursty times so that brushing windows, ties and equal timestamps are common.
        var random = new Random(seed);
        var orders = new List<ShopeeOrder>();
        for (var i = 0; i < 3000; i++)
        {
            var shop = random.Next(60).ToString();
            var burst = random.Next(4) == 0;
            var time = Start.AddSeconds(burst ? random.Next(3) * 1800 + random.Next(120) : random.Next(3 * 24 * 3600));
            orders.Add(new ShopeeOrder(i.ToString(), shop, (random.Next(burst ? 3 : 40) + 100).ToString(), time));
        }

        var expected = Reference(orders);
        var actual = ShopeeOrderBrushing.Solve(orders).ToDictionary(a => a.ShopId, a => a.UserIds);

        Assert.Equal(expected.Count, actual.Count);
        Assert.Contains(expected, e => e.Value != "0");
        foreach (var (shop, users) in expected)
        {
            Assert.True(users == actual[shop], $"shop {shop}: expected {users}, got {actual[shop]}");
        }
    }

    [Fact]
    public void Solve_BuyerOrderOutsideEveryBrushingPeriod_IsNotCounted()
    {
        // b2 has more orders overall, but only b1's fall inside the brushing window.
        var orders = new List<ShopeeOrder>
        {
            new("1", "s", "1", Start),
            new("2", "s", "1", Start.AddMinutes(10)),
            new("3", "s", "1", Start.AddMinutes(20)),
            new("4", "s", "2", Start.AddHours(3)),
            new("5", "s", "2", Start.AddHours(5)),
            new("6", "s", "2", Start.AddHours(7)),
            new("7", "s", "2", Start.AddHours(9)),
        };

        Assert.Equal("1", Assert.Single(ShopeeOrderBrushing.Solve(orders)).UserIds);
    }

    [Fact]
    public void Solve_EqualTimestampsAtWindowStart_AreInTheSameWindow()
    {
        // Two orders at the same second: the window starting there holds both, so 4 orders / 2 buyers = 2 (clean).
        var orders = new List<ShopeeOrder>
        {
            new("1", "s", "2", Start),
            new("2", "s", "1", Start),
            new("3", "s", "1", Start.AddMinutes(1)),
            new("4", "s", "1", Start.AddMinutes(2)),
        };

        Assert.Equal("0", Assert.Single(ShopeeOrderBrushing.Solve(orders)).UserIds);
    }

    [Fact]
    public void Solve_ShopWithoutBrushing_AnswersZero()
    {
        var orders = Enumerable.Range(0, 5).Select(i => new ShopeeOrder(i.ToString(), "s", i.ToString(), Start.AddMinutes(i))).ToList();

        Assert.Equal([new ShopeeAnswer("s", "0")], ShopeeOrderBrushing.Solve(orders));
    }
}
