using System.Runtime.InteropServices;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeLikes;

/// <summary>
/// What the fake-like detectors need to know about accounts and listings besides the likes themselves: when an account
/// registered, whether its avatar is its own picture or the platform's default, where it bought, and each listing's shop
/// and category. Detectors with the same retention and avatar rule share one ledger (<see cref="For"/>): each feeds it every
/// event it sees, an event is noted once however many pass it on, and nothing a detector reads changes it, so what one
/// detector reads never depends on what the others asked. Accounts are forgotten by event time.
/// </summary>
internal sealed class LikeLedger
{
    private const int MaxOrdersPerAccount = 32;

    private readonly long _retentionTicks;
    private readonly int _defaultAvatarAccounts;
    private readonly Dictionary<string, AccountFacts> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _avatarAccounts = [];
    private readonly Dictionary<string, ListingFacts> _listings = new(StringComparer.Ordinal);
    private MarketEvent? _last;
    private long _forgotAt = long.MinValue;

    public LikeLedger(TimeSpan retention, int defaultAvatarAccounts)
    {
        _retentionTicks = retention.Ticks;
        _defaultAvatarAccounts = defaultAvatarAccounts;
    }

    /// <summary>The ledger for these settings: shared with every detector of the pipeline that asks with the same ones.</summary>
    public static LikeLedger For(TimeSpan retention, int defaultAvatarAccounts, SharedState shared)
        => shared.GetOrAdd((typeof(LikeLedger), retention, defaultAvatarAccounts), () => new LikeLedger(retention, defaultAvatarAccounts));

    /// <summary>Notes the facts an event carries (unless this very event was just noted); the detectors read them back.</summary>
    public void Observe(MarketEvent e)
    {
        if (ReferenceEquals(e, _last))
        {
            return;
        }

        _last = e;
        var ticks = e.Ts.UtcTicks;
        switch (e)
        {
            case AccountRegistered reg:
                var account = Account(reg.Account, ticks);
                account.RegisteredTicks = ticks;
                if (!string.IsNullOrEmpty(reg.Avatar))
                {
                    var key = IdentifierHash.Of(7, reg.Avatar);
                    if (account.Avatar != key)
                    {
                        account.Avatar = key;
                        CollectionsMarshal.GetValueRefOrAddDefault(_avatarAccounts, key, out _)++;
                    }
                }

                break;
            case ListingEvent listing:
                ref var facts = ref CollectionsMarshal.GetValueRefOrAddDefault(_listings, listing.Listing, out var known);
                facts.Shop = listing.Shop ?? facts.Shop;
                facts.Category = listing.Category ?? facts.Category;
                if (!known)
                {
                    facts.FirstSeen = ticks;
                }

                break;
            case OrderPlaced order:
                Account(order.Buyer, ticks).AddOrder(order.Shop, order.Listing, ticks);
                if (order.Listing is not null)
                {
                    ref var ordered = ref CollectionsMarshal.GetValueRefOrAddDefault(_listings, order.Listing, out var seen);
                    ordered.Shop ??= order.Shop;
                    if (!seen)
                    {
                        ordered.FirstSeen = ticks;
                    }
                }

                break;
        }
    }

    /// <summary>
    /// A listing's shop, category and first sighting in a listing event or an order; for a listing no such event showed,
    /// no shop or category and <paramref name="ticks"/> as its first sighting. Reading notes nothing.
    /// </summary>
    public ListingFacts Listing(string listing, long ticks)
        => _listings.TryGetValue(listing, out var facts) ? facts : new ListingFacts { FirstSeen = ticks };

    /// <summary>Marks an account as seen now, so it is not forgotten while active.</summary>
    public void Touch(string account, long ticks) => Account(account, ticks);

