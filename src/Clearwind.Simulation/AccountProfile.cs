namespace Clearwind.Simulation;

/// <summary>A simulated account and the identifiers it uses.</summary>
internal sealed class AccountProfile
{
    public string Id { get; set; } = "";

    public required AccountKind Kind { get; init; }

    /// <summary>Ticks after the start.</summary>
    public required long RegisteredAt { get; set; }

    public required string Nickname { get; init; }

    public required string Phone { get; init; }

    public required string Device { get; init; }

    /// <summary>Home address IP (shared ranges; campus buyers share one NAT address).</summary>
    public required string Ip { get; init; }

    public required string Avatar { get; init; }

    public required string Address { get; init; }

    public required string PaymentAccount { get; init; }

    /// <summary>Relative share of sessions (log-normal: a few heavy shoppers).</summary>
    public double Activity { get; init; } = 1;

    /// <summary>Shops the buyer returns to.</summary>
    public int[] FavoriteShops { get; set; } = [];

    /// <summary>Recent orders as (shop, ticks), newest last, at most <see cref="RecentLimit"/>.</summary>
    public List<(int Shop, long Ticks)>? RecentOrders { get; set; }

    public const int RecentLimit = 8;

    /// <summary>Orders this buyer already placed at <paramref name="shop"/> within <paramref name="span"/> of <paramref name="ticks"/>.</summary>
    public int OrdersNear(int shop, long ticks, long span)
    {
        var n = 0;
        if (RecentOrders is { } recent)
        {
            foreach (var (s, t) in recent)
            {
                if (s == shop && Math.Abs(t - ticks) <= span)
                {
                    n++;
                }
            }
        }

        return n;
    }

    public void NoteOrder(int shop, long ticks)
    {
        RecentOrders ??= new List<(int, long)>(RecentLimit);
        if (RecentOrders.Count == RecentLimit)
        {
            RecentOrders.RemoveAt(0);
        }

        RecentOrders.Add((shop, ticks));
    }
}
