using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Attacks;

/// <summary>
/// <c>attack.click_fraud</c> (直通车攻击): ad clicks that only drain the advertiser's budget. Per advertiser and clicker
/// (the account, or the device of a guest), streaming: clicks whose page is never opened or left at once are
/// counted within a day; a clicker with repeated such clicks, few clicks it did read and no paid order in the shop is
/// judged invalid once it stops clicking. The advertiser is the victim (its invalid clicks are refunded); the clickers
/// are actors, and so is another shop whose owner is a clicker or shares a device, a phone or a rarely shared address
/// with them (a competitor). A clicker with fewer repeats is invalid too when it clicks from a device an invalid clicker
/// used; once a clicker is invalid, its earlier clicks without dwell on the advertiser within the lookback are named too.
/// </summary>
internal sealed class ClickFraudDetector : Detector
{
    public static readonly PatternId Id = new("attack.click_fraud");

    private readonly ClickFraudOptions _options;
    private readonly long _windowTicks;
    private readonly long _viewWaitTicks;
    private readonly long _settleTicks;
    private readonly long _caseGapTicks;
    private readonly long _lookbackTicks;

    private static readonly List<string> NoDevices = [];

    private readonly Dictionary<(string Shop, string Clicker), ClickerState> _clickers = [];
    private readonly Queue<ClickerState> _spreading = new();
    private readonly PriorityQueue<ClickerState, long> _due = new();
    private readonly Dictionary<(string Clicker, string Listing), List<Click>> _awaitingView = [];
    private readonly Queue<(long Ticks, string Clicker, string Listing)> _awaitingOrder = new();

    // The clickers by device (to judge them again when the device turns out to be an invalid clicker's), and the devices
    // invalid clickers used, with the time of their latest invalid click.
    private readonly Dictionary<string, HashSet<ClickerState>> _clickersByDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _invalidDevices = new(StringComparer.Ordinal);
    private readonly Queue<(long Ticks, string Device)> _invalidDeviceOrder = new();

    // Orders placed and not yet paid (to learn their buyer and shop), and recent paid orders by buyer and shop.
    private readonly Dictionary<string, (string Buyer, string Shop, long Ticks)> _placed = new(StringComparer.Ordinal);
    private readonly Queue<(long Ticks, string Order)> _placedOrder = new();
    private readonly Dictionary<(string Shop, string Buyer), long> _paid = [];
    private readonly Queue<(long Ticks, string Shop, string Buyer)> _paidOrder = new();

    // Who owns which shop, and the devices, phones and addresses those owners use; for the owners' addresses, the
    // accounts seen on them (counted up to one more than the most a rare address may have).
    private readonly Dictionary<string, (string? Device, string? Ip, string? Phone)> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _shopsByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _shopsByDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _shopsByIp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _shopsByPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _accountsByOwnerIp = new(StringComparer.Ordinal);

    private readonly Dictionary<string, VictimCase> _cases = new(StringComparer.Ordinal);

    public ClickFraudDetector(ClickFraudOptions options)
    {
        _options = options;
        _windowTicks = TimeSpan.FromSeconds(options.WindowSeconds).Ticks;
        _viewWaitTicks = TimeSpan.FromSeconds(options.ViewWaitSeconds).Ticks;
        _settleTicks = TimeSpan.FromSeconds(options.SettleSeconds).Ticks;
        _caseGapTicks = TimeSpan.FromSeconds(options.CaseGapSeconds).Ticks;
        _lookbackTicks = Math.Max(_windowTicks, TimeSpan.FromSeconds(options.LookbackSeconds).Ticks);
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(AccountRegistered), typeof(AccountLogin), typeof(AdClicked), typeof(ListingViewed), typeof(OrderPlaced), typeof(OrderPaid));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case AdClicked click:
                SeenOnAddress(click.Ip, click.Account);
                OnClick(click);
                break;
            case ListingViewed view:
                SeenOnAddress(view.Ip, view.Account);
                OnView(view);
                break;
            case OrderPlaced order:
                SeenOnAddress(order.Ip, order.Buyer);
                _placed[order.Order] = (order.Buyer, order.Shop, order.Ts.UtcTicks);
                _placedOrder.Enqueue((order.Ts.UtcTicks, order.Order));
                break;
            case OrderPaid paid when _placed.Remove(paid.Order, out var placed):
                _paid[(placed.Shop, placed.Buyer)] = paid.Ts.UtcTicks;
                _paidOrder.Enqueue((paid.Ts.UtcTicks, placed.Shop, placed.Buyer));
                break;
            case AccountRegistered registered:
                SeenOnAddress(registered.Ip, registered.Account);
                _registered[registered.Account] = (registered.Device, registered.Ip, registered.Phone);
                if (_shopsByOwner.TryGetValue(registered.Account, out var ownedBefore))
                {
                    foreach (var shop in ownedBefore)
                    {
                        IndexOwner(shop, registered.Account, registered.Device, registered.Ip, registered.Phone);
                    }
                }

