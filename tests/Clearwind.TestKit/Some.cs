using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage;

namespace Clearwind.TestKit;

/// <summary>
/// Builders for test data with sensible defaults: name only what the test is about, e.g. <c>Some.OrderPlaced(shop: "s1")</c>.
/// Defaults are fixed values (no counters, no randomness), so the same call always builds the same data.
/// </summary>
public static class Some
{
    /// <summary>A fixed event time every default is based on: 11.11 2026, midnight in Shanghai.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 11, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>An <c>order.placed</c> event.</summary>
    public static OrderPlaced OrderPlaced(
        string id = "e1",
        string? order = null,
        string buyer = "b1",
        string shop = "s1",
        string? listing = "l1",
        DateTimeOffset? ts = null,
        decimal? amount = 99.5m,
        int? quantity = 1,
        string? ip = null,
        string? device = null)
        => new()
        {
            Id = id,
            Ts = ts ?? Epoch,
            Order = order ?? "o_" + id,
            Buyer = buyer,
            Shop = shop,
            Listing = listing,
            Amount = amount,
            Quantity = quantity,
            Ip = ip,
            Device = device,
        };

    /// <summary>An event as a store holds it; by default an <c>order.placed</c> with id <c>e{seq}</c>, <c>seq</c> minutes after <see cref="Epoch"/>.</summary>
    public static StoredEvent StoredEvent(long seq, string? id = null, DateTimeOffset? ts = null, string shop = "s1", string buyer = "b1")
        => StoredEvent(seq, OrderPlaced(id: id ?? $"e{seq}", ts: ts ?? Epoch.AddMinutes(seq), shop: shop, buyer: buyer));

    /// <summary>Any event as a store holds it (JSON written by <see cref="EventParser.ToUtf8Json"/>).</summary>
    public static StoredEvent StoredEvent(long seq, MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new StoredEvent(seq, e.Id, e.Type, e.Ts, EventParser.ToUtf8Json(e));
    }

    /// <summary><paramref name="count"/> stored events with seqs <paramref name="firstSeq"/>, <paramref name="firstSeq"/> + 1, …</summary>
    public static StoredEvent[] StoredEvents(int count, long firstSeq = 1, string shop = "s1")
    {
        var events = new StoredEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = StoredEvent(firstSeq + i, shop: shop, buyer: $"b{i % 50}");
        }

        return events;
    }

    /// <summary>A finding about a shop; its id is <see cref="Detection.Finding.MakeId"/> unless given.</summary>
    public static Finding Finding(
        string? id = null,
        string pattern = "order_brushing.concentration",
        string shop = "s1",
        double score = 0.9,
        Severity severity = Severity.Medium,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        string text = "3 orders from one buyer within 1 hour",
        string textZh = "同一买家在 1 小时内下了 3 笔订单",
        IReadOnlyList<string>? events = null,
        string rule = "at least 3 orders from one buyer in 1 hour")
    {
        var entity = new EntityRef(EntityTypes.Shop, shop);
        var start = from ?? Epoch;
        return new Finding
        {
            Id = id ?? Detection.Finding.MakeId(pattern, entity, start),
            Pattern = pattern,
            Entity = entity,
            Role = EntityRole.Beneficiary,
            Score = score,
            Severity = severity,
            From = start,
            To = to ?? start.AddHours(1),
            Related = [new RelatedEntity(EntityTypes.Account, "b1", EntityRole.Actor)],
            Evidence = [new Evidence(text, textZh, events ?? ["e1", "e2", "e3"], new Dictionary<string, double> { ["orders"] = 3, ["rate"] = 0.75 })],
            Rule = rule,
        };
    }

    /// <summary>A decision against a shop; its id is <c>d_{rule}_{shop}_{strike}</c> unless given.</summary>
    public static Decision Decision(
        string? id = null,
        string action = DecisionActions.Warn,
        string shop = "s1",
        string rule = "order_brushing.concentration",
        IReadOnlyList<string>? findings = null,
        int strike = 1,
        DateTimeOffset? effectiveAt = null,
        DateTimeOffset? expiresAt = null,
        DateTimeOffset? appealBy = null)
        => new()
        {
            Id = id ?? $"d_{rule}_{shop}_{strike}",
            Entity = new EntityRef(EntityTypes.Shop, shop),
            Action = action,
            Rule = rule,
            Findings = findings ?? ["f_1"],
            Strike = strike,
            EffectiveAt = effectiveAt ?? Epoch.AddHours(1),
            ExpiresAt = expiresAt,
            AppealBy = appealBy ?? Epoch.AddDays(7),
        };
}
