using System.Globalization;
using Clearwind.Events;
using Clearwind.OrderBrushing;

namespace Clearwind.Benchmarks;

/// <summary>
/// A synthetic order stream for the <c>order_brushing.ring</c> benchmarks: buyers arrive over time and order 1–few
/// times (1 % heavy shoppers place a tenth of the orders), shops are picked by Zipf popularity (s = 1, so the top shop
/// takes about 1 ÷ ln(shops) of the orders), and a few planted rings (24–48 brusher accounts × 10–20 small shops from
/// the popularity tail) pay for about 0.7 orders per brusher and ring shop. Brushers are ordinary buyers as well.
/// </summary>
/// <remarks>
/// Identifiers as the detector sees them after keying (<c>h1:</c> + 32 hex): every account has its own phone, device
/// and payment account; 40 % live in two-account households sharing an address and a home IP; 10 % of orders come
/// from a pool of 2,000 carrier NAT IPs (hundreds of accounts each, so common). A ring's accounts share a device per
/// four accounts (a phone farm) and three proxy IPs. Ids look like the simulator's (<c>u0001234</c>, <c>s012345</c>,
/// <c>o000012345</c>, <c>e0000012345</c>). Deterministic for a seed.
/// </remarks>
internal sealed class RingMarket
{
    private const int CarrierIps = 2_000;
    private readonly double[] _popularity;
    private readonly double[] _ringCumulative;
    private readonly int _seed;

