using System.Runtime.InteropServices;

namespace Clearwind.OrderBrushing;

/// <summary>
/// Finds rings in a <see cref="RingGraph"/>: Fraudar's greedy peeling over column-weighted edges, repeated to peel off
/// one block after another, each block then held to the orders its members' popularity predicts.
/// </summary>
/// <remarks>
/// Every member of a block of density g has weighted degree ≥ g inside it (else removing it would raise g), so the
/// graph is first cut to its <c>min_density</c>-core in linear time: honest buyers with a few orders, and the
/// popular shops they meet, fall away before any peeling, which then runs on what is left.
/// </remarks>
internal sealed class DenseBlockSearch(RingOptions options)
{
    private static readonly ColumnKind[] LinkKinds = [ColumnKind.Phone, ColumnKind.Device, ColumnKind.Payment];

    private double[] _columnWeight = [];
    private int[] _columnDegree = [];
    private int[] _rowOrderDegree = [];
    private double[] _edgeWeight = [];
    private double[] _coreDegree = [];
    private bool[] _inCore = [];
    private int[] _seenStamp = [];
    private int[] _memberStamp = [];

    // The core copied out as a graph of its own once it is cut: local ids 0..n−1 in ascending node order, and each
    // node's weighted edges to other core nodes only. The peels walk these lists, where a popular shop's list in the
    // whole graph holds thousands of buyers who left the core long ago.
    private int _coreCount;
    private int[] _localOf = [];
    private int[] _coreNode = [];
    private int[] _coreStart = [];
    private int[] _coreNeighbour = [];
    private double[] _coreWeight = [];
    private double[] _localDegree = [];
    private bool[] _alive = [];
    private double[] _peelDegree = [];
    private int[] _peelStamp = [];
    private int _stamp;
    private long _since;
    private readonly NodeHeap _heap = new();
    private int _rows;
    private RingGraph _graph = null!;

    /// <summary>Live buyer–shop edges in the last search (the graph's size for expected counts).</summary>
    public long OrderEdges { get; private set; }

    /// <summary>Nodes left after cutting the graph to its core in the last search.</summary>
    public int CoreNodes { get; private set; }

    /// <summary>The shops that joined a block in <c>Grow</c> during the last <see cref="Find"/> (not the peel): for reports.</summary>
    public HashSet<int> GrownShops { get; } = [];

    /// <summary>Distinct buyers of a shop in the last search.</summary>
    public int ShopBuyers(int column) => column < _columnDegree.Length ? _columnDegree[column] : 0;

    /// <summary>Distinct shops of a buyer in the last search.</summary>
    public int BuyerShops(int row) => row < _rowOrderDegree.Length ? _rowOrderDegree[row] : 0;

    /// <summary>Searches the edges used at or after <paramref name="since"/>.</summary>
    public List<RingBlock> Find(RingGraph graph, long since)
    {
        _graph = graph;
        _rows = graph.RowCount;
        var nodes = graph.RowCount + graph.ColumnCount;
        Ensure(ref _columnWeight, graph.ColumnCount);
        Ensure(ref _columnDegree, graph.ColumnCount);
        Ensure(ref _rowOrderDegree, graph.RowCount);
        Ensure(ref _edgeWeight, graph.EdgeCount);
        Ensure(ref _coreDegree, nodes);
        Ensure(ref _inCore, nodes);
        Ensure(ref _seenStamp, nodes);
        Ensure(ref _memberStamp, nodes);
        Ensure(ref _localOf, nodes);

        Weigh(since);
        GrownShops.Clear();
        var blocks = new List<RingBlock>();
        CutToCore();
        AddIdentifiersOfCore();
        CopyCore();
        CoreNodes = _coreCount;

        // Each connected part of the core is peeled on its own, and again after a block is taken out of it, so rings
        // that share no member never come out as one block, and a sweep never re-peels parts it has finished.
        var parts = new Stack<List<int>>(Components(Enumerable.Range(0, _coreCount)));
        var removal = new List<int>();
        while (parts.TryPop(out var part) && blocks.Count < options.MaxBlocksPerSweep)
        {
            var block = Peel(part, removal);
            if (block.Count == 0)
            {
                continue;
            }

            foreach (var ring in Judge(block))
            {
                blocks.Add(ring);
                block.AddRange(ring.Buyers.Concat(ring.Linked));
                block.AddRange(ring.Shops.Select(s => _rows + s));
            }

            Remove(block);
            foreach (var rest in Components(part.Where(n => _alive[n])))
            {
                parts.Push(rest);
            }
        }

        return blocks;
    }

