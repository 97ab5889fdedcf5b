namespace Clearwind.Simulation;

/// <summary>
/// The shape of a synthetic marketplace. The same options (seed included) always give the same events, byte for byte.
/// </summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>Default first event time: 2026-11-01 00:00 China Standard Time.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Seed of every random choice.</summary>
    /// <value>Default 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Number of shops (a tenth of them open during the run rather than on day 0).</summary>
    /// <value>Default 200.</value>
    public int Shops { get; init; } = 200;

    /// <summary>Number of honest buyer accounts (most register on day 0, the rest join during the run).</summary>
    /// <value>Default 5,000.</value>
    public int Buyers { get; init; } = 5_000;

    /// <summary>Length of the run in days; no event is later than <see cref="Start"/> + <see cref="Days"/>.</summary>
    /// <value>Default 14.</value>
    public int Days { get; init; } = 14;

    /// <summary>Approximate number of events to produce. Setup events (accounts, shops, listings) count towards it.</summary>
    /// <value>Default 100,000.</value>
    public long EventsTarget { get; init; } = 100_000;

    /// <summary>Time of the first event; its offset is kept on every event.</summary>
    /// <value>Default <see cref="DefaultStart"/>.</value>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>Number of shops that buy fake orders (order brushing, 刷单), in 1–3 episodes each.</summary>
    /// <value>Default 5.</value>
    public int BrushingShops { get; init; } = 5;

    /// <summary>Number of flash sales: honest surges where many distinct buyers order from one shop within an hour.</summary>
    /// <value>Default 2.</value>
    public int FlashSales { get; init; } = 2;

    /// <summary>
    /// Sizes the injected scenarios (cheating and look-alikes): a scenario planned "n per scale" happens
    /// <c>max(1, round(n × Scale))</c> times. <see cref="ForScale"/> sizes the whole marketplace with it.
    /// </summary>
    /// <value>Default 0.25, which matches the default shop and buyer counts.</value>
    public double Scale { get; init; } = 0.25;

    /// <summary>
    /// A marketplace of the given scale: scale 1 is about 800 shops, 25,000 buyers and 500,000 events a week.
    /// </summary>
    /// <param name="scale">Size relative to scale 1 (0.01–100).</param>
    /// <param name="days">Days to simulate.</param>
    /// <param name="seed">Seed of every random choice.</param>
    public static SyntheticMarketOptions ForScale(double scale, int days = 7, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 0.01);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 100);
        return new SyntheticMarketOptions
        {
            Seed = seed,
            Scale = scale,
            Days = days,
            Shops = Math.Max(40, (int)Math.Round(800 * scale)),
            Buyers = Math.Max(1_000, (int)Math.Round(25_000 * scale)),
            EventsTarget = (long)Math.Round(500_000 * scale * days / 7.0),
            BrushingShops = Math.Max(2, (int)Math.Round(10 * scale)),
            FlashSales = Math.Max(1, (int)Math.Round(3 * scale * Math.Max(1, days / 7.0))),
        };
    }

    /// <summary>How many times a scenario planned <paramref name="perScale"/> times at scale 1 happens: at least once.</summary>
    public int Scaled(double perScale) => Math.Max(1, (int)Math.Round(perScale * Scale));

    /// <summary>Throws when the options cannot describe a marketplace.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Shops, 1, nameof(Shops));
        ArgumentOutOfRangeException.ThrowIfLessThan(Buyers, 1, nameof(Buyers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 3660, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfNegative(EventsTarget, nameof(EventsTarget));
        ArgumentOutOfRangeException.ThrowIfNegative(BrushingShops, nameof(BrushingShops));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BrushingShops, Shops / 2, nameof(BrushingShops));
        ArgumentOutOfRangeException.ThrowIfNegative(FlashSales, nameof(FlashSales));
        ArgumentOutOfRangeException.ThrowIfLessThan(Scale, 0.01, nameof(Scale));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Scale, 100, nameof(Scale));
    }
}
