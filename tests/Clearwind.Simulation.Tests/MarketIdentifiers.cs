using Clearwind.Events;

namespace Clearwind.Simulation.Tests;

/// <summary>
/// The identifiers each account shows in a stream of events: phones, devices, network addresses, delivery addresses and
/// payment accounts, wherever they appear (registration, logins, orders, payments, ad clicks).
/// </summary>
internal sealed class MarketIdentifiers
{
    // Mobile data goes out through carrier NAT: strangers share these addresses, so they link nobody.
    private const string MobileRange = "223.104.";

    private readonly Dictionary<string, HashSet<(string Kind, string Value)>> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Value), HashSet<string>> _byValue = [];

    public MarketIdentifiers(IEnumerable<MarketEvent> events)
    {
        var buyerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case AccountRegistered r:
                    Add(r.Account, "phone", r.Phone);
                    Add(r.Account, "device", r.Device);
                    Add(r.Account, "ip", r.Ip);
                    break;
                case AccountLogin l:
                    Add(l.Account, "ip", l.Ip);
                    Add(l.Account, "device", l.Device);
                    break;
                case OrderPlaced o:
                    buyerOf[o.Order] = o.Buyer;
                    Add(o.Buyer, "ip", o.Ip);
                    Add(o.Buyer, "device", o.Device);
                    Add(o.Buyer, "address", o.Address);
                    Add(o.Buyer, "phone", o.Phone);
                    break;
                case OrderPaid p when buyerOf.TryGetValue(p.Order, out var buyer):
                    Add(buyer, "payment", p.PaymentAccount);
                    break;
                case AdClicked c when c.Account is not null:
                    Add(c.Account, "ip", c.Ip);
                    Add(c.Account, "device", c.Device);
                    break;
            }
        }
    }

    /// <summary>The kinds of identifier (phone, device, ip, address, payment) two accounts have in common.</summary>
    public IReadOnlySet<string> SharedKinds(string a, string b)
        => _byAccount.TryGetValue(a, out var x) && _byAccount.TryGetValue(b, out var y)
            ? x.Intersect(y).Select(i => i.Kind).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Other accounts that share at least one identifier of the given kinds with <paramref name="account"/>.</summary>
    public IEnumerable<string> Sharing(string account, params string[] kinds)
        => _byAccount.TryGetValue(account, out var own)
            ? own.Where(i => kinds.Length == 0 || kinds.Contains(i.Kind)).SelectMany(i => _byValue[i]).Where(a => a != account).Distinct(StringComparer.Ordinal)
            : [];

    /// <summary>Whether <paramref name="account"/> and <paramref name="target"/> are connected through shared identifiers within <paramref name="among"/>.</summary>
    public bool Connected(string account, string target, IReadOnlySet<string> among)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { account };
        var queue = new Queue<string>([account]);
        while (queue.TryDequeue(out var current))
        {
            if (current == target)
            {
                return true;
            }

            foreach (var next in Sharing(current).Where(among.Contains))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }

    private void Add(string account, string kind, string? value)
    {
        if (string.IsNullOrEmpty(value) || (kind == "ip" && value.StartsWith(MobileRange, StringComparison.Ordinal)))
        {
            return;
        }

        if (!_byAccount.TryGetValue(account, out var own))
        {
            _byAccount[account] = own = [];
        }

        own.Add((kind, value));
        if (!_byValue.TryGetValue((kind, value), out var holders))
        {
            _byValue[(kind, value)] = holders = new HashSet<string>(StringComparer.Ordinal);
        }

        holders.Add(account);
    }
}
