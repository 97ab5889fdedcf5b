using Clearwind.Events;

namespace Clearwind.Simulation.Labels;

/// <summary>
/// Collects labels while a marketplace is planned and generated. Account ids are given only after every account is
/// planned, so entity labels take the id late, as a function.
/// </summary>
internal sealed class LabelBook
{
    private readonly List<(string Family, string Pattern, string Type, Func<string> Id, string Role, string Scenario)> _entities = [];
    private readonly List<(string Scenario, string Type, Func<string> Id, string Resembles)> _hardNegatives = [];
    private readonly List<(string Pattern, string Type, Func<string> Id, string Scenario)> _victims = [];
    private readonly List<string> _fakeOrders = [];
    private readonly List<string> _maliciousOrders = [];
    private readonly List<string> _invalidClicks = [];
    private readonly List<string> _fakeReviews = [];

    /// <summary>A cheating entity; <paramref name="pattern"/> is a full pattern id (its family is the part before the dot).</summary>
    public void Entity(string pattern, string type, Func<string> id, string role, string scenario)
        => _entities.Add((pattern[..pattern.IndexOf('.', StringComparison.Ordinal)], pattern, type, id, role, scenario));

    /// <summary>The same entity under several patterns.</summary>
    public void Entity(IEnumerable<string> patterns, string type, Func<string> id, string role, string scenario)
    {
        foreach (var pattern in patterns)
        {
            Entity(pattern, type, id, role, scenario);
        }
    }

    public void HardNegative(string scenario, string type, Func<string> id, string resembles)
        => _hardNegatives.Add((scenario, type, id, resembles));

    public void Victim(string pattern, string type, Func<string> id, string scenario) => _victims.Add((pattern, type, id, scenario));

    public void FakeOrder(string order) => _fakeOrders.Add(order);

    public void MaliciousOrder(string order) => _maliciousOrders.Add(order);

    public void InvalidClick(string click) => _invalidClicks.Add(click);

    public void FakeReview(string review) => _fakeReviews.Add(review);

    /// <summary>
    /// The labels, deduplicated and sorted. An entity labelled both as a cheat and as a hard negative stays only a
    /// cheat: a look-alike label must never excuse real cheating.
    /// </summary>
    public MarketLabels Build(SyntheticMarketOptions options, IdRenumbering ids)
    {
        // Items (orders, reviews, clicks) were labelled with the ids they had when scheduled; the events carry final ids.
        string? FinalId(string type, string id) => type switch
        {
            EntityTypes.Order => ids.Order(id),
            EntityTypes.Review => ids.Review(id),
            EntityTypes.Click => ids.Click(id),
            _ => id,
        };

        var entities = _entities
            .Select(e => (Label: e, Id: FinalId(e.Type, e.Id())))
            .Where(e => e.Id is not null)
            .Select(e => new EntityLabel(e.Label.Family, e.Label.Pattern, e.Label.Type, e.Id!, e.Label.Role, e.Label.Scenario))
            .DistinctBy(e => (e.Pattern, e.Type, e.Id, e.Role))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var cheats = entities.Select(e => (e.Type, e.Id)).ToHashSet();
        var victims = _victims
            .Select(v => (Label: v, Id: FinalId(v.Type, v.Id())))
            .Where(v => v.Id is not null)
            .Select(v => new VictimLabel(v.Label.Pattern, v.Label.Type, v.Id!, v.Label.Scenario))
            .Distinct()
            .OrderBy(v => v.Pattern, StringComparer.Ordinal).ThenBy(v => v.Type, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
        var hardNegatives = _hardNegatives
            .Select(h => (Label: h, Id: FinalId(h.Type, h.Id())))
            .Where(h => h.Id is not null)
            .Select(h => new HardNegative(h.Label.Scenario, h.Label.Type, h.Id!, h.Label.Resembles))
            .Where(h => !cheats.Contains((h.Type, h.Id)))
            .Distinct()
            .OrderBy(h => h.Scenario, StringComparer.Ordinal).ThenBy(h => h.Type, StringComparer.Ordinal).ThenBy(h => h.Id, StringComparer.Ordinal)
            .ToList();
        return new MarketLabels
        {
            Seed = options.Seed,
            Scale = options.Scale,
            Days = options.Days,
            Start = options.Start,
            Entities = entities,
            Items = new ItemLabels(Final(_fakeOrders, ids.Order), Final(_maliciousOrders, ids.Order), Final(_invalidClicks, ids.Click), Final(_fakeReviews, ids.Review)),
            HardNegatives = hardNegatives,
            Victims = victims,
        };
    }

    /// <summary>Item ids as the events carry them; items scheduled but never released (after the run) are dropped.</summary>
    private static List<string> Final(List<string> scheduled, Func<string, string?> final)
        => [.. scheduled.Select(final).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
}