    // Degrees over live edges, then Fraudar's column weights: 1 / ln(degree + 5).
    private void Weigh(long since)
    {
        var graph = _graph;
        Array.Clear(_columnDegree, 0, graph.ColumnCount);
        Array.Clear(_rowOrderDegree, 0, graph.RowCount);
        long orderEdges = 0;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (graph.EdgeLast(e) < since)
            {
                continue;
            }

            var column = graph.EdgeColumn(e);
            _columnDegree[column]++;
            if (graph.KindOf(column) == ColumnKind.Shop)
            {
                _rowOrderDegree[graph.EdgeRow(e)]++;
                orderEdges++;
            }
        }

        OrderEdges = orderEdges;
        for (var c = 0; c < graph.ColumnCount; c++)
        {
            var degree = _columnDegree[c];
            _columnWeight[c] = graph.KindOf(c) == ColumnKind.Shop
                ? 1 / Math.Log(degree + 5)
                : degree >= 2 && degree < options.CommonAccounts ? options.IdentifierWeight / Math.Log(degree + 5) : 0;
        }

        // The cut to the core runs on orders alone: households, NATs and carrier gateways share identifiers by the
        // million, and would keep honest accounts in the core. Identifiers join for the accounts that remain.
        Array.Clear(_coreDegree, 0, _rows + graph.ColumnCount);
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var column = graph.EdgeColumn(e);
            var weight = graph.EdgeLast(e) < since || graph.KindOf(column) != ColumnKind.Shop ? 0 : _columnWeight[column];
            _edgeWeight[e] = weight;
            _coreDegree[graph.EdgeRow(e)] += weight;
        }

        _since = since;
    }

    // Gives the identifier edges of the accounts left in the core their weight, then cuts again.
    private void AddIdentifiersOfCore()
    {
        var touched = new List<int>();
        for (var r = 0; r < _rows; r++)
        {
            if (!_inCore[r])
            {
                continue;
            }

            foreach (var e in _graph.RowEdges(r))
            {
                var column = _graph.EdgeColumn(e);
                if (_graph.KindOf(column) == ColumnKind.Shop || _graph.EdgeLast(e) < _since || _columnWeight[column] == 0)
                {
                    continue;
                }

                var weight = _columnWeight[column];
                _edgeWeight[e] = weight;
                _coreDegree[r] += weight;
                if (_coreDegree[_rows + column] == 0)
                {
                    touched.Add(_rows + column);
                }

                _coreDegree[_rows + column] += weight;
            }
        }

        var pending = new Stack<int>();
        foreach (var n in touched)
        {
            _inCore[n] = true;
            if (_coreDegree[n] < options.MinDensity - 1e-9)
            {
                _inCore[n] = false;
                pending.Push(n);
            }
        }

        Drain(pending);
    }

    // Copies the core out (see _coreNode): one pass over the edge arrays counts each core node's edges, a second
    // fills them in, so each node's list keeps the order of its list in the whole graph (ascending edge ids) and the
    // peels lower degrees in the same order as over the whole graph.
    private void CopyCore()
    {
        var graph = _graph;
        var count = 0;
        for (var n = 0; n < _rows + graph.ColumnCount; n++)
        {
            if (_inCore[n])
            {
                _localOf[n] = count++;
            }
        }

        _coreCount = count;
        Ensure(ref _coreNode, count);
        Ensure(ref _coreStart, count + 1);
        Ensure(ref _localDegree, count);
        Ensure(ref _alive, count);
        Ensure(ref _peelDegree, count);
        Ensure(ref _peelStamp, count);
        Array.Clear(_coreStart, 0, count + 1);
        for (var n = 0; n < _rows + graph.ColumnCount; n++)
        {
            if (_inCore[n])
            {
                var local = _localOf[n];
                _coreNode[local] = n;
                _localDegree[local] = _coreDegree[n];
                _alive[local] = true;
            }
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (IsCoreEdge(e, out var row, out var column))
            {
                _coreStart[_localOf[row] + 1]++;
                _coreStart[_localOf[column] + 1]++;
            }
        }

        for (var local = 0; local < count; local++)
        {
            _coreStart[local + 1] += _coreStart[local];
        }

        var ends = _coreStart[count];
        Ensure(ref _coreNeighbour, ends);
        Ensure(ref _coreWeight, ends);
        var fill = _coreStart.AsSpan(0, count).ToArray();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (IsCoreEdge(e, out var row, out var column))
            {
                var (a, b) = (_localOf[row], _localOf[column]);
                _coreNeighbour[fill[a]] = b;
                _coreWeight[fill[a]++] = _edgeWeight[e];
                _coreNeighbour[fill[b]] = a;
                _coreWeight[fill[b]++] = _edgeWeight[e];
            }
        }
    }

    // A weighted edge between two core nodes; row and column as node ids.
    private bool IsCoreEdge(int e, out int row, out int column)
    {
        row = _graph.EdgeRow(e);
        column = _rows + _graph.EdgeColumn(e);
        return _edgeWeight[e] > 0 && _inCore[row] && _inCore[column];
    }

    // Connected parts of the given core nodes (local ids; through edges between live core nodes), each ascending.
    private List<List<int>> Components(IEnumerable<int> nodes)
    {
        var stamp = ++_stamp;
        var parts = new List<List<int>>();
        var stack = new Stack<int>();
        foreach (var start in nodes)
        {
            if (_peelStamp[start] == stamp)
            {
                continue;
            }

            var part = new List<int>();
            _peelStamp[start] = stamp;
            stack.Push(start);
            while (stack.TryPop(out var node))
            {
                part.Add(node);
                for (var i = _coreStart[node]; i < _coreStart[node + 1]; i++)
                {
                    var other = _coreNeighbour[i];
                    if (_alive[other] && _peelStamp[other] != stamp)
                    {
                        _peelStamp[other] = stamp;
                        stack.Push(other);
                    }
                }
            }

            part.Sort();
            parts.Add(part);
        }

        parts.Reverse(); // popped from a stack: the part with the lowest node first
        return parts;
    }

    // Linear-time cut to the min_density-core: drop every node whose weighted degree is below it, until none is.
    // The first rounds go in passes over the edge arrays in order (most buyers fall away at once, and following their
    // edges one by one would touch the whole graph at random); the short cascade that remains is drained node by node.
    private void CutToCore()
    {
        var graph = _graph;
        var least = options.MinDensity - 1e-9;
        for (var r = 0; r < _rows; r++)
        {
            _inCore[r] = _coreDegree[r] >= least;
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (_edgeWeight[e] > 0 && _inCore[graph.EdgeRow(e)])
            {
                _coreDegree[_rows + graph.EdgeColumn(e)] += _edgeWeight[e];
            }
        }

        for (var c = _rows; c < _rows + graph.ColumnCount; c++)
        {
            _inCore[c] = _coreDegree[c] >= least;
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var row = graph.EdgeRow(e);
            if (_edgeWeight[e] > 0 && _inCore[row] && !_inCore[_rows + graph.EdgeColumn(e)])
            {
                _coreDegree[row] -= _edgeWeight[e];
            }
        }

        var pending = new Stack<int>();
        for (var r = 0; r < _rows; r++)
        {
            if (_inCore[r] && _coreDegree[r] < least)
            {
                _inCore[r] = false;
                pending.Push(r);
            }
        }

        Drain(pending);
    }

    // Takes a block (node ids) out of the copied core, and with it every core node left below min_density.
    private void Remove(List<int> block)
    {
        var least = options.MinDensity - 1e-9;
        var pending = new Stack<int>();
        foreach (var n in block)
        {
            if (_inCore[n] && _alive[_localOf[n]])
            {
                _alive[_localOf[n]] = false;
                pending.Push(_localOf[n]);
            }
        }

        while (pending.TryPop(out var node))
        {
            for (var i = _coreStart[node]; i < _coreStart[node + 1]; i++)
            {
                var other = _coreNeighbour[i];
                if (!_alive[other])
                {
                    continue;
                }

                _localDegree[other] -= _coreWeight[i];
                if (_localDegree[other] < least)
                {
                    _alive[other] = false;
                    pending.Push(other);
                }
            }
        }
    }

    private void Drain(Stack<int> pending)
    {
        while (pending.TryPop(out var node))
        {
            foreach (var e in Edges(node))
            {
                var weight = _edgeWeight[e];
                if (weight == 0)
                {
                    continue;
                }

                var other = Other(node, e);
                if (!_inCore[other])
                {
                    continue;
                }

                _coreDegree[other] -= weight;
                if (_coreDegree[other] < options.MinDensity - 1e-9)
                {
                    _inCore[other] = false;
                    pending.Push(other);
                }
            }
        }
    }

    // Fraudar's greedy peel of a part of the core (local ids): remove the node of least weighted degree, one at a
    // time, and keep the set whose weighted edges ÷ nodes was highest. Returns that set as node ids, or nothing when
    // it is below min_density.
    private List<int> Peel(List<int> part, List<int> removal)
    {
        var stamp = ++_stamp;
        _heap.Reset(_coreCount, _peelDegree);
        double total = 0;
        var alive = 0;
        foreach (var n in part)
        {
            if (_alive[n])
            {
                _peelStamp[n] = stamp;
                _peelDegree[n] = _localDegree[n];
                total += _localDegree[n];
                alive++;
                _heap.Push(n);
            }
        }

        if (alive == 0)
        {
            return [];
        }

        total /= 2;
        removal.Clear();
        var best = total / alive;
        var bestStep = 0;
        while (_heap.Count > 0)
        {
            var node = _heap.PopMin();
            var degree = _peelDegree[node];
            _peelStamp[node] = 0;
            removal.Add(node);
            total -= degree;
            alive--;
            for (var i = _coreStart[node]; i < _coreStart[node + 1]; i++)
            {
                var other = _coreNeighbour[i];
                if (_peelStamp[other] == stamp)
                {
                    _peelDegree[other] -= _coreWeight[i];
                    _heap.Lowered(other);
                }
            }

            if (alive > 0 && total / alive > best)
            {
                best = total / alive;
                bestStep = removal.Count;
            }
        }

        if (best < options.MinDensity)
        {
            return [];
        }

        return [.. removal.Skip(bestStep).Select(local => _coreNode[local])];
    }

    // Keeps the members whose orders beat their popularity, then judges the rest as a whole.
    private List<RingBlock> Judge(List<int> block)
    {
        var graph = _graph;
        var stamp = ++_stamp;
        var rows = new List<int>();
        var shops = new List<int>();
        foreach (var n in block)
        {
            if (n < _rows)
            {
                rows.Add(n);
                _memberStamp[n] = stamp;
            }
            else if (graph.KindOf(n - _rows) == ColumnKind.Shop)
            {
                shops.Add(n - _rows);
                _memberStamp[n] = stamp;
            }
        }

        double edges = Math.Max(1, OrderEdges);
        for (var round = 0; round < 4 && rows.Count > 0 && shops.Count > 0; round++)
        {
            Trim(rows, shops, stamp, edges);
            if (!Grow(rows, shops, stamp, edges))
            {
                break;
            }
        }

        // What is left can be two rings that the peel took together (similar density, linked only through popular
        // shops the trimming removed): each connected part is judged on its own.
        var rings = new List<RingBlock>();
        foreach (var (partRows, partShops) in Split(rows, shops, stamp))
        {
            var partStamp = ++_stamp;
            partRows.ForEach(r => _memberStamp[r] = partStamp);
            partShops.ForEach(s => _memberStamp[_rows + s] = partStamp);
            Trim(partRows, partShops, partStamp, edges);
            if (JudgePart(partRows, partShops, partStamp, edges) is { } ring)
            {
                rings.Add(ring);
            }
        }

        return rings;
    }

    // Connected parts of the members through the orders between them.
    private List<(List<int> Rows, List<int> Shops)> Split(List<int> rows, List<int> shops, int stamp)
    {
        var seen = ++_stamp;
        var parts = new List<(List<int>, List<int>)>();
        var stack = new Stack<int>();
        foreach (var start in rows.Concat(shops.Select(s => _rows + s)).Order())
        {
            if (_memberStamp[start] != stamp || _seenStamp[start] == seen)
            {
                continue;
            }

            var (partRows, partShops) = (new List<int>(), new List<int>());
            _seenStamp[start] = seen;
            stack.Push(start);
            while (stack.TryPop(out var node))
            {
                (node < _rows ? partRows : partShops).Add(node < _rows ? node : node - _rows);
                foreach (var e in Edges(node))
                {
                    var other = Other(node, e);
                    if (IsOrderEdge(e) && _edgeWeight[e] > 0 && _memberStamp[other] == stamp && _seenStamp[other] != seen)
                    {
                        _seenStamp[other] = seen;
                        stack.Push(other);
                    }
                }
            }

            partRows.Sort();
            partShops.Sort();
            parts.Add((partRows, partShops));
        }

        return parts;
    }

    private RingBlock? JudgePart(List<int> rows, List<int> shops, int stamp, double edges)
    {
        var graph = _graph;
        if (shops.Count < options.MinShops || Households(rows) < options.MinBuyers)
        {
            return null;
        }

        double observed = 0;
        double weighted = 0;
        foreach (var s in shops)
        {
            foreach (var e in graph.ColumnEdges(s))
            {
                if (_edgeWeight[e] > 0 && _memberStamp[graph.EdgeRow(e)] == stamp)
                {
                    observed++;
                    weighted += _edgeWeight[e];
                }
            }
        }

        var expected = rows.Sum(r => (double)_rowOrderDegree[r]) * shops.Sum(s => (double)_columnDegree[s]) / edges;
        if (observed < options.MinLift * expected)
        {
            return null;
        }

        // The ring itself, without the popular shops its members also buy from, must be dense in orders alone.
        var density = weighted / (rows.Count + shops.Count);
        if (density < options.MinDensity)
        {
            return null;
        }

        var identifiers = SharedIdentifiers(rows, stamp);
        var linked = Linked(rows, stamp);

        return new RingBlock(rows, linked, shops, identifiers, (int)observed, expected, density, OrderEdges);
    }

    // Accounts that share a delivery address or a payment account are one household (a family, or one brusher's
    // accounts) and count once: a family buying from the same few shops is not a group of colluding buyers.
    private int Households(List<int> rows)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                parent[x] = parent.GetValueOrDefault(p, p);
                x = p;
            }

            return x;
        }

        var firstOnColumn = new Dictionary<int, int>();
        foreach (var r in rows)
        {
            parent[r] = r;
        }

        foreach (var r in rows)
        {
            foreach (var e in _graph.RowEdges(r))
            {
                var kind = _graph.KindOf(_graph.EdgeColumn(e));
                if (!RareIdentifier(e) || (kind != ColumnKind.Address && kind != ColumnKind.Payment))
                {
                    continue;
                }

                if (firstOnColumn.TryAdd(_graph.EdgeColumn(e), r))
                {
                    continue;
                }

                var (a, b) = (Find(firstOnColumn[_graph.EdgeColumn(e)]), Find(r));
                if (a != b)
                {
                    parent[b] = a;
                }
            }
        }

        return rows.Count(r => Find(r) == r);
    }

    // Drops the members whose orders inside the block do not beat their own popularity, until none is dropped. A
    // shop's orders inside are counted from the buyers' side (a popular shop has thousands of buyers to walk).
    private void Trim(List<int> rows, List<int> shops, int stamp, double edges)
    {
        var changed = true;
        var shopOrders = new Dictionary<int, int>(); // shop → the block's buyers that paid it
        while (changed && rows.Count > 0 && shops.Count > 0)
        {
            double buyerDegrees = rows.Sum(r => _rowOrderDegree[r]);
            double shopDegrees = shops.Sum(s => _columnDegree[s]);
            shopOrders.Clear();
            foreach (var r in rows)
            {
                foreach (var e in _graph.RowEdges(r))
                {
                    var column = _graph.EdgeColumn(e);
                    if (_edgeWeight[e] > 0 && IsOrderEdge(e) && _memberStamp[_rows + column] == stamp)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(shopOrders, column, out _)++;
                    }
                }
            }

            changed = shops.RemoveAll(s => Drop(s + _rows, ShopBeats(shopOrders.GetValueOrDefault(s), _columnDegree[s], buyerDegrees / edges, options))) > 0;
            changed |= rows.RemoveAll(r => Drop(r, BuyerBeats(InsideCount(r, stamp), _rowOrderDegree[r] * shopDegrees / edges, options))) > 0;
        }
    }

    // Adds the buyers of the block's shops, and the shops of its buyers, whose orders inside it pass the same tests:
    // the peel keeps only the densest core, and a brusher with fewer tasks belongs to the ring all the same.
    // Orders inside are counted from the members' side (a popular candidate shop has thousands of buyers to walk).
    private bool Grow(List<int> rows, List<int> shops, int stamp, double edges)
    {
        double buyerDegrees = rows.Sum(r => _rowOrderDegree[r]);
        double shopDegrees = shops.Sum(s => _columnDegree[s]);
        var buyerOrders = new Dictionary<int, int>(); // outside buyer → the block's shops it paid
        foreach (var s in shops)
        {
            foreach (var e in _graph.ColumnEdges(s))
            {
                var row = _graph.EdgeRow(e);
                if (_edgeWeight[e] > 0 && _memberStamp[row] != stamp)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(buyerOrders, row, out _)++;
                }
            }
        }

        // Candidate shops are those of the buyers before this round; the buyers it adds count towards them too.
        var shopOrders = new Dictionary<int, int>(); // outside shop → the block's buyers that paid it
        var firstRows = rows.Count;
        CountShopOrders(rows, 0, firstRows, shopOrders, stamp, addCandidates: true);

        var grown = false;
        foreach (var (r, inside) in buyerOrders.OrderBy(kv => kv.Key))
        {
            if (inside >= options.MinShopsPerBuyer && inside >= options.MinLift * _rowOrderDegree[r] * shopDegrees / edges)
            {
                _memberStamp[r] = stamp;
                rows.Add(r);
                grown = true;
            }
        }

        CountShopOrders(rows, firstRows, rows.Count, shopOrders, stamp, addCandidates: false);
        foreach (var (s, inside) in shopOrders.OrderBy(kv => kv.Key))
        {
            if (ShopBeats(inside, _columnDegree[s], buyerDegrees / edges, options))
            {
                _memberStamp[_rows + s] = stamp;
                shops.Add(s);
                GrownShops.Add(s);
                grown = true;
            }
        }

        return grown;
    }

    // Counts the live orders of rows[from..to) with shops outside the block, adding those shops or only counting
    // towards the ones already there.
    private void CountShopOrders(List<int> rows, int from, int to, Dictionary<int, int> shopOrders, int stamp, bool addCandidates)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var e in _graph.RowEdges(rows[i]))
            {
                var column = _graph.EdgeColumn(e);
                if (_edgeWeight[e] <= 0 || !IsOrderEdge(e) || _memberStamp[_rows + column] == stamp)
                {
                    continue;
                }

                if (addCandidates)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(shopOrders, column, out _)++;
                }
                else if (shopOrders.TryGetValue(column, out var count))
                {
                    shopOrders[column] = count + 1;
                }
            }
        }
    }

    /// <summary>
    /// Whether a shop's buyers inside a block (<paramref name="inside"/> of its <paramref name="buyers"/>) beat what
    /// its popularity predicts, the block's buyers holding <paramref name="share"/> of all buyer–shop pairs: at least
    /// <c>min_buyers_per_shop</c>, at least <c>min_lift</c>× the prediction, and too many to be chance (binomial, at
    /// most <see cref="MaxChance"/>). The last test is for a popular shop: with 0.5 of the block's buyers predicted,
    /// 3 of them (6×) turn up by chance at one shop in 70, and a block's buyers shop honestly at hundreds of such
    /// shops (the 5 M-order benchmark flagged 15 honest shops, popularity ranks 97–8,699 of 100,000 with 43–4,221
    /// buyers, where 3 or 4 brushers of merged rings had bought), while a ring's own small shop has a hundredth of a
    /// buyer predicted and dozens of ring buyers.
    /// </summary>
    internal static bool ShopBeats(int inside, int buyers, double share, RingOptions options)
        => inside >= options.MinBuyersPerShop && inside >= options.MinLift * buyers * share && BinomialTail(inside, buyers, share) <= MaxChance;

    /// <summary>
    /// Whether a buyer's shops inside a block beat what its own shopping predicts: at least
    /// <c>min_shops_per_buyer</c> and <c>min_lift</c>× the prediction. No chance test: a brusher's few tasks in a small
    /// market are predicted at about 1 and would fail it, and an honest buyer would have to buy from 3+ of the ring's
    /// own small shops, which the shops' test has already kept to the ring's.
    /// </summary>
    internal static bool BuyerBeats(int inside, double expected, RingOptions options)
        => inside >= options.MinShopsPerBuyer && inside >= options.MinLift * expected;

    /// <summary>The chance of passing by luck that <see cref="ShopBeats"/> allows a shop: one in 10,000.</summary>
    internal const double MaxChance = 1e-4;

    /// <summary>P(X ≥ k) for X binomial with <paramref name="n"/> trials of chance <paramref name="p"/>.</summary>
    internal static double BinomialTail(int k, int n, double p)
    {
        if (k <= 0 || k <= n * p || p >= 1)
        {
            return 1;
        }

        if (k > n || p <= 0)
        {
            return 0;
        }

        // The first term, C(n, k) p^k (1 − p)^(n − k), in logs; then each next one by its ratio to the last.
        var logTerm = (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        for (var j = 0; j < k; j++)
        {
            logTerm += Math.Log(n - j) - Math.Log(j + 1);
        }

        var term = Math.Exp(logTerm);
        var sum = term;
        var odds = p / (1 - p);
        for (var i = k; i < n && term > sum * 1e-12; i++)
        {
            term *= (n - i) / (i + 1.0) * odds;
            sum += term;
        }

        return Math.Min(1, sum);
    }

    private bool Drop(int node, bool beats)
    {
        if (beats)
        {
            return false;
        }

        _memberStamp[node] = 0;
        return true;
    }

    // Live order edges from a node to members of the block.
    private int InsideCount(int node, int stamp)
    {
        var count = 0;
        foreach (var e in Edges(node))
        {
            var other = Other(node, e);
            if (_edgeWeight[e] > 0 && _memberStamp[other] == stamp && IsOrderEdge(e))
            {
                count++;
            }
        }

        return count;
    }

    private List<(int Column, int Members)> SharedIdentifiers(List<int> rows, int stamp)
    {
        var counts = new Dictionary<int, int>();
        foreach (var r in rows)
        {
            foreach (var e in _graph.RowEdges(r))
            {
                if (RareIdentifier(e))
                {
                    var column = _graph.EdgeColumn(e);
                    counts[column] = counts.GetValueOrDefault(column) + 1;
                }
            }
        }

        var shared = new List<(int, int)>();
        foreach (var (column, members) in counts.OrderBy(kv => kv.Key))
        {
            if (members >= 2)
            {
                shared.Add((column, members));
                _memberStamp[_rows + column] = stamp;
            }
        }

        return shared;
    }

    // Accounts sharing a rare phone, device or payment account with a buyer and paying a ring shop: a brusher's other
    // accounts, which the peel and the per-buyer tests miss when each took only a task or two.
    private List<int> Linked(List<int> rows, int stamp)
    {
        var linked = new List<int>();
        foreach (var r in rows)
        {
            foreach (var edge in _graph.RowEdges(r))
            {
                var column = _graph.EdgeColumn(edge);
                if (!RareIdentifier(edge) || Array.IndexOf(LinkKinds, _graph.KindOf(column)) < 0)
                {
                    continue;
                }

                foreach (var e in _graph.ColumnEdges(column))
                {
                    var row = _graph.EdgeRow(e);
                    if (RareIdentifier(e) && _memberStamp[row] != stamp && InsideCount(row, stamp) > 0)
                    {
                        _memberStamp[row] = stamp;
                        linked.Add(row);
                    }
                }
            }
        }

        linked.Sort();
        return linked;
    }

    // A live identifier edge whose identifier is shared by few accounts (two up to common_accounts).
    private bool RareIdentifier(int e)
    {
        var column = _graph.EdgeColumn(e);
        return _graph.KindOf(column) != ColumnKind.Shop && _graph.EdgeLast(e) >= _since && _columnWeight[column] > 0;
    }

    private bool IsOrderEdge(int e) => _graph.KindOf(_graph.EdgeColumn(e)) == ColumnKind.Shop;

    private ReadOnlySpan<int> Edges(int node) => node < _rows ? _graph.RowEdges(node) : _graph.ColumnEdges(node - _rows);

    private int Other(int node, int e) => node < _rows ? _rows + _graph.EdgeColumn(e) : _graph.EdgeRow(e);

    private static void Ensure<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, array.Length * 2)];
        }
    }
}

