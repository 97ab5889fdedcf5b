using System.Text.Json.Serialization;
using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>What a detector observed (SPEC §8 <c>findings.ndjson</c>). A finding never decides a penalty.</summary>
public sealed record Finding
{
    /// <summary>Deterministic id: the same input always gives the same id.</summary>
    public required string Id { get; init; }

    /// <summary>Pattern id, e.g. <c>order_brushing.concentration</c>.</summary>
    public required string Pattern { get; init; }

    /// <summary>The entity the finding is about.</summary>
    public required EntityRef Entity { get; init; }

    /// <summary>The entity's role.</summary>
    public required EntityRole Role { get; init; }

    /// <summary>Confidence from 0 to 1.</summary>
    public required double Score { get; init; }

    /// <summary>Severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Start of the observed behaviour (event time).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the observed behaviour (event time).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Other entities involved, with their roles.</summary>
    public IReadOnlyList<RelatedEntity> Related { get; init; } = [];

    /// <summary>Evidence a seller can read.</summary>
    public required IReadOnlyList<Evidence> Evidence { get; init; }

    /// <summary>The rule that was applied, in words.</summary>
    public required string Rule { get; init; }

    /// <summary>
    /// When the entity stopped offending by itself (a listing edit that removed the offence), or null while it still
    /// offends. The policy ends a penalty then. Written as <c>cleared_at</c> only when set (beyond SPEC §8's fields).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ClearedAt { get; init; }

    /// <summary>Builds the deterministic id of a finding from its pattern, entity and start.</summary>
    public static string MakeId(string pattern, EntityRef entity, DateTimeOffset from)
        => "f_" + StableHash.Hex(pattern, entity.Type, entity.Id, from.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
