using Clearwind.Events;

namespace Clearwind.Simulation;

/// <content>Events of competitor attacks: unpaid orders on a victim's hot listings, and clicks that drain its ads.</content>
internal sealed partial class MarketGenerator
{
    partial void ScheduleAttacks()
    {
        // An attacker logs in before its first action of each day, from where it attacks.
        var logins = new List<(AccountProfile Account, long At, string Ip, string Device)>();
        var index = new Dictionary<(AccountProfile Account, long Day), int>();
        void Note(AccountProfile account, long t, string ip, string device)
        {
            if (!index.TryGetValue((account, t / Day), out var i))
            {
                index[(account, t / Day)] = logins.Count;
                logins.Add((account, t, ip, device));
            }
            else if (t < logins[i].At)
            {
                logins[i] = (account, t, ip, device);
            }
        }

        foreach (var slot in _world.AttackOrders)
        {
            Note(slot.Attacker, slot.At, slot.Ip, slot.Device);
        }

        foreach (var slot in _world.InvalidClicks)
        {
            Note(slot.Clicker, slot.At, slot.Ip, slot.Device);
        }

        foreach (var (account, at, ip, device) in logins)
        {
            var t = at - Seconds(60, 300);
            Add(t, new AccountLogin { Id = NextEventId(), Ts = At(t), Account = account.Id, Ip = ip, Device = device });
        }

        foreach (var slot in _world.AttackOrders)
        {
            MaliciousOrder(slot);
        }

        foreach (var slot in _world.InvalidClicks)
        {
            InvalidClick(slot);
        }
    }

    /// <summary>恶意拍下: a glance at the hot listing, then an order that is never paid (PlaceOrder closes it).</summary>
    private void MaliciousOrder(AttackOrderSlot slot)
    {
        var dwell = Seconds(1, 8);
        View(slot.Attacker, slot.Listing, slot.At - dwell - Seconds(2, 20), slot.Ip, slot.Device, dwell, _random.Chance(0.7) ? "search" : "recommend");
        PlaceOrder(slot.Attacker, slot.Listing, slot.At, slot.Ip, slot.Device, OrderKind.Malicious);
    }

    /// <summary>An invalid click on an expensive keyword: the listing is left at once, or never opened.</summary>
    private void InvalidClick(InvalidClickSlot slot)
    {
        if (!Fits(slot.At))
        {
            return;
        }

        var click = NextClickId();
        Labels.InvalidClick(click);
        Add(slot.At, new AdClicked
        {
            Id = NextEventId(),
            Ts = At(slot.At),
            Click = click,
            Account = slot.Clicker.Id,
            Listing = slot.Listing.Id,
            Shop = slot.Listing.Shop.Id,
            Keyword = slot.Keyword,
            Cost = Math.Round((decimal)Math.Clamp(_random.NextLogNormal(1.6, 0.5), 0.05, 20), 2),
            Ip = slot.Ip,
            Device = slot.Device,
        });
        if (slot.Opens)
        {
            View(slot.Clicker, slot.Listing, slot.At + Seconds(1, 3), slot.Ip, slot.Device, Seconds(0.3, 2.5), "ad");
        }
    }
}