/// <summary>
/// A binary min-heap of node ids keyed by an external array, with each node's position kept so a lowered key moves up
/// in place: one entry per node, where a queue of (node, key) pairs would take one per lowering.
/// </summary>
internal sealed class NodeHeap
{
    private int[] _heap = [];
    private int[] _position = [];
    private double[] _keys = [];

    public int Count { get; private set; }

    /// <summary>Empties the heap for node ids below <paramref name="nodes"/>, keyed by <paramref name="keys"/>.</summary>
    public void Reset(int nodes, double[] keys)
    {
        if (_position.Length < nodes)
        {
            _position = new int[Math.Max(nodes, _position.Length * 2)];
            _heap = new int[_position.Length];
            Array.Fill(_position, -1);
        }

        for (var i = 0; i < Count; i++)
        {
            _position[_heap[i]] = -1;
        }

        Count = 0;
        _keys = keys;
    }

    public void Push(int node)
    {
        _heap[Count] = node;
        _position[node] = Count;
        Up(Count++);
    }

    public int PopMin()
    {
        var min = _heap[0];
        _position[min] = -1;
        if (--Count > 0)
        {
            _heap[0] = _heap[Count];
            _position[_heap[0]] = 0;
            Down(0);
        }

        return min;
    }

    /// <summary>The node's key went down: it moves towards the top.</summary>
    public void Lowered(int node)
    {
        var at = _position[node];
        if (at >= 0)
        {
            Up(at);
        }
    }