    /// <summary>Whether the account placed an order with <paramref name="shop"/> (or on <paramref name="listing"/>) at or after <paramref name="since"/>.</summary>
    public bool Bought(string account, string? shop, string listing, long since)
    {
        if (!_accounts.TryGetValue(account, out var facts))
        {
            return false;
        }

        foreach (var (orderShop, orderListing, ticks) in facts.Orders)
        {
            if (ticks >= since && (orderListing == listing || (shop is not null && orderShop == shop)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the account placed any order within the retention.</summary>
    public bool HasOrdered(string account) => _accounts.TryGetValue(account, out var facts) && facts.Orders.Length > 0;

    /// <summary>
    /// Whether the account looks like a throwaway at <paramref name="ticks"/>: registered (seen registering) within
    /// <paramref name="newAccountTicks"/>, no picture of its own (none, or a default one that many accounts carry), and no
    /// order anywhere.
    /// </summary>
    public bool LooksThrowaway(string account, long ticks, long newAccountTicks)
    {
        if (!_accounts.TryGetValue(account, out var facts) || facts.RegisteredTicks == long.MinValue)
        {
            return false; // Registered before the history we hold: old enough.
        }

        if (ticks - facts.RegisteredTicks > newAccountTicks || facts.Orders.Length > 0)
        {
            return false;
        }

        return facts.Avatar == 0 || _avatarAccounts.GetValueOrDefault(facts.Avatar) >= _defaultAvatarAccounts;
    }

    /// <summary>Forgets accounts and listings not seen within the retention before <paramref name="now"/>.</summary>
    public void Forget(long now)
    {
        if (now <= _forgotAt)
        {
            return; // another detector sharing the ledger forgot at this instant already
        }

        _forgotAt = now;
        var before = now - _retentionTicks;
        foreach (var (id, facts) in _accounts)
        {
            if (facts.LastSeen < before)
            {
                if (facts.Avatar != 0 && _avatarAccounts.TryGetValue(facts.Avatar, out var count))
                {
                    if (count <= 1)
                    {
                        _avatarAccounts.Remove(facts.Avatar);
                    }
                    else
                    {
                        _avatarAccounts[facts.Avatar] = count - 1;
                    }
                }

                _accounts.Remove(id);
            }
            else
            {
                facts.ForgetOrders(before);
            }
        }
    }

    private AccountFacts Account(string account, long ticks)
    {
        ref var facts = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, account, out _);
        facts ??= new AccountFacts();
        facts.LastSeen = ticks;
        return facts;
    }

    /// <summary>A listing's shop and category, and when it was first seen.</summary>
    public struct ListingFacts
    {
        public string? Shop;

        public string? Category;

        public long FirstSeen;
    }

    /// <summary>What is known of one account; its orders in a plain array grown as needed (most buyers place one or two).</summary>
    private sealed class AccountFacts
    {
        private (string Shop, string? Listing, long Ticks)[] _orders = [];
        private int _count;

        public long RegisteredTicks { get; set; } = long.MinValue;

        public ulong Avatar { get; set; }

        public long LastSeen { get; set; }

        /// <summary>Its orders within the retention, oldest first (at most <see cref="MaxOrdersPerAccount"/>).</summary>
        public ReadOnlySpan<(string Shop, string? Listing, long Ticks)> Orders => _orders.AsSpan(0, _count);

        public void AddOrder(string shop, string? listing, long ticks)
        {
            if (_count == MaxOrdersPerAccount)
            {
                Array.Copy(_orders, 1, _orders, 0, --_count);
            }
            else if (_count == _orders.Length)
            {
                Array.Resize(ref _orders, Math.Max(1, _count * 2));
            }

            _orders[_count++] = (shop, listing, ticks);
        }

        public void ForgetOrders(long before)
        {
            var kept = 0;
            for (var i = 0; i < _count; i++)
            {
                if (_orders[i].Ticks >= before)
                {
                    _orders[kept++] = _orders[i];
                }
            }

            Array.Clear(_orders, kept, _count - kept);
            _count = kept;
        }
    }
}
