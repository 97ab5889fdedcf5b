using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>Scripted scenarios: injected cheating and the honest look-alikes it must not be confused with.</content>
internal sealed partial class MarketGenerator
{
    private void ScheduleScenarios()
    {
        foreach (var plan in _world.Brushing)
        {
            ScheduleBrushing(plan);
        }

        foreach (var sale in _world.FlashSales)
        {
            ScheduleFlashSale(sale);
        }

        ScheduleBrushingVariants();
        ScheduleFakeEngagement();
        ScheduleListingCheats();
        ScheduleAttacks();
        ScheduleLookAlikes();
        ScheduleReportScenarios();
    }

    /// <summary>Events of <see cref="MarketWorld"/>'s brushing variants.</summary>
    partial void ScheduleBrushingVariants();

    /// <summary>Events of fake likes, fake reviews, marketing accounts and brand alerts.</summary>
    partial void ScheduleFakeEngagement();

    /// <summary>Events of listing cheating (publishing and editing listings).</summary>
    partial void ScheduleListingCheats();

    /// <summary>Events of competitor attacks.</summary>
    partial void ScheduleAttacks();

    /// <summary>Events of honest look-alikes beyond flash sales.</summary>
    partial void ScheduleLookAlikes();

    /// <summary>Events of seller-report scenarios.</summary>
    partial void ScheduleReportScenarios();

    /// <summary>
    /// Order brushing (刷单): each brusher searches the listing, glances at it and orders, again and again, inside
    /// one short window, so the shop's orders per distinct buyer in that hour reach well over three.
    /// </summary>
    private void ScheduleBrushing(BrushingPlan plan)
    {
        for (var b = 0; b < plan.Brushers.Count; b++)
        {
            var brusher = plan.Brushers[b];
            var times = new long[plan.OrdersPerBrusher[b]];
            for (var i = 0; i < times.Length; i++)
            {
                times[i] = plan.Start + _random.NextInt64(plan.Duration);
            }

            Array.Sort(times);
            if (b == 0)
            {
                // The first brusher opens and closes the episode, so it spans exactly what the truth says.
                times[0] = plan.Start;
                times[^1] = plan.Start + plan.Duration;
            }

            var login = times[0] - Seconds(60, 300);
            Add(login, new AccountLogin { Id = NextEventId(), Ts = At(login), Account = brusher.Id, Ip = brusher.Ip, Device = brusher.Device });
            foreach (var t in times)
            {
                var viewed = t - Seconds(20, 50);
                ViewMs(brusher, plan.Listing, viewed, brusher.Ip, brusher.Device, _random.Between(3_000, 15_000), "search");
                PlaceOrder(brusher, plan.Listing, t, brusher.Ip, brusher.Device, OrderKind.Brushed);
            }
        }
    }

    /// <summary>
    /// A flash sale: many distinct buyers order the promoted listing within the hour, most of them in its first
    /// minutes. Orders per buyer stay near one, so it must not look like brushing.
    /// </summary>
    private void ScheduleFlashSale(FlashSalePlan sale)
    {
        var active = _world.ActiveBuyers(Math.Max(Hour, sale.Start - (sale.Start % Day)));
        var chosen = new HashSet<int>();
        while (chosen.Count < Math.Min(sale.Buyers, active))
        {
            chosen.Add(_random.Next(active));
        }

        foreach (var index in chosen.Order())
        {
            var buyer = _world.Buyers[index];
            var u = _random.NextDouble();
            var t = sale.Start + (long)(u * u * sale.Duration);
            var ip = _random.Chance(0.6) ? MobileIp() : buyer.Ip;
            var viewed = t - Seconds(10, 180);
            ViewMs(buyer, sale.Listing, viewed, ip, buyer.Device, _random.Between(4_000, 60_000), sale.Campaign is null ? "recommend" : "offsite");
            PlaceOrder(buyer, sale.Listing, t, ip, buyer.Device, OrderKind.FlashSale);
            if (_random.Chance(0.1))
            {
                PlaceOrder(buyer, sale.Listing, t + Seconds(60, 600), ip, buyer.Device, OrderKind.FlashSale);
            }
        }
    }
}
