using System.Text.Json.Serialization;
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

    /// <summary>
    /// For a <c>lift</c> record: the id of the earlier decision it reverses (beyond SPEC §8's fields: written as
    /// <c>reverses</c>, only when set).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reverses { get; init; }

    /// <summary>
    /// What the decision means for the seller, in English and Simplified Chinese, built from its findings' evidence
    /// (beyond SPEC §8's fields: written as <c>explanation: {"en", "zh_cn"}</c>, only when set).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DecisionExplanation? Explanation { get; init; }

    /// <summary>
    /// The <see cref="Hash"/> of the record before it in the log (64 zeros for the first), set by the log on append
    /// (beyond SPEC §8's fields: written as <c>prev_hash</c>, only when set). See <see cref="DecisionChain"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrevHash { get; init; }

    /// <summary>
    /// SHA-256 (lower-case hex) of the record's canonical form, <see cref="PrevHash"/> included, set by the log on
    /// append (beyond SPEC §8's fields: written as <c>hash</c>, only when set). See <see cref="DecisionChain"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Hash { get; init; }
}

/// <summary>A decision explained to the seller.</summary>
/// <param name="En">In English.</param>
/// <param name="ZhCn">In Simplified Chinese (written as <c>zh_cn</c>); English evidence is quoted, not translated.</param>
public sealed record DecisionExplanation(string En, string ZhCn);
