using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Evidence one detector lends to the findings of other patterns without knowing them: a seller's valid report that
/// an account brushes orders joins the evidence of any <c>order_brushing.*</c> finding naming that account. The
/// pipeline attaches it (see <see cref="DetectionPipeline"/>); it never changes a finding's score, role or entities,
/// so an accusation alone cannot make or strengthen a case.
/// </summary>
public sealed record Corroboration
{
    /// <summary>The entities it is about (e.g. a reported listing and its shop). A finding matches when one of them is its entity or a related party (not an item such as an order), in a role other than victim.</summary>
    public required IReadOnlyList<EntityRef> Entities { get; init; }

    /// <summary>Pattern ids, or families (the part before the dot) standing for every pattern of the family.</summary>
    public required IReadOnlyList<string> Patterns { get; init; }

    /// <summary>Start of the time a matching finding's behaviour (its from–to) must overlap.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of that time; the pipeline forgets the corroboration once event time passes it.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>The evidence appended to every matching finding.</summary>
    public required Evidence Evidence { get; init; }

    /// <summary>True when <paramref name="pattern"/> is one of <see cref="Patterns"/> or in one of their families.</summary>
    public bool Covers(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        foreach (var p in Patterns)
        {
            if (pattern == p || (pattern.Length > p.Length && pattern[p.Length] == '.' && pattern.StartsWith(p, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
