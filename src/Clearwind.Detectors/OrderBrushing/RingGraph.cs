using System.Runtime.InteropServices;

namespace Clearwind.OrderBrushing;

/// <summary>
/// The bipartite graph the ring detector searches: rows are buyer accounts; columns are shops (an edge per buyer and
/// shop with orders, listing them) and shared identifiers (an edge per account seen with a phone, device, IP, address
/// or payment account that another account was seen with too). Flat arrays indexed by int keep it compact: about 60
/// bytes per edge plus the order ids.
/// Edges expire on event time; <see cref="Compact"/> drops them and renumbers nothing else, so ids stay valid.
/// </summary>
internal sealed class RingGraph
{
    private readonly Dictionary<string, int> _rowIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _shopIndex = new(StringComparer.Ordinal);
    private readonly IdentifierTable _identifiers = new();
    private readonly EdgeTable _edgeIndex = new();

    private string[] _rowNames = new string[1024];
    private EdgeBag[] _rowEdges = new EdgeBag[1024];
    private int[] _rowIdentifiers = new int[1024];
    private string[] _columnNames = new string[1024];
    private ColumnKind[] _columnKinds = new ColumnKind[1024];
    private EdgeBag[] _columnEdges = new EdgeBag[1024];

    private int[] _edgeRow = new int[4096];
    private int[] _edgeColumn = new int[4096];
    private long[] _edgeLast = new long[4096];
    private int[] _edgeFirstOrder = new int[4096];
    private int[] _edgeOrderCount = new int[4096];

    private string[] _orderIds = new string[4096];
    private string[] _orderEvents = new string[4096];
    private long[] _orderTicks = new long[4096];
    private int[] _orderNext = new int[4096];

    /// <summary>Rows (buyer accounts) ever added.</summary>
    public int RowCount { get; private set; }

    /// <summary>Columns (shops and shared identifiers) ever added.</summary>
    public int ColumnCount { get; private set; }

    /// <summary>Identifiers ever seen, shared or not.</summary>
    public int IdentifierCount => _identifiers.Count;

    /// <summary>Edge slots in use (expired ones included until <see cref="Compact"/>).</summary>
    public int EdgeCount { get; private set; }

    /// <summary>Order slots in use.</summary>
    public int OrderCount { get; private set; }

    public string RowName(int row) => _rowNames[row];

    public string ColumnName(int column) => _columnNames[column];

    public ColumnKind KindOf(int column) => _columnKinds[column];

    public ReadOnlySpan<int> RowEdges(int row) => _rowEdges[row].AsSpan();

    public ReadOnlySpan<int> ColumnEdges(int column) => _columnEdges[column].AsSpan();

    public int EdgeRow(int edge) => _edgeRow[edge];

    public int EdgeColumn(int edge) => _edgeColumn[edge];

    public long EdgeLast(int edge) => _edgeLast[edge];

    public int EdgeOrders(int edge) => _edgeOrderCount[edge];

    public bool TryGetRow(string account, out int row) => _rowIndex.TryGetValue(account, out row);

    public bool TryGetShop(string shop, out int column) => _shopIndex.TryGetValue(shop, out column);

    /// <summary>The edge between a row and a column, or −1.</summary>
    public int EdgeBetween(int row, int column) => _edgeIndex.Find(Pair(row, column));

