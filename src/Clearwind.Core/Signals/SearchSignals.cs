using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Signals;

/// <summary>
/// The search signals of SPEC §3 and §8: per listing its raw and clean sales, rank multiplier and duplicate group
/// (<c>listing_signals.csv</c>), and per shop a 0–100 health score (<c>shop_health.csv</c>). Computed once per scan from
/// the <see cref="SalesTally"/>, the current findings and the decision log, as of the scan's last event.
/// </summary>
public sealed class SearchSignals
{
    /// <summary>The pattern whose findings name duplicate groups.</summary>
    public const string DuplicatePattern = "listing.duplicate";

    private SearchSignals(IReadOnlyList<ListingSignal> listings, IReadOnlyList<ShopHealth> shops, DateTimeOffset? asOf)
        => (Listings, Shops, AsOf) = (listings, shops, asOf);

    /// <summary>No listings, no shops.</summary>
    public static SearchSignals Empty { get; } = new([], [], null);

    /// <summary>One row per listing seen, by listing id (ordinal).</summary>
    public IReadOnlyList<ListingSignal> Listings { get; }

    /// <summary>One row per shop seen, by shop id (ordinal).</summary>
    public IReadOnlyList<ShopHealth> Shops { get; }

    /// <summary>The moment decisions are judged in force at: the scan's last event time.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>Computes the signals.</summary>
    public static SearchSignals Compute(SalesTally tally, IReadOnlyList<Finding> findings, IReadOnlyList<Decision> decisions)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(decisions);
        var asOf = tally.LastEventTime;