                break;
            case AccountLogin login:
                SeenOnAddress(login.Ip, login.Account);
                if (_shopsByOwner.TryGetValue(login.Account, out var owned))
                {
                    foreach (var shop in owned)
                    {
                        IndexOwner(shop, login.Account, login.Device, login.Ip, null);
                    }
                }

                break;
            case ShopOpened opened when opened.Owner is { } owner:
                if (!_shopsByOwner.TryGetValue(owner, out var shops))
                {
                    _shopsByOwner[owner] = shops = [];
                }

                if (!shops.Contains(opened.Shop))
                {
                    shops.Add(opened.Shop);
                }

                if (_registered.TryGetValue(owner, out var ids))
                {
                    IndexOwner(opened.Shop, owner, ids.Device, ids.Ip, ids.Phone);
                }

                break;
        }
    }

    public override void Sweep(DetectionContext context) => Advance(context.Now.UtcTicks, context);

    public override void Complete(DetectionContext context)
    {
        Advance(long.MaxValue, context);
        _clickers.Clear();
        _due.Clear();
        _awaitingView.Clear();
        _awaitingOrder.Clear();
        _clickersByDevice.Clear();
        _invalidDevices.Clear();
        _invalidDeviceOrder.Clear();
        _cases.Clear();
    }

    private void OnClick(AdClicked e)
    {
        var clicker = ClickerKey(e.Account, e.Device);
        if (e.Shop is not { } shop || clicker is null)
        {
            return;
        }

        var ticks = e.Ts.UtcTicks;
        if (!_clickers.TryGetValue((shop, clicker), out var state))
        {
            _clickers[(shop, clicker)] = state = new ClickerState(shop, clicker, e.Account);
        }

        var click = new Click(e.Click, e.Id, e.Listing, ticks, e.Ip, e.Device);
        state.Clicks.Enqueue(click);
        if (e.Device is { } device && state.Devices.Add(device))
        {
            if (!_clickersByDevice.TryGetValue(device, out var onDevice))
            {
                _clickersByDevice[device] = onDevice = [];
            }

            onDevice.Add(state);
        }

        state.LastTicks = Math.Max(state.LastTicks, ticks);
        state.Judged = false;
        state.Due = state.LastTicks + _settleTicks;
        _due.Enqueue(state, state.Due);

        if (e.Listing is { } listing)
        {
            if (!_awaitingView.TryGetValue((clicker, listing), out var waiting))
            {
                _awaitingView[(clicker, listing)] = waiting = [];
                _awaitingOrder.Enqueue((ticks, clicker, listing));
            }

            waiting.Add(click);
        }
    }

    // A view lands the latest click on its listing by the same clicker shortly before it (whatever page it says it came
    // from: a shopper who reads the listing right after the click was not drained).
    private void OnView(ListingViewed e)
    {
        if (ClickerKey(e.Account, e.Device) is not { } viewer || !_awaitingView.TryGetValue((viewer, e.Listing), out var waiting))
        {
            return;
        }

        var ticks = e.Ts.UtcTicks;
        Click? landed = null;
        foreach (var click in waiting)
        {
            if (ticks >= click.Ticks && ticks - click.Ticks <= _viewWaitTicks && (landed is null || click.Ticks >= landed.Ticks))
            {
                landed = click;
            }
        }

        if (landed is not null)
        {
            landed.DwellMs = Math.Max(landed.DwellMs ?? 0, e.DwellMs ?? long.MaxValue); // An unknown dwell is given the benefit of the doubt.
        }
    }

    private void Advance(long now, DetectionContext context)
    {
        while (_awaitingOrder.TryPeek(out var oldest) && (now == long.MaxValue || oldest.Ticks + _viewWaitTicks < now))
        {
            _awaitingOrder.Dequeue();
            if (_awaitingView.TryGetValue((oldest.Clicker, oldest.Listing), out var waiting))
            {
                waiting.RemoveAll(c => now == long.MaxValue || c.Ticks + _viewWaitTicks < now);
                if (waiting.Count == 0)
                {
                    _awaitingView.Remove((oldest.Clicker, oldest.Listing));
                }
                else
                {
                    _awaitingOrder.Enqueue((waiting[0].Ticks, oldest.Clicker, oldest.Listing));
                }
            }
        }

        var grown = new HashSet<VictimCase>();
        while (_due.TryPeek(out var state, out var due) && due <= now)
        {
            _due.Dequeue();
            if (due != state.Due || !_clickers.ContainsKey((state.Shop, state.Clicker)))
            {
                continue; // A later click moved the judgement, or the state is gone.
            }

            if (state.Judged && state.LastTicks + _windowTicks <= now)
            {
                // Past the window only clicks without dwell are worth keeping (a device link may still make them
                // invalid), and only within the lookback.
                if (state.LastTicks + _lookbackTicks <= now || !state.Clicks.Any(c => !c.Reported && NoDwell(c)))
                {
                    Forget(state);
                }
                else
                {
                    state.Due = state.LastTicks + _lookbackTicks;
                    _due.Enqueue(state, state.Due);
                }

                continue;
            }

            state.Judged = true;
            JudgeAndSpread(state, now, grown);
            state.Due = state.LastTicks + _windowTicks;
            _due.Enqueue(state, state.Due);
        }

        while (_invalidDeviceOrder.TryPeek(out var flagged) && (now == long.MaxValue || flagged.Ticks + _lookbackTicks < now))
        {
            _invalidDeviceOrder.Dequeue();
            if (_invalidDevices.TryGetValue(flagged.Device, out var last) && last == flagged.Ticks)
            {
                _invalidDevices.Remove(flagged.Device);
            }
        }

        while (_placedOrder.TryPeek(out var placed) && (now == long.MaxValue || placed.Ticks + _windowTicks < now))
        {
            _placedOrder.Dequeue();
            if (_placed.TryGetValue(placed.Order, out var p) && p.Ticks == placed.Ticks)
            {
                _placed.Remove(placed.Order);
            }
        }

        while (_paidOrder.TryPeek(out var paid) && (now == long.MaxValue || paid.Ticks + _lookbackTicks < now))
        {
            _paidOrder.Dequeue();
            if (_paid.TryGetValue((paid.Shop, paid.Buyer), out var last) && last == paid.Ticks)
            {
                _paid.Remove((paid.Shop, paid.Buyer));
            }
        }

        foreach (var victim in grown.OrderBy(c => c.Shop, StringComparer.Ordinal))
        {
            context.Report(ToFinding(victim));
        }

        foreach (var shop in _cases.Where(p => now == long.MaxValue || p.Value.LastTicks + _caseGapTicks < now).Select(p => p.Key).ToList())
        {
            _cases.Remove(shop);
        }
    }

    // Judges a clicker; when it turns out invalid, the clickers already judged on the devices it used are judged again.
    private void JudgeAndSpread(ClickerState first, long now, HashSet<VictimCase> grown)
    {
        var pending = _spreading; // reused: emptied by the loop below
        pending.Clear();
        pending.Enqueue(first);
        while (pending.TryDequeue(out var state))
        {
            if (Judge(state, now, out var newDevices) is not { } victim)
            {
                continue;
            }

            grown.Add(victim);
            foreach (var device in newDevices)
            {
                if (_clickersByDevice.TryGetValue(device, out var others))
                {
                    foreach (var other in others)
                    {
                        if (other != state && other.Judged)
                        {
                            pending.Enqueue(other);
                        }
                    }
                }
            }
        }
    }

    // Judges a clicker's clicks on one advertiser within the window ending at its latest click. When they are invalid,
    // its clicks without dwell not yet named (back to the lookback) join the advertiser's case.
    private VictimCase? Judge(ClickerState state, long now, out List<string> newDevices)
    {
        newDevices = NoDevices; // replaced by a list of its own when a device is added
        while (state.Clicks.TryPeek(out var old) && old.Ticks + _lookbackTicks < state.LastTicks)
        {
            state.Clicks.Dequeue();
        }

        var windowStart = state.LastTicks - _windowTicks;
        var inWindow = 0;
        var noDwell = 0;
        var linked = false;
        foreach (var click in state.Clicks)
        {
            if (click.Ticks < windowStart)
            {
                continue;
            }

            inWindow++;
            if (NoDwell(click))
            {
                noDwell++;
                linked |= click.Device is { } device && _invalidDevices.TryGetValue(device, out var flaggedAt)
                    && (now == long.MaxValue || flaggedAt + _lookbackTicks >= now);
            }
        }

        var needed = linked ? Math.Min(_options.MinLinkedClicks, _options.MinClicks) : _options.MinClicks;
        var converted = state.Account is { } account && _paid.ContainsKey((state.Shop, account));
        var invalid = !converted && noDwell >= needed && noDwell >= _options.MinNoDwellShare * inWindow;
        var fresh = invalid ? state.Clicks.Where(c => !c.Reported && NoDwell(c)).ToList() : [];
        if (fresh.Count == 0)
        {
            return null;
        }

        if (!_cases.TryGetValue(state.Shop, out var victim))
        {
            _cases[state.Shop] = victim = new VictimCase(state.Shop, fresh[0].Ticks);
        }

        if (!victim.Clicks.TryGetValue(state.Clicker, out var list))
        {
            victim.Clicks[state.Clicker] = list = [];
            victim.Accounts[state.Clicker] = state.Account;
        }

        if (noDwell < _options.MinClicks)
        {
            victim.ByDevice.Add(state.Clicker);
        }

        foreach (var click in fresh)
        {
            click.Reported = true;
            list.Add(click);
            victim.LastTicks = Math.Max(victim.LastTicks, click.Ticks);
            victim.FirstTicks = Math.Min(victim.FirstTicks, click.Ticks);
            foreach (var rival in Rivals(state, click))
            {
                victim.Rivals.Add(rival);
            }

            if (click.Device is { } device)
            {
                var known = _invalidDevices.TryGetValue(device, out var flaggedAt);
                if (!known || flaggedAt < click.Ticks)
                {
                    _invalidDevices[device] = click.Ticks;
                    _invalidDeviceOrder.Enqueue((click.Ticks, device));
                }

                if (!known && !newDevices.Contains(device))
                {
                    if (ReferenceEquals(newDevices, NoDevices))
                    {
                        newDevices = [];
                    }

                    newDevices.Add(device);
                }
            }
        }

        return victim;
    }

    private bool NoDwell(Click click) => click.DwellMs is null || click.DwellMs < _options.MaxDwellMs;

    private void Forget(ClickerState state)
    {
        _clickers.Remove((state.Shop, state.Clicker));
        foreach (var device in state.Devices)
        {
            if (_clickersByDevice.TryGetValue(device, out var onDevice) && onDevice.Remove(state) && onDevice.Count == 0)
            {
                _clickersByDevice.Remove(device);
            }
        }
    }

    // Other shops whose owner is the clicker, or shares the click's device, the clicker's phone, or a rarely shared
    // address with it.
    private SortedSet<string> Rivals(ClickerState state, Click click)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        if (state.Account is { } account)
        {
            if (_shopsByOwner.TryGetValue(account, out var owned))
            {
                found.UnionWith(owned);
            }

            if (_registered.TryGetValue(account, out var ids) && ids.Phone is { } phone && _shopsByPhone.TryGetValue(phone, out var byPhone))
            {
                found.UnionWith(byPhone);
            }
        }

        if (click.Device is { } device && _shopsByDevice.TryGetValue(device, out var byDevice))
        {
            found.UnionWith(byDevice);
        }

        if (click.Ip is { } ip && _shopsByIp.TryGetValue(ip, out var byIp)
            && _accountsByOwnerIp.TryGetValue(ip, out var seen) && seen.Count <= _options.MaxLinkIpAccounts)
        {
            found.UnionWith(byIp);
        }

        found.Remove(state.Shop);
        return found;
    }

    private void IndexOwner(string shop, string owner, string? device, string? ip, string? phone)
    {
        static void Put(Dictionary<string, HashSet<string>> index, string? key, string shop)
        {
            if (key is null)
            {
                return;
            }

            if (!index.TryGetValue(key, out var shops))
            {
                index[key] = shops = new HashSet<string>(StringComparer.Ordinal);
            }

            shops.Add(shop);
        }

        Put(_shopsByDevice, device, shop);
        Put(_shopsByIp, ip, shop);
        Put(_shopsByPhone, phone, shop);
        if (ip is not null && !_accountsByOwnerIp.ContainsKey(ip))
        {
            _accountsByOwnerIp[ip] = new HashSet<string>(StringComparer.Ordinal);
        }

        SeenOnAddress(ip, owner);
    }

    // Counts the accounts seen on a shop owner's address, up to one more than a rare address may have.
    private void SeenOnAddress(string? ip, string? account)
    {
        if (ip is not null && account is not null && _accountsByOwnerIp.TryGetValue(ip, out var seen) && seen.Count <= _options.MaxLinkIpAccounts)
        {
            seen.Add(account);
        }
    }

    // The account, else a guest's device. A guest known only by address is nobody in particular: behind a campus NAT or
    // a carrier gateway, many people share it, so such clicks are not judged.
    private static string? ClickerKey(string? account, string? device)
        => account ?? (device is not null ? "device:" + device : null);

    private Finding ToFinding(VictimCase victim)
    {
        var shop = new EntityRef(EntityTypes.Shop, victim.Shop);
        var from = new DateTimeOffset(victim.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(victim.LastTicks, TimeSpan.Zero);
        var clickers = victim.Clicks.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var all = clickers.SelectMany(p => p.Value).OrderBy(c => c.Ticks).ThenBy(c => c.ClickId, StringComparer.Ordinal).ToList();
        var unopened = all.Count(c => c.DwellMs is null);

        // Confidence grows with the number of invalid clicks: the weakest case (MinClicks from one clicker) scores 0.6,
        // a link to a competitor's owner adds to it.
        var score = 1 - (0.4 * Math.Sqrt((double)_options.MinClicks / Math.Max(_options.MinClicks, all.Count)));
        if (victim.Rivals.Count > 0)
        {
            score = Math.Min(1, score + 0.1);
        }

        var severity = all.Count >= 20 ? Severity.High : Severity.Medium;
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"Between {EvidenceText.Time(from)} and {EvidenceText.Time(to)}, {clickers.Count} clicker(s) clicked this shop's ads {all.Count} times without staying on the page ({unopened} never opened it, the rest left within {_options.MaxDwellMs / 1000.0:0.#} s) and paid for no order here."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{clickers.Count} 个点击者点击本店广告 {all.Count} 次却未在页面停留（{unopened} 次从未打开页面，其余在 {_options.MaxDwellMs / 1000.0:0.#} 秒内离开），且未在本店下单付款。"),
                Cap(all.Select(c => c.EventId)),
                new Dictionary<string, double>
                {
                    ["invalid_clicks"] = all.Count,
                    ["clickers"] = clickers.Count,
                    ["never_opened"] = unopened,
                    ["min_clicks"] = _options.MinClicks,
                    ["max_dwell_ms"] = _options.MaxDwellMs,
                    ["window_seconds"] = _options.WindowSeconds,
                }),
        };
        foreach (var (clicker, clicks) in clickers)
        {
            var ips = clicks.Select(c => c.Ip).OfType<string>().Distinct(StringComparer.Ordinal).Count();
            var devices = clicks.Select(c => c.Device).OfType<string>().Distinct(StringComparer.Ordinal).Count();
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"Clicker {clicker} made {clicks.Count} of these clicks from {ips} address(es) and {devices} device(s)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"点击者 {clicker} 从 {ips} 个网络地址、{devices} 台设备发起了其中 {clicks.Count} 次点击。"),
                Cap(clicks.Select(c => c.EventId)),
                new Dictionary<string, double> { ["clicks"] = clicks.Count, ["ips"] = ips, ["devices"] = devices }));
        }

        if (victim.ByDevice.Count > 0)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"{victim.ByDevice.Count} clicker(s) made fewer than {_options.MinClicks} such clicks but at least {_options.MinLinkedClicks}, from a device another invalid clicker used."),
                string.Create(CultureInfo.InvariantCulture,
                    $"另有 {victim.ByDevice.Count} 个点击者的此类点击少于 {_options.MinClicks} 次但不少于 {_options.MinLinkedClicks} 次，且使用了其他无效点击者用过的设备。"),
                [],
                new Dictionary<string, double> { ["device_linked_clickers"] = victim.ByDevice.Count, ["min_linked_clicks"] = _options.MinLinkedClicks }));
        }

        if (victim.Rivals.Count > 0)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture,
                    $"The clickers are linked to the owner of {string.Join(", ", victim.Rivals)}: the same account, device or phone, or an address used by at most {_options.MaxLinkIpAccounts} accounts."),
                string.Create(CultureInfo.InvariantCulture,
                    $"这些点击者与 {string.Join("、", victim.Rivals)} 的店主存在关联：同一账号、设备或手机号，或同一个最多被 {_options.MaxLinkIpAccounts} 个账号使用的网络地址。"),
                [],
                new Dictionary<string, double> { ["competitors"] = victim.Rivals.Count }));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, shop, new DateTimeOffset(victim.OpenedTicks, TimeSpan.Zero)),
            Pattern = Id.Value,
            Entity = shop,
            Role = EntityRole.Victim,
            Score = Math.Round(score, 4),
            Severity = severity,
            From = from,
            To = to,
            Related =
            [
                .. clickers.Select(p => victim.Accounts[p.Key]).OfType<string>().Distinct(StringComparer.Ordinal)
                    .Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor)),
                .. victim.Rivals.Select(s => new RelatedEntity(EntityTypes.Shop, s, EntityRole.Actor)),
                .. all.Select(c => new RelatedEntity(EntityTypes.Click, c.ClickId, EntityRole.Actor)),
            ],
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"one clicker, one advertiser, {_options.WindowSeconds / 3600.0:0.##} h: ≥ {_options.MinClicks} clicks (≥ {_options.MinLinkedClicks} from an invalid clicker's device) with no view or a view under {_options.MaxDwellMs} ms, ≥ {_options.MinNoDwellShare:P0} of its clicks there, and no paid order in the shop"),
        };
    }

    private List<string> Cap(IEnumerable<string> ids) => [.. ids.Take(_options.MaxEvidenceEvents)];


    private sealed class Click(string clickId, string eventId, string? listing, long ticks, string? ip, string? device)
    {
        public string ClickId { get; } = clickId;

        public string EventId { get; } = eventId;

        public string? Listing { get; } = listing;

        public long Ticks { get; } = ticks;

        public string? Ip { get; } = ip;

        public string? Device { get; } = device;

        /// <summary>Longest view of the listing by the clicker soon after the click; null when it never opened.</summary>
        public long? DwellMs { get; set; }

        public bool Reported { get; set; }
    }

    private sealed class ClickerState(string shop, string clicker, string? account)
    {
        public string Shop { get; } = shop;

        public string Clicker { get; } = clicker;

        public string? Account { get; } = account;

        public Queue<Click> Clicks { get; } = new();

        public HashSet<string> Devices { get; } = new(StringComparer.Ordinal);

        public long LastTicks { get; set; }

        public long Due { get; set; }

        public bool Judged { get; set; }
    }

    private sealed class VictimCase(string shop, long firstTicks)
    {
        public string Shop { get; } = shop;

        /// <summary>First invalid click known when the case opened: the finding's id, kept as the evidence grows.</summary>
        public long OpenedTicks { get; } = firstTicks;

        public long FirstTicks { get; set; } = firstTicks;

        public long LastTicks { get; set; } = firstTicks;

        public Dictionary<string, List<Click>> Clicks { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Accounts { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Rivals { get; } = new(StringComparer.Ordinal);

        /// <summary>Clickers named with fewer than the usual repeats because they clicked from an invalid clicker's device.</summary>
        public HashSet<string> ByDevice { get; } = new(StringComparer.Ordinal);
    }
}
