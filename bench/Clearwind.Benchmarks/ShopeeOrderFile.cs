using System.Globalization;
using System.Text;
using Clearwind.OrderBrushing;

namespace Clearwind.Benchmarks;

/// <summary>
/// A file shaped like the Shopee Code League 2020 order file: <c>orderid,shopid,userid,event_time</c>, 222,750 orders
/// of 18,770 shops over 2019-12-27..31, with skewed shop sizes and a little brushing. Synthetic (the real file is not
/// ours to ship); the sizes are the competition's.
/// </summary>
public static class ShopeeOrderFile
{
    public const int Orders = 222_750;
    public const int Shops = 18_770;
    private const int Users = 93_883;
    private const int BrushingShops = 300;

    private static readonly DateTime Start = new(2019, 12, 27, 0, 0, 0, DateTimeKind.Unspecified);

    public static string Generate(int seed = 2020)
    {
        var random = new Random(seed);
        var shopIds = DistinctIds(random, Shops, 10_000, 210_000_000);
        var userIds = DistinctIds(random, Users, 1_000, 215_000_000);

        // Zipf-like shop sizes: a few shops with thousands of orders, most with one to a handful.
        var weights = new double[Shops];
        var total = 0.0;
        for (var i = 0; i < Shops; i++)
        {
            total += weights[i] = Math.Pow(i + 1, -1.05);
        }

        var rows = new List<(long Order, long Shop, long User, DateTime Time)>(Orders);
        var orderId = 31_000_000_000_000L;
        var span = TimeSpan.FromDays(5).Ticks / TimeSpan.TicksPerSecond;

        // A little brushing: 1–2 users placing 3–6 orders each within an hour, in small and mid-sized shops.
        for (var k = 0; k < BrushingShops; k++)
        {
            var shop = shopIds[random.Next(200, Shops)];
            var at = Start.AddSeconds(random.NextInt64(span - 3600));
            var brushers = random.Next(1, 3);
            for (var b = 0; b < brushers; b++)
            {
                var user = userIds[random.Next(Users)];
                var count = random.Next(3, 7);
                for (var i = 0; i < count; i++)
                {
                    rows.Add((orderId += random.Next(1, 5_000), shop, user, at.AddSeconds(random.Next(3600))));
                }
            }
        }

        var cumulative = new double[Shops];
        var sum = 0.0;
        for (var i = 0; i < Shops; i++)
        {
            cumulative[i] = sum += weights[i] / total;
        }

        // Every shop has at least one order; the rest follow the skew.
        for (var i = 0; rows.Count < Orders; i++)
        {
            var shop = i;
            if (i >= Shops)
            {
                var j = Array.BinarySearch(cumulative, random.NextDouble());
                shop = Math.Min(Shops - 1, j < 0 ? ~j : j);
            }

            rows.Add((orderId += random.Next(1, 5_000), shopIds[shop], userIds[random.Next(Users)], Start.AddSeconds(random.NextInt64(span))));
        }

        rows.Sort((a, b) => a.Time.CompareTo(b.Time));
        var text = new StringBuilder(Orders * 48);
        text.Append("orderid,shopid,userid,event_time\n");
        foreach (var (order, shop, user, time) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{order},{shop},{user},{time:yyyy-MM-dd HH:mm:ss}\n");
        }

        return text.ToString();
    }

    /// <summary>Parses the CSV text (header first) into orders.</summary>
    public static List<ShopeeOrder> Parse(string csv)
    {
        var orders = new List<ShopeeOrder>(Orders);
        var lines = csv.AsSpan();
        var header = true;
        foreach (var range in lines.Split('\n'))
        {
            var line = lines[range];
            if (header || line.IsEmpty)
            {
                header = false;
                continue;
            }

            var a = line.IndexOf(',');
            var b = a + 1 + line[(a + 1)..].IndexOf(',');
            var c = b + 1 + line[(b + 1)..].IndexOf(',');
            var time = DateTime.ParseExact(line[(c + 1)..], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            orders.Add(new ShopeeOrder(line[..a].ToString(), line[(a + 1)..b].ToString(), line[(b + 1)..c].ToString(), time));
        }

        return orders;
    }

    private static long[] DistinctIds(Random random, int count, long min, long max)
    {
        var ids = new HashSet<long>(count);
        while (ids.Count < count)
        {
            ids.Add(random.NextInt64(min, max));
        }

        return [.. ids];
    }
}
