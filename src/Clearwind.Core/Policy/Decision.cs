using Clearwind.Events;

namespace Clearwind.Policy;

/// <summary>What the policy decided (SPEC §8 <c>decisions.ndjson</c>). Never edited: a reversal is a new record.</summary>
public sealed record Decision
{
    /// <summary>Deterministic id.</summary>
    public required string Id { get; init; }

    /// <summary>The entity acted on.</summary>
    public required EntityRef Entity { get; init; }

    /// <summary>The action (see <see cref="DecisionActions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>The policy rule applied (pattern id).</summary>
    public required string Rule { get; init; }

    /// <summary>Ids of the findings the decision rests on.</summary>
    public required IReadOnlyList<string> Findings { get; init; }

    /// <summary>Strike number against the entity (0 when the action is not a penalty).</summary>
    public required int Strike { get; init; }

    /// <summary>When it takes effect (event time).</summary>
    public required DateTimeOffset EffectiveAt { get; init; }

    /// <summary>When it lapses, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last moment to appeal, if the decision can be appealed.</summary>
    public DateTimeOffset? AppealBy { get; init; }
}