    private void Up(int at)
    {
        var node = _heap[at];
        var key = _keys[node];
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (_keys[_heap[parent]] <= key)
            {
                break;
            }

            Place(_heap[parent], at);
            at = parent;
        }

        Place(node, at);
    }

    private void Down(int at)
    {
        var node = _heap[at];
        var key = _keys[node];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _keys[_heap[child + 1]] < _keys[_heap[child]])
            {
                child++;
            }

            if (_keys[_heap[child]] >= key)
            {
                break;
            }

            Place(_heap[child], at);
            at = child;
        }

        Place(node, at);
    }

    private void Place(int node, int at)
    {
        _heap[at] = node;
        _position[node] = at;
    }
}

/// <summary>A ring found by <see cref="DenseBlockSearch"/>: its members, the identifiers they share and its figures.</summary>
/// <param name="Buyers">Rows whose orders to the ring's shops beat their popularity.</param>
/// <param name="Linked">Rows sharing a phone, device or payment account with a buyer and ordering from a ring shop.</param>
/// <param name="Shops">Shop columns.</param>
/// <param name="Identifiers">Identifier columns two or more buyers share, with how many do.</param>
/// <param name="OrderEdges">Buyer–shop pairs with orders inside the ring.</param>
/// <param name="ExpectedEdges">Pairs expected from the buyers' and shops' popularity alone.</param>
/// <param name="Density">Weighted order edges ÷ buyers and shops.</param>
/// <param name="GraphOrderEdges">Buyer–shop pairs in the whole graph when it was found.</param>
internal sealed record RingBlock(
    List<int> Buyers,
    List<int> Linked,
    List<int> Shops,
    List<(int Column, int Members)> Identifiers,
    int OrderEdges,
    double ExpectedEdges,
    double Density,
    long GraphOrderEdges);