    public int Row(string account)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_rowIndex, account, out var exists);
        if (!exists)
        {
            slot = RowCount++;
            Grow(ref _rowNames, RowCount);
            Grow(ref _rowEdges, RowCount);
            Grow(ref _rowIdentifiers, RowCount);
            _rowNames[slot] = account;
        }

        return slot;
    }

    /// <summary>The column of a shop.</summary>
    public int Shop(string shop)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_shopIndex, shop, out var exists);
        if (!exists)
        {
            slot = AddColumn(ColumnKind.Shop, shop);
        }

        return slot;
    }

    /// <summary>The column of an identifier, or −1 while no second account has shown up with it.</summary>
    public int ColumnOf(ColumnKind kind, string value)
        => _identifiers.Find(Hash64(kind, value)) is { } identifier ? identifier.Column : -1;

    /// <summary>Adds an order to the edge between a buyer and a shop; returns the edge and whether it is new.</summary>
    public (int Edge, bool Added) AddOrder(int row, int shop, string order, string eventId, long ticks)
    {
        var (edge, added) = Link(row, shop, ticks);
        var slot = OrderCount++;
        Grow(ref _orderIds, OrderCount);
        Grow(ref _orderEvents, OrderCount);
        Grow(ref _orderTicks, OrderCount);
        Grow(ref _orderNext, OrderCount);
        _orderIds[slot] = order;
        _orderEvents[slot] = eventId;
        _orderTicks[slot] = ticks;
        _orderNext[slot] = added ? -1 : _edgeFirstOrder[edge];
        _edgeFirstOrder[edge] = slot;
        _edgeOrderCount[edge]++;
        return (edge, added);
    }

    /// <summary>
    /// Notes an account seen with an identifier, up to <paramref name="maxPerAccount"/> identifiers each. Identifiers
    /// are already keyed (HMAC) and only ever compared, so a 64-bit hash of the kind and value stands for them: the
    /// values themselves are not kept.
    /// </summary>
    public void AddIdentifier(int row, ColumnKind kind, string value, long ticks, int maxPerAccount)
    {
        ref var identifier = ref _identifiers.GetOrAdd(Hash64(kind, value));
        var sole = identifier.SoleRow;
        if (sole == row)
        {
            identifier.SoleLast = Math.Max(identifier.SoleLast, ticks);
            return;
        }

        var column = identifier.Column;
        if (_rowIdentifiers[row] >= maxPerAccount)
        {
            if (column >= 0 && _edgeIndex.Find(Pair(row, column)) is var known and >= 0)
            {
                _edgeLast[known] = Math.Max(_edgeLast[known], ticks);
            }

            return;
        }

        if (sole < 0 && (column < 0 || _columnEdges[column].Count == 0))
        {
            identifier.SoleRow = row;
            identifier.SoleLast = ticks;
            _rowIdentifiers[row]++;
            return;
        }

        if (sole >= 0)
        {
            // A second account: the identifier is shared now, and both accounts get their edge.
            if (column < 0)
            {
                column = identifier.Column = AddColumn(kind, null);
            }

            Link(sole, column, identifier.SoleLast);
            identifier.SoleRow = -1;
        }

        if (Link(row, column, ticks).Added)
        {
            _rowIdentifiers[row]++;
        }
    }

    /// <summary>The orders on an edge placed at or after <paramref name="since"/>, newest first.</summary>
    public IEnumerable<(string Order, string EventId, long Ticks)> Orders(int edge, long since)
    {
        for (var o = _edgeFirstOrder[edge]; o >= 0 && _orderTicks[o] >= since; o = _orderNext[o])
        {
            yield return (_orderIds[o], _orderEvents[o], _orderTicks[o]);
        }
    }

    /// <summary>Orders on an edge placed at or after <paramref name="since"/>.</summary>
    public int LiveOrders(int edge, long since)
    {
        var n = 0;
        for (var o = _edgeFirstOrder[edge]; o >= 0 && _orderTicks[o] >= since; o = _orderNext[o])
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// Drops edges last used before <paramref name="cutoff"/> and orders placed before it, reusing their slots. Rows and
    /// columns keep their ids (a forgotten account's row stays, empty).
    /// </summary>
    public void Compact(long cutoff)
    {
        var map = new int[EdgeCount];
        var kept = 0;
        for (var e = 0; e < EdgeCount; e++)
        {
            if (_edgeLast[e] < cutoff)
            {
                map[e] = -1;
                if (_columnKinds[_edgeColumn[e]] != ColumnKind.Shop)
                {
                    _rowIdentifiers[_edgeRow[e]]--;
                }

                continue;
            }

            map[e] = kept;
            _edgeRow[kept] = _edgeRow[e];
            _edgeColumn[kept] = _edgeColumn[e];
            _edgeLast[kept] = _edgeLast[e];
            _edgeFirstOrder[kept] = _edgeFirstOrder[e];
            _edgeOrderCount[kept] = _edgeOrderCount[e];
            kept++;
        }

        // Nothing expired (a stream shorter than the retention): the index and the edge lists stand as they are.
        var edgesDropped = kept < EdgeCount;
        EdgeCount = kept;
        if (edgesDropped)
        {
            _edgeIndex.Clear();
            for (var e = 0; e < EdgeCount; e++)
            {
                _edgeIndex.Add(Pair(_edgeRow[e], _edgeColumn[e]), e);
            }
        }

        CompactOrders(cutoff);
        foreach (ref var identifier in _identifiers.Slots)
        {
            if (identifier.Key != 0 && identifier.SoleRow >= 0 && identifier.SoleLast < cutoff)
            {
                _rowIdentifiers[identifier.SoleRow]--;
                identifier.SoleRow = -1;
            }
        }

        if (!edgesDropped)
        {
            return;
        }

        for (var r = 0; r < RowCount; r++)
        {
            _rowEdges[r].Remap(map);
        }

        for (var c = 0; c < ColumnCount; c++)
        {
            _columnEdges[c].Remap(map);
        }
    }

    /// <summary>Bytes held by the arrays and indexes (strings shared with the events not counted twice).</summary>
    public long ApproximateBytes()
    {
        long bytes = (_rowNames.Length * 8L) + (_rowEdges.Length * 16L) + (_rowIdentifiers.Length * 4L);
        bytes += (_columnNames.Length * 8L) + _columnKinds.Length + (_columnEdges.Length * 16L);
        bytes += _edgeRow.Length * 28L;
        bytes += _orderIds.Length * 28L;
        bytes += (_rowIndex.Count * 24L) + (_shopIndex.Count * 24L) + _identifiers.Bytes + _edgeIndex.Bytes;
        for (var r = 0; r < RowCount; r++)
        {
            bytes += _rowEdges[r].Capacity * 4L;
        }

        for (var c = 0; c < ColumnCount; c++)
        {
            bytes += _columnEdges[c].Capacity * 4L;
        }

        return bytes;
    }

    private int AddColumn(ColumnKind kind, string? name)
    {
        var column = ColumnCount++;
        Grow(ref _columnNames, ColumnCount);
        Grow(ref _columnKinds, ColumnCount);
        Grow(ref _columnEdges, ColumnCount);
        _columnNames[column] = name!; // identifiers have no name: their values are not kept
        _columnKinds[column] = kind;
        return column;
    }

    private (int Edge, bool Added) Link(int row, int column, long ticks)
    {
        var key = Pair(row, column);
        var known = _edgeIndex.Find(key);
        if (known >= 0)
        {
            _edgeLast[known] = Math.Max(_edgeLast[known], ticks);
            return (known, false);
        }

        var slot = EdgeCount++;
        _edgeIndex.Add(key, slot);
        Grow(ref _edgeRow, EdgeCount);
        Grow(ref _edgeColumn, EdgeCount);
        Grow(ref _edgeLast, EdgeCount);
        Grow(ref _edgeFirstOrder, EdgeCount);
        Grow(ref _edgeOrderCount, EdgeCount);
        _edgeRow[slot] = row;
        _edgeColumn[slot] = column;
        _edgeLast[slot] = ticks;
        _edgeFirstOrder[slot] = -1;
        _edgeOrderCount[slot] = 0;
        _rowEdges[row].Add(slot);
        _columnEdges[column].Add(slot);
        return (slot, true);
    }

    // Orders are kept newest first per edge; dropping the old ones cuts each list at the cutoff and packs the slots.
    private void CompactOrders(long cutoff)
    {
        if (!_orderTicks.AsSpan(0, OrderCount).ContainsAnyInRange(long.MinValue, cutoff - 1) && !_orderIds.AsSpan(0, OrderCount).Contains(null))
        {
            return; // nothing to drop
        }

        var map = new int[OrderCount];
        var kept = 0;
        for (var o = 0; o < OrderCount; o++)
        {
            if (_orderTicks[o] < cutoff || _orderIds[o] is null)
            {
                map[o] = -1;
                continue;
            }

            map[o] = kept;
            _orderIds[kept] = _orderIds[o];
            _orderEvents[kept] = _orderEvents[o];
            _orderTicks[kept] = _orderTicks[o];
            _orderNext[kept] = _orderNext[o];
            kept++;
        }

        Array.Clear(_orderIds, kept, OrderCount - kept);
        Array.Clear(_orderEvents, kept, OrderCount - kept);
        OrderCount = kept;
        for (var o = 0; o < OrderCount; o++)
        {
            _orderNext[o] = _orderNext[o] < 0 ? -1 : map[_orderNext[o]];
        }

        for (var e = 0; e < EdgeCount; e++)
        {
            var first = _edgeFirstOrder[e];
            _edgeFirstOrder[e] = first < 0 ? -1 : map[first];
            var counts = 0;
            for (var o = _edgeFirstOrder[e]; o >= 0; o = _orderNext[o])
            {
                counts++;
            }

            _edgeOrderCount[e] = counts;
        }
    }

    // The edge index's key for a row and a column. A long hashes as its two halves XORed, and row ^ column spans far
    // fewer values than there are edges (long bucket chains); multiplying by an odd constant is one-to-one and spreads
    // every bit of both over both halves.
    private static long Pair(int row, int column) => (long)((((ulong)row << 32) | (uint)column) * 0x9E3779B97F4A7C15UL);

    private static void Grow<T>(ref T[] array, int needed)
    {
        if (needed > array.Length)
        {
            Array.Resize(ref array, Math.Max(needed, array.Length * 2));
        }
    }

    // Never 0: that marks an empty slot of the identifier table.
    private static ulong Hash64(ColumnKind kind, string value) => IdentifierHash.Of((int)kind, value) is var hash and not 0 ? hash : 1;

    /// <summary>
    /// What the graph knows of an identifier. It gets a column only when a second account shows up with it: most never
    /// do (each account's own phone, device and payment account), they would weigh nothing in a sweep, yet as columns
    /// they would be most of its nodes. Until then its one account and last sighting wait here.
    /// </summary>
    private struct IdentifierState
    {
        public ulong Key; // Hash64 of kind and value; 0 for an empty slot
        public int Column; // −1 until shared
        public int SoleRow; // −1 when shared or forgotten
        public long SoleLast;
    }

    /// <summary>
    /// Identifiers by <see cref="Hash64"/>, their state inline: open addressing with linear probing over a power-of-two
    /// array, so a sighting reads one cache line, where a Dictionary reads a bucket and then an entry elsewhere.
    /// </summary>
    private sealed class IdentifierTable
    {
        private IdentifierState[] _slots = new IdentifierState[1024];
        private int _shift = 64 - 10; // a key's slot is its top bits

        public int Count { get; private set; }

        public Span<IdentifierState> Slots => _slots;

        public long Bytes => _slots.Length * 24L;

        public ref IdentifierState GetOrAdd(ulong key)
        {
            var mask = _slots.Length - 1;
            for (var i = (int)(key >> _shift); ; i = (i + 1) & mask)
            {
                ref var slot = ref _slots[i];
                if (slot.Key == key)
                {
                    return ref slot;
                }

                if (slot.Key == 0)
                {
                    if (Count >= _slots.Length / 4 * 3)
                    {
                        Resize();
                        return ref GetOrAdd(key);
                    }

                    Count++;
                    slot = new IdentifierState { Key = key, Column = -1, SoleRow = -1 };
                    return ref slot;
                }
            }
        }

        public IdentifierState? Find(ulong key)
        {
            var mask = _slots.Length - 1;
            for (var i = (int)(key >> _shift); _slots[i].Key != 0; i = (i + 1) & mask)
            {
                if (_slots[i].Key == key)
                {
                    return _slots[i];
                }
            }

            return null;
        }

        private void Resize()
        {
            var old = _slots;
            _slots = new IdentifierState[old.Length * 2];
            _shift--;
            var mask = _slots.Length - 1;
            foreach (var slot in old)
            {
                if (slot.Key == 0)
                {
                    continue;
                }

                var i = (int)(slot.Key >> _shift);
                while (_slots[i].Key != 0)
                {
                    i = (i + 1) & mask;
                }

                _slots[i] = slot;
            }
        }
    }

    /// <summary>
    /// Edge ids by <see cref="Pair"/>: open addressing with linear probing over a power-of-two array, so a look-up reads
    /// one cache line, where a Dictionary reads a bucket and then an entry elsewhere.
    /// </summary>
    private sealed class EdgeTable
    {
        private EdgeSlot[] _slots = new EdgeSlot[1024];
        private int _shift = 64 - 10; // a key's slot is its top bits (Pair spreads them)

        public int Count { get; private set; }

        public long Bytes => _slots.Length * 16L;

        /// <summary>The edge of a key, or −1.</summary>
        public int Find(long key)
        {
            var mask = _slots.Length - 1;
            for (var i = (int)((ulong)key >> _shift); _slots[i].EdgePlusOne != 0; i = (i + 1) & mask)
            {
                if (_slots[i].Key == key)
                {
                    return _slots[i].EdgePlusOne - 1;
                }
            }

            return -1;
        }

        /// <summary>Adds a key that <see cref="Find"/> did not find.</summary>
        public void Add(long key, int edge)
        {
            if (Count >= _slots.Length / 4 * 3)
            {
                Resize();
            }

            Place(_slots, _shift, key, edge + 1);
            Count++;
        }

        public void Clear()
        {
            Array.Clear(_slots);
            Count = 0;
        }

        private static void Place(EdgeSlot[] slots, int shift, long key, int edgePlusOne)
        {
            var mask = slots.Length - 1;
            var i = (int)((ulong)key >> shift);
            while (slots[i].EdgePlusOne != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = new EdgeSlot(key, edgePlusOne);
        }

        private void Resize()
        {
            var old = _slots;
            _slots = new EdgeSlot[old.Length * 2];
            _shift--;
            foreach (var slot in old)
            {
                if (slot.EdgePlusOne != 0)
                {
                    Place(_slots, _shift, slot.Key, slot.EdgePlusOne);
                }
            }
        }

        private readonly record struct EdgeSlot(long Key, int EdgePlusOne); // 0: empty
    }

    /// <summary>A growable list of edge ids, stored inline in the node arrays.</summary>
    private struct EdgeBag
    {
        private int[]? _items;
        private int _count;

        public readonly int Capacity => _items?.Length ?? 0;

        public readonly int Count => _count;

        public readonly ReadOnlySpan<int> AsSpan() => _items is null ? [] : _items.AsSpan(0, _count);

        public void Add(int edge)
        {
            if (_items is null)
            {
                _items = new int[2];
            }
            else if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            _items[_count++] = edge;
        }

        public void Remap(int[] map)
        {
            var kept = 0;
            for (var i = 0; i < _count; i++)
            {
                var to = map[_items![i]];
                if (to >= 0)
                {
                    _items[kept++] = to;
                }
            }

            _count = kept;
            if (_count == 0)
            {
                _items = null;
            }
        }
    }
}

/// <summary>What a column of the ring graph stands for.</summary>
internal enum ColumnKind : byte
{
    Shop,
    Phone,
    Device,
    Ip,
    Address,
    Payment,
}
