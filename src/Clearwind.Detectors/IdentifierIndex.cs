using System.Runtime.InteropServices;

namespace Clearwind;

/// <summary>
/// Identifiers seen on each account (keys from <see cref="IdentifierHash"/>; the values arrive HMAC-keyed and are never
/// kept), each with a detector's own mark (its kind, the first event that showed it), and how many accounts each
/// identifier was seen on. An account is counted once per identifier, when the identifier first shows on it, so the
/// identifier needs a count, not the set of accounts; once <c>commonAccounts</c> use it (a NAT address, a carrier
/// gateway) it is <see cref="Common"/> and counting stops. What is not seen for a while is forgotten by <see cref="Forget"/>.
/// </summary>
internal sealed class IdentifierIndex<TMark>(int maxIdentifiersPerAccount, int commonAccounts)
{
    /// <summary>The account count of an identifier that many accounts use.</summary>
    public const int Common = -1;

    private readonly Dictionary<string, Identifiers> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Stat> _identifiers = [];

    /// <summary>The account's identifiers, created when new; the account counts as seen at <paramref name="ticks"/>.</summary>
    public Identifiers Account(string account, long ticks)
    {
        ref var ids = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, account, out _);
        ids ??= new Identifiers();
        ids.LastSeen = ticks;
        return ids;
    }

    /// <summary>The account's identifiers, if it was seen and not forgotten.</summary>
    public bool TryGetAccount(string account, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Identifiers ids)
        => _accounts.TryGetValue(account, out ids);

    /// <summary>Notes that the account showed an identifier; an account already holding its maximum gets no new one.</summary>
    public void Note(Identifiers ids, ulong key, TMark mark, long ticks)
    {
        var newToAccount = !ids.ContainsKey(key);
        if (newToAccount)
        {
            if (ids.Count >= maxIdentifiersPerAccount)
            {
                return;
            }

            ids.Add(key, mark);
        }

        ref var stat = ref CollectionsMarshal.GetValueRefOrAddDefault(_identifiers, key, out var known);
        stat.LastSeen = ticks;
        if (!known)
        {
            stat.Accounts = 1;
        }
        else if (newToAccount && stat.Accounts != Common && ++stat.Accounts >= commonAccounts)
        {
            stat.Accounts = Common;
        }
    }

    /// <summary>How many accounts an identifier was seen on (<see cref="Common"/> when many); false when unknown.</summary>
    public bool TryGetAccounts(ulong key, out int accounts)
    {
        var found = _identifiers.TryGetValue(key, out var stat);
        accounts = stat.Accounts;
        return found;
    }

    /// <summary>Forgets identifiers and accounts last seen before <paramref name="before"/>.</summary>
    public void Forget(long before)
    {
        foreach (var (key, stat) in _identifiers)
        {
            if (stat.LastSeen < before)
            {
                _identifiers.Remove(key);
            }
        }

        foreach (var (account, ids) in _accounts)
        {
            if (ids.LastSeen < before)
            {
                _accounts.Remove(account);
            }
        }
    }

    /// <summary>
    /// One account's identifiers with their marks, in the order first seen, and when the account was last seen. A plain
    /// array searched end to end: an account has a handful of identifiers (at most the cap), and an array costs a fraction
    /// of a hash table's memory, which a live service holds for every account.
    /// </summary>
    public sealed class Identifiers
    {
        private (ulong Key, TMark Mark)[] _entries = [];

        public int Count { get; private set; }

        public long LastSeen { get; set; }

        public bool ContainsKey(ulong key) => IndexOf(key) >= 0;

        public bool TryGetValue(ulong key, out TMark mark)
        {
            var i = IndexOf(key);
            mark = i >= 0 ? _entries[i].Mark : default!;
            return i >= 0;
        }

        /// <summary>Adds an identifier the account does not hold yet.</summary>
        public void Add(ulong key, TMark mark)
        {
            if (Count == _entries.Length)
            {
                Array.Resize(ref _entries, Math.Max(4, Count * 2));
            }

            _entries[Count++] = (key, mark);
        }

        /// <summary>The identifier first seen <paramref name="index"/>-th, with its mark.</summary>
        public (ulong Key, TMark Mark) this[int index] => index < Count ? _entries[index] : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>The identifiers with their marks, in the order first seen.</summary>
        public ReadOnlySpan<(ulong Key, TMark Mark)> Entries => _entries.AsSpan(0, Count);

        private int IndexOf(ulong key)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_entries[i].Key == key)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    private struct Stat
    {
        public int Accounts;

        public long LastSeen;
    }
}