        var findingsById = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            findingsById.TryAdd(f.Id, f);
        }

        // 炒一罚二's first half: the orders a void_orders decision rests on leave clean sales, once, whatever the expiry.
        var voided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in decisions.Where(d => d.Action == DecisionActions.VoidOrders))
        {
            foreach (var id in d.Findings)
            {
                if (!findingsById.TryGetValue(id, out var f))
                {
                    continue;
                }

                if (f.Entity.Type == EntityTypes.Order && f.Role == EntityRole.Actor)
                {
                    voided.Add(f.Entity.Id);
                }

                foreach (var r in f.Related)
                {
                    if (r.Type == EntityTypes.Order && r.Role == EntityRole.Actor)
                    {
                        voided.Add(r.Id);
                    }
                }
            }
        }

        var voidedByListing = new Dictionary<string, int>(StringComparer.Ordinal);
        var voidedByShop = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var order in voided)
        {
            if (tally.TryGetOrder(order, out var shop, out var listing, out var paid) && paid)
            {
                voidedByShop[shop] = voidedByShop.GetValueOrDefault(shop) + 1;
                if (listing is not null)
                {
                    voidedByListing[listing] = voidedByListing.GetValueOrDefault(listing) + 1;
                }
            }
        }

        var groups = DuplicateGroups(findings, asOf);

        // Punitive decisions in force at the end of the scan, by entity.
        var inForce = new Dictionary<(string Type, string Id), List<Decision>>();
        var strikes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in decisions)
        {
            if (!DecisionActions.IsPunitive(d.Action))
            {
                continue;
            }

            if (d.Entity.Type == EntityTypes.Shop)
            {
                strikes[d.Entity.Id] = Math.Max(strikes.GetValueOrDefault(d.Entity.Id), d.Strike);
            }

            if (d.ExpiresAt is { } expires && asOf is { } end && expires <= end)
            {
                continue;
            }

            var key = (d.Entity.Type, d.Entity.Id);
            if (!inForce.TryGetValue(key, out var list))
            {
                inForce[key] = list = [];
            }

            list.Add(d);
        }

        var listingRows = new List<ListingSignal>();
        var listingsByShop = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (listing, shop, paid) in tally.Listings.OrderBy(l => l.Listing, StringComparer.Ordinal))
        {
            var clean = Math.Max(0, paid - voidedByListing.GetValueOrDefault(listing));
            var representative = groups.GetValueOrDefault(listing);
            var multiplier = 1.0;
            foreach (var action in Actions(inForce, EntityTypes.Listing, listing))
            {
                // Folding hides a copy under its representative; the representative itself stays.
                if (action != DecisionActions.Fold || representative != listing)
                {
                    multiplier *= SignalFactors.Multiplier(action);
                }
            }

            foreach (var action in Actions(inForce, EntityTypes.Shop, shop))
            {
                if (action != DecisionActions.Fold)
                {
                    multiplier *= SignalFactors.Multiplier(action);
                }
            }

            listingRows.Add(new ListingSignal(listing, shop, paid, clean, Math.Round(multiplier, 4), representative, representative));
            if (!listingsByShop.TryGetValue(shop, out var owned))
            {
                listingsByShop[shop] = owned = [];
            }

            owned.Add(listing);
        }

        var shopIds = tally.ShopPaidOrders.Keys
            .Concat(decisions.Where(d => d.Entity.Type == EntityTypes.Shop).Select(d => d.Entity.Id))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var shopRows = new List<ShopHealth>();
        foreach (var shop in shopIds)
        {
            var raw = tally.ShopPaidOrders.GetValueOrDefault(shop);
            var fake = Math.Min(raw, voidedByShop.GetValueOrDefault(shop));
            shopRows.Add(Health(shop, raw, fake, strikes.GetValueOrDefault(shop), inForce, listingsByShop.GetValueOrDefault(shop) ?? []));
        }

        return new SearchSignals(listingRows, shopRows, asOf);
    }

    /// <summary>Listing → its group's representative, from the duplicate findings not cleared by the end of the scan.</summary>
    private static Dictionary<string, string> DuplicateGroups(IReadOnlyList<Finding> findings, DateTimeOffset? asOf)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = findings
            .Where(f => f.Pattern == DuplicatePattern && f.Entity.Type == EntityTypes.Listing && !(f.ClearedAt is { } cleared && (asOf is null || cleared <= asOf)))
            .OrderBy(f => f.To)
            .ThenBy(f => f.Id, StringComparer.Ordinal);
        foreach (var f in duplicates)
        {
            if (f.Related.FirstOrDefault(r => r.Type == EntityTypes.Listing) is { } representative)
            {
                groups[f.Entity.Id] = representative.Id;
                groups.TryAdd(representative.Id, representative.Id);
            }
        }

        return groups;
    }

    private static IEnumerable<string> Actions(Dictionary<(string, string), List<Decision>> inForce, string type, string id)
        => inForce.TryGetValue((type, id), out var list) ? list.Select(d => d.Action).Distinct(StringComparer.Ordinal) : [];

    private static ShopHealth Health(string shop, int raw, int fake, int strikes, Dictionary<(string, string), List<Decision>> inForce, List<string> listings)
    {
        var reasons = new List<string>();
        var reasonsZh = new List<string>();
        var deducted = 0;
        var share = raw > 0 ? (double)fake / raw : 0;
        if (fake > 0)
        {
            var points = Math.Max(1, (int)Math.Round(SignalFactors.FakeSharePoints * share, MidpointRounding.AwayFromZero));
            deducted += points;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{fake} of {raw} paid orders voided as fake ({share * 100:0}%): -{points}; reputation -{SignalFactors.ReputationPerFakeOrder * fake} (炒一罚二: twice the credit they earned)"));
            reasonsZh.Add(string.Create(CultureInfo.InvariantCulture, $"{raw} 笔已付款订单中有 {fake} 笔被判为虚假订单并作废（{share * 100:0}%）：扣 {points} 分；信誉扣 {SignalFactors.ReputationPerFakeOrder * fake} 分（炒一罚二：扣回所得信誉的两倍）"));
        }

        var open = 0;
        if (inForce.TryGetValue((EntityTypes.Shop, shop), out var shopDecisions))
        {
            open += shopDecisions.Count;
            foreach (var byAction in shopDecisions.GroupBy(d => d.Action, StringComparer.Ordinal).OrderByDescending(g => SignalFactors.ShopPoints(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var points = SignalFactors.ShopPoints(byAction.Key);
                deducted += points;
                var rules = string.Join(", ", byAction.Select(d => d.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                var until = byAction.Any(d => d.ExpiresAt is null) ? "" : " until " + byAction.Max(d => d.ExpiresAt!.Value).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"shop {byAction.Key} ({rules}){until}: -{points}"));
                var rulesZh = string.Join("、", byAction.Select(d => d.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => PatternNames.Chinese(r) ?? r).Distinct(StringComparer.Ordinal));
                var untilZh = byAction.Any(d => d.ExpiresAt is null) ? "" : "，至 " + byAction.Max(d => d.ExpiresAt!.Value).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                reasonsZh.Add(string.Create(CultureInfo.InvariantCulture, $"店铺{DecisionActions.Chinese(byAction.Key)}（依据：{rulesZh}{untilZh}）：扣 {points} 分"));
            }
        }

        var worstByListing = new List<string>();
        foreach (var listing in listings)
        {
            if (inForce.TryGetValue((EntityTypes.Listing, listing), out var listingDecisions))
            {
                open += listingDecisions.Count;
                worstByListing.Add(listingDecisions.Select(d => d.Action).OrderByDescending(SignalFactors.ListingPoints).ThenBy(a => a, StringComparer.Ordinal).First());
            }
        }

        var listingPoints = 0;
        var listingReasons = new List<string>();
        var listingReasonsZh = new List<string>();
        foreach (var group in worstByListing.GroupBy(a => a, StringComparer.Ordinal).OrderByDescending(g => SignalFactors.ListingPoints(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            listingPoints += SignalFactors.ListingPoints(group.Key) * group.Count();
            listingReasons.Add(string.Create(CultureInfo.InvariantCulture, $"{group.Count()} {group.Key}"));
            listingReasonsZh.Add(string.Create(CultureInfo.InvariantCulture, $"{DecisionActions.Chinese(group.Key)} {group.Count()} 个"));
        }

        if (listingPoints > 0)
        {
            listingPoints = Math.Min(listingPoints, SignalFactors.MaxListingPoints);
            deducted += listingPoints;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"listings penalised ({string.Join(", ", listingReasons)}): -{listingPoints}"));
            reasonsZh.Add(string.Create(CultureInfo.InvariantCulture, $"商品受到处罚（{string.Join("，", listingReasonsZh)}）：扣 {listingPoints} 分"));
        }

        if (strikes > 0)
        {
            var points = Math.Min(SignalFactors.MaxStrikePoints, SignalFactors.StrikePoints * strikes);
            deducted += points;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{strikes} strike(s) on record: -{points}"));
            reasonsZh.Add(string.Create(CultureInfo.InvariantCulture, $"累计 {strikes} 次处罚记录：扣 {points} 分"));
        }

        var health = Math.Clamp(100 - deducted, 0, 100);
        return new ShopHealth(shop, health, raw, raw - fake, Math.Round(share, 4), SignalFactors.ReputationPerFakeOrder * fake, open, strikes,
            reasons.Count == 0 ? "no deductions" : string.Join("; ", reasons),
            reasonsZh.Count == 0 ? "无扣分" : string.Join("；", reasonsZh));
    }
}
