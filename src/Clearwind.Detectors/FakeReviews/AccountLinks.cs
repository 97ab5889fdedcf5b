using System.Runtime.InteropServices;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeReviews;

/// <summary>
/// Identifiers seen on each account (device, phone, payment account, delivery address, IP, from registrations, logins,
/// orders and payments), each keyed by <see cref="IdentifierHash"/> (the values arrive already HMAC-keyed and are never
/// kept), with how many accounts each identifier was seen on. Which shop each owner runs is kept too, so an account can
/// be tied to a shop's owner. Accounts and identifiers not seen for the retention are forgotten.
/// </summary>
internal sealed class AccountLinks(TimeSpan retention, int maxIdentifiersPerAccount, int commonAccounts)
{
    private readonly long _retentionTicks = retention.Ticks;
    private readonly IdentifierIndex<Kind> _identifiers = new(maxIdentifiersPerAccount, commonAccounts);
    private readonly Dictionary<string, List<string>> _shopsByOwner = new(StringComparer.Ordinal);
    private readonly ExpiringIndex<string> _unpaid = new(TimeSpan.FromDays(3)); // order → buyer, until paid

    /// <summary>Kinds of identifier.</summary>
    public enum Kind : byte
    {
        /// <summary>A phone number.</summary>
        Phone,

        /// <summary>A device.</summary>
        Device,

        /// <summary>A payment account.</summary>
        Payment,

        /// <summary>A delivery address.</summary>
        Address,

        /// <summary>An IP address.</summary>
        Ip,

        /// <summary>The /24 network of an IPv4 address (a neighbourhood, an office, a proxy range).</summary>
        Subnet,
    }

    /// <summary>Notes the identifiers an event shows.</summary>
    public void Observe(MarketEvent e)
    {
        var ticks = e.Ts.UtcTicks;
        switch (e)
        {
            case ShopOpened shop when shop.Owner is not null:
                ref var shops = ref CollectionsMarshal.GetValueRefOrAddDefault(_shopsByOwner, shop.Owner, out _);
                shops ??= [];
                if (!shops.Contains(shop.Shop))
                {
                    shops.Add(shop.Shop);
                }

                break;
            case AccountRegistered reg:
                Note(reg.Account, Kind.Phone, reg.Phone, ticks);
                Note(reg.Account, Kind.Device, reg.Device, ticks);
                NoteIp(reg.Account, reg.Ip, ticks);
                break;
            case AccountLogin login:
                NoteIp(login.Account, login.Ip, ticks);
                Note(login.Account, Kind.Device, login.Device, ticks);
                break;
            case OrderPlaced order:
                NoteIp(order.Buyer, order.Ip, ticks);
                Note(order.Buyer, Kind.Device, order.Device, ticks);
                Note(order.Buyer, Kind.Address, order.Address, ticks);
                Note(order.Buyer, Kind.Phone, order.Phone, ticks);
                _unpaid.TryAdd(order.Order, order.Buyer, ticks);
                break;
            case OrderPaid paid when _unpaid.Remove(paid.Order, out var buyer):
                Note(buyer, Kind.Payment, paid.PaymentAccount, ticks);
                break;
        }
    }

    /// <summary>The shops <paramref name="account"/> owns (empty when none).</summary>
    public IReadOnlyList<string> ShopsOwnedBy(string account) => _shopsByOwner.TryGetValue(account, out var shops) ? shops : [];

    /// <summary>Every owner of a shop, with its shops.</summary>
    public IEnumerable<KeyValuePair<string, List<string>>> Owners => _shopsByOwner;

    /// <summary>
    /// The identifiers of <paramref name="account"/> that fewer than <c>commonAccounts</c> accounts share, with their kind
    /// and how many accounts they were seen on (including this one).
    /// </summary>
    public IEnumerable<(ulong Key, Kind Kind, int Accounts)> Identifiers(string account)
    {
        if (!_identifiers.TryGetAccount(account, out var ids))
        {
            yield break;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var (key, kind) = ids[i];
            if (_identifiers.TryGetAccounts(key, out var accounts) && accounts != IdentifierIndex<Kind>.Common)
            {
                yield return (key, kind, accounts);
            }
        }
    }

    /// <summary>True when <paramref name="account"/> has been seen with the identifier <paramref name="key"/>.</summary>
    public bool Has(string account, ulong key) => _identifiers.TryGetAccount(account, out var ids) && ids.ContainsKey(key);

    /// <summary>Forgets accounts and identifiers not seen for the retention before <paramref name="now"/>.</summary>
    public void Expire(long now)
    {
        var before = now - _retentionTicks;
        _unpaid.Expire(now);
        _identifiers.Forget(before);
    }

    private void NoteIp(string account, string? ip, long ticks)
    {
        Note(account, Kind.Ip, ip, ticks);
        if (SubnetLength(ip) is var length and > 0)
        {
            // The key of the prefix string, hashed from the address itself: no string per event.
            _identifiers.Note(_identifiers.Account(account, ticks), IdentifierHash.Of((int)Kind.Subnet, ip!.AsSpan(0, length)), Kind.Subnet, ticks);
        }
    }

    /// <summary>
    /// The length of the /24 prefix of a plain IPv4 address (<c>a.b.c.</c>); 0 for anything else, such as a keyed value.
    /// A dotted quad of decimal numbers up to 255 without leading zeros is read here; anything else is left to
    /// <see cref="System.Net.IPAddress.TryParse(string, out System.Net.IPAddress)"/>, which decides the odd forms.
    /// </summary>
    internal static int SubnetLength(string? ip)
    {
        if (ip is null)
        {
            return 0;
        }

        if (!IsPlainDottedQuad(ip)
            && (!System.Net.IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork))
        {
            return 0;
        }

        var last = ip.LastIndexOf('.');
        return last > 0 ? last + 1 : 0;
    }

    /// <summary>Four decimal parts of 0–255 without leading zeros, separated by dots: what every parser reads as that IPv4 address.</summary>
    private static bool IsPlainDottedQuad(string ip)
    {
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var value = 0;
            while (i < ip.Length && char.IsAsciiDigit(ip[i]) && i - start < 3)
            {
                value = (value * 10) + (ip[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && ip[start] == '0'))
            {
                return false;
            }

            parts++;
            if (i == ip.Length)
            {
                return parts == 4;
            }

            if (ip[i] != '.' || parts == 4)
            {
                return false;
            }

            i++;
        }
    }

    private void Note(string account, Kind kind, string? value, long ticks)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _identifiers.Note(_identifiers.Account(account, ticks), IdentifierHash.Of((int)kind, value), kind, ticks);
        }
    }
}