    public RingMarket(int buyers, int shops, int orders, int days, int rings, int seed)
    {
        Buyers = buyers;
        Shops = shops;
        Orders = orders;
        Span = TimeSpan.FromDays(days);
        _seed = seed;
        var rng = new Random(seed);

        _popularity = new double[shops];
        double total = 0;
        for (var s = 0; s < shops; s++)
        {
            total += 1.0 / (s + 1);
            _popularity[s] = total;
        }

        var usedShops = new HashSet<int>();
        var usedBrushers = new HashSet<int>();
        Rings = new PlantedRing[rings];
        _ringCumulative = new double[rings];
        for (var r = 0; r < rings; r++)
        {
            var brushers = Distinct(24 + rng.Next(25), () => rng.Next(buyers), usedBrushers);
            var ringShops = Distinct(10 + rng.Next(11), () => (shops / 2) + rng.Next(shops - (shops / 2)), usedShops);
            var ringOrders = (int)Math.Round(0.7 * brushers.Length * ringShops.Length);
            Rings[r] = new PlantedRing(brushers, ringShops, ringOrders);
            RingOrders += ringOrders;
            _ringCumulative[r] = RingOrders;
        }
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public int Buyers { get; }

    public int Shops { get; }

    /// <summary>All orders, the rings' included; each is placed and then paid five minutes later.</summary>
    public int Orders { get; }

    public TimeSpan Span { get; }

    public DateTimeOffset End => Start + Span;

    public PlantedRing[] Rings { get; }

    public int RingOrders { get; }

    public static string BuyerName(int buyer) => "u" + buyer.ToString("D7", CultureInfo.InvariantCulture);

    public static string ShopName(int shop) => "s" + shop.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The orders in time order.</summary>
    public IEnumerable<PlannedOrder> PlanOrders()
    {
        var rng = new Random(_seed + 1);
        var ringShare = RingOrders / (double)Orders;
        var newBuyer = Buyers / (double)(Orders - RingOrders);
        var seen = 0;
        for (var i = 0; i < Orders; i++)
        {
            var ticks = Span.Ticks / Orders * i;
            var mobile = rng.NextDouble() < 0.1;
            if (RingOrders > 0 && rng.NextDouble() < ringShare)
            {
                var r = Array.BinarySearch(_ringCumulative, rng.NextDouble() * RingOrders);
                r = Math.Min(r < 0 ? ~r : r, Rings.Length - 1);
                var ring = Rings[r];
                var slot = rng.Next(ring.Brushers.Length);
                yield return new PlannedOrder(i, ring.Brushers[slot], ring.Shops[rng.Next(ring.Shops.Length)], r, slot, ticks, mobile);
                continue;
            }

            int buyer;
            if (seen < Buyers && (seen == 0 || rng.NextDouble() < newBuyer))
            {
                buyer = seen++;
            }
            else if (rng.NextDouble() < 0.1)
            {
                buyer = rng.Next(Math.Max(1, seen / 100)) * 100; // the heavy shoppers: 1 % of accounts
            }
            else
            {
                buyer = rng.Next(seen);
            }

            yield return new PlannedOrder(i, buyer, PopularShop(rng), -1, -1, ticks, mobile);
        }
    }

    /// <summary>
    /// Placed and paid events in time order. With <paramref name="shareIdentifiers"/>, repeated keyed identifiers are
    /// one string (as the keyer's cache returns them); without, every event has fresh strings, as parsed.
    /// </summary>
    public IEnumerable<MarketEvent> Events(bool shareIdentifiers)
    {
        var keys = shareIdentifiers ? new Dictionary<(int, long), string>() : null;
        var paid = new Queue<OrderPaid>();
        var delay = TimeSpan.FromMinutes(5);
        long events = 0;
        foreach (var o in PlanOrders())
        {
            var ts = Start.AddTicks(o.Ticks);
            while (paid.TryPeek(out var p) && p.Ts <= ts)
            {
                yield return paid.Dequeue();
            }

            var order = "o" + o.Number.ToString("D9", CultureInfo.InvariantCulture);
            var ids = IdentifiersOf(o);
            yield return new OrderPlaced
            {
                Id = EventId(++events),
                Ts = ts,
                Order = order,
                Buyer = BuyerName(o.Buyer),
                Shop = ShopName(o.Shop),
                Quantity = 1,
                Amount = 59.90m,
                Ip = ids.Ip,
                Device = Key(keys, ColumnKind.Device, ids.Device),
                Address = Key(keys, ColumnKind.Address, ids.Address),
                Phone = Key(keys, ColumnKind.Phone, o.Buyer),
            };
            paid.Enqueue(new OrderPaid
            {
                Id = EventId(++events),
                Ts = ts + delay,
                Order = order,
                PaymentAccount = Key(keys, ColumnKind.Payment, o.Buyer),
            });
        }

        while (paid.TryDequeue(out var p))
        {
            yield return p;
        }
    }

    /// <summary>Adds every order and its identifiers straight to a graph, as the detector would from the events.</summary>
    public void AddTo(RingGraph graph, int maxIdentifiersPerAccount)
    {
        var shops = new int[Shops];
        for (var s = 0; s < Shops; s++)
        {
            shops[s] = graph.Shop(ShopName(s));
        }

        long events = 0;
        foreach (var o in PlanOrders())
        {
            var ticks = Start.UtcTicks + o.Ticks;
            var row = graph.Row(BuyerName(o.Buyer));
            var ids = IdentifiersOf(o);
            graph.AddIdentifier(row, ColumnKind.Ip, ids.Ip, ticks, maxIdentifiersPerAccount);
            graph.AddIdentifier(row, ColumnKind.Device, Key(null, ColumnKind.Device, ids.Device), ticks, maxIdentifiersPerAccount);
            graph.AddIdentifier(row, ColumnKind.Address, Key(null, ColumnKind.Address, ids.Address), ticks, maxIdentifiersPerAccount);
            graph.AddIdentifier(row, ColumnKind.Phone, Key(null, ColumnKind.Phone, o.Buyer), ticks, maxIdentifiersPerAccount);
            graph.AddIdentifier(row, ColumnKind.Payment, Key(null, ColumnKind.Payment, o.Buyer), ticks, maxIdentifiersPerAccount);
            graph.AddOrder(row, shops[o.Shop], "o" + o.Number.ToString("D9", CultureInfo.InvariantCulture), EventId(++events), ticks);
        }
    }

    /// <summary>
    /// Planted rings found: a ring counts when one block holds at least half its shops and half its brushers. Also
    /// counts the blocks holding shops of two or more planted rings (unrelated rings reported as one) and of none.
    /// </summary>
    public (int Recovered, int MergedBlocks, int ForeignBlocks, int ForeignShops) Score(RingGraph graph, IEnumerable<(IEnumerable<int> Rows, IEnumerable<int> Shops)> blocks)
    {
        var ringOfShop = new Dictionary<string, int>();
        var ringOfBrusher = new Dictionary<string, int>();
        for (var r = 0; r < Rings.Length; r++)
        {
            foreach (var s in Rings[r].Shops)
            {
                ringOfShop[ShopName(s)] = r;
            }

            foreach (var b in Rings[r].Brushers)
            {
                ringOfBrusher[BuyerName(b)] = r;
            }
        }

        var recovered = new HashSet<int>();
        var merged = 0;
        var foreignBlocks = 0;
        var foreignShops = 0;
        foreach (var (rows, shops) in blocks)
        {
            var shopRings = shops.Select(s => ringOfShop.GetValueOrDefault(graph.ColumnName(s), -1)).ToList();
            var rowRings = rows.Select(b => ringOfBrusher.GetValueOrDefault(graph.RowName(b), -1)).ToList();
            foreignShops += shopRings.Count(r => r < 0);
            var rings = shopRings.Where(r => r >= 0).Distinct().ToList();
            foreignBlocks += rings.Count == 0 ? 1 : 0;
            merged += rings.Count >= 2 ? 1 : 0;
            foreach (var r in rings)
            {
                if (shopRings.Count(x => x == r) * 2 >= Rings[r].Shops.Length && rowRings.Count(x => x == r) * 2 >= Rings[r].Brushers.Length)
                {
                    recovered.Add(r);
                }
            }
        }

        return (recovered.Count, merged, foreignBlocks, foreignShops);
    }

    private static string EventId(long n) => "e" + n.ToString("D10", CultureInfo.InvariantCulture);

    private static (string Ip, long Device, long Address) IdentifiersOf(PlannedOrder o)
    {
        var household = o.Buyer % 10 < 4 ? o.Buyer / 2 : o.Buyer + 1_000_000_000L;
        if (o.Ring >= 0)
        {
            var proxy = string.Create(CultureInfo.InvariantCulture, $"45.{o.Ring % 256}.{o.Slot % 3}.{7 + (o.Ring / 256)}");
            return (proxy, 10_000_000_000L + (o.Ring * 100L) + (o.Slot / 4), household);
        }

        var ip = o.Mobile ? Ipv4((223L << 24) | (Mix(7, o.Number % CarrierIps) & 0xFFFFFF)) : Ipv4(Mix(3, household) & 0xFFFFFFFF);
        return (ip, o.Buyer, household);
    }

    private static string Ipv4(long v)
        => string.Create(CultureInfo.InvariantCulture, $"{(v >> 24) & 255}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");

    private static string Key(Dictionary<(int, long), string>? cache, ColumnKind kind, long value)
    {
        if (cache is not null && cache.TryGetValue(((int)kind, value), out var known))
        {
            return known;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"h1:{Mix((int)kind, value):x16}{Mix((int)kind + 16, value):x16}");
        if (cache is not null)
        {
            cache[((int)kind, value)] = key;
        }

        return key;
    }

    // SplitMix64 of a value salted by a kind: a stand-in for the HMAC the keyer computes.
    private static long Mix(int salt, long value)
    {
        var z = (ulong)value + ((ulong)salt * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }

    private int PopularShop(Random rng)
    {
        var i = Array.BinarySearch(_popularity, rng.NextDouble() * _popularity[^1]);
        return Math.Min(i < 0 ? ~i : i, Shops - 1);
    }

    private static int[] Distinct(int count, Func<int> draw, HashSet<int> used)
    {
        var picked = new int[count];
        for (var i = 0; i < count; i++)
        {
            int v;
            do
            {
                v = draw();
            }
            while (!used.Add(v));
            picked[i] = v;
        }

        return picked;
    }

    /// <summary>A planted ring: brusher accounts (buyer numbers), small shops (popularity ranks) and its orders.</summary>
    public sealed record PlantedRing(int[] Brushers, int[] Shops, int Orders);

    /// <summary>One order: number, buyer, shop rank, ring (−1 for honest) and brusher slot, ticks after Start, from a carrier IP.</summary>
    public readonly record struct PlannedOrder(long Number, int Buyer, int Shop, int Ring, int Slot, long Ticks, bool Mobile);
}
